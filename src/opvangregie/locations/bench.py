"""``opvangregie bench import --rows N``: how long a count import of N rows takes, accepted and refused, against
a plain read of the same file (issue 20 item 4). Runs inside a transaction that is rolled back: nothing stays.

A file of more rows than ``IMPORT_TASK_ROWS`` goes the way an upload of it goes: the request only counts its rows
and keeps it (``seconds_to_answer``), and the task's function imports it (called here directly, as the worker
calls it, with its progress recorded on the job); the figures then say ``"path": "task"``.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from opvangregie.areas.models import Municipality
from opvangregie.locations import import_jobs
from opvangregie.locations.importers import ALIASES, OPTIONAL, REQUIRED, ImportRefused, snapshots_import
from opvangregie.locations.models import CapacityChange, CountImport, ImportJobStatus, Location, StatusChange
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

            by_task = import_jobs.needs_task("tellingen.csv", good)
            result["path"] = "task" if by_task else "request"
            if by_task:
                _by_task(result, actor=actor, municipality=municipality, good=good, bad=bad)
            else:

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
    if result["path"] == "task":  # the targets of seconds are the request's; a task must end as it should
        result["targets_met"] = result["task_accepted"] == "done" and result["task_refused"] == "refused"
    else:
        result["targets_met"] = result["seconds_accepted"] <= 5 and result["seconds_refused"] <= 2
    return result


def _by_task(result: dict[str, Any], *, actor: Any, municipality: Municipality, good: bytes, bad: bytes) -> None:
    """The task path: what the upload's request does (count the rows, keep the file), then the task's work."""

    def job(content: bytes) -> CountImport:
        start = time.perf_counter()
        assert import_jobs.needs_task("tellingen.csv", content)
        kept = CountImport.objects.create(
            municipality=municipality, file_name="tellingen.csv", content=content, created_by=actor
        )
        result["seconds_to_answer"] = round(time.perf_counter() - start, 3)
        return CountImport.objects.select_related("municipality", "created_by").defer("content").get(pk=kept.pk)

    refused = job(bad)
    result["seconds_refused"] = round(_seconds(lambda: import_jobs.count_import_run(refused)), 3)
    result["task_refused"], result["refused_rows"] = refused.status, len(refused.row_errors)
    accepted = job(good)
    result["seconds_accepted"] = round(_seconds(lambda: import_jobs.count_import_run(accepted)), 3)
    result["task_accepted"], result["rows_written"] = accepted.status, accepted.rows_written
    if accepted.status != ImportJobStatus.DONE or accepted.rows_written != result["rows"]:
        raise AssertionError(f"the task did not import the file: {accepted.error}")
    result["task_threshold_rows"] = settings.IMPORT_TASK_ROWS


def table(result: dict[str, Any]) -> str:
    if result["path"] == "task":
        return (
            f"Count import of {result['rows']} rows (above {result['task_threshold_rows']}: by a task; the upload "
            f"answers in {result['seconds_to_answer']:.2f} s): accepted {result['seconds_accepted']:.2f} s "
            f"({result['ratio_accepted_to_read']}x a plain read of {result['seconds_read']:.2f} s, "
            f"{result['rows_written']} written), refused {result['seconds_refused']:.2f} s "
            f"({result['ratio_refused_to_read']}x; {result['refused_rows']} row reported); "
            f"{'works' if result['targets_met'] else 'does NOT work'}"
        )
    return (
        f"Count import of {result['rows']} rows: accepted {result['seconds_accepted']:.2f} s "
        f"({result['ratio_accepted_to_read']}x a plain read of {result['seconds_read']:.2f} s), refused "
        f"{result['seconds_refused']:.2f} s ({result['ratio_refused_to_read']}x; {result['refused_rows']} row "
        f"reported); targets (5 s, 2 s) {'met' if result['targets_met'] else 'NOT met'}"
    )
