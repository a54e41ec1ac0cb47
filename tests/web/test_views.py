import io
import re

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook

from opvangregie.locations.models import Location, OccupancySnapshot

pytestmark = pytest.mark.django_db


def cell(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}">([^<]*)<', html)
    assert match, element_id
    return match.group(1).strip()


def test_login_is_required() -> None:
    response = Client().get("/gemeente/GM0397/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_login_with_the_demo_password() -> None:
    client = Client()
    response = client.post("/inloggen/", {"username": "heemstede", "password": "heemstede-demo-2025"})
    assert response.status_code == 302
    assert client.get("/", follow=True).redirect_chain[-1][0] == "/gemeente/GM0397/"


def test_dashboard_shows_the_council_letter_table(login) -> None:
    response = login("heemstede").get("/gemeente/GM0397/", {"datum": "2025-11-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert (cell(html, "total-places"), cell(html, "total-persons"), cell(html, "target")) == ("169", "115", "164")
    assert cell(html, "target-gap") == "+5"
    assert 'id="full-notice"' not in html  # Herenweg still has 5 usable places (rooms), so Heemstede is not full
    assert cell(html, "total-free") == "5"
    assert "sloop" in html
    assert "Princehof" in html
    assert 'id="snapshot-form"' in html


def test_council_member_sees_the_table_without_forms(login) -> None:
    html = login("raadslid").get("/gemeente/GM0397/", {"datum": "2025-11-01"}).content.decode()
    assert cell(html, "total-places") == "169"
    assert 'id="snapshot-form"' not in html
    kerklaan = Location.objects.get(name="Kerklaan")
    response = login("raadslid").post(
        f"/locatie/{kerklaan.pk}/snapshot/", {"location": kerklaan.pk, "date": "2025-11-20", "persons": 1}
    )
    assert response.status_code == 403
    assert not OccupancySnapshot.objects.filter(date="2025-11-20").exists()


@pytest.mark.parametrize("username", ["haarlem", "coa"])
def test_other_municipalities_do_not_see_heemstede(login, username: str) -> None:
    assert login(username).get("/gemeente/GM0397/").status_code == 404
    kerklaan = Location.objects.get(name="Kerklaan")
    assert login(username).get(f"/locatie/{kerklaan.pk}/").status_code == 404
    assert login(username).get("/gemeente/GM0397/export.xlsx").status_code == 404
    assert login(username).get(f"/locatie/{kerklaan.pk}/", {"formaat": "xlsx"}).status_code == 404


def test_a_locations_counts_as_excel(login) -> None:
    kerklaan = Location.objects.get(name="Kerklaan")
    response = login("raadslid").get(f"/locatie/{kerklaan.pk}/", {"formaat": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == "Datum")
    assert rows[start][1] == "Personen (personen)"
    body = rows[start + 1 :]
    snapshots = OccupancySnapshot.objects.filter(location=kerklaan).order_by("-date")
    assert [(row[0].date(), row[1]) for row in body] == [(s.date, s.persons) for s in snapshots]


def test_recording_a_count_on_the_dashboard_with_htmx(login) -> None:
    kerklaan = Location.objects.get(name="Kerklaan")
    response = login("heemstede").post(
        "/gemeente/GM0397/telling/?datum=2025-11-20",
        {"location": kerklaan.pk, "date": "2025-11-20", "persons": 50, "households": 21},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # a partial for htmx
    assert cell(html, "total-persons") == "117"


def test_a_refused_count_shows_the_reason(login) -> None:
    kerklaan = Location.objects.get(name="Kerklaan")
    response = login("heemstede").post(
        "/gemeente/GM0397/telling/?datum=2025-11-20",
        {"location": kerklaan.pk, "date": "2025-11-20", "persons": 90},
        headers={"HX-Request": "true"},
    )
    assert "meer dan de 70 plekken" in response.content.decode()
    assert not OccupancySnapshot.objects.filter(date="2025-11-20").exists()


def test_location_page_with_lifecycle_timeline_and_chart(login) -> None:
    princehof = Location.objects.get(name="Princehof")
    html = login("heemstede").get(f"/locatie/{princehof.pk}/").content.decode()
    assert "Klankbordgroep" in html
    assert html.count("Klankbordgroep") == 2
    kerklaan = Location.objects.get(name="Kerklaan")
    html = login("heemstede").get(f"/locatie/{kerklaan.pk}/").content.decode()
    assert "<svg" in html


def test_status_change_from_the_location_page(login) -> None:
    kerklaan = Location.objects.get(name="Kerklaan")
    client = login("heemstede")
    refused = client.post(f"/locatie/{kerklaan.pk}/status/", {"status": "out_of_use", "effective_date": "2025-11-20"})
    assert refused.status_code == 422
    done = client.post(
        f"/locatie/{kerklaan.pk}/status/",
        {"status": "out_of_use", "effective_date": "2025-11-20", "reason": "renovatie"},
    )
    assert done.status_code == 302
    kerklaan.refresh_from_db()
    assert kerklaan.status == "out_of_use"


def test_excel_export_opens_again_with_the_figures(login) -> None:
    response = login("heemstede").get("/gemeente/GM0397/export.xlsx", {"datum": "2025-11-01"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1].date().isoformat() == "2025-11-01"
    total = next(row for row in rows if row[0] and str(row[0]).startswith(("Totaal", "Total")))
    assert total[1:3] == (169, 115)
    assert any(row[1] == 164 for row in rows if row[0] in ("Taakstelling", "Target"))


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    workbook.active.append(["locatie", "datum", "personen"])
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes) -> io.BytesIO:
    handle = io.BytesIO(content)
    handle.name = "tellingen.xlsx"
    return handle


def test_import_page_reports_errors_per_row_and_saves_nothing(login) -> None:
    response = login("heemstede").post(
        "/gemeente/GM0397/import/",
        {"file": upload(xlsx([["Kerklaan", "2025-11-20", 50], ["Nergens", "2025-11-20", 3]]))},
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "import-errors" in html
    assert "onbekende locatie" in html
    assert not OccupancySnapshot.objects.filter(date="2025-11-20").exists()


def test_import_page_records_a_good_file(login) -> None:
    response = login("heemstede").post(
        "/gemeente/GM0397/import/", {"file": upload(xlsx([["Kerklaan", "2025-11-20", 50]]))}
    )
    assert response.status_code == 302
    assert OccupancySnapshot.objects.get(date="2025-11-20").persons == 50


def test_region_and_province_pages_with_drill_down(login) -> None:
    html = login("kennemerland").get("/regio/kennemerland/", {"datum": "2025-11-01"}).content.decode()
    assert "/gemeente/GM0397/" in html
    assert "voorbeeld" in html or "example" in html
    assert login("kennemerland").get("/provincie/PV27/").status_code == 404
    response = login("noordholland").get("/provincie/PV27/", {"datum": "2025-11-01", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    codes = [row[0] for row in sheet.iter_rows(values_only=True) if row[0] and str(row[0]).startswith("GM")]
    assert len(codes) == 44
    assert login("heemstede").get("/regio/kennemerland/").status_code == 404


def test_english_is_available(login) -> None:
    client = login("heemstede")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/gemeente/GM0397/", {"datum": "2025-11-01"}).content.decode()
    assert "Reception in Heemstede" in html
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    html = client.get("/gemeente/GM0397/", {"datum": "2025-11-01"}).content.decode()
    assert "Opvang in Heemstede" in html


def test_dutch_is_the_default_whatever_the_browser_prefers(login) -> None:
    html = login("heemstede").get("/gemeente/GM0397/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert "Opvang in Heemstede" in html
