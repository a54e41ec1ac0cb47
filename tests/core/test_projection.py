"""core.projection: the places expected at future period ends, scenarios, and their invariants."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opvangregie.core.errors import ValidationError
from opvangregie.core.lifecycle import LocationStatus as S
from opvangregie.core.lifecycle import Transition
from opvangregie.core.occupancy import CapacityChange
from opvangregie.core.periods import HalfYear, Quarter
from opvangregie.core.projection import (
    DropLocation,
    ExpectedTransition,
    LocationPlan,
    PartState,
    Scenario,
    SetCapacity,
    ShiftExpected,
    TargetChange,
    apply_scenario,
    compare_scenario,
    location_part,
    next_half_years,
    next_quarters,
    pending_expected,
    project,
    target_on,
)
from opvangregie.core.target_groups import TargetGroup as G

TODAY = date(2027, 3, 4)
Q1, Q2, Q3, Q4 = (Quarter(2027, q) for q in (1, 2, 3, 4))

# In use since 2022 with 12 places, expected out of use on 27 October 2027.
GLIPPERWEG = LocationPlan(
    key="glipperweg",
    target_group=G.UKRAINIAN,
    name="Glipperweg",
    transitions=[Transition(S.IN_USE, date(2022, 4, 1))],
    expected=[ExpectedTransition(S.OUT_OF_USE, date(2027, 10, 27))],
    capacities=[CapacityChange(date(2022, 4, 1), 12)],
)
# Decided, expected in use on 1 June 2027 with 60 places, 120 from 1 November 2027; temporary permit to 2037.
PRINCEHOF = LocationPlan(
    key="princehof",
    target_group=G.ASYLUM,
    name="Princehof",
    transitions=[Transition(S.PLANNED, date(2025, 1, 1)), Transition(S.DECIDED, date(2026, 5, 1))],
    expected=[ExpectedTransition(S.IN_USE, date(2027, 6, 1))],
    capacities=[CapacityChange(date(2027, 6, 1), 60), CapacityChange(date(2027, 11, 1), 120)],
    planned_until=date(2037, 5, 31),
)
# In use since 2026 but nobody recorded its capacity.
KERKLAAN = LocationPlan(key="kerklaan", target_group=G.UKRAINIAN, transitions=[Transition(S.IN_USE, date(2026, 1, 1))])
# 40 places on a temporary permit that ends on 31 August 2027.
BINNENWEG = LocationPlan(
    key="binnenweg",
    target_group=G.UKRAINIAN,
    transitions=[Transition(S.IN_USE, date(2024, 1, 1))],
    capacities=[CapacityChange(date(2024, 1, 1), 40)],
    planned_until=date(2027, 8, 31),
)
# Only planned: no in-use date and no expected one.
ZANDVOORTERWEG = LocationPlan(
    key="zandvoorterweg",
    target_group=G.ASYLUM,
    transitions=[Transition(S.PLANNED, date(2026, 1, 1))],
    capacities=[CapacityChange(date(2027, 1, 1), 200)],
)
PLANS = (GLIPPERWEG, PRINCEHOF, KERKLAAN, BINNENWEG, ZANDVOORTERWEG)
TARGETS = (TargetChange(G.UKRAINIAN, date(2025, 1, 1), 45), TargetChange(G.UKRAINIAN, date(2026, 1, 1), 50))


def test_next_quarters_start_with_the_current_quarter_unless_today_ends_it() -> None:
    assert next_quarters(TODAY, 4) == (Q1, Q2, Q3, Q4)
    assert next_quarters(date(2027, 3, 31), 2) == (Q2, Q3)
    assert next_quarters(date(2027, 12, 31), 1) == (Quarter(2028, 1),)
    assert next_quarters(TODAY, 0) == ()


def test_next_half_years_for_status_holders() -> None:
    assert next_half_years(TODAY, 3) == (HalfYear(2027, 1), HalfYear(2027, 2), HalfYear(2028, 1))
    assert next_half_years(date(2027, 6, 30), 1) == (HalfYear(2027, 2),)
    assert next_half_years(date(2027, 12, 31), 1) == (HalfYear(2028, 1),)


def test_the_forward_look_per_target_group_against_the_target() -> None:
    projection = project(PLANS, next_quarters(TODAY, 4), targets=TARGETS)
    assert projection.target_groups == (G.UKRAINIAN, G.ASYLUM)
    # Ukrainian: Glipperweg 12 until 27-10 (out of use), Binnenweg 40 until 31-08 (permit), Kerklaan 0 (flagged).
    #   31-03: 12 + 40 + 0 = 52;  30-06: 52;  30-09: 12 (Binnenweg ended);  31-12: 0 (Glipperweg out of use).
    # Target 50 (from 2026): gaps +2, +2, −38, −50.
    ukrainian = [projection.line(q, G.UKRAINIAN) for q in (Q1, Q2, Q3, Q4)]
    assert [(line.places, line.target, line.gap) for line in ukrainian] == [
        (52, 50, 2),
        (52, 50, 2),
        (12, 50, -38),
        (0, 50, -50),
    ]
    # Asylum: Princehof from 1 June (60), 120 from 1 November; Zandvoorterweg never. No target: gap None.
    asylum = [projection.line(q, G.ASYLUM) for q in (Q1, Q2, Q3, Q4)]
    assert [(line.places, line.target, line.gap) for line in asylum] == [
        (0, None, None),
        (60, None, None),
        (60, None, None),
        (120, None, None),
    ]
    assert asylum[1].expected_places == 60  # rests on the expected in-use date
    assert ukrainian[0].expected_places == 0


def test_the_breakdown_says_why_each_location_counts_or_not() -> None:
    projection = project(PLANS, (Q1, Q3, Q4), targets=TARGETS)
    q3 = {part.key: part for part in projection.line(Q3, G.UKRAINIAN).parts}
    assert (q3["binnenweg"].state, q3["binnenweg"].places) == (PartState.AFTER_PLANNED_END, 0)
    assert (q3["glipperweg"].state, q3["glipperweg"].places, q3["glipperweg"].expected) == (
        PartState.COUNTED,
        12,
        False,
    )
    assert q3["glipperweg"].in_use_since == date(2022, 4, 1)
    q4 = {part.key: part for part in projection.line(Q4, G.UKRAINIAN).parts}
    assert (q4["glipperweg"].state, q4["glipperweg"].status, q4["glipperweg"].expected) == (
        PartState.NOT_IN_USE,
        S.OUT_OF_USE,
        True,
    )
    q1_asylum = {part.key: part for part in projection.line(Q1, G.ASYLUM).parts}
    assert (q1_asylum["princehof"].state, q1_asylum["princehof"].status) == (PartState.NOT_IN_USE, S.DECIDED)
    assert (q1_asylum["zandvoorterweg"].state, q1_asylum["zandvoorterweg"].places) == (PartState.NOT_IN_USE, 0)


def test_planned_until_is_the_last_day_with_places() -> None:
    # The permit runs to and including 30 June 2027, the last day of Q2: Q2 counts, Q3 does not.
    temporary = LocationPlan(
        key=1,
        target_group=G.EMERGENCY,
        transitions=[Transition(S.IN_USE, date(2026, 1, 1))],
        capacities=[CapacityChange(date(2026, 1, 1), 25)],
        planned_until=date(2027, 6, 30),
    )
    assert [line.places for line in project([temporary], (Q2, Q3)).lines] == [25, 0]


def test_in_use_without_capacity_is_flagged_and_counts_zero_never_full() -> None:
    line = project(PLANS, (Q1,)).line(Q1, G.UKRAINIAN)
    assert [part.key for part in line.flagged] == ["kerklaan"]
    (kerklaan,) = line.flagged
    assert (kerklaan.places, kerklaan.in_use, kerklaan.capacity_unknown) == (0, True, True)
    assert kerklaan.state.label_nl == "geen capaciteit bekend"


def test_target_in_force_is_the_latest_change_on_or_before_the_period_end() -> None:
    targets = (
        *TARGETS,
        TargetChange(G.UKRAINIAN, date(2027, 7, 1), 30),
        TargetChange(G.UKRAINIAN, date(2028, 1, 1), None),
    )
    assert target_on(targets, G.UKRAINIAN, date(2025, 12, 31)) == 45
    assert target_on(targets, G.UKRAINIAN, Q2.end) == 50
    assert target_on(targets, G.UKRAINIAN, Q3.end) == 30
    assert target_on(targets, G.UKRAINIAN, date(2028, 3, 31)) is None  # unknown again
    assert target_on(targets, G.UKRAINIAN, date(2024, 12, 31)) is None  # before the first
    assert target_on(targets, G.ASYLUM, Q3.end) is None


def test_an_overdue_expected_date_counts_from_the_last_actual_transition() -> None:
    # Expected in use on 1 June 2027, but the permit only came on 1 July: in use (expected) from 1 July.
    late = LocationPlan(
        key=1,
        target_group=G.ASYLUM,
        transitions=[Transition(S.DECIDED, date(2027, 1, 1)), Transition(S.PERMIT, date(2027, 7, 1))],
        expected=[ExpectedTransition(S.IN_USE, date(2027, 6, 1))],
        capacities=[CapacityChange(date(2027, 1, 1), 30)],
    )
    assert location_part(late, Q2.end).state is PartState.NOT_IN_USE  # 30-06: still the decision
    q3 = location_part(late, Q3.end)
    assert (q3.places, q3.expected, q3.in_use_since) == (30, True, date(2027, 7, 1))


def test_an_expected_stage_that_was_skipped_or_reached_is_no_longer_pending() -> None:
    # Opened on 1 June 2026 straight from the decision; the expected construction and in-use dates are moot.
    opened = LocationPlan(
        key=1,
        target_group=G.ASYLUM,
        transitions=[Transition(S.DECIDED, date(2026, 1, 1)), Transition(S.IN_USE, date(2026, 6, 1))],
        expected=[
            ExpectedTransition(S.UNDER_CONSTRUCTION, date(2026, 9, 1)),
            ExpectedTransition(S.IN_USE, date(2026, 12, 1)),
            ExpectedTransition(S.OUT_OF_USE, date(2027, 8, 1)),
        ],
        capacities=[CapacityChange(date(2026, 6, 1), 80)],
    )
    assert [e.status for e in pending_expected(opened)] == [S.OUT_OF_USE]
    assert location_part(opened, Q1.end).places == 80
    assert location_part(opened, Q3.end).places == 0  # expected out of use from 1 August


def test_a_location_out_of_use_counts_again_from_its_expected_reopening() -> None:
    # Out of use for renovation since 2026; expected back in use on 1 September 2027 with 50 places.
    renovated = LocationPlan(
        key=1,
        target_group=G.STATUS_HOLDER,
        transitions=[Transition(S.IN_USE, date(2020, 1, 1)), Transition(S.OUT_OF_USE, date(2026, 1, 1), "renovatie")],
        expected=[ExpectedTransition(S.IN_USE, date(2027, 9, 1))],
        capacities=[CapacityChange(date(2020, 1, 1), 40), CapacityChange(date(2027, 9, 1), 50)],
    )
    projection = project([renovated], next_half_years(TODAY, 2))
    assert [line.places for line in projection.lines] == [0, 50]  # 30-06-2027: out of use; 31-12-2027: 50
    # An expectation from before it went out of use is no longer pending.
    stale = LocationPlan(
        key=2,
        target_group=G.STATUS_HOLDER,
        transitions=renovated.transitions,
        expected=[ExpectedTransition(S.IN_USE, date(2019, 12, 1))],
        capacities=renovated.capacities,
    )
    assert pending_expected(stale) == ()
    assert location_part(stale, Q4.end).state is PartState.NOT_IN_USE


def test_transitions_on_the_same_day_take_the_one_recorded_last() -> None:
    same_day = LocationPlan(
        key=1,
        target_group=G.ASYLUM,
        transitions=[Transition(S.DECIDED, date(2027, 2, 1)), Transition(S.IN_USE, date(2027, 2, 1))],
        capacities=[CapacityChange(date(2027, 2, 1), 10)],
    )
    assert location_part(same_day, date(2027, 2, 1)).places == 10


def test_expected_dates_must_follow_the_stages() -> None:
    with pytest.raises(ValidationError, match="ligt vóór"):
        LocationPlan(
            key=1,
            target_group=G.ASYLUM,
            expected=[
                ExpectedTransition(S.OUT_OF_USE, date(2027, 1, 1)),
                ExpectedTransition(S.IN_USE, date(2027, 6, 1)),
            ],
        )
    with pytest.raises(ValidationError, match="twee verwachte datums"):
        LocationPlan(
            key=1,
            target_group=G.ASYLUM,
            expected=[ExpectedTransition(S.IN_USE, date(2027, 1, 1)), ExpectedTransition(S.IN_USE, date(2027, 6, 1))],
        )


def test_a_location_twice_is_refused() -> None:
    with pytest.raises(ValidationError):
        project([GLIPPERWEG, GLIPPERWEG], (Q1,))


def test_target_groups_can_be_chosen() -> None:
    projection = project(PLANS, (Q1,), target_groups=[G.ASYLUM, G.AMV])
    assert projection.target_groups == (G.ASYLUM, G.AMV)  # TargetGroup order
    assert projection.line(Q1, G.AMV).parts == ()
    with pytest.raises(KeyError):
        projection.line(Q1, G.UKRAINIAN)


def test_princehof_three_months_later() -> None:
    periods = next_quarters(TODAY, 4)
    comparison = compare_scenario(
        PLANS, Scenario("Princehof 3 maanden later", (ShiftExpected("princehof", 3),)), periods, targets=TARGETS
    )
    # Expected in use 1 September instead of 1 June; capacity changes stay (60 from 1 June, 120 from 1 November).
    # 30-06: 60 -> 0;  30-09: 60 -> 60;  31-12: 120 -> 120.
    assert [comparison.difference(q, G.ASYLUM).difference for q in periods] == [0, -60, 0, 0]
    assert comparison.difference(Q2, G.ASYLUM).changed == ("princehof",)
    assert comparison.difference(Q3, G.ASYLUM).changed == ()
    assert [comparison.difference(q, G.UKRAINIAN).difference for q in periods] == [0, 0, 0, 0]
    # The inputs are untouched.
    assert PRINCEHOF.expected == (ExpectedTransition(S.IN_USE, date(2027, 6, 1)),)


def test_a_shift_can_take_future_capacity_changes_along() -> None:
    shifted = apply_scenario([PRINCEHOF], Scenario("later", (ShiftExpected("princehof", 3, capacities_after=TODAY),)))
    # 60 from 1 September, 120 from 1 February 2028: 31-12-2027 has 60 instead of 120.
    assert shifted[0].capacities == (CapacityChange(date(2027, 9, 1), 60), CapacityChange(date(2028, 2, 1), 120))
    assert location_part(shifted[0], Q4.end).places == 60


def test_drop_and_set_capacity() -> None:
    periods = (Q1, Q4)
    dropped = compare_scenario(PLANS, Scenario("zonder Binnenweg", (DropLocation("binnenweg"),)), periods)
    # 31-03: 52 -> 12 (Binnenweg's 40 gone); 31-12: Binnenweg had ended already.
    assert (dropped.difference(Q1, G.UKRAINIAN).base_places, dropped.difference(Q1, G.UKRAINIAN).scenario_places) == (
        52,
        12,
    )
    assert dropped.difference(Q1, G.UKRAINIAN).changed == ("binnenweg",)
    assert dropped.difference(Q4, G.UKRAINIAN).difference == 0
    no_growth = compare_scenario(
        PLANS, Scenario("geen uitbreiding", (SetCapacity("princehof", date(2027, 11, 1), None),)), periods
    )
    assert no_growth.difference(Q4, G.ASYLUM).scenario_places == 60  # 120 -> 60
    bigger = apply_scenario(PLANS, Scenario("groter", (SetCapacity("princehof", date(2027, 11, 1), 150),)))
    assert location_part(bigger[1], Q4.end).places == 150


def test_scenario_gaps_use_the_same_target() -> None:
    comparison = compare_scenario(
        PLANS, Scenario("zonder Binnenweg", (DropLocation("binnenweg"),)), (Q1,), targets=TARGETS
    )
    line = comparison.difference(Q1, G.UKRAINIAN)
    assert (line.target, line.base_gap, line.scenario_gap) == (50, 2, -38)
    asylum = comparison.difference(Q1, G.ASYLUM)
    assert (asylum.base_gap, asylum.scenario_gap) == (None, None)


def test_a_scenario_naming_an_unknown_location_is_refused() -> None:
    with pytest.raises(ValidationError, match="komt niet voor"):
        apply_scenario(PLANS, Scenario("x", (DropLocation("nergens"),)))
    with pytest.raises(ValidationError):  # dropped first, then shifted
        apply_scenario(PLANS, Scenario("x", (DropLocation("princehof"), ShiftExpected("princehof", 1))))


# --- invariants ----------------------------------------------------------------------------------

START, END = date(2026, 1, 1), date(2030, 12, 31)
PERIODS = next_quarters(START, 20)
# Dates near the period ends, where an off-by-one day shows.
days = st.dates(min_value=START, max_value=END) | st.sampled_from(PERIODS).flatmap(
    lambda q: st.sampled_from([q.end - timedelta(days=1), q.end, q.end + timedelta(days=1)])
)


@st.composite
def plans(draw: st.DrawFn, key: int) -> tuple[LocationPlan, date | None, date | None]:
    """A plan with the day its places start (None: never) and the first day without them (None: no end)."""
    group = draw(st.sampled_from([G.UKRAINIAN, G.ASYLUM]))
    capacities = [CapacityChange(d, p) for d, p in draw(st.lists(st.tuples(days, st.integers(0, 300)), max_size=3))]
    planned_until = draw(st.none() | days)
    kind = draw(st.sampled_from(["actual", "expected", "none"]))
    transitions: list[Transition] = []
    expected: list[ExpectedTransition] = []
    start: date | None = None
    if kind == "actual":
        start = draw(days)
        transitions.append(Transition(S.IN_USE, start))
    elif kind == "expected":
        decided = draw(st.none() | days)
        if decided is not None:
            transitions.append(Transition(S.DECIDED, decided))
        in_use = draw(days)
        expected.append(ExpectedTransition(S.IN_USE, in_use))
        start = max(in_use, decided) if decided else in_use  # an overdue expected date moves up
    elif draw(st.booleans()):
        transitions.append(Transition(S.PLANNED, draw(days)))
    stop: date | None = None
    if start is not None and draw(st.booleans()):
        stop = start + timedelta(days=draw(st.integers(0, 1500)))
        if kind == "actual" and draw(st.booleans()):
            transitions.append(Transition(S.OUT_OF_USE, stop, "sloop"))
        else:
            expected.append(ExpectedTransition(S.OUT_OF_USE, stop))
    if planned_until is not None and (stop is None or planned_until + timedelta(days=1) < stop):
        stop = planned_until + timedelta(days=1)
    plan = LocationPlan(key, group, f"L{key}", transitions, expected, capacities, planned_until)
    return plan, start, stop


@st.composite
def plan_sets(draw: st.DrawFn) -> list[tuple[LocationPlan, date | None, date | None]]:
    return [draw(plans(key)) for key in range(draw(st.integers(1, 6)))]


@settings(max_examples=150, deadline=None)
@given(plan_sets())
def test_counts_only_between_its_in_use_date_and_its_end(
    items: list[tuple[LocationPlan, date | None, date | None]],
) -> None:
    projection = project([plan for plan, _, _ in items], PERIODS)
    window = {plan.key: (start, stop) for plan, start, stop in items}
    for line in projection.lines:
        for part in line.parts:
            start, stop = window[part.key]
            inside = start is not None and start <= line.on and (stop is None or line.on < stop)
            assert part.in_use == inside, (part, start, stop)
            if not inside:
                assert part.places == 0


@settings(max_examples=150, deadline=None)
@given(plan_sets())
def test_totals_are_the_sum_of_the_parts(items: list[tuple[LocationPlan, date | None, date | None]]) -> None:
    plans_ = [plan for plan, _, _ in items]
    projection = project(plans_, PERIODS)
    for line in projection.lines:
        assert line.places == sum(part.places for part in line.parts)
        assert {part.key for part in line.parts} == {p.key for p in plans_ if p.target_group is line.target_group}


@settings(max_examples=150, deadline=None)
@given(plan_sets(), st.data(), st.integers(-24, 24))
def test_shifting_one_location_changes_only_its_own_contribution(
    items: list[tuple[LocationPlan, date | None, date | None]], data: st.DataObject, months: int
) -> None:
    plans_ = [plan for plan, _, _ in items]
    key = data.draw(st.sampled_from([plan.key for plan in plans_]))
    comparison = compare_scenario(
        plans_, Scenario("schuif", (ShiftExpected(key, months, capacities_after=START),)), PERIODS
    )
    for before, after in zip(comparison.base.lines, comparison.alternative.lines, strict=True):
        others_before = {p.key: p for p in before.parts if p.key != key}
        others_after = {p.key: p for p in after.parts if p.key != key}
        assert others_before == others_after
    for difference in comparison.differences:
        assert set(difference.changed) <= {key}


@settings(max_examples=150, deadline=None)
@given(plan_sets(), st.data())
def test_dropping_a_location_never_increases_totals(
    items: list[tuple[LocationPlan, date | None, date | None]], data: st.DataObject
) -> None:
    plans_ = [plan for plan, _, _ in items]
    key = data.draw(st.sampled_from([plan.key for plan in plans_]))
    comparison = compare_scenario(plans_, Scenario("zonder", (DropLocation(key),)), PERIODS)
    for difference in comparison.differences:
        assert difference.difference <= 0
        assert set(difference.changed) <= {key}


# --- edges of the projection's rules (issue 19) ------------------------------------------------------------


def test_part_states_have_their_dutch_labels_and_nothing_is_expected_before_any_status() -> None:
    assert [state.label_nl for state in PartState] == [
        "telt",
        "geen capaciteit bekend",
        "niet in gebruik",
        "na de geplande einddatum",
    ]
    nothing = location_part(LocationPlan("leeg", G.ASYLUM, "Leeg"), date(2027, 6, 30))
    assert (nothing.state, nothing.status, nothing.expected) == (PartState.NOT_IN_USE, None, False)


def test_an_expected_reopening_on_the_day_it_went_out_of_use_is_not_pending() -> None:
    plan = LocationPlan(
        "x",
        G.UKRAINIAN,
        "X",
        transitions=[Transition(S.IN_USE, date(2024, 1, 1)), Transition(S.OUT_OF_USE, date(2025, 6, 1))],
        expected=[ExpectedTransition(S.IN_USE, date(2025, 6, 1))],
    )
    assert pending_expected(plan) == ()
    later = LocationPlan(
        "x",
        G.UKRAINIAN,
        "X",
        transitions=[Transition(S.IN_USE, date(2024, 1, 1)), Transition(S.OUT_OF_USE, date(2025, 6, 1))],
        expected=[ExpectedTransition(S.IN_USE, date(2025, 6, 2))],
    )
    assert pending_expected(later) == (ExpectedTransition(S.IN_USE, date(2025, 6, 2)),)


def test_expected_dates_may_coincide_and_a_plan_without_a_name_is_named_by_its_key() -> None:
    same_day = LocationPlan(
        7,
        G.ASYLUM,
        expected=[ExpectedTransition(S.IN_USE, date(2027, 5, 1)), ExpectedTransition(S.PLANNED, date(2027, 5, 1))],
    )
    assert [e.status for e in same_day.expected] == [S.PLANNED, S.IN_USE]
    with pytest.raises(ValidationError, match=r"^7: twee verwachte datums"):
        LocationPlan(
            7,
            G.ASYLUM,
            expected=[ExpectedTransition(S.IN_USE, date(2027, 5, 1)), ExpectedTransition(S.IN_USE, date(2027, 6, 1))],
        )
    with pytest.raises(ValidationError, match=r"^7: de verwachte datum voor"):
        LocationPlan(
            7,
            G.ASYLUM,
            expected=[ExpectedTransition(S.IN_USE, date(2027, 4, 30)), ExpectedTransition(S.PLANNED, date(2027, 5, 1))],
        )


def test_a_target_holds_from_its_first_day_and_a_later_entry_of_one_date_wins() -> None:
    targets = [
        TargetChange(G.UKRAINIAN, date(2027, 1, 1), 164),
        TargetChange(G.UKRAINIAN, date(2027, 7, 1), 150),
        TargetChange(G.UKRAINIAN, date(2027, 7, 1), 140),
    ]
    assert target_on(targets, G.UKRAINIAN, date(2027, 1, 1)) == 164
    assert target_on(targets, G.UKRAINIAN, date(2026, 12, 31)) is None
    assert target_on(targets, G.UKRAINIAN, date(2027, 7, 1)) == 140


def test_a_capacity_of_zero_may_be_set_and_a_negative_one_not() -> None:
    plan = LocationPlan("x", G.UKRAINIAN, "X", capacities=[CapacityChange(date(2027, 1, 1), 12)])
    (zero,) = apply_scenario([plan], Scenario("dicht", (SetCapacity("x", date(2027, 4, 1), 0),)))
    assert zero.capacities == (CapacityChange(date(2027, 1, 1), 12), CapacityChange(date(2027, 4, 1), 0))
    with pytest.raises(ValidationError, match="niet negatief"):
        apply_scenario([plan], Scenario("fout", (SetCapacity("x", date(2027, 4, 1), -1),)))


def test_a_shift_moves_capacities_dated_after_the_given_day_only() -> None:
    plan = LocationPlan(
        "x",
        G.UKRAINIAN,
        "X",
        expected=[ExpectedTransition(S.IN_USE, date(2027, 4, 1))],
        capacities=[CapacityChange(date(2027, 3, 4), 10), CapacityChange(date(2027, 4, 1), 20)],
    )
    (shifted,) = apply_scenario([plan], Scenario("later", (ShiftExpected("x", 2, capacities_after=date(2027, 3, 4)),)))
    assert shifted.capacities == (CapacityChange(date(2027, 3, 4), 10), CapacityChange(date(2027, 6, 1), 20))
    assert shifted.expected == (ExpectedTransition(S.IN_USE, date(2027, 6, 1)),)


def test_dropping_a_location_without_places_changes_nothing() -> None:
    planned = LocationPlan("p", G.UKRAINIAN, "Gepland", expected=[ExpectedTransition(S.IN_USE, date(2028, 1, 1))])
    running = LocationPlan(
        "r",
        G.UKRAINIAN,
        "Loopt",
        transitions=[Transition(S.IN_USE, date(2024, 1, 1))],
        capacities=[CapacityChange(date(2024, 1, 1), 12)],
    )
    comparison = compare_scenario([planned, running], Scenario("zonder", (DropLocation("p"),)), [Q2])
    line = comparison.difference(Q2, G.UKRAINIAN)
    assert (line.base_places, line.scenario_places, line.changed) == (12, 12, ())
    dropped = compare_scenario([planned, running], Scenario("zonder", (DropLocation("r"),)), [Q2])
    assert dropped.difference(Q2, G.UKRAINIAN).changed == ("r",)
