"""Count files of more rows than ``IMPORT_TASK_ROWS`` are imported by a task with a page of their own: progress
while it runs, then the counts written or the report per row of a refused file (nothing written); the result is
audited with the officer who uploaded it, and only the municipality's own editors see the job."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from opvangregie.areas.models import Municipality
from opvangregie.locations import import_jobs
from opvangregie.locations.importers import snapshots_import
from opvangregie.locations.models import CountImport, ImportJobStatus, OccupancySnapshot
from opvangregie.ui import tables
from opvangregie.ui.tables import more_rows_than

pytestmark = pytest.mark.django_db
IMPORT = "/gemeente/GM0397/import/"
FIRST = date(2025, 10, 1)


def counts_csv(rows: list[tuple[str, date, int]]) -> bytes:
    lines = ["locatie;datum;personen"] + [f"{name};{day:%d-%m-%Y};{persons}" for name, day, persons in rows]
    return "\n".join(lines).encode()


def good_rows(number: int) -> list[tuple[str, date, int]]:
    return [("Kerklaan", FIRST + timedelta(days=day), 30 + day % 7) for day in range(number)]


def upload(client: Any, content: bytes, name: str = "tellingen.csv") -> Any:
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})


def kerklaan_counts() -> dict[date, int]:
    return dict(
        OccupancySnapshot.objects.filter(location__municipality__code="GM0397", location__name="Kerklaan").values_list(
            "date", "persons"
        )
    )


def test_a_file_above_the_threshold_is_imported_by_a_task_and_audited(login, users: dict, settings) -> None:
    settings.IMPORT_TASK_ROWS = 4
    rows = good_rows(6)
    client = login("heemstede")
    response = upload(client, counts_csv(rows))  # the test settings run the task at once
    job = CountImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/tellingen/import/{job.pk}/"
    assert (job.status, job.rows_total, job.rows_checked, job.rows_written) == (
        ImportJobStatus.DONE,
        len(rows),
        len(rows),
        len(rows),
    )
    assert job.progress == 100
    assert job.municipality.code == "GM0397"
    assert bytes(job.content) == b""  # the upload is not kept once read
    assert job.finished_at is not None
    assert {day: kerklaan_counts()[day] for _, day, _ in rows} == {day: persons for _, day, persons in rows}
    snapshot = OccupancySnapshot.objects.get(location__name="Kerklaan", date=rows[0][1])
    assert snapshot.history.first().history_user == users["heemstede"]
    assert {record.history_user for record in job.history.all()} == {users["heemstede"]}
    page = client.get(response["Location"]).content.decode()
    assert f"{len(rows)} tellingen ingelezen." in page
    assert 'id="import-errors"' not in page
    assert "tellingen.csv" in client.get(IMPORT).content.decode()  # listed on the import page


def test_a_file_up_to_the_threshold_is_imported_at_once(login, settings) -> None:
    settings.IMPORT_TASK_ROWS = 4
    rows = good_rows(2)
    response = upload(login("heemstede"), counts_csv(rows))
    assert response.status_code == 302
    assert response["Location"] == "/gemeente/GM0397/"
    assert not CountImport.objects.exists()
    assert {day: kerklaan_counts()[day] for _, day, _ in rows} == {day: persons for _, day, persons in rows}


def test_a_refused_large_file_writes_nothing_and_reports_its_rows(login, users: dict, settings) -> None:
    settings.IMPORT_TASK_ROWS = 4
    rows = good_rows(6)
    rows[1] = ("Onbekend", rows[1][1], 10)
    rows[4] = ("Kerklaan", rows[4][1], -3)
    before = set(OccupancySnapshot.objects.values_list("pk", "persons"))
    client = login("heemstede")
    response = upload(client, counts_csv(rows))
    job = CountImport.objects.get()
    assert set(OccupancySnapshot.objects.values_list("pk", "persons")) == before
    assert job.status == ImportJobStatus.REFUSED
    assert (job.rows_checked, job.rows_written) == (len(rows), 0)
    assert [error["regel"] for error in job.row_errors] == [3, 6]  # the header is line 1
    assert "onbekende locatie 'Onbekend'" in job.row_errors[0]["melding"]
    assert "2 fouten" in job.error
    assert job.history.first().history_user == users["heemstede"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="import-errors"' in text
    assert "onbekende locatie" in text
    assert "Er is niets opgeslagen." in text


def test_an_xlsx_file_is_counted_by_its_rows_too(login, settings) -> None:
    settings.IMPORT_TASK_ROWS = 4
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["locatie", "datum", "personen"])
    for name, day, persons in good_rows(5):
        sheet.append([name, day, persons])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload(login("heemstede"), buffer.getvalue(), "tellingen.xlsx")
    assert CountImport.objects.get().rows_written == 5


@pytest.mark.parametrize("username", ["haarlem", "raadslid", "kennemerland", "coa", "rijk"])
def test_only_the_municipalitys_editors_see_its_import(login, users: dict, username: str) -> None:
    job = import_jobs.count_import_start(
        actor=users["heemstede"],
        municipality=Municipality.objects.get(code="GM0397"),
        file_name="tellingen.csv",
        content=counts_csv(good_rows(2)),
    )
    assert login("heemstede").get(f"/tellingen/import/{job.pk}/").status_code == 200
    assert login("beheerder").get(f"/tellingen/import/{job.pk}/").status_code == 200
    client = login(username)
    assert client.get(f"/tellingen/import/{job.pk}/").status_code == 404
    assert client.get(f"/tellingen/import/{job.pk}/", {"voortgang": "1"}).status_code == 404


def test_only_editors_start_an_import_task(users: dict) -> None:
    from opvangregie.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_jobs.count_import_start(
            actor=users["raadslid"],
            municipality=Municipality.objects.get(code="GM0397"),
            file_name="tellingen.csv",
            content=counts_csv(good_rows(2)),
        )
    assert not CountImport.objects.exists()


def test_progress_is_polled_while_the_task_runs_and_the_page_reloads_when_done(login, users: dict) -> None:
    job = CountImport.objects.create(
        municipality=Municipality.objects.get(code="GM0397"),
        file_name="tellingen.csv",
        content=counts_csv(good_rows(3)),
        created_by=users["heemstede"],
    )  # queued: no worker has taken it yet
    client = login("heemstede")
    page = client.get(f"/tellingen/import/{job.pk}/").content.decode()
    assert f'hx-get="/tellingen/import/{job.pk}/?voortgang=1"' in page
    partial = client.get(f"/tellingen/import/{job.pk}/", {"voortgang": "1"})
    assert "hx-trigger" in partial.content.decode()
    assert "HX-Refresh" not in partial
    import_jobs.count_import_task.call(job.pk)
    partial = client.get(f"/tellingen/import/{job.pk}/", {"voortgang": "1"})
    assert partial["HX-Refresh"] == "true"
    assert "hx-trigger" not in partial.content.decode()
    assert "3 tellingen ingelezen." in client.get(f"/tellingen/import/{job.pk}/").content.decode()


def test_the_task_runs_a_job_once(users: dict) -> None:
    job = import_jobs.count_import_start(
        actor=users["heemstede"],
        municipality=Municipality.objects.get(code="GM0397"),
        file_name="tellingen.csv",
        content=counts_csv(good_rows(2)),
    )
    job.refresh_from_db()
    finished = job.finished_at
    assert finished is not None
    import_jobs.count_import_task.call(job.pk)  # a second delivery of the task finds nothing queued
    job.refresh_from_db()
    assert (job.status, job.finished_at, job.history.count()) == (ImportJobStatus.DONE, finished, 2)


def test_an_unexpected_failure_is_recorded_and_writes_nothing(users: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**kwargs: Any) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(import_jobs, "snapshots_import", broken)
    before = OccupancySnapshot.objects.count()
    job = import_jobs.count_import_start(
        actor=users["heemstede"],
        municipality=Municipality.objects.get(code="GM0397"),
        file_name="tellingen.csv",
        content=counts_csv(good_rows(2)),
    )
    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED
    assert "(OSError)" in job.error
    assert OccupancySnapshot.objects.count() == before


def test_a_job_whose_officer_left_is_refused(users: dict) -> None:
    job = CountImport.objects.create(
        municipality=Municipality.objects.get(code="GM0397"),
        file_name="tellingen.csv",
        content=counts_csv(good_rows(2)),
        created_by=None,
    )
    before = OccupancySnapshot.objects.count()
    import_jobs.count_import_task.call(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJobStatus.REFUSED
    assert "geen account meer" in job.error
    assert OccupancySnapshot.objects.count() == before


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, int]] = []

    def read(self, rows: int) -> None:
        self.events.append(("read", rows))

    def checked(self, rows: int) -> None:
        self.events.append(("checked", rows))

    def writing(self, counts: int) -> None:
        self.events.append(("writing", counts))


def test_the_import_reports_its_progress(users: dict) -> None:
    heemstede = Municipality.objects.get(code="GM0397")
    recorder = Recorder()
    rows = good_rows(3)
    snapshots_import(
        actor=users["heemstede"],
        municipality=heemstede,
        file_name="tellingen.csv",
        content=counts_csv(rows),
        progress=recorder,
    )
    assert recorder.events == [("read", 3), ("checked", 3), ("writing", 3)]
    many = Recorder()
    with pytest.raises(Exception, match="1200 fouten"):
        snapshots_import(
            actor=users["heemstede"],
            municipality=heemstede,
            file_name="tellingen.csv",
            content=counts_csv([("Onbekend", FIRST, 1)] * 1200),
            progress=many,
        )
    assert many.events == [("read", 1200), ("checked", 500), ("checked", 1000), ("checked", 1200)]


def test_rows_are_counted_without_reading_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    csv = counts_csv(good_rows(10))  # a header and 10 rows
    for content in (csv, csv + b"\n", csv.replace(b"\n", b"\r\n")):
        assert more_rows_than("a.csv", content, 9)
        assert not more_rows_than("a.CSV", content, 10)
    for write_only in (False, True):  # openpyxl's write-only mode writes no dimension: the rows are counted
        workbook = Workbook(write_only=write_only)
        sheet = workbook.create_sheet() if write_only else workbook.active
        for number in range(31):
            sheet.append([f"rij {number}", number])
        buffer = io.BytesIO()
        workbook.save(buffer)
        for chunk in (1 << 20, 7, 100):  # a row element split between two reads is counted once
            monkeypatch.setattr(tables, "_CHUNK", chunk)
            assert more_rows_than("a.xlsx", buffer.getvalue(), 29)
            assert not more_rows_than("a.xlsx", buffer.getvalue(), 30)
    assert not more_rows_than("a.xlsx", b"not a zip", 0)
    assert not more_rows_than("a.ods", csv, 0)
