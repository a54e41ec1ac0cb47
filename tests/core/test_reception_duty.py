"""The 72-hour clock of the duty of result (core.reception_duty)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from opvangregie.core.reception_duty import ClockState, StepKind, clock

RECEIVED = datetime(2025, 11, 3, 9, 0, tzinfo=UTC)


def test_running_until_72_hours_then_overdue() -> None:
    running = clock(RECEIVED, [], RECEIVED + timedelta(hours=70))
    assert running.state is ClockState.RUNNING
    assert running.hours_left == 2.0
    overdue = clock(RECEIVED, [], RECEIVED + timedelta(hours=72, minutes=1))
    assert overdue.is_overdue
    assert overdue.deadline == RECEIVED + timedelta(hours=72)


def test_escalations_do_not_stop_the_clock() -> None:
    steps = [
        (StepKind.ESCALATED_RCVS, RECEIVED + timedelta(hours=2)),
        (StepKind.ESCALATED_LCVS, RECEIVED + timedelta(hours=30)),
    ]
    assert clock(RECEIVED, steps, RECEIVED + timedelta(days=4)).is_overdue


def test_an_offer_in_time_stops_the_clock() -> None:
    steps = [(StepKind.ESCALATED_RCVS, RECEIVED), (StepKind.OFFER_HOTEL, RECEIVED + timedelta(hours=48))]
    result = clock(RECEIVED, steps, RECEIVED + timedelta(days=30))
    assert result.state is ClockState.OFFERED_IN_TIME
    assert result.first_offer_at == RECEIVED + timedelta(hours=48)
    assert result.hours_left == 24.0


def test_a_late_offer_is_recorded_as_late() -> None:
    steps = [(StepKind.OFFER_MONEY, RECEIVED + timedelta(hours=80))]
    assert clock(RECEIVED, steps, RECEIVED + timedelta(hours=90)).state is ClockState.OFFERED_LATE


def test_steps_after_now_are_ignored() -> None:
    steps = [(StepKind.PLACED, RECEIVED + timedelta(hours=10))]
    assert clock(RECEIVED, steps, RECEIVED + timedelta(hours=5)).state is ClockState.RUNNING


OFFERS = [
    StepKind.PLACED,
    StepKind.OFFER_OTHER_MUNICIPALITY,
    StepKind.OFFER_HOTEL,
    StepKind.OFFER_PRIVATE,
    StepKind.OFFER_MONEY,
]
NOT_OFFERS = [StepKind.ESCALATED_RCVS, StepKind.ESCALATED_LCVS, StepKind.NOTE]


def test_every_step_kind_is_an_offer_or_not() -> None:
    # RooO art. 3: a place, another municipality, a hotel, private reception or money are offers;
    # escalations and notes are not.
    assert {kind for kind in StepKind if kind.is_offer} == set(OFFERS)
    assert set(OFFERS) | set(NOT_OFFERS) == set(StepKind)


@pytest.mark.parametrize("kind", OFFERS)
def test_each_offer_kind_stops_the_clock(kind: StepKind) -> None:
    result = clock(RECEIVED, [(kind, RECEIVED + timedelta(hours=50))], RECEIVED + timedelta(hours=100))
    assert result.state is ClockState.OFFERED_IN_TIME
    assert result.first_offer_at == RECEIVED + timedelta(hours=50)
    assert not result.is_overdue


@pytest.mark.parametrize("kind", NOT_OFFERS)
def test_no_other_step_stops_the_clock(kind: StepKind) -> None:
    result = clock(RECEIVED, [(kind, RECEIVED + timedelta(hours=50))], RECEIVED + timedelta(hours=100))
    assert result.state is ClockState.OVERDUE
    assert result.first_offer_at is None
    assert result.hours_left == -28.0


def test_an_offer_at_exactly_72_hours_is_in_time() -> None:
    at = RECEIVED + timedelta(hours=72)
    result = clock(RECEIVED, [(StepKind.OFFER_HOTEL, at)], at)
    assert result.state is ClockState.OFFERED_IN_TIME
    assert result.hours_left == 0.0
    late = clock(RECEIVED, [(StepKind.OFFER_HOTEL, at + timedelta(minutes=30))], at + timedelta(hours=1))
    assert late.state is ClockState.OFFERED_LATE
    assert late.hours_left == -0.5


def test_at_exactly_72_hours_without_an_offer_the_clock_still_runs() -> None:
    deadline = RECEIVED + timedelta(hours=72)
    at_deadline = clock(RECEIVED, [], deadline)
    assert at_deadline.state is ClockState.RUNNING
    assert at_deadline.hours_left == 0.0
    assert not at_deadline.is_overdue
    assert clock(RECEIVED, [], deadline + timedelta(seconds=1)).state is ClockState.OVERDUE


def test_the_first_of_two_offers_counts() -> None:
    steps = [
        (StepKind.OFFER_MONEY, RECEIVED + timedelta(hours=80)),
        (StepKind.OFFER_HOTEL, RECEIVED + timedelta(hours=10)),
    ]
    result = clock(RECEIVED, steps, RECEIVED + timedelta(hours=90))
    assert result.first_offer_at == RECEIVED + timedelta(hours=10)
    assert result.state is ClockState.OFFERED_IN_TIME
    assert result.hours_left == 62.0


def test_an_offer_made_at_the_moment_asked_counts() -> None:
    at = RECEIVED + timedelta(hours=10)
    assert clock(RECEIVED, [(StepKind.PLACED, at)], at).state is ClockState.OFFERED_IN_TIME


def test_hours_left_while_running() -> None:
    result = clock(RECEIVED, [], RECEIVED + timedelta(hours=30, minutes=30))
    assert result.received_at == RECEIVED
    assert result.deadline == datetime(2025, 11, 6, 9, 0, tzinfo=UTC)
    assert result.hours_left == 41.5
    assert clock(RECEIVED, [], RECEIVED + timedelta(hours=75)).hours_left == -3.0


def test_hours_left_to_a_tenth_of_an_hour_however_far_off() -> None:
    assert clock(RECEIVED, [], RECEIVED + timedelta(hours=30, minutes=15)).hours_left == 41.8  # 41.75
    assert clock(RECEIVED, [], RECEIVED + timedelta(hours=400)).hours_left == -328.0
    very_late = [(StepKind.OFFER_PRIVATE, RECEIVED + timedelta(hours=400))]
    assert clock(RECEIVED, very_late, RECEIVED + timedelta(hours=500)).hours_left == -328.0
