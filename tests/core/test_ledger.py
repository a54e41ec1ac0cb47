"""core.ledger and core.periods: carry-over of backlog and surplus, the mid-period view, the ladder."""

from __future__ import annotations

import itertools
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opvangregie.core.errors import ValidationError
from opvangregie.core.ledger import (
    LedgerLine,
    PaceStatus,
    PeriodFigures,
    StatusTally,
    expected_to_date,
    ledger,
    period_status,
    periods_behind_in_a_row,
    progress,
    status_on,
)
from opvangregie.core.periods import HalfYear
from opvangregie.core.supervision import DEFAULT_LADDER, ladder_stage

H1, H2 = HalfYear(2025, 1), HalfYear(2025, 2)


def test_heemstede_2025_as_in_the_council_letter() -> None:
    lines = ledger([PeriodFigures(H2, 21, 18), PeriodFigures(H1, 22, 21)], opening_balance=-7)
    assert [
        (str(line.period), line.quota, line.backlog_in, line.demand, line.realised, -line.balance) for line in lines
    ] == [
        ("2025-H1", 22, 7, 29, 21, 8),
        ("2025-H2", 21, 8, 29, 18, 11),
    ]


def test_a_surplus_is_subtracted_from_the_next_half_year() -> None:
    """Het Hogeland: 2022-II 37 + 14 backlog = 51, 55 housed: surplus 4; 2023-I 58 becomes 54."""
    lines = ledger(
        [PeriodFigures(HalfYear(2022, 2), 37, 55), PeriodFigures(HalfYear(2023, 1), 58, 0)], opening_balance=-14
    )
    assert (lines[0].demand, lines[0].balance) == (51, 4)
    assert (lines[1].carried_in, lines[1].demand) == (4, 54)
    assert period_status(lines[0]) is PaceStatus.AHEAD


@settings(max_examples=200, deadline=None)
@given(
    opening=st.integers(min_value=-500, max_value=500),
    figures=st.lists(
        st.tuples(st.integers(min_value=0, max_value=1_000), st.integers(min_value=0, max_value=1_000)),
        min_size=1,
        max_size=12,
    ),
)
def test_balance_is_conserved_over_any_sequence_of_periods(opening, figures) -> None:
    period = HalfYear(2019, 1)
    items = []
    for quota, realised in figures:
        items.append(PeriodFigures(period, quota, realised))
        period = period.next()
    lines = ledger(reversed(items), opening_balance=opening)
    assert lines[-1].balance == opening + sum(r for _, r in figures) - sum(q for q, _ in figures)
    for before, after in itertools.pairwise(lines):
        assert after.carried_in == before.balance
        assert after.period == before.period.next()


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([PeriodFigures(H1, 1, 1), PeriodFigures(H1, 2, 2)], "twee keer"),
        ([PeriodFigures(H1, 1, 1), PeriodFigures(HalfYear(2026, 1), 2, 2)], "ontbreken"),
        ([PeriodFigures(H1, -1, 1)], "negatief"),
    ],
)
def test_gaps_duplicates_and_negatives_are_refused(items, message) -> None:
    with pytest.raises(ValidationError, match=message):
        ledger(items)


def test_mid_period_view_of_heemstede_on_4_november_2025() -> None:
    line = ledger([PeriodFigures(H2, 21, 18)], opening_balance=-8)[0]
    view = progress(line, on=date(2025, 11, 4), planned=5)
    assert H2.months_completed(date(2025, 11, 4)) == 4
    assert view.expected_to_date == pytest.approx(29 * 4 / 6)
    assert view.status is PaceStatus.BEHIND
    assert view.still_to_find == 6  # "vóór 1 januari 2026 nog voor 6 personen huisvesting vinden"
    # 18 in 127 days -> 26.1 by 31 December: about 3 short
    assert view.projected_shortfall == 29 - int(view.projected) == 3


