"""``opvangregie bench import --rows N``: how long a count import of N rows takes, accepted and refused, against
a plain read of the same file (issue 20 item 4). Runs inside a transaction that is rolled back: nothing stays."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from opvangregie.areas.models import Municipality
from opvangregie.locations.importers import ALIASES, OPTIONAL, REQUIRED, ImportRefused, snapshots_import
from opvangregie.locations.models import CapacityChange, Location, StatusChange
from opvangregie.ui.tables import read_table

FIRST_DAY = date(2020, 1, 1)
DAYS_PER_LOCATION = 100


class _RollBack(Exception):
    pass


def _file(locations: list[Location], rows: int, *, broken: bool) -> bytes:
    """``rows`` daily counts spread over ``locations``; ``broken``: the last row counts more persons than places."""
    lines = ["locatie;datum;personen;huishoudens"]
    for number in range(rows):
        location = locations[number // DAYS_PER_LOCATION]
        day = FIRST_DAY + timedelta(days=number % DAYS_PER_LOCATION)
        lines.append(f"{location.name};{day:%d-%m-%Y};{20 + number % 30};{10 + number % 5}")
    if broken:
        lines[-1] = lines[-1].rsplit(";", 2)[0] + ";999;10"
    return "\n".join(lines).encode()


def _seconds(work: Any) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def run(rows: int = 10_000) -> dict[str, Any]:
    """Seconds to import ``rows`` counts (accepted), the same file with its last row wrong (refused, nothing
    written), and a plain read of the file; with the ratios to the read."""
    result: dict[str, Any] = {"rows": rows}
    try:
        with transaction.atomic():
            municipality = Municipality.objects.order_by("code").first()
            if municipality is None:
                raise RuntimeError("no municipalities: run 'opvangregie migrate' (it loads the reference data)")
            actor = get_user_model().objects.create(username="bench-import", is_superuser=True)
            locations = []
            for number in range(-(-rows // DAYS_PER_LOCATION)):
                location = Location.objects.create(
                    municipality=municipality, name=f"Bench {number:04d}", target_group="ukrainian", status="in_use"
                )
                StatusChange.objects.create(location=location, status="in_use", effective_date=FIRST_DAY)
                CapacityChange.objects.create(location=location, effective_date=FIRST_DAY, places=60)
                locations.append(location)
            good, bad = _file(locations, rows, broken=False), _file(locations, rows, broken=True)
            read = _seconds(
                lambda: read_table(
                    file_name="tellingen.csv", content=good, required=REQUIRED, optional=OPTIONAL, aliases=ALIASES
                )
            )

            def refused() -> None:
                try:
                    snapshots_import(actor=actor, municipality=municipality, file_name="tellingen.csv", content=bad)
                except ImportRefused as refusal:
                    result["refused_rows"] = refusal.details["total"]
                else:
                    raise AssertionError("the broken file was accepted")

            result["seconds_refused"] = round(_seconds(refused), 3)
            result["seconds_accepted"] = round(
                _seconds(
                    lambda: snapshots_import(
                        actor=actor, municipality=municipality, file_name="tellingen.csv", content=good
                    )
                ),
                3,
            )
            result["seconds_read"] = round(read, 3)
            result["ratio_accepted_to_read"] = round(result["seconds_accepted"] / read, 1)
            result["ratio_refused_to_read"] = round(result["seconds_refused"] / read, 1)
            raise _RollBack
    except _RollBack:
        pass
    result["targets_met"] = result["seconds_accepted"] <= 5 and result["seconds_refused"] <= 2
    return result


def table(result: dict[str, Any]) -> str:
    return (
        f"Count import of {result['rows']} rows: accepted {result['seconds_accepted']:.2f} s "
        f"({result['ratio_accepted_to_read']}x a plain read of {result['seconds_read']:.2f} s), refused "
        f"{result['seconds_refused']:.2f} s ({result['ratio_refused_to_read']}x; {result['refused_rows']} row "
        f"reported); targets (5 s, 2 s) {'met' if result['targets_met'] else 'NOT met'}"
    )
