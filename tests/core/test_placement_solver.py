"""core.placement.solver: CP-SAT within the time left, on the cores given; a feasible answer counts."""

from __future__ import annotations

import time
from typing import Any

import pytest
from ortools.linear_solver.python import model_builder as mb

from opvangregie.core.placement import solver as solver_module
from opvangregie.core.placement.solver import DEFAULT_SETTINGS, SolverSettings, sat_solve


def test_the_defaults_ten_seconds_on_two_cores() -> None:
    """ADR 0005: the whole country within ten seconds, on the two cores of the benchmark."""
    assert (DEFAULT_SETTINGS.time_limit, DEFAULT_SETTINGS.workers) == (10.0, 2)
    assert SolverSettings() == DEFAULT_SETTINGS


class Recorded:
    """Stands in for CP-SAT: keeps what it was told and answers with ``status``."""

    status: Any = mb.SolveStatus.OPTIMAL
    made: list[Recorded] = []

    def __init__(self, name: str) -> None:
        self.name, self.limit, self.parameters = name, None, None
        self.status_string = "status"
        Recorded.made.append(self)

    def set_time_limit_in_seconds(self, limit: float) -> None:
        self.limit = limit

    def set_solver_specific_parameters(self, parameters: str) -> None:
        self.parameters = parameters

    def solve(self, model: mb.Model) -> Any:
        return Recorded.status


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> type[Recorded]:
    Recorded.made, Recorded.status = [], mb.SolveStatus.OPTIMAL
    monkeypatch.setattr(solver_module.mb, "Solver", Recorded)
    return Recorded


def test_the_time_left_until_the_deadline_at_least_a_tenth_of_a_second(recorded: type[Recorded]) -> None:
    sat_solve(mb.Model(), SolverSettings(workers=3), time.perf_counter() + 5)
    (solver,) = recorded.made
    assert solver.name == "sat"
    assert 4.5 < solver.limit <= 5
    assert solver.parameters == 'num_workers:3,extra_subsolvers:"max_lp"'  # the stronger LP search by default
    sat_solve(mb.Model(), DEFAULT_SETTINGS, time.perf_counter() - 60, max_lp=False)  # past the deadline: one try
    assert recorded.made[-1].limit == 0.1
    assert recorded.made[-1].parameters == "num_workers:2"


@pytest.mark.parametrize(("status", "optimal"), [(mb.SolveStatus.OPTIMAL, True), (mb.SolveStatus.FEASIBLE, False)])
def test_a_feasible_answer_is_used_but_not_called_optimal(recorded: type[Recorded], status: Any, optimal: bool) -> None:
    recorded.status = status
    solver, proven = sat_solve(mb.Model(), DEFAULT_SETTINGS, time.perf_counter() + 1)
    assert (solver, proven) == (recorded.made[-1], optimal)


@pytest.mark.parametrize("status", [mb.SolveStatus.INFEASIBLE, mb.SolveStatus.NOT_SOLVED, mb.SolveStatus.MODEL_INVALID])
def test_no_answer_is_an_error(recorded: type[Recorded], status: Any) -> None:
    recorded.status = status
    with pytest.raises(RuntimeError, match="CP-SAT gaf geen oplossing: status"):
        sat_solve(mb.Model(), DEFAULT_SETTINGS, time.perf_counter() + 1)


def test_a_real_model() -> None:
    model = mb.Model()
    x = model.new_int_var(0, 3, "x")
    model.add(2 * x <= 5)
    model.maximize(x)
    solver, optimal = sat_solve(model, SolverSettings(time_limit=5, workers=1), time.perf_counter() + 5)
    assert (round(solver.value(x)), optimal) == (2, True)
    model.add(x >= 3)
    with pytest.raises(RuntimeError, match="CP-SAT gaf geen oplossing"):
        sat_solve(model, SolverSettings(workers=1), time.perf_counter() + 5)
