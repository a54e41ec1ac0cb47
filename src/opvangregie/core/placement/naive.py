"""The straightforward model, as a baseline: one yes/no variable per household and room that could take it.

Same rules and objective as the optimiser without moves (most persons, then priority), written the way
one would first write it: per room, beds and the choice between one household and a shared room for
single adults of one kind. It grows with households x rooms, so it is only practical on small instances;
the tests use it to check the optimiser's optimum, the benchmark to show what grouping saves.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from ortools.linear_solver.python import model_builder as mb

from opvangregie.core.placement.model import Assignment, Household, Proposal, Room
from opvangregie.core.placement.reasons import household_class, proposal_of
from opvangregie.core.placement.reasons import room_signature as _room_signature
from opvangregie.core.placement.solver import DEFAULT_SETTINGS, SolverSettings, sat_solve


def naive_variables(rooms: Sequence[Room], households: Sequence[Household]) -> int:
    """How many household-room variables the naive model needs, counted by groups (without building it)."""
    room_groups = Counter(_room_signature(room) for room in rooms)
    household_groups = Counter(household_class(household) for household in households)
    examples = {_room_signature(room): room for room in rooms}
    members = {household_class(household): household for household in households}
    return sum(
        rooms_alike * households_alike
        for signature, rooms_alike in room_groups.items()
        for key, households_alike in household_groups.items()
        if examples[signature].refusal(members[key]) is None
    )


def naive(
    rooms: Sequence[Room], households: Sequence[Household], *, settings: SolverSettings = DEFAULT_SETTINGS
) -> Proposal:
    """Solve the naive model with CP-SAT: first the most persons, then the highest priority."""
    started = time.perf_counter()
    model = mb.Model()
    chosen: dict[tuple[int, int], Any] = {}
    per_household: dict[int, list[Any]] = defaultdict(list)
    for r, room in enumerate(rooms):
        candidates = [(h, household) for h, household in enumerate(households) if room.refusal(household) is None]
        if not candidates:
            continue
        for h, _household in candidates:
            chosen[(h, r)] = model.new_bool_var(f"x_{h}_{r}")
            per_household[h].append(chosen[(h, r)])
        model.add(mb.LinearExpr.sum([households[h].size * chosen[(h, r)] for h, _ in candidates]) <= room.free_beds)
        if room.residents:  # only single adults of the residents' kind may join (refusal): beds are the limit
            continue
        # An empty room: one household, or single adults of one kind sharing it.
        kinds = {room.share_kind(household) for _, household in candidates} - {None}
        whole = model.new_bool_var("whole")
        shared = {kind: model.new_bool_var(f"shared_{kind}") for kind in kinds}
        model.add(whole + mb.LinearExpr.sum(list(shared.values())) <= 1)
        for h, household in candidates:
            kind = room.share_kind(household)
            model.add(chosen[(h, r)] <= (shared[kind] if kind else whole))
        model.add(
            mb.LinearExpr.sum([chosen[(h, r)] for h, household in candidates if room.share_kind(household) is None])
            <= 1
        )
    for variables in per_household.values():
        model.add(mb.LinearExpr.sum(variables) <= 1)
    persons = mb.LinearExpr.sum([households[h].size * variable for (h, _), variable in chosen.items()])
    model.maximize(persons)
    deadline = started + settings.time_limit
    solver, optimal = sat_solve(model, settings, deadline, max_lp=False)
    values = {key: round(solver.value(variable)) for key, variable in chosen.items()}
    priority_optimal = False
    if deadline - time.perf_counter() > 1:
        model.add(persons >= round(solver.value(persons)))
        for key, variable in chosen.items():
            model.add_hint(variable, values[key])
        model.maximize(mb.LinearExpr.sum([households[h].priority * variable for (h, _), variable in chosen.items()]))
        try:
            solver, priority_optimal = sat_solve(model, settings, deadline, max_lp=False)
            values = {key: round(solver.value(variable)) for key, variable in chosen.items()}
        except RuntimeError:  # out of time: keep the most persons found, without the priority stage
            priority_optimal = False
    assignments = [Assignment(households[h].key, rooms[r].key) for (h, r), value in values.items() if value == 1]
    return proposal_of("naive", rooms, households, assignments, optimal=optimal and priority_optimal, started=started)
