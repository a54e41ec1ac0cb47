"""A count file above the task threshold, uploaded through the form: the officer is sent to the import's page,
sees it waiting, and the page reloads by itself (htmx poll) when the task is done, showing the counts written;
a refused file shows its rows to correct and writes nothing."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from opvangregie.locations.import_jobs import count_import_task
from opvangregie.locations.models import CountImport, OccupancySnapshot
from tests.e2e.browser import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
POLL = re.compile(r"/tellingen/import/(\d+)/\?voortgang=1$")


def counts_file(folder: Path, rows: list[tuple[str, date, int]]) -> Path:
    path = folder / "tellingen-groot.csv"
    lines = ["locatie;datum;personen"] + [f"{name};{day:%d-%m-%Y};{persons}" for name, day, persons in rows]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_officer_uploads_a_large_count_file_and_follows_its_import(
    demo_site: Any, page: Any, tmp_path: Path, settings: Any
) -> None:
    settings.IMPORT_TASK_ROWS = 3
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # no worker: queued
    held: list[Any] = []

    def hold(route: Any) -> None:
        held.append(route)

    page.route(POLL, hold)  # the page's polls wait until the test has run the task (as a worker would)

    def run_the_queued_task() -> None:
        while not held:  # the page polls every second while the import is queued
            page.wait_for_timeout(100)
        count_import_task.call(int(POLL.search(held[0].request.url)[1]))  # type: ignore[index]
        while held:
            held.pop().continue_()
        page.unroute(POLL, hold)  # a poll held meanwhile goes on by itself

    log_in(page, demo_site.url, "heemstede")
    page.click("#counts-import")
    page.wait_for_url("**/gemeente/GM0397/import/")
    rows = [("Kerklaan", date(2025, 9, 1) + timedelta(days=day), 20 + day) for day in range(5)]
    page.set_input_files("input[type=file]", str(counts_file(tmp_path, rows)))
    page.click("form.opvang-form button[type=submit]")
    page.wait_for_url("**/tellingen/import/*/")
    expect(page.locator("#import-progress")).to_contain_text("wachtrij")
    run_the_queued_task()
    expect(page.locator("#import-done")).to_contain_text(f"{len(rows)} tellingen ingelezen.")
    assert page.inner_text("#rows-written") == str(len(rows))
    assert page.inner_text("#rows-checked") == f"{len(rows)} van {len(rows)}"
    written = dict(OccupancySnapshot.objects.filter(location__name="Kerklaan").values_list("date", "persons"))
    assert {day: written[day] for _, day, _ in rows} == {day: persons for _, day, persons in rows}

    before = set(OccupancySnapshot.objects.values_list("pk", "persons"))
    page.route(POLL, hold)
    page.click("text=Tellingen inlezen")
    page.wait_for_url("**/gemeente/GM0397/import/")
    expect(page.locator("#import-jobs")).to_contain_text("tellingen-groot.csv")
    rows[2] = ("Kerklaan", rows[2][1], -1)
    page.set_input_files("input[type=file]", str(counts_file(tmp_path, rows)))
    page.click("form.opvang-form button[type=submit]")
    page.wait_for_url("**/tellingen/import/*/")
    run_the_queued_task()
    expect(page.locator("#import-errors")).to_contain_text("negatief")
    assert page.locator("#import-errors tbody tr").count() == 1
    assert page.inner_text("#import-errors tbody td >> nth=0") == "4"  # the header is line 1
    assert set(OccupancySnapshot.objects.values_list("pk", "persons")) == before
    assert CountImport.objects.count() == 2
