"""The rules of agreement conditions (core.agreements): worked examples, boundaries and a day-by-day reference."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opvangregie.core.agenda import notice_period_end
from opvangregie.core.agreements import (
    MAX_AGE,
    MAX_MONTHS,
    MAX_QUANTITY,
    MAX_WEEKS,
    MAX_YEARS,
    Dated,
    Verdict,
    check_ages,
    check_maximum,
    first_met,
    in_force,
    notice_deadline,
    target_group_change_date,
)

START = date(2026, 1, 1)


def reference_first_met(counts: list[Dated], minimum: int, weeks: int, until: date) -> date | None:
    """Plain day by day: the value in force each day, a streak of days at or above ``minimum``."""
    by_day = {count.on: count.value for count in counts}
    if not by_day:
        return None
    day, value, streak = min(by_day), None, 0
    while day <= until:
        value = by_day.get(day, value)
        streak = streak + 1 if value is not None and value >= minimum else 0
        if streak >= 7 * weeks:
            return day
        day += timedelta(days=1)
    return None


# --- the evaluation window: worked examples and boundaries ----------------------------------------------------


def test_exactly_n_for_exactly_w_weeks_is_met_on_the_last_day() -> None:
    counts = [Dated(START, 14)]
    assert first_met(counts, minimum=14, weeks=8) == START + timedelta(days=55)


def test_one_below_n_is_never_met() -> None:
    assert first_met([Dated(START, 13)], minimum=14, weeks=8) is None


def test_a_dip_one_day_before_the_end_restarts_the_window() -> None:
    dip = START + timedelta(days=54)
    counts = [Dated(START, 16), Dated(dip, 13), Dated(dip + timedelta(days=1), 14)]
    assert first_met(counts, minimum=14, weeks=8) == dip + timedelta(days=56)


def test_w_weeks_minus_one_day_is_not_enough() -> None:
    counts = [Dated(START, 15), Dated(START + timedelta(days=55), 2)]
    assert first_met(counts, minimum=14, weeks=8) is None
    counts = [Dated(START, 15), Dated(START + timedelta(days=56), 2)]
    assert first_met(counts, minimum=14, weeks=8) == START + timedelta(days=55)


def test_until_cuts_off_what_is_not_yet_known() -> None:
    counts = [Dated(START, 14)]
    assert first_met(counts, minimum=14, weeks=8, until=START + timedelta(days=54)) is None
    assert first_met(counts, minimum=14, weeks=8, until=START + timedelta(days=55)) == START + timedelta(days=55)


def test_no_counts_and_days_before_the_first_count_never_meet() -> None:
    assert first_met([], minimum=0, weeks=1) is None
    assert first_met([Dated(START, 20)], minimum=0, weeks=1) == START + timedelta(days=6)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="minimum"):
        first_met([Dated(START, 1)], minimum=-1, weeks=1)
    assert first_met([Dated(START, 0)], minimum=0, weeks=1) == START + timedelta(days=6)
    with pytest.raises(ValueError, match="weeks"):
        first_met([Dated(START, 1)], minimum=1, weeks=0)
    with pytest.raises(ValueError, match="two counts"):
        first_met([Dated(START, 1), Dated(START, 2)], minimum=1, weeks=1)


counts_strategy = st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 20)), max_size=12, unique_by=lambda pair: pair[0]
).map(lambda pairs: [Dated(START + timedelta(days=offset), value) for offset, value in pairs])


@given(counts=counts_strategy, minimum=st.integers(0, 20), weeks=st.integers(1, 6), horizon=st.integers(0, 300))
def test_first_met_agrees_with_the_day_by_day_reference(
    counts: list[Dated], minimum: int, weeks: int, horizon: int
) -> None:
    until = START + timedelta(days=horizon)
    assert first_met(counts, minimum=minimum, weeks=weeks, until=until) == reference_first_met(
        counts, minimum, weeks, until
    )


@given(counts=counts_strategy, minimum=st.integers(0, 20), weeks=st.integers(1, 6))
def test_when_met_every_day_of_the_window_holds_at_least_n(counts: list[Dated], minimum: int, weeks: int) -> None:
    met = first_met(counts, minimum=minimum, weeks=weeks)
    if met is None:
        return
    pairs = [(count.on, count.value) for count in counts]
    for back in range(7 * weeks):
        value = in_force(pairs, met - timedelta(days=back))
        assert value is not None
        assert value >= minimum


# --- maxima, ages, target group change, notice ----------------------------------------------------------------


def test_maximum_of_16_places() -> None:
    on = date(2025, 11, 11)
    assert check_maximum(limit=16, actual=16, on=on).verdict is Verdict.WITHIN
    assert check_maximum(limit=16, actual=17, on=on).verdict is Verdict.BROKEN
    assert check_maximum(limit=16, actual=None, on=on).verdict is Verdict.UNKNOWN


def test_age_range_needs_ages() -> None:
    assert check_ages(minimum=13, maximum=15, ages=None).verdict is Verdict.UNKNOWN
    assert check_ages(minimum=13, maximum=15, ages=[13, 15]).verdict is Verdict.WITHIN
    check = check_ages(minimum=13, maximum=15, ages=[12, 14, 16])
    assert check.verdict is Verdict.BROKEN
    assert check.outside == (12, 16)
    with pytest.raises(ValueError, match="minimum age"):
        check_ages(minimum=15, maximum=13, ages=None)


def test_princehof_changes_target_group_after_five_years() -> None:
    assert target_group_change_date(date(2027, 6, 1), 5) == date(2032, 6, 1)
    assert target_group_change_date(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_three_months_notice_before_a_change() -> None:
    assert notice_deadline(date(2026, 7, 1), 3) == date(2026, 4, 1)
    assert notice_deadline(date(2026, 5, 31), 3) == date(2026, 2, 28)


@given(change=st.dates(date(2000, 1, 1), date(2060, 12, 31)), months=st.integers(1, 24))
def test_notice_deadline_is_the_last_day_whose_period_ends_by_the_change(change: date, months: int) -> None:
    deadline = notice_deadline(change, months)
    assert notice_period_end(deadline, months) <= change
    assert notice_period_end(deadline + timedelta(days=1), months) > change


def test_in_force_takes_the_latest_on_or_before() -> None:
    items = [(date(2024, 6, 1), "13-14"), (date(2025, 11, 1), "13-15")]
    assert in_force(items, date(2024, 5, 31)) is None
    assert in_force(items, date(2025, 10, 31)) == "13-14"
    assert in_force(items, date(2025, 11, 1)) == "13-15"


def test_notice_required_on_the_agenda() -> None:
    from opvangregie.core.agenda import AgendaKind, NoticeRequired, Subject, SubjectKind, agenda

    subject = Subject(SubjectKind.LOCATION, 1, "Princehof")
    (item,) = agenda(today=date(2031, 1, 1), notices_required=[NoticeRequired(subject, date(2032, 6, 1), 3)])
    assert (item.kind, item.day, item.is_expected) == (AgendaKind.NOTICE_DEADLINE, date(2032, 3, 1), True)
    assert "Princehof" in item.title


def test_the_edges_of_the_conditions() -> None:
    """A maximum of 0 is a condition (no one); an age range of one age; one end of the range open; "after 1
    year" is the shortest change."""
    on = date(2025, 11, 11)
    assert check_maximum(limit=0, actual=0, on=on).verdict is Verdict.WITHIN
    assert check_maximum(limit=0, actual=1, on=on).verdict is Verdict.BROKEN
    with pytest.raises(ValueError, match="limit"):
        check_maximum(limit=-1, actual=0, on=on)
    assert check_ages(minimum=16, maximum=16, ages=[16]).verdict is Verdict.WITHIN
    assert check_ages(minimum=15, maximum=None, ages=[15, 40]).verdict is Verdict.WITHIN
    assert check_ages(minimum=None, maximum=17, ages=[0, 17]).verdict is Verdict.WITHIN
    assert check_ages(minimum=None, maximum=17, ages=[18]).outside == (18,)
    with pytest.raises(ValueError, match="a minimum or a maximum"):
        check_ages(minimum=None, maximum=None, ages=[16])
    assert target_group_change_date(date(2027, 6, 1), 1) == date(2028, 6, 1)
    with pytest.raises(ValueError, match="years"):
        target_group_change_date(date(2027, 6, 1), 0)


def test_of_two_items_on_one_date_the_later_one_is_in_force() -> None:
    """A correction entered for the same date replaces the earlier entry."""
    items = [(date(2025, 11, 1), "13-15"), (date(2025, 11, 1), "13-16")]
    assert in_force(items, date(2025, 11, 1)) == "13-16"


def test_the_register_limits() -> None:
    """Places or persons up to 10,000 (as a location's capacity), windows up to 520 weeks (ten years),
    target-group changes after up to 50 years, notice up to 120 months, ages up to 120."""
    assert (MAX_QUANTITY, MAX_WEEKS, MAX_YEARS, MAX_MONTHS, MAX_AGE) == (10_000, 520, 50, 120, 120)