def test_consecutive_periods_behind_and_the_ladder() -> None:
    lines = ledger(
        [PeriodFigures(HalfYear(2024, 1), 10, 12), PeriodFigures(HalfYear(2024, 2), 10, 5), PeriodFigures(H1, 10, 14)]
    )
    assert [line.balance for line in lines] == [2, -3, 1]
    assert periods_behind_in_a_row(lines) == 0
    assert periods_behind_in_a_row(lines[:2]) == 1
    assert ladder_stage(0) is None
    assert ladder_stage(4).number == 4
    assert ladder_stage(9) == DEFAULT_LADDER[-1]


def test_an_opening_backlog_is_a_half_year_behind() -> None:
    """Heemstede carried 7 behind from 2024 into 2025-H1 and ended it 8 behind: 2 half-years in a row."""
    lines = ledger([PeriodFigures(H1, 22, 21), PeriodFigures(H2, 21, 18)], opening_balance=-7)
    assert periods_behind_in_a_row(lines[:1], opening_balance=-7) == 2
    assert periods_behind_in_a_row(lines, opening_balance=-7) == 3
    assert periods_behind_in_a_row([], opening_balance=-7) == 1  # during 2025-H1: 2024-H2 ended behind
    assert periods_behind_in_a_row(lines[:1], opening_balance=0) == 1
    assert periods_behind_in_a_row([], opening_balance=5) == 0
    met = ledger([PeriodFigures(H1, 22, 29), PeriodFigures(H2, 21, 18)], opening_balance=-7)
    assert periods_behind_in_a_row(met, opening_balance=-7) == 1  # a met half-year ends the run


def test_a_half_year_without_a_quota_has_no_data_and_ends_the_run() -> None:
    lines = ledger(
        [PeriodFigures(HalfYear(2024, 2), 10, 0), PeriodFigures(H1, 0, 0, known=False), PeriodFigures(H2, 10, 3)],
        opening_balance=-4,
    )
    assert lines[1].balance == -14  # the backlog still carries through
    assert period_status(lines[1]) is PaceStatus.NO_DATA
    assert status_on(lines[1], on=date(2025, 12, 31)) is PaceStatus.NO_DATA
    assert periods_behind_in_a_row(lines, opening_balance=-4) == 1
    assert periods_behind_in_a_row(lines[:2], opening_balance=-4) == 0


def test_status_on_a_date() -> None:
    line = ledger([PeriodFigures(H2, 21, 18)], opening_balance=-8)[0]
    assert status_on(None, on=date(2025, 11, 4)) is PaceStatus.NO_DATA
    assert status_on(line, on=date(2025, 6, 30)) is PaceStatus.NO_DATA  # not started
    assert status_on(line, on=date(2025, 11, 4)) is PaceStatus.BEHIND  # 18 < 29 × 4/6
    assert status_on(line, on=date(2025, 8, 1)) is PaceStatus.ON_TRACK  # 18 >= 29 × 1/6
    assert H2.is_closed_on(date(2025, 12, 31))
    assert not H2.is_closed_on(date(2025, 12, 30))
    assert status_on(line, on=date(2025, 12, 31)) is PaceStatus.BEHIND  # closed on its last day: 11 behind
    done = ledger([PeriodFigures(H2, 21, 29)], opening_balance=-8)[0]
    assert status_on(done, on=date(2025, 7, 1)) is PaceStatus.ON_TRACK
    assert status_on(done, on=date(2025, 12, 31)) is PaceStatus.ON_TRACK


@settings(max_examples=200, deadline=None)
@given(
    figures=st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 60), st.booleans()),
        min_size=1,
        max_size=8,
    ),
    opening=st.integers(-20, 20),
    on=st.dates(min_value=date(2023, 6, 1), max_value=date(2028, 12, 31)),
)
def test_every_line_has_exactly_one_status_and_the_tally_adds_up(figures, opening, on) -> None:
    period = HalfYear(2024, 1)
    items = []
    for quota, realised, known in figures:
        items.append(PeriodFigures(period, quota, realised, known))
        period = period.next()
    lines = ledger(items, opening_balance=opening)
    statuses = [status_on(line, on=on) for line in lines]
    tally = StatusTally.of(statuses)
    assert tally.total == len(lines) == sum(count for _, count in tally.items())
    assert tally.judged == sum(1 for s in statuses if s is not PaceStatus.NO_DATA)
    for line, status in zip(lines, statuses, strict=True):
        if not line.known or on < line.period.start:
            assert status is PaceStatus.NO_DATA
        elif line.period.is_closed_on(on):
            assert status is period_status(line)
        else:
            assert status is progress(line, on=on).status
    closed = [line for line in lines if line.period.is_closed_on(on)]
    behind = periods_behind_in_a_row(closed, opening_balance=opening)
    assert 0 <= behind <= len(closed) + 1
    if closed and status_on(closed[-1], on=on) is not PaceStatus.BEHIND:
        assert behind == 0


