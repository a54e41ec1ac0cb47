"""Household pages, API, imports and the ``contribution`` command, including who may not use them."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from opvangregie.households import importers
from opvangregie.households.models import Household, Income, ReceptionRequest
from opvangregie.ui.imports import ImportRefused
from tests.documents import body

pytestmark = pytest.mark.django_db


def run_cli(*args: str) -> str:
    out = io.StringIO()
    call_command("contribution", *args, stdout=out)
    return out.getvalue()


def test_cli_json_for_two_adults_and_two_minors() -> None:
    data = json.loads(
        run_cli("--date", "2025-10-01", "--adult-income", "1500", "--adult-income", "800", "--minors", "2", "--json")
    )
    assert data["leefgeld"] == "0.00"
    assert data["own_contribution"] == "488.44"
    with_catering = json.loads(
        run_cli(
            "--date",
            "2025-10-01",
            "--adult-income",
            "1500",
            "--adult-income",
            "800",
            "--minors",
            "2",
            "--catering",
            "--json",
        )
    )
    assert with_catering["own_contribution"] == "992.80"


def test_cli_single_adult_thresholds_and_private() -> None:
    assert json.loads(run_cli("--date", "2025-10-01", "--adult-income", "362.07", "--json"))["leefgeld"] == "0.00"
    assert (
        json.loads(run_cli("--date", "2025-10-01", "--adult-income", "642.92", "--json"))["own_contribution"]
        == "244.22"
    )
    assert (
        json.loads(run_cli("--date", "2025-09-01", "--adult-income", "642.92", "--json"))["own_contribution"]
        == "105.00"
    )
    private = json.loads(run_cli("--date", "2025-10-01", "--adult-income", "5000", "--private", "--json"))
    assert private["own_contribution"] == "0.00"
    text = run_cli("--date", "2025-10-01", "--adult-income", "0")
    assert "Leefgeld: 314.84" in text
    with pytest.raises(CommandError, match="Ongeldig bedrag"):
        run_cli("--date", "2025-10-01", "--adult-income", "veel")
    with pytest.raises(CommandError, match="minstens één lid"):
        run_cli("--date", "2025-10-01")


def test_officer_sees_households_waiting_list_and_totals(login) -> None:
    client = login("heemstede")
    html = client.get("/gemeente/GM0397/huishoudens/?datum=2025-10-01").content.decode()
    assert html.count('href="/gemeente/GM0397/huishoudens/OEK-') == 64
    dashboard = client.get("/gemeente/GM0397/?datum=2025-10-01").content.decode()
    assert "127 Oekraïners" in dashboard
    assert "2 openstaande verzoeken op de wachtlijst" in dashboard
    waiting = client.get("/gemeente/GM0397/wachtlijst/").content.decode()
    assert "OEK-2025-W001" in waiting
    assert "aanbod op tijd gedaan" in waiting
    assert "te laat" in waiting
    totals = client.get("/gemeente/GM0397/leefgeld/?maand=2025-10").content.decode()
    assert "47" in totals
    assert "per-household" in totals
    page = client.get("/gemeente/GM0397/huishoudens/OEK-2025-W002/").content.decode()
    assert "begane grond" in page


def test_household_page_explains_the_calculation(login) -> None:
    payer = Household.objects.filter(municipality__code="GM0397", members__incomes__monthly_amount__gt=1000).first()
    html = login("heemstede").get(f"/gemeente/GM0397/huishoudens/{payer.reference}/?maand=2025-10").content.decode()
    assert "Norm 115%" in html
    assert "Eigen bijdrage deze maand" in html


def test_register_a_household_from_the_form_and_request(login) -> None:
    client = login("heemstede")
    members = {"lid-TOTAL_FORMS": "2", "lid-INITIAL_FORMS": "0", "lid-MIN_NUM_FORMS": "1", "lid-MAX_NUM_FORMS": "15"}
    members |= {"lid-0-year_of_birth": "1982", "lid-0-sex": "F", "lid-0-income": "", "lid-0-income_source": "work"}
    members |= {"lid-1-year_of_birth": "2016", "lid-1-sex": "M"}
    response = client.post(
        "/gemeente/GM0397/huishoudens/nieuw/",
        {**members, "registered_on": "2025-11-20", "place": "", "reference": "OEK-T1"},
    )
    assert response.status_code == 302
    household = Household.objects.get(reference="OEK-T1")
    assert household.members.count() == 2
    response = client.post(
        "/gemeente/GM0397/wachtlijst/", {"household": household.pk, "received_at": "2025-11-20T10:00", "note": ""}
    )
    assert response.status_code == 302
    request = ReceptionRequest.objects.get(household=household)
    step = client.post(
        f"/gemeente/GM0397/wachtlijst/{request.pk}/",
        {"action": "step", "kind": "offer_money", "at": "2025-11-21T10:00", "outcome": "accepted", "note": ""},
    )
    assert step.status_code == 302
    refused = client.post(
        "/gemeente/GM0397/huishoudens/nieuw/", {**members, "lid-0-year_of_birth": "2015", "registered_on": "2025-11-20"}
    )
    assert refused.status_code == 422
    assert "minstens één volwassene" in refused.content.decode()


@pytest.mark.parametrize("username", ["raadslid", "noordholland", "kennemerland", "haarlem", "coa"])
def test_others_do_not_see_households(login, username: str) -> None:
    client = login(username)
    assert client.get("/gemeente/GM0397/huishoudens/").status_code == 404
    assert client.get("/gemeente/GM0397/huishoudens/OEK-2025-W001/").status_code == 404
    assert client.post("/gemeente/GM0397/huishoudens/import/").status_code == 404


def test_council_member_sees_counts_but_no_references(login) -> None:
    client = login("raadslid")
    waiting = client.get("/gemeente/GM0397/wachtlijst/").content.decode()
    assert "OEK-2025-W001" not in waiting
    assert "request-form" not in waiting
    totals = client.get("/gemeente/GM0397/leefgeld/?maand=2025-10").content.decode()
    assert "per-household" not in totals
    assert "OEK-" not in totals
    assert client.post("/gemeente/GM0397/wachtlijst/", {}).status_code == 403


def test_region_coordinator_sees_the_regional_waiting_list(login) -> None:
    html = login("kennemerland").get("/regio/kennemerland/wachtlijst/").content.decode()
    assert "Heemstede" in html
    assert "OEK-2025-W001" not in html
    assert login("noordholland").get("/regio/kennemerland/wachtlijst/").status_code == 404
    assert login("noordholland").get("/regio/kennemerland/wachtlijst/", {"formaat": "xlsx"}).status_code == 404
    sheet = login("kennemerland").get("/regio/kennemerland/wachtlijst/", {"formaat": "xlsx"}).content
    cells = [cell for row in load_workbook(io.BytesIO(sheet)).active.iter_rows(values_only=True) for cell in row]
    assert "Heemstede" in cells
    assert not any(str(cell).startswith("OEK-") for cell in cells)  # references are for the own officers only


def test_exports_open_again(login) -> None:
    client = login("heemstede")
    sheet = load_workbook(
        io.BytesIO(body(client.get("/gemeente/GM0397/huishoudens/?datum=2025-10-01&formaat=xlsx")))
    ).active
    references = [row[0] for row in sheet.iter_rows(values_only=True) if str(row[0]).startswith("OEK-")]
    assert len(references) == 64
    totals = load_workbook(
        io.BytesIO(client.get("/gemeente/GM0397/leefgeld/?maand=2025-10&formaat=xlsx").content)
    ).active
    values = {row[0]: row[1] for row in totals.iter_rows(values_only=True) if row[0]}
    assert values["Huishoudens die eigen bijdrage betalen"] == 47
    assert values["Personen in gemeentelijke opvang"] == 112


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEADER = ["kenmerk", "geregistreerd", "geboortejaar", "geslacht", "inkomen", "opvang", "locatie", "kamer"]


def test_household_import_is_all_or_nothing(users: dict) -> None:
    from opvangregie.areas.models import Municipality

    heemstede = Municipality.objects.get(code="GM0397")
    before = Household.objects.count()
    bad = workbook(
        [
            HEADER,
            ["IMP-1", "2025-11-10", 1980, "F", 1200, "particulier", "", ""],
            ["IMP-1", "2025-11-10", 2012, "M", "", "particulier", "", ""],
            ["IMP-2", "2025-11-10", 2014, "F", "", "particulier", "", ""],
            ["IMP-3", "2025-11-10", 1990, "F", "", "gemeentelijk", "Nergens", ""],
        ]
    )
    with pytest.raises(ImportRefused) as refused:
        importers.households_import(actor=users["heemstede"], municipality=heemstede, file_name="h.xlsx", content=bad)
    lines = [error.line for error in refused.value.row_errors]
    assert lines == [4, 5]
    assert Household.objects.count() == before
    good = workbook(
        [
            HEADER,
            ["IMP-1", "2025-11-10", 1980, "F", 1200, "particulier", "", ""],
            ["IMP-1", "2025-11-10", 2012, "M", "", "particulier", "", ""],
        ]
    )
    assert (
        importers.households_import(actor=users["heemstede"], municipality=heemstede, file_name="h.xlsx", content=good)
        == 1
    )
    imported = Household.objects.get(reference="IMP-1")
    assert imported.members.count() == 2
    incomes = workbook(
        [["kenmerk", "lid", "inkomen", "vanaf"], ["IMP-1", 1, "1500,00", "2025-12-01"], ["IMP-1", 7, 10, "2025-12-01"]]
    )
    with pytest.raises(ImportRefused, match="1 fout"):
        importers.incomes_import(actor=users["heemstede"], municipality=heemstede, file_name="i.xlsx", content=incomes)
    assert Income.objects.filter(member__household=imported).count() == 1


def test_anonymise_command_reports_the_count() -> None:
    out = io.StringIO()
    call_command("anonymise_households", "--date", "2025-01-01", stdout=out)
    assert "0 huishouden(s) geanonimiseerd." in out.getvalue()


def test_administrator_sees_the_rate_tables(login) -> None:
    client = login("beheerder")
    assert "244" in client.get("/beheer/households/contributionrate/").content.decode()
    assert client.get("/beheer/households/leefgeldscale/").status_code == 200


def test_the_households_list_comes_a_page_at_a_time_and_the_export_whole(login, monkeypatch) -> None:
    """Issue 20: a country's municipality lists thousands of households; the page shows them 20 (here) at a time,
    keeping the other query parameters in its links; the Excel export keeps them all."""
    import re

    from opvangregie.ui import paging

    monkeypatch.setattr(paging, "PAGE_SIZE", 20)
    client = login("heemstede")
    url = "/gemeente/GM0397/huishoudens/"
    present = client.get(url, {"datum": "2025-11-01"}).content.decode()
    references = re.findall(r'href="/gemeente/GM0397/huishoudens/(OEK-[^/"]+)/"', present)
    assert len(references) == 20
    total = int(re.search(r"Pagina 1 van (\d+) \((\d+) in totaal\)", present).group(2))
    assert total > 20
    assert 'href="?datum=2025-11-01&amp;pagina=2"' in present
    last = -(-total // 20)
    beyond = client.get(url, {"datum": "2025-11-01", "pagina": last + 5}).content.decode()
    assert f"Pagina {last} van {last}" in beyond
    shown = set()
    for number in range(1, last + 1):
        html = client.get(url, {"datum": "2025-11-01", "pagina": number}).content.decode()
        shown |= set(re.findall(r'href="/gemeente/GM0397/huishoudens/(OEK-[^/"]+)/"', html))
    assert len(shown) == total
    export = client.get(url, {"datum": "2025-11-01", "formaat": "xlsx"})
    assert export.streaming  # written row by row to a temporary file and sent in blocks
    assert export["Content-Disposition"] == 'attachment; filename="huishoudens-GM0397-2025-11-01.xlsx"'
    workbook = load_workbook(io.BytesIO(body(export)))
    exported = {row[0] for row in workbook.active.iter_rows(values_only=True) if str(row[0]).startswith("OEK-")}
    assert exported == shown  # the export: every household, not one page
    since = next(row[7] for row in workbook.active.iter_rows() if str(row[0].value).startswith("OEK-") and row[7].value)
    assert since.number_format == "DD-MM-YYYY"  # dates in Dutch order


def test_the_leefgeld_page_lists_households_a_page_at_a_time_with_the_months_totals(login, monkeypatch) -> None:
    """Issue 20: the totals are of every household (kept, households.month_counts); the list beneath is paged."""
    import re
    from decimal import Decimal

    from opvangregie.households import selectors
    from opvangregie.ui import paging

    monkeypatch.setattr(paging, "PAGE_SIZE", 20)
    client = login("heemstede")
    url = "/gemeente/GM0397/leefgeld/"
    first = client.get(url, {"maand": "2025-10"}).content.decode()
    link = r'href="/gemeente/GM0397/huishoudens/(OEK-[^/"]+)/\?maand=2025-10"'
    assert len(re.findall(link, first)) == 20
    total = int(re.search(r"Pagina 1 van (\d+) \((\d+) in totaal\)", first).group(2))
    results = selectors._month_results(selectors.Municipality.objects.get(code="GM0397"), date(2025, 10, 1))
    assert total == len(results) > 20  # every household in reception on 1 October 2025
    shown = set()
    for number in range(1, -(-total // 20) + 1):
        html = client.get(url, {"maand": "2025-10", "pagina": number}).content.decode()
        shown |= set(re.findall(link, html))
    assert len(shown) == total
    leefgeld = sum((result.leefgeld for _, result in results), Decimal(0))
    totals = client.get(url, {"maand": "2025-10"}).context["totals"]
    assert (totals.leefgeld, len(totals.results)) == (leefgeld, 0)
    workbook = load_workbook(io.BytesIO(client.get(url, {"maand": "2025-10", "formaat": "xlsx"}).content))
    values = {row[0]: row[1] for row in workbook.active.iter_rows(values_only=True)}
    assert values["Leefgeld totaal (€)"] == pytest.approx(float(leefgeld))  # the export: every household's total
