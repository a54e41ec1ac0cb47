"""core.placement.naive: the one-variable-per-household-and-room baseline keeps the room rules and its stages."""

from __future__ import annotations

import time
import types
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opvangregie.core.placement import naive as naive_module
from opvangregie.core.placement.model import Household, Room, proposal_violations
from opvangregie.core.placement.naive import naive, naive_variables
from opvangregie.core.placement.solver import SolverSettings, sat_solve
from opvangregie.core.rooms import SharingRule

SAME_SEX = SharingRule.SAME_SEX
ONE_CORE = SolverSettings(time_limit=10, workers=1)


def man(key: str) -> Household:
    return Household(key, 1, 1, "M")


def woman(key: str) -> Household:
    return Household(key, 1, 1, "F")


@pytest.mark.parametrize(
    ("room", "waiting", "persons"),
    [
        (Room("s", 3, sharing=SAME_SEX), [man("m"), woman("w1"), woman("w2")], 2),  # single adults of one sex
        (Room("s", 3, sharing=SAME_SEX), [woman("w1"), woman("w2"), woman("w3")], 3),
        (Room("s", 3, sharing=SAME_SEX), [Household("family", 3, 2)], 3),  # or one household, whole
        (Room("s", 3, sharing=SAME_SEX), [Household("couple", 2, 2), man("m")], 2),  # not both
        (Room("s", 4, sharing=SAME_SEX), [Household("c1", 2, 2), Household("c2", 2, 2)], 2),
        (Room("r", 4), [Household("c1", 2, 2), Household("c2", 2, 2)], 2),  # one household per room
        (Room("r", 4, sharing=SAME_SEX, residents=(woman("r"),)), [woman("w1"), man("m"), woman("w2")], 2),
        (Room("r", 4, sharing=SAME_SEX, residents=(woman("r"),)), [woman(f"w{n}") for n in range(5)], 3),
    ],
)
def test_the_room_rules_in_the_naive_model(room: Room, waiting: list[Household], persons: int) -> None:
    proposal = naive([room], waiting, settings=ONE_CORE)
    assert proposal.persons_placed == persons
    assert proposal_violations([room], waiting, proposal) == []
    assert proposal.optimal


def test_every_room_counts_after_one_with_residents() -> None:
    rooms = [Room("r", 2, sharing=SAME_SEX, residents=(woman("x"),)), Room("s", 2)]
    waiting = [woman("w"), Household("couple", 2, 2)]
    proposal = naive(rooms, waiting, settings=ONE_CORE)
    assert {(a.household, a.room) for a in proposal.assignments} == {("w", "r"), ("couple", "s")}


def couples() -> tuple[list[Room], list[Household]]:
    return [Room("r", 2)], [Household("A", 2, 2, priority=0), Household("B", 2, 2, priority=5)]


def without_time_passing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The naive model's clock stands still: the time left is exactly the time limit."""
    now = time.perf_counter()
    monkeypatch.setattr(naive_module, "time", types.SimpleNamespace(perf_counter=lambda: now))


@pytest.mark.parametrize(("limit", "priority_stage"), [(1.0, False), (1.5, True)])
def test_the_priority_stage_only_with_more_than_a_second_left(
    monkeypatch: pytest.MonkeyPatch, limit: float, priority_stage: bool
) -> None:
    without_time_passing(monkeypatch)
    rooms, waiting = couples()
    proposal = naive(rooms, waiting, settings=SolverSettings(time_limit=limit, workers=1))
    assert proposal.persons_placed == 2
    assert proposal.optimal is priority_stage  # without it the priority is not proven best
    if priority_stage:
        assert [a.household for a in proposal.assignments] == ["B"]


def test_the_priority_stage_starts_from_the_most_persons_and_may_run_out_of_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rooms, waiting = couples()
    seen: list[Any] = []

    def out_of_time_second(model: Any, settings: SolverSettings, deadline: float, **options: Any) -> Any:
        seen.append(model.export_to_proto())
        if len(seen) == 2:
            raise RuntimeError("CP-SAT gaf geen oplossing")
        return sat_solve(model, settings, deadline)

    monkeypatch.setattr(naive_module, "sat_solve", out_of_time_second)
    proposal = naive(rooms, waiting, settings=ONE_CORE)
    assert (proposal.persons_placed, proposal.optimal) == (2, False)  # the first stage's answer is kept
    first, second = seen
    assert not first.solution_hint.var_index
    assert list(second.solution_hint.var_index) == [0, 1]  # both household-room variables, from stage one
    assert sorted(second.solution_hint.var_value) == [0, 1]


@pytest.mark.parametrize(("persons_proven", "priority_proven"), [(False, True), (True, False)])
def test_optimal_only_when_both_stages_are_proven(
    monkeypatch: pytest.MonkeyPatch, persons_proven: bool, priority_proven: bool
) -> None:
    proven = iter([persons_proven, priority_proven])

    def reported(model: Any, settings: SolverSettings, deadline: float, **options: Any) -> Any:
        solver, _ = sat_solve(model, settings, deadline)
        return solver, next(proven)

    monkeypatch.setattr(naive_module, "sat_solve", reported)
    rooms, waiting = couples()
    assert not naive(rooms, waiting, settings=ONE_CORE).optimal


def test_the_variables_counted_by_groups() -> None:
    rooms = [Room("a", 2), Room("b", 2), Room("c", 2), Room("d", 1)]
    waiting = [Household("c1", 2, 2), Household("c2", 2, 2), woman("w")]
    assert naive_variables(rooms, waiting) == 3 * 2 + 4 * 1  # couples in rooms of 2, the woman anywhere


households = st.builds(
    Household,
    key=st.just("h"),
    size=st.integers(1, 3),
    adults=st.integers(1, 2),
    sex=st.sampled_from(["M", "F"]),
    needs_accessible=st.booleans(),
    needs_ground_floor=st.booleans(),
)
rooms = st.builds(
    Room,
    key=st.just("r"),
    beds=st.integers(1, 3),
    floor=st.integers(0, 1),
    accessible=st.booleans(),
    sharing=st.sampled_from(list(SharingRule)),
    residents=st.lists(
        st.builds(Household, key=st.just("x"), size=st.just(1), sex=st.sampled_from("MF")), max_size=2
    ).map(tuple),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(rooms, max_size=6), st.lists(households, max_size=6))
def test_the_variables_are_the_pairs_that_may_go_together(room_list: list[Room], waiting: list[Household]) -> None:
    expected = sum(1 for room in room_list for household in waiting if room.refusal(household) is None)
    assert naive_variables(room_list, waiting) == expected