def test_half_years() -> None:
    assert HalfYear.parse("2025-II") == HalfYear.parse("2025-h2") == H2
    assert (H1.start, H1.end, H2.end) == (date(2025, 1, 1), date(2025, 6, 30), date(2025, 12, 31))
    assert H1.population_date == date(2024, 1, 1)
    assert H1.previous() == HalfYear(2024, 2)
    assert H2.next() == HalfYear(2026, 1)
    assert H1.months_completed(date(2025, 1, 31)) == 1
    assert H1.months_completed(date(2025, 7, 1)) == 6
    with pytest.raises(ValidationError, match="periode"):
        HalfYear.parse("2025-Q4")


# --- every status outcome, mid-period and after the period, written out ---------------------------------
# Heemstede 2025-H2: quota 21 with a backlog of 8 carried in: demand 29. On 31 October 2025 four months are
# complete: the schedule asks 29 × 4 / 6 = 19⅓.
H2 = HalfYear(2025, 2)


def _h2(realised: int, *, known: bool = True) -> LedgerLine:
    return LedgerLine(H2, 21, -8, realised, known)


@pytest.mark.parametrize(
    ("realised", "on", "expected"),
    [
        (0, date(2025, 6, 30), PaceStatus.NO_DATA),  # the half-year has not started
        (0, date(2025, 7, 1), PaceStatus.ON_TRACK),  # its first day: nothing expected yet
        (20, date(2025, 10, 31), PaceStatus.ON_TRACK),  # 20 ≥ 19⅓
        (19, date(2025, 10, 31), PaceStatus.BEHIND),  # 19 < 19⅓
        (29, date(2025, 10, 31), PaceStatus.ON_TRACK),  # the whole demand, not more
        (30, date(2025, 10, 31), PaceStatus.AHEAD),  # more than the demand
        (24, date(2025, 12, 30), PaceStatus.BEHIND),  # five months: 24⅙ asked
        (25, date(2025, 12, 30), PaceStatus.ON_TRACK),
        (28, date(2025, 12, 31), PaceStatus.BEHIND),  # closed on its last day: backlog 1
        (29, date(2025, 12, 31), PaceStatus.ON_TRACK),  # exactly met
        (30, date(2026, 3, 1), PaceStatus.AHEAD),  # after the period: surplus 1
        (28, date(2026, 3, 1), PaceStatus.BEHIND),
    ],
)
def test_every_status_outcome(realised: int, on: date, expected: PaceStatus) -> None:
    line = _h2(realised)
    assert status_on(line, on=on) is expected
    assert progress(line, on=on).status is expected


def test_no_line_or_no_quota_is_no_data_and_closed_periods_by_their_balance() -> None:
    assert status_on(None, on=date(2025, 10, 31)) is PaceStatus.NO_DATA
    assert status_on(_h2(0, known=False), on=date(2025, 10, 31)) is PaceStatus.NO_DATA
    assert status_on(_h2(40, known=False), on=date(2026, 1, 1)) is PaceStatus.NO_DATA
    assert period_status(_h2(30)) is PaceStatus.AHEAD
    assert period_status(_h2(29)) is PaceStatus.ON_TRACK
    assert period_status(_h2(28)) is PaceStatus.BEHIND
    assert period_status(_h2(28, known=False)) is PaceStatus.NO_DATA


def test_line_figures() -> None:
    line = _h2(21)
    assert (line.demand, line.balance, line.backlog_in) == (29, -8, 8)
    surplus_in = LedgerLine(H2, 21, 3, 18)
    assert (surplus_in.demand, surplus_in.balance, surplus_in.backlog_in) == (18, 0, 0)


