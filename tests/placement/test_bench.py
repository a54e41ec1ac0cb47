"""The placement benchmark's command prints one JSON object with per-method results, ratios and targets."""

from __future__ import annotations

import json
import random
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from opvangregie.core.placement.usable import usable_places
from opvangregie.placement import bench
from opvangregie.placement.demo import layout_on


def test_the_demo_layout_holds_115_persons_in_169_places_on_1_november() -> None:
    rooms = layout_on(date(2025, 11, 1), random.Random(1))
    usable = usable_places(rooms)
    assert (usable.beds, usable.persons) == (169, 115)
    assert usable.empty_rooms == 0
    assert usable.families == (0, 0, 0, 0)


def test_bench_placement_heemstede_prints_json_with_every_method() -> None:
    out = StringIO()
    call_command("bench", "placement", "--instance", "heemstede", "--json", stdout=out)
    result = json.loads(out.getvalue())
    methods = result["methods"]
    assert set(methods) == {"optimiser", "greedy", "naive", "consolidation"}
    for method in ("optimiser", "greedy", "naive"):
        assert {"persons_placed", "households_placed", "upper_bound", "seconds", "peak_memory_mib"} <= set(
            methods[method]
        )
        assert methods[method]["persons_placed"] <= result["upper_bound"]
    assert methods["optimiser"]["persons_placed"] == methods["naive"]["persons_placed"]
    assert methods["consolidation"]["persons_placed"] >= methods["optimiser"]["persons_placed"]
    assert methods["consolidation"]["persons_placed_by_moves"][0] == methods["optimiser"]["persons_placed"]
    assert result["targets"]["at_least_greedy"]
    assert result["targets"]["optimal_or_within_0_1_percent"]
    assert result["ratios"]["optimiser_persons_per_greedy_person"] >= 1


def test_bench_placement_scarce_prints_persons_households_bound_and_gap_per_method(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bench, "NAIVE_TIME_LIMIT", 1.0)  # the naive baseline needs a minute to find little here
    out = StringIO()
    call_command("bench", "placement", "--instance", "scarce", "--json", stdout=out)
    result = json.loads(out.getvalue())
    methods = result["methods"]
    assert set(methods) == {"optimiser", "greedy", "naive"}
    for method in ("optimiser", "greedy"):
        values = methods[method]
        assert {"persons_placed", "households_placed", "upper_bound", "gap", "seconds"} <= set(values)
        assert values["persons_placed"] <= values["upper_bound"] == result["upper_bound"]
        below = (result["upper_bound"] - values["persons_placed"]) / result["upper_bound"]
        assert values["gap"] == pytest.approx(below, abs=1e-6)
    best, by_hand = methods["optimiser"], methods["greedy"]
    assert best["persons_placed"] > by_hand["persons_placed"]
    ratios = result["ratios"]
    assert ratios["optimiser_persons_per_greedy_person"] == round(best["persons_placed"] / by_hand["persons_placed"], 4)
    assert ratios["optimiser_households_per_greedy_household"] == round(
        best["households_placed"] / by_hand["households_placed"], 4
    )
    assert result["gap"] == best["gap"]
    assert result["targets"]["seconds"] == bench.TARGET_SECONDS["scarce"]
    assert result["targets"]["at_least_greedy"]
    assert result["targets"]["optimal_or_within_0_1_percent"]
    assert {"scarce", "consolidation"} <= set(bench.INSTANCES)


def test_the_table_shows_both_ratios_the_gap_and_what_consolidation_gains() -> None:
    result = bench.run("heemstede")
    text = bench.table(result)
    assert f"persons: {result['ratios']['optimiser_persons_per_greedy_person']:.4f}" in text
    assert f"households: {result['ratios']['optimiser_households_per_greedy_household']:.4f}" in text
    consolidation = result["methods"]["consolidation"]
    assert consolidation["moves_allowed"] == list(range(len(consolidation["persons_placed_by_moves"])))
    assert f"{consolidation['moves']} of at most {consolidation['max_moves']} moves" in text
    greedy_persons = result["methods"]["greedy"]["persons_placed"]
    assert result["ratios"]["consolidation_persons_per_greedy_person"] == round(
        consolidation["persons_placed"] / greedy_persons, 4
    )
    assert f"{result['methods']['optimiser']['gap']:.2%}" in text


def test_bench_import_prints_json_and_leaves_nothing_behind(db: None) -> None:
    from opvangregie.locations.models import Location, OccupancySnapshot

    before = (Location.objects.count(), OccupancySnapshot.objects.count(), OccupancySnapshot.history.count())
    out = StringIO()
    call_command("bench", "import", "--rows", "250", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["rows"] == 250
    assert result["refused_rows"] == 1  # the one wrong row of the refused file, reported
    assert result["seconds_accepted"] > 0
    assert result["seconds_refused"] > 0
    assert result["ratio_accepted_to_read"] > 0
    assert (Location.objects.count(), OccupancySnapshot.objects.count(), OccupancySnapshot.history.count()) == before


def test_bench_letter_prints_json_per_format(db: None) -> None:
    out = StringIO()
    call_command("bench", "letter", "--json", "--repeat", "1", "--province", "none", stdout=out)
    result = json.loads(out.getvalue())
    assert "batch" not in result  # the batch of a province's letters: tests/reports (council_letter_batch)
    assert (result["municipality"], result["quarter"]) == ("GM0397", "2025-Q4")
    assert set(result["formats"]) == {"html", "docx", "pdf"}
    assert all(f["seconds"] > 0 and f["queries"] > 0 for f in result["formats"].values())
    assert [f["target"] for f in result["formats"].values()] == [1.0, 1.0, 1.5]
