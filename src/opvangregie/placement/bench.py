"""Placement benchmark: the optimiser against the greedy rule, the naive model and the LP bound.

Instances (all seeded, see core.placement.synthetic for the generator):

- ``heemstede``: the demo's rooms and residents on 1 November 2025, the two households on the demo's
  waiting list and 38 synthetic ones; also a consolidation run with up to 10 moves;
- ``region``: 40 locations, 1,200 rooms, 1,500 waiting households;
- ``national``: 800 locations, 25,000 rooms, 30,000 waiting households;
- ``scarce``: a municipality's 6 locations with 300 rooms, mostly of 2-3 beds and half shared by sex,
  few accessible, against 600 waiting households, mostly families of 4-6 and single adults: here the
  greedy rule places measurably fewer persons and households than the optimum;
- ``consolidation``: national, 25,000 rooms of which nine in ten thinly occupied, 6,000 waiting
  households; the consolidation run may move up to 1,000 resident households. A move counts the same
  wherever it goes (with a higher price between locations the model needs every location's rooms
  apart, which is for municipalities and regions).

Per instance: persons and households per method, optimiser ÷ greedy in both, the LP bound and the proof
gap (how far the optimiser's persons are below the bound; 0 when it places as many as the bound allows).
The targets hold for the optimiser and, where there is one, the consolidation run: proven optimal or
within 0.1 % of the bound, within the instance's time, and never fewer persons than greedy.

Each method runs in its own forked process, so its peak memory (including the solver's, which Python's
tracemalloc cannot see) is the high-water mark of that process above its size at the start.
"""

from __future__ import annotations

import multiprocessing
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from opvangregie.core.placement.greedy import greedy
from opvangregie.core.placement.model import DEFAULT_COSTS, Household, MoveCosts, Proposal, Room
from opvangregie.core.placement.naive import naive, naive_variables
from opvangregie.core.placement.optimiser import SAME_COSTS, consolidation_gains, optimise, upper_bound
from opvangregie.core.placement.solver import SolverSettings
from opvangregie.core.placement.synthetic import SPECS, household

INSTANCES = ("heemstede", "region", "national", "scarce", "consolidation")
TARGET_SECONDS = {"heemstede": 1.0, "region": 1.0, "national": 10.0, "scarce": 10.0, "consolidation": 10.0}
MAX_GAP = 0.001  # the optimiser must prove optimality or come within 0.1 % of the bound
NAIVE_MAX_VARIABLES = 2_000_000  # beyond this the naive model is not built (it would not fit in memory)
NAIVE_TIME_LIMIT = 60.0
CONSOLIDATION_MOVES = 10


@dataclass(frozen=True, slots=True)
class Consolidation:
    """A consolidation run: at most ``max_moves`` moves, with the persons placed per ``step`` moves."""

    max_moves: int
    step: int = 1
    costs: MoveCosts = DEFAULT_COSTS


CONSOLIDATIONS = {
    "heemstede": Consolidation(CONSOLIDATION_MOVES),
    "consolidation": Consolidation(1_000, step=250, costs=SAME_COSTS),
}


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
        "gap": round((bound - proposal.persons_placed) / bound, 6) if bound else 0.0,
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
    if name in CONSOLIDATIONS:
        methods["consolidation"] = measured(lambda: _consolidation(rooms, waiting, CONSOLIDATIONS[name], settings))
    best, by_hand, reference = methods["optimiser"], methods["greedy"], methods["naive"]
    checked = [methods[method] for method in ("optimiser", "consolidation") if method in methods]
    return {
        "instance": name,
        "seed": seed,
        "rooms": len(rooms),
        "beds": sum(room.beds for room in rooms),
        "waiting_households": len(waiting),
        "waiting_persons": sum(h.size for h in waiting),
        "upper_bound": bound,
        "upper_bound_seconds": round(bound_seconds, 4),
        "gap": best.get("gap"),
        "methods": methods,
        "ratios": {
            "optimiser_persons_per_greedy_person": _ratio(best, by_hand, "persons_placed"),
            "optimiser_households_per_greedy_household": _ratio(best, by_hand, "households_placed"),
            "naive_seconds_per_optimiser_second": (
                round(reference["seconds"] / best["seconds"], 1) if "seconds" in reference else None
            ),
            "naive_optimal": bool(reference.get("optimal")),
            **(
                {
                    "consolidation_persons_per_greedy_person": _ratio(
                        methods["consolidation"], by_hand, "persons_placed"
                    ),
                    "consolidation_households_per_greedy_household": _ratio(
                        methods["consolidation"], by_hand, "households_placed"
                    ),
                }
                if "consolidation" in methods
                else {}
            ),
        },
        "targets": {
            "seconds": TARGET_SECONDS[name],
            "optimal_or_within_0_1_percent": all(
                method.get("optimal") or method.get("gap", 1.0) <= MAX_GAP for method in checked
            ),
            "within_time": all(method["seconds"] <= TARGET_SECONDS[name] for method in checked),
            "at_least_greedy": best.get("persons_placed", -1) >= by_hand["persons_placed"],
        },
    }


