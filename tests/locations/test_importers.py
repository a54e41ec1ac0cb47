"""Snapshot import: all rows or none, with a row-level report in Dutch."""

import io
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from openpyxl import Workbook

from opvangregie.areas.models import Municipality
from opvangregie.core.errors import PermissionDenied, ValidationError
from opvangregie.locations.importers import ImportRefused, snapshots_import
from opvangregie.locations.models import OccupancySnapshot

pytestmark = pytest.mark.django_db
HEADER = ["locatie", "datum", "personen", "huishoudens", "bruikbare_vrije_plekken"]


def xlsx(rows: list[list[object]], header: list[str] = HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def heemstede() -> Municipality:
    return Municipality.objects.get(code="GM0397")


def run(users: dict, heemstede: Municipality, content: bytes, name: str = "tellingen.xlsx", user: str = "heemstede"):
    return snapshots_import(actor=users[user], municipality=heemstede, file_name=name, content=content)


def test_a_good_file_is_recorded_whole(users: dict, heemstede: Municipality) -> None:
    content = xlsx([["Kerklaan", datetime(2025, 11, 20), 50, 21, 0], ["herenweg", "2025-11-20", 28, 12, None]])
    assert run(users, heemstede, content) == 2
    assert OccupancySnapshot.objects.get(location__name="Kerklaan", date=date(2025, 11, 20)).persons == 50
    assert OccupancySnapshot.objects.get(location__name="Herenweg", date=date(2025, 11, 20)).usable_free_places is None


def test_a_csv_with_semicolons_and_dutch_dates(users: dict, heemstede: Municipality) -> None:
    content = b"locatie;datum;personen\nKerklaan;20-11-2025;49\n"
    assert run(users, heemstede, content, "tellingen.csv") == 1
    assert OccupancySnapshot.objects.get(location__name="Kerklaan", date=date(2025, 11, 20)).persons == 49


def assert_nothing_written(before: int) -> None:
    assert OccupancySnapshot.objects.count() == before


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["Kerklaan", "2025-11-20", 50], ["Onbekend", "2025-11-20", 5]], "onbekende locatie 'Onbekend'"),
        ([["Kerklaan", "2025-11-20", 50], ["Herenweg", "2025-11-20", -3]], "negatief"),
        ([["Kerklaan", (timezone.localdate() + timedelta(days=3)).isoformat(), 50]], "toekomst"),
        ([["Kerklaan", "20 november", 50]], "geen datum"),
        ([["Kerklaan", "2025-11-20", "veel"]], "geen geheel getal"),
        ([["Kerklaan", "2025-11-20", 50], ["Kerklaan", "2025-11-20", 51]], "dubbele regel"),
        ([["Glipperweg", "2025-11-20", 1]], "niet in gebruik"),
    ],
)
def test_one_bad_row_refuses_the_file(users: dict, heemstede: Municipality, rows: list, expected: str) -> None:
    before = OccupancySnapshot.objects.count()
    with pytest.raises(ImportRefused) as caught:
        run(users, heemstede, xlsx([[*row, None, None] for row in rows]))
    assert expected in str(caught.value.details["errors"])
    assert caught.value.row_errors[-1].line == len(rows) + 1
    assert_nothing_written(before)


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (xlsx([["Kerklaan", "2025-11-20", 50]], header=["plek", "datum", "aantal"]), "a.xlsx", "Verplichte kolommen"),
        (b"", "a.xlsx", "leeg"),
        (xlsx([]), "a.xlsx", "geen gegevensregels"),
        (b"this is not a spreadsheet at all", "a.xlsx", "geen geldig Excel-bestand"),
        (b"PK\x03\x04 broken zip", "a.xlsx", "geen geldig Excel-bestand"),
        (b"locatie,datum,personen\n", "a.pdf", "Alleen Excel"),
    ],
)
def test_unreadable_files_are_refused(
    users: dict, heemstede: Municipality, content: bytes, name: str, expected: str
) -> None:
    before = OccupancySnapshot.objects.count()
    with pytest.raises(ValidationError, match=expected):
        run(users, heemstede, content, name)
    assert_nothing_written(before)


def test_outsiders_cannot_import(users: dict, heemstede: Municipality) -> None:
    before = OccupancySnapshot.objects.count()
    with pytest.raises(PermissionDenied):
        run(users, heemstede, xlsx([["Kerklaan", "2025-11-20", 50]]), user="haarlem")
    with pytest.raises(ImportRefused, match="1 fout"):
        run(users, heemstede, xlsx([["Kerklaan", "2025-11-20", 50]]), user="raadslid")
    assert_nothing_written(before)


def _daily_counts(days: int) -> bytes:
    """``days`` daily counts of Kerklaan (70 places, in use since May 2022) from 1 January 2024."""
    lines = ["locatie;datum;personen;huishoudens"]
    lines += [f"Kerklaan;{date(2024, 1, 1) + timedelta(days=n):%d-%m-%Y};{30 + n % 20};12" for n in range(days)]
    return "\n".join(lines).encode()


def test_an_import_reads_and_writes_in_bulk_not_per_row(users: dict, heemstede: Municipality) -> None:
    """Issue 20: the rows are checked against data loaded once and written in bulk, each with its history."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    queries = []
    for days, start in ((10, 0), (300, 10)):
        content = _daily_counts(start + days).decode().splitlines()
        body = "\n".join([content[0], *content[1 + start :]]).encode()
        with CaptureQueriesContext(connection) as captured:
            assert run(users, heemstede, body, name="tellingen.csv") == days
        queries.append(len(captured))
    assert queries[1] <= queries[0] + 10, queries  # 30 times the rows, a few more batches at most
    kerklaan = OccupancySnapshot.objects.filter(location__name="Kerklaan", date__year=2024)
    assert kerklaan.count() == 310
    assert kerklaan.get(date=date(2024, 1, 15)).persons == 44
    history = OccupancySnapshot.history.filter(location__name="Kerklaan", date__year=2024)
    assert history.count() == 310
    assert {entry.history_user for entry in history} == {users["heemstede"]}


def test_an_import_corrects_counts_it_finds_with_their_history(users: dict, heemstede: Municipality) -> None:
    run(users, heemstede, _daily_counts(3), name="tellingen.csv")
    corrected = b"locatie;datum;personen;huishoudens\nKerklaan;02-01-2024;25;10\n"
    assert run(users, heemstede, corrected, name="tellingen.csv") == 1
    snapshot = OccupancySnapshot.objects.get(location__name="Kerklaan", date=date(2024, 1, 2))
    assert (snapshot.persons, snapshot.households) == (25, 10)
    assert [h.persons for h in snapshot.history.order_by("history_date")] == [31, 25]
