"""Placement benchmark: the optimiser against the greedy rule, the naive model and the LP bound.

Instances (all seeded, see core.placement.synthetic for the generator):

- ``heemstede``: the demo's rooms and residents on 1 November 2025, the two households on the demo's
  waiting list and 38 synthetic ones; also a consolidation run with up to 10 moves;
- ``region``: 40 locations, 1,200 rooms, 1,500 waiting households;
- ``national``: 800 locations, 25,000 rooms, 30,000 waiting households.

Each method runs in its own forked process, so its peak memory (including the solver's, which Python's
tracemalloc cannot see) is the high-water mark of that process above its size at the start.
"""

from __future__ import annotations

import multiprocessing
import random
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from opvangregie.core.placement.greedy import greedy
from opvangregie.core.placement.model import Household, Proposal, Room
from opvangregie.core.placement.naive import naive, naive_variables
from opvangregie.core.placement.optimiser import consolidation_gains, optimise, upper_bound
from opvangregie.core.placement.solver import SolverSettings
from opvangregie.core.placement.synthetic import SPECS, household

INSTANCES = ("heemstede", "region", "national")
TARGET_SECONDS = {"heemstede": 1.0, "region": 1.0, "national": 10.0}
MAX_GAP = 0.001  # the optimiser must prove optimality or come within 0.1 % of the bound
NAIVE_MAX_VARIABLES = 2_000_000  # beyond this the naive model is not built (it would not fit in memory)
NAIVE_TIME_LIMIT = 60.0
CONSOLIDATION_MOVES = 10


def heemstede(seed: int = 2025) -> tuple[list[Room], list[Household]]:
    """The demo's rooms and residents on 1 November 2025 with its two waiting households plus 38 synthetic ones."""
    from opvangregie.placement.demo import layout_on

    rng = random.Random(seed)
    rooms = layout_on(date(2025, 11, 1), rng)
    waiting = [
        Household("OEK-2025-W001", 4, 2, priority=3),
        Household("OEK-2025-W002", 1, 1, "F", needs_ground_floor=True, priority=2),
    ]
    waiting += [household(rng, f"S{number:03d}") for number in range(38)]
    return rooms, waiting


def instance(name: str, seed: int = 2025) -> tuple[list[Room], list[Household]]:
    from dataclasses import replace

    from opvangregie.core.placement.synthetic import instance as synthetic

    if name == "heemstede":
        return heemstede(seed)
    return synthetic(replace(SPECS[name], seed=seed))


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _child(work: Callable[[], dict[str, Any]], pipe: Any) -> None:
    start, started = _status_kib("VmRSS"), time.perf_counter()
    try:
        result = work()
    except RuntimeError as error:  # the solver found nothing in time: reported, the other methods still run
        result = {"error": str(error), "seconds": round(time.perf_counter() - started, 4), "optimal": False}
    result["peak_memory_mib"] = round(max(0, _status_kib("VmHWM") - start) / 1024, 1)
    pipe.send(result)


