from datetime import date

import pytest

from opvangregie.core.errors import ValidationError
from opvangregie.core.lifecycle import LocationStatus as S
from opvangregie.core.lifecycle import Transition, check_transition, status_on

HISTORY = [Transition(S.DECIDED, date(2022, 1, 1)), Transition(S.IN_USE, date(2022, 5, 1))]


def test_status_on_takes_the_latest_transition_on_or_before_the_date() -> None:
    assert status_on(HISTORY, date(2021, 12, 31)) is None
    assert status_on(HISTORY, date(2022, 1, 1)) is S.DECIDED
    assert status_on(HISTORY, date(2022, 4, 30)) is S.DECIDED
    assert status_on(HISTORY, date(2022, 5, 1)) is S.IN_USE


def test_of_two_transitions_on_one_day_the_one_recorded_last_counts() -> None:
    # Decided and taken into use on 1 May 2022 (recorded in that order): in use that day.
    same_day = [Transition(S.DECIDED, date(2022, 5, 1)), Transition(S.IN_USE, date(2022, 5, 1))]
    assert status_on(same_day, date(2022, 5, 1)) is S.IN_USE
    # The next transition is checked against "in use", not against "decided".
    check_transition(same_day, Transition(S.OUT_OF_USE, date(2022, 6, 1), "sloop"))
    with pytest.raises(ValidationError, match="geen toegestane overgang"):
        check_transition(same_day, Transition(S.PERMIT, date(2022, 6, 1)))


def test_out_of_use_needs_a_reason() -> None:
    with pytest.raises(ValidationError, match="reden"):
        check_transition(HISTORY, Transition(S.OUT_OF_USE, date(2025, 10, 27)))
    check_transition(HISTORY, Transition(S.OUT_OF_USE, date(2025, 10, 27), "sloop"))


def test_transition_may_not_predate_the_last_one() -> None:
    with pytest.raises(ValidationError, match="vóór"):
        check_transition(HISTORY, Transition(S.OUT_OF_USE, date(2022, 4, 1), "sloop"))


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        (S.PLANNED, S.DECIDED, True),
        (S.PLANNED, S.IN_USE, False),
        (S.IN_USE, S.PLANNED, False),
        (S.OUT_OF_USE, S.IN_USE, True),
        (S.CLOSED, S.IN_USE, False),
        (S.UNDER_CONSTRUCTION, S.IN_USE, True),
    ],
)
def test_allowed_transitions(current: S, new: S, allowed: bool) -> None:
    history = [Transition(current, date(2024, 1, 1))]
    attempt = Transition(new, date(2024, 2, 1), "reden")
    if allowed:
        check_transition(history, attempt)
    else:
        with pytest.raises(ValidationError, match="geen toegestane overgang"):
            check_transition(history, attempt)


def test_only_in_use_counts_places() -> None:
    assert [s for s in S if s.counts_places] == [S.IN_USE]


def test_a_refused_transition_names_the_stages_in_dutch() -> None:
    history = [Transition(S.IN_USE, date(2025, 1, 1), "")]
    with pytest.raises(ValidationError) as refused:
        check_transition(history, Transition(S.PLANNED, date(2025, 2, 1), ""))
    assert refused.value.message == "Van 'in gebruik' naar 'gepland' is geen toegestane overgang."


# Every pair of stages, written out from the lifecycle (planned → decided → permit → under construction →
# in use → out of use → closed; a permit or construction may be skipped, a location out of use can be used
# or rebuilt again, and every stage but closed can end in closure). "x" allowed, "." refused.
MATRIX = """
                    planned decided permit under_construction in_use out_of_use closed
planned             .       x       .      .                  .      .          x
decided             .       .       x      x                  x      .          x
permit              .       .       .      x                  x      .          x
under_construction  .       .       .      .                  x      .          x
in_use              .       .       .      .                  .      x          x
out_of_use          .       .       .      x                  x      .          x
closed              .       .       .      .                  .      .          .
"""


def _pairs() -> list[tuple[S, S, bool]]:
    header, *rows = [line.split() for line in MATRIX.strip().splitlines()]
    return [(S(row[0]), S(to), mark == "x") for row in rows for to, mark in zip(header, row[1:], strict=True)]


@pytest.mark.parametrize(("current", "new", "allowed"), _pairs())
def test_every_transition_allowed_or_refused(current: S, new: S, allowed: bool) -> None:
    history = [Transition(current, date(2024, 1, 1))]
    attempt = Transition(new, date(2024, 2, 1), "reden")
    if allowed:
        check_transition(history, attempt)
    else:
        with pytest.raises(ValidationError, match="geen toegestane overgang") as refused:
            check_transition(history, attempt)
        assert refused.value.details == {"from": current.value, "to": new.value}


def test_the_matrix_covers_all_49_pairs() -> None:
    assert len({(current, new) for current, new, _ in _pairs()}) == 49


def test_a_transition_on_the_same_day_as_the_last_is_allowed() -> None:
    check_transition(HISTORY, Transition(S.OUT_OF_USE, date(2022, 5, 1), "sloop"))
    with pytest.raises(ValidationError, match="vóór"):
        check_transition(HISTORY, Transition(S.OUT_OF_USE, date(2022, 4, 30), "sloop"))


@pytest.mark.parametrize("status", list(S))
def test_the_first_status_may_be_any(status: S) -> None:
    check_transition([], Transition(status, date(2024, 1, 1), "reden"))


def test_a_blank_reason_is_no_reason_and_only_out_of_use_needs_one() -> None:
    with pytest.raises(ValidationError, match="reden"):
        check_transition([], Transition(S.OUT_OF_USE, date(2025, 1, 1), "   "))
    check_transition(HISTORY, Transition(S.CLOSED, date(2025, 1, 1), ""))


def test_history_out_of_order_is_read_by_date() -> None:
    history = [Transition(S.IN_USE, date(2022, 5, 1)), Transition(S.DECIDED, date(2022, 1, 1))]
    assert status_on(history, date(2022, 6, 1)) is S.IN_USE
    assert status_on(history, date(2022, 2, 1)) is S.DECIDED
    check_transition(history, Transition(S.OUT_OF_USE, date(2022, 6, 1), "sloop"))
    with pytest.raises(ValidationError, match="geen toegestane overgang"):
        check_transition(history, Transition(S.PERMIT, date(2022, 6, 1)))


def test_dutch_labels_of_every_stage() -> None:
    assert {status: status.label_nl for status in S} == {
        S.PLANNED: "gepland",
        S.DECIDED: "besloten",
        S.PERMIT: "vergunning",
        S.UNDER_CONSTRUCTION: "in aanbouw",
        S.IN_USE: "in gebruik",
        S.OUT_OF_USE: "buiten gebruik",
        S.CLOSED: "gesloten",
    }