def test_schedule_projection_and_what_is_still_to_find() -> None:
    july = progress(_h2(3), on=date(2025, 7, 31), planned=5)
    assert july.period == H2
    assert july.expected_to_date == Fraction(29, 6)  # July complete: one sixth of 29
    assert july.projected == Fraction(552, 31)  # 3 in 31 days, over 184 days: 17.8
    assert july.projected_shortfall == 12  # 29 − 17
    assert july.still_to_find == 21  # 29 − 3 − 5 planned
    assert progress(_h2(3), on=date(2025, 7, 31), planned=30).still_to_find == 0
    first_day = progress(_h2(3), on=date(2025, 7, 1))
    assert first_day.projected == 552  # 3 on the first of 184 days
    assert first_day.projected_shortfall == 0
    assert first_day.expected_to_date == 0
    before = progress(_h2(0), on=date(2025, 6, 30))
    assert (before.projected, before.projected_shortfall) == (0, 29)
    after = progress(_h2(3), on=date(2026, 2, 1))
    assert (after.projected, after.projected_shortfall) == (3, 26)
    assert expected_to_date(_h2(0), on=date(2025, 10, 31)) == Fraction(58, 3)
    with pytest.raises(ValidationError, match="negatief"):
        progress(_h2(3), on=date(2025, 7, 31), planned=-1)


def test_a_half_year_exactly_met_breaks_the_run_behind() -> None:
    behind, met = LedgerLine(H2, 10, 0, 9), LedgerLine(H2, 10, 0, 10)
    assert periods_behind_in_a_row([behind, behind, met]) == 0
    assert periods_behind_in_a_row([behind, met, behind, behind]) == 2
    assert periods_behind_in_a_row([met, behind], opening_balance=-3) == 1  # the opening backlog is before `met`
    assert periods_behind_in_a_row([behind], opening_balance=-3) == 2
    assert periods_behind_in_a_row([behind], opening_balance=0) == 1
    assert periods_behind_in_a_row([behind], opening_balance=2) == 1
    assert periods_behind_in_a_row([], opening_balance=-1) == 1


def test_tally_counts_and_its_fixed_order() -> None:
    tally = StatusTally.of(
        [PaceStatus.BEHIND, PaceStatus.BEHIND, PaceStatus.AHEAD, PaceStatus.NO_DATA, PaceStatus.ON_TRACK]
    )
    assert (tally.ahead, tally.on_track, tally.behind, tally.no_data) == (1, 1, 2, 1)
    assert (tally.total, tally.judged) == (5, 4)
    assert tally.items() == [
        (PaceStatus.BEHIND, 2),
        (PaceStatus.ON_TRACK, 1),
        (PaceStatus.AHEAD, 1),
        (PaceStatus.NO_DATA, 1),
    ]


def test_defaults_nothing_planned_no_opening_balance_no_municipalities() -> None:
    """Without a planned number nothing is planned; without an opening balance nothing is carried in from
    before the first kept half-year; a tally of no municipalities is all zeros."""
    line = LedgerLine(H1, 30, 0, 10)
    view = progress(line, on=date(2025, 3, 31))
    assert view.planned == 0
    assert view.still_to_find == 20
    behind = [LedgerLine(H1, 10, 0, 5), LedgerLine(H2, 10, -5, 5)]
    assert periods_behind_in_a_row(behind) == 2
    assert periods_behind_in_a_row(behind, opening_balance=-1) == 3
    assert periods_behind_in_a_row(behind, opening_balance=1) == 2
    assert StatusTally() == StatusTally.of([]) == StatusTally(0, 0, 0, 0)
    assert (StatusTally().total, StatusTally().judged) == (0, 0)


def test_a_negative_realisation_is_refused() -> None:
    with pytest.raises(ValidationError, match="niet negatief"):
        ledger([PeriodFigures(H1, 10, -1)])
    with pytest.raises(ValidationError, match="niet negatief"):
        ledger([PeriodFigures(H1, -1, 0)])
    assert ledger([PeriodFigures(H1, 0, 0)]) == [LedgerLine(H1, 0, 0, 0)]
