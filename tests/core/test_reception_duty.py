"""The 72-hour clock of the duty of result (core.reception_duty)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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
