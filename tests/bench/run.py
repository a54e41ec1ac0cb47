"""Benchmarks (``make bench``), each against a baseline measured in the same run.

1. Placement (opvangregie.placement.bench): the optimiser against the greedy rule, the naive model and
   the LP bound on every instance of ``bench.INSTANCES`` (``heemstede``, ``region``, ``national``,
   ``scarce`` and ``consolidation``, the last with up to 1,000 moves), with the ratios, gaps and targets.
2. Constraint check (core.constraints): the Doesburg BAG buildings against Natura 2000 with the layer's
   spatial index, against a plain loop over every area.
3. Province overview with prefetching against a naive per-location baseline (below), then a count import of
   10,000 rows, accepted and refused, against a plain read of the same file (opvangregie.locations.bench), and
   one of 100,000 rows, which goes the task's way (more rows than IMPORT_TASK_ROWS).
4. The council letter on the demo data set (opvangregie.reports.bench): Heemstede's in-process as html, docx
   and pdf, and the national batch, all 44 letters of Noord-Holland in one process as pdf and as docx.
5. The heavy pages and API lists under load on the national data set (``opvangregie bench pages``;
   web.bench_pages): p95 of each against the login page's, measured in the same run.

The province overview:

Builds a synthetic province (44 municipalities x 10 locations x 24 monthly counts) in a fresh test
database, then times ``selectors.province_overview`` and a baseline that queries each location's
history separately (what a straightforward implementation does), and prints both with their ratio,
query counts and peak memory.
"""

from __future__ import annotations

import os
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opvangregie.conf.test")
django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

ON = date(2025, 11, 1)


def build() -> tuple[Any, Any]:
    from django.contrib.auth import get_user_model

    from opvangregie.areas.models import Province
    from opvangregie.areas.services import reference_data_load
    from opvangregie.locations.models import CapacityChange, Location, OccupancySnapshot, StatusChange

    reference_data_load(year=2025)
    province = Province.objects.get(code="PV27")
    user = get_user_model().objects.create(username="bench", is_superuser=True)
    for municipality in province.municipalities.all():
        for number in range(10):
            location = Location.objects.create(
                municipality=municipality, name=f"L{number}", target_group="ukrainian", status="in_use"
            )
            StatusChange.objects.create(location=location, status="in_use", effective_date=date(2023, 1, 1))
            CapacityChange.objects.create(location=location, effective_date=date(2023, 1, 1), places=40)
            OccupancySnapshot.objects.bulk_create(
                OccupancySnapshot(location=location, date=date(2024 + m // 12, m % 12 + 1, 1), persons=20 + m % 10)
                for m in range(23)
            )
    return province, user


def baseline(province: Any) -> int:
    """Per location: its status, capacity and latest count, each with its own query."""
    from opvangregie.locations.models import Location

    total = 0
    for location in Location.objects.filter(municipality__province=province):
        status = location.status_changes.filter(effective_date__lte=ON).order_by("-effective_date").first()
        if status is None or status.status != "in_use":
            continue
        capacity = location.capacity_changes.filter(effective_date__lte=ON).order_by("-effective_date").first()
        snapshot = location.snapshots.filter(date__lte=ON).order_by("-date").first()
        total += snapshot.persons if snapshot and capacity else 0
    return total


def measure(name: str, work: Callable[[], int], repeat: int = 5) -> tuple[float, int, int, int]:
    best = float("inf")
    result = 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    with CaptureQueriesContext(connection) as queries:
        work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{name:<28} {best * 1000:8.1f} ms  {len(queries.captured_queries):5d} queries  {peak / 1024:8.0f} KiB peak")
    return best, len(queries.captured_queries), peak, result


def placement() -> None:
    from opvangregie.placement import bench

    print("Placement of waiting households into rooms (2 CP-SAT workers)")
    for name in bench.INSTANCES:
        print(bench.table(bench.run(name)))
    print()


def constraints() -> None:
    """Every building of the Doesburg BAG extract against the 160 Natura 2000 areas within 500 m: the layer's
    spatial index (core.constraints) against a plain loop over all areas, with the same answer."""
    from pathlib import Path

    from shapely.geometry import Polygon

    from opvangregie.sites.bag import current_versions, read_versions
    from opvangregie.sites.layers import natura2000

    extract = Path(__file__).resolve().parents[2] / "src/opvangregie/data/bag/0221PND15092020.zip"
    buildings = [
        Polygon(v.footprint) for v in current_versions(read_versions(extract)).values() if len(v.footprint) >= 4
    ]
    layer = natura2000()
    radius = 500.0

    def indexed() -> int:
        return sum(bool(layer.hits(building, radius)) for building in buildings)

    def plain() -> int:
        return sum(
            any(building.distance(feature.geometry) <= radius for feature in layer.features) for building in buildings
        )

    print(f"Constraint check: {len(buildings)} Doesburg buildings against {len(layer.features)} Natura 2000 areas")
    timings = {}
    for name, work in (("plain loop over all areas", plain), ("spatial index (STRtree)", indexed)):
        start = time.perf_counter()
        found = work()
        timings[name] = time.perf_counter() - start
        print(f"{name:<28} {timings[name] * 1000:8.1f} ms  {found} buildings within {radius:.0f} m")
    print(f"ratio plain/indexed time: {timings['plain loop over all areas'] / timings['spatial index (STRtree)']:.1f}x")
    print()


def main() -> None:
    from opvangregie.locations import selectors

    placement()
    constraints()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        province, user = build()

        def optimised() -> int:
            user._opvangregie_scope = None
            return selectors.province_overview(actor=user, province=province, on=ON).totals.persons

        print("Province overview, Noord-Holland: 44 municipalities x 10 locations x 23 counts")
        base_time, base_queries, _, base_result = measure("baseline (query per location)", lambda: baseline(province))
        opt_time, opt_queries, _, opt_result = measure("province_overview", optimised)
        assert base_result == opt_result, (base_result, opt_result)
        print(f"ratio baseline/optimised time: {base_time / opt_time:.1f}x; queries {base_queries} -> {opt_queries}")
        print()
        from opvangregie.locations import bench as import_bench

        print(import_bench.table(import_bench.run(10_000)))
        print(import_bench.table(import_bench.run(100_000)))  # above IMPORT_TASK_ROWS: the task's path
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    letter()
    pages()


def pages() -> None:
    """The heavy pages and API lists under load on the national data set (web.bench_pages: PostgreSQL,
    gunicorn, hey), with the ratio of each page's p95 to the login page's."""
    from opvangregie.web import bench_pages

    bench_pages.environment_ready()
    print()
    print(bench_pages.table(bench_pages.run(seconds=10, clients=20, fresh=False)))


def letter() -> None:
    """The council letter in-process on the demo data set (loaded into a fresh test database)."""
    from opvangregie.demo import load_demo
    from opvangregie.reports import bench as letter_bench

    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        load_demo()
        print()
        print(letter_bench.table(letter_bench.run()))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