def _ratio(method: dict[str, Any], baseline: dict[str, Any], field: str) -> float | None:
    if field not in method:
        return None
    return round(method[field] / max(1, baseline[field]), 4)


def _consolidation(
    rooms: list[Room], waiting: list[Household], consolidation: Consolidation, settings: SolverSettings
) -> dict[str, Any]:
    moves = consolidation.max_moves
    proposal = optimise(rooms, waiting, max_moves=moves, costs=consolidation.costs, settings=settings)
    gains = consolidation_gains(rooms, waiting, max_moves=moves, step=consolidation.step, settings=settings)
    return {
        **_summary(proposal, upper_bound(rooms, waiting, max_moves=moves)),
        "max_moves": moves,
        "moves": len(proposal.moves),
        "move_cost": proposal.move_cost,
        "move_costs": {
            "within_location": consolidation.costs.within_location,
            "between_locations": consolidation.costs.between_locations,
        },
        "moves_allowed": [gain.moves for gain in gains],  # 0, step, 2 step, … max_moves
        "persons_placed_by_moves": [gain.persons_placed for gain in gains],
    }


def table(result: dict[str, Any]) -> str:
    """A readable summary of ``run``'s result."""
    lines = [
        f"{result['instance']}: {result['rooms']} rooms, {result['beds']} beds, {result['waiting_households']} "
        f"waiting households ({result['waiting_persons']} persons), LP bound {result['upper_bound']} persons",
        f"  {'method':<14}{'persons':>9}{'households':>12}{'bound':>9}{'gap':>9}{'seconds':>10}{'peak MiB':>10}"
        "  optimal",
    ]
    for method, values in result["methods"].items():
        if "skipped" in values:
            lines.append(f"  {method:<14}{values['skipped']}")
            continue
        if "error" in values:
            lines.append(
                f"  {method:<14}{'–':>9}{'–':>12}{'–':>9}{'–':>9}{values['seconds']:>10.3f}"
                f"{values['peak_memory_mib']:>10.1f}  {values['error']}"
            )
            continue
        lines.append(
            f"  {method:<14}{values['persons_placed']:>9}{values['households_placed']:>12}{values['upper_bound']:>9}"
            f"{values['gap']:>9.2%}{values['seconds']:>10.3f}{values['peak_memory_mib']:>10.1f}  {values['optimal']}"
        )
    ratios, targets = result["ratios"], result["targets"]
    naive_ratio = ratios["naive_seconds_per_optimiser_second"]
    lines.append(
        f"  optimiser/greedy persons: {_shown(ratios['optimiser_persons_per_greedy_person'])}, households: "
        f"{_shown(ratios['optimiser_households_per_greedy_household'])}; naive/optimiser time: "
        + (
            "n/a (naive model not built)"
            if naive_ratio is None
            else f"{naive_ratio:.1f}x"
            + ("" if ratios["naive_optimal"] else f" or more (naive not optimal within {NAIVE_TIME_LIMIT:g} s)")
        )
    )
    consolidation = result["methods"].get("consolidation")
    if consolidation and "moves" in consolidation:
        without = result["methods"]["optimiser"]
        by_moves = ", ".join(
            f"{moves}: {persons}"
            for moves, persons in zip(
                consolidation["moves_allowed"], consolidation["persons_placed_by_moves"], strict=True
            )
        )
        lines.append(
            f"  consolidation: {consolidation['moves']} of at most {consolidation['max_moves']} moves (cost "
            f"{consolidation['move_cost']}) place {consolidation['persons_placed'] - without['persons_placed']:+} "
            f"persons, {consolidation['households_placed'] - without['households_placed']:+} households "
            f"(÷ greedy: persons {_shown(ratios['consolidation_persons_per_greedy_person'])}, households "
            f"{_shown(ratios['consolidation_households_per_greedy_household'])}); persons by moves: {by_moves}"
        )
    met = all(value for key, value in targets.items() if key != "seconds")
    lines.append(f"  targets ({targets['seconds']:g} s, optimal or ≤ 0.1 %, ≥ greedy): {'met' if met else 'NOT MET'}")
    return "\n".join(lines)


def _shown(ratio: float | None) -> str:
    return "–" if ratio is None else f"{ratio:.4f}"