def measured(work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run ``work`` in a forked process and return its result with the process's peak memory."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(work, sender))
    process.start()
    result: dict[str, Any] = receiver.recv()
    process.join()
    return result


def _summary(proposal: Proposal, bound: int) -> dict[str, Any]:
    return {
        "persons_placed": proposal.persons_placed,
        "households_placed": proposal.households_placed,
        "priority": proposal.priority,
        "upper_bound": bound,
        "optimal": proposal.optimal,
        "seconds": round(proposal.seconds, 4),
    }


def run(name: str, *, seed: int = 2025, workers: int = 2) -> dict[str, Any]:
    """Benchmark one instance; returns one JSON-ready dict with per-method results, ratios and targets."""
    rooms, waiting = instance(name, seed)
    started = time.perf_counter()
    bound = upper_bound(rooms, waiting)
    bound_seconds = time.perf_counter() - started
    settings = SolverSettings(time_limit=60.0, workers=workers)
    methods = {
        "optimiser": measured(lambda: _summary(optimise(rooms, waiting, settings=settings), bound)),
        "greedy": measured(lambda: _summary(greedy(rooms, waiting), bound)),
    }
    variables = naive_variables(rooms, waiting)
    if variables <= NAIVE_MAX_VARIABLES:
        naive_settings = SolverSettings(time_limit=NAIVE_TIME_LIMIT, workers=workers)
        methods["naive"] = measured(lambda: _summary(naive(rooms, waiting, settings=naive_settings), bound))
    else:
        methods["naive"] = {
            "skipped": f"{variables:,} household-room variables; not built above {NAIVE_MAX_VARIABLES:,}"
        }
    methods["naive"]["variables"] = variables
    if name == "heemstede":
        methods["consolidation"] = measured(lambda: _consolidation(rooms, waiting, settings))
    best, by_hand, reference = methods["optimiser"], methods["greedy"], methods["naive"]
    gap = (bound - best["persons_placed"]) / bound if bound else 0.0
    return {
        "instance": name,
        "seed": seed,
        "rooms": len(rooms),
        "beds": sum(room.beds for room in rooms),
        "waiting_households": len(waiting),
        "waiting_persons": sum(h.size for h in waiting),
        "upper_bound": bound,
        "upper_bound_seconds": round(bound_seconds, 4),
        "methods": methods,
        "ratios": {
            "optimiser_persons_per_greedy_person": round(best["persons_placed"] / max(1, by_hand["persons_placed"]), 4),
            "naive_seconds_per_optimiser_second": (
                round(reference["seconds"] / best["seconds"], 1) if "seconds" in reference else None
            ),
            "naive_optimal": bool(reference.get("optimal")),
        },
        "targets": {
            "seconds": TARGET_SECONDS[name],
            "optimal_or_within_0_1_percent": bool(best["optimal"] or gap <= MAX_GAP),
            "within_time": best["seconds"] <= TARGET_SECONDS[name],
            "at_least_greedy": best["persons_placed"] >= by_hand["persons_placed"],
        },
    }


def _consolidation(rooms: list[Room], waiting: list[Household], settings: SolverSettings) -> dict[str, Any]:
    proposal = optimise(rooms, waiting, max_moves=CONSOLIDATION_MOVES, settings=settings)
    gains = consolidation_gains(rooms, waiting, max_moves=CONSOLIDATION_MOVES, settings=settings)
    return {
        **_summary(proposal, upper_bound(rooms, waiting, max_moves=CONSOLIDATION_MOVES)),
        "max_moves": CONSOLIDATION_MOVES,
        "moves": len(proposal.moves),
        "move_cost": proposal.move_cost,
        "persons_placed_by_moves": [gain.persons_placed for gain in gains],
    }


def table(result: dict[str, Any]) -> str:
    """A readable summary of ``run``'s result."""
    lines = [
        f"{result['instance']}: {result['rooms']} rooms, {result['beds']} beds, {result['waiting_households']} "
        f"waiting households ({result['waiting_persons']} persons), LP bound {result['upper_bound']} persons",
        f"  {'method':<14}{'persons':>9}{'households':>12}{'seconds':>10}{'peak MiB':>10}  optimal",
    ]
    for method, values in result["methods"].items():
        if "skipped" in values:
            lines.append(f"  {method:<14}{values['skipped']}")
            continue
        if "error" in values:
            lines.append(
                f"  {method:<14}{'–':>9}{'–':>12}{values['seconds']:>10.3f}{values['peak_memory_mib']:>10.1f}"
                f"  {values['error']}"
            )
            continue
        lines.append(
            f"  {method:<14}{values['persons_placed']:>9}{values['households_placed']:>12}{values['seconds']:>10.3f}"
            f"{values['peak_memory_mib']:>10.1f}  {values['optimal']}"
        )
    ratios, targets = result["ratios"], result["targets"]
    naive_ratio = ratios["naive_seconds_per_optimiser_second"]
    lines.append(
        f"  optimiser/greedy persons: {ratios['optimiser_persons_per_greedy_person']:.4f}; naive/optimiser time: "
        + (
            "n/a (naive model not built)"
            if naive_ratio is None
            else f"{naive_ratio:.1f}x"
            + ("" if ratios["naive_optimal"] else f" or more (naive not optimal within {NAIVE_TIME_LIMIT:g} s)")
        )
    )
    met = all(value for key, value in targets.items() if key != "seconds")
    lines.append(f"  targets ({targets['seconds']:g} s, optimal or ≤ 0.1 %, ≥ greedy): {'met' if met else 'NOT MET'}")
    return "\n".join(lines)
