"""The province's overview and its supervision agree on every date and half-year: the same default half-year,
the same counts of municipalities behind, on track, ahead and without data ("geen gegevens", never a count),
in the pages, the API, the Excel export and the letters (issue 16, item 6)."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.test import Client
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from opvangregie.areas.models import Municipality
from opvangregie.core.periods import Quarter
from opvangregie.quotas.models import MunicipalQuota
from opvangregie.reports.documents import council_letter_docx
from opvangregie.reports.selectors import council_letter

pytestmark = pytest.mark.django_db

OVERVIEW = "/provincie/PV27/overzicht/"
SUPERVISION = "/provincie/PV27/toezicht/"
STATUSES = ("behind", "on_track", "ahead", "no_data")


def text(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}">(.*?)</p>', html, re.S)
    assert match, element_id
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip()


def tally(html: str) -> dict[str, int]:
    return {status: int(count) for status, count in re.findall(r'data-status="(\w+)">[^<]*: (\d+)<', html)}


def both(client: Client, params: dict[str, str]) -> tuple[str, str, str, str]:
    """The overview and the supervision with the same query: their half-year and their html."""
    overview = client.get(OVERVIEW, params)
    supervision = client.get(SUPERVISION, params)
    assert overview.status_code == supervision.status_code == 200
    return (
        str(overview.context["programmes"].period),
        overview.content.decode(),
        str(supervision.context["view"].period),
        supervision.content.decode(),
    )


def assert_agree(client: Client, params: dict[str, str]) -> tuple[str, dict[str, int], str]:
    overview_period, overview, supervision_period, supervision = both(client, params)
    assert overview_period == supervision_period
    counts = tally(overview)
    assert counts == tally(supervision)
    assert set(counts) == set(STATUSES)
    assert sum(counts.values()) == 44
    judged = 44 - counts["no_data"]
    summary, behind_summary = text(overview, "province-summary"), text(supervision, "behind-summary")
    if judged:
        assert summary.startswith(f"{counts['behind']} van {judged} gemeente")
        assert behind_summary.startswith(f"{counts['behind']} van {judged} gemeente")
    else:
        assert summary == behind_summary.split(" stand per")[0] == f"Statushouders {overview_period}: geen gegevens."
    return overview_period, counts, summary


@pytest.mark.parametrize(
    ("datum", "period", "behind"),
    [
        ("2025-11-11", "2025-H2", 33),  # the demo's today: the running half-year, on the pro-rata schedule
        ("2025-06-30", "2025-H1", 36),  # the last day: closed
        ("2025-07-01", "2025-H2", None),
        ("2026-01-15", "2026-H1", None),  # not opened: no data on both (the supervision showed 2025-H2)
        ("2026-08-01", "2026-H2", None),  # the overview said "0 van 44", the supervision "44 van 44" (2025-H2)
    ],
)
def test_both_pages_open_on_the_half_year_running_on_the_reference_date(
    login, datum: str, period: str, behind: int | None
) -> None:
    shown, counts, summary = assert_agree(login("noordholland"), {"datum": datum})
    assert shown == period
    if behind is not None:
        assert counts["behind"] == behind
    if period.startswith("2026"):
        assert counts["no_data"] == 44
        assert "van 44" not in summary


@pytest.mark.parametrize("params", [{"periode": "2026-H2"}, {"periode": "2026-H2", "datum": "2026-08-01"}])
def test_a_half_year_without_data_says_geen_gegevens_on_both_pages_never_a_count(login, params: dict) -> None:
    client = login("noordholland")
    _, overview, _, supervision = both(client, params)
    for html in (overview, supervision):
        assert "Statushouders 2026-H2: geen gegevens." in html
        assert not re.search(r"\d+ van \d+ gemeenten? lop", html)
        assert tally(html) == {"behind": 0, "on_track": 0, "ahead": 0, "no_data": 44}
    assert 'class="opvang-status opvang-status--no_data">geen gegevens<' in supervision
    assert ".docx</a>" not in supervision


def test_a_closed_half_year_chosen_on_both_pages(login) -> None:
    client = login("noordholland")
    for params in ({"periode": "2025-H1"}, {"periode": "2025-H1", "datum": "2025-11-04"}):
        period, counts, summary = assert_agree(client, params)
        assert (period, counts) == ("2025-H1", {"behind": 36, "on_track": 2, "ahead": 6, "no_data": 0})
        assert summary == "36 van 44 gemeenten lopen achter op de taakstelling statushouders van 2025-H1."
    period, counts, _ = assert_agree(client, {"periode": "2025-H2", "datum": "2026-01-15"})
    assert (period, counts["behind"]) == ("2025-H2", 44)  # closed: the example realisations stop on 31 October


def remove_heemstede_quota(period: str) -> None:
    MunicipalQuota.objects.filter(municipality__code="GM0397", period__period=period).delete()


def test_a_municipality_without_a_quota_is_no_data_not_behind_on_both_pages_the_api_and_the_letter(
    login, as_user, users: dict
) -> None:
    remove_heemstede_quota("2025-H1")
    client = login("noordholland")
    params = {"periode": "2025-H1", "datum": "2025-11-11"}
    _, counts, summary = assert_agree(client, params)
    assert counts == {"behind": 35, "on_track": 2, "ahead": 6, "no_data": 1}
    assert summary.startswith("35 van 43 gemeenten lopen achter")
    supervision = client.get(SUPERVISION, params).content.decode()
    heemstede = re.search(r'data-code="GM0397">(.*?)</tr>', supervision, re.S)
    assert heemstede is not None
    assert "geen gegevens" in heemstede.group(1)
    assert ".docx" not in heemstede.group(1)
    assert client.get("/provincie/PV27/toezicht/brief/GM0397.docx", params).status_code == 404
    sheet = load_workbook(io.BytesIO(client.get(SUPERVISION, {**params, "export": "xlsx"}).content)).active
    row = next(row for row in sheet.iter_rows(values_only=True) if row and row[0] == "GM0397")
    assert (row[2], row[7]) == (None, "geen gegevens")
    body = as_user("noordholland").get("/api/quotas/provinces/PV27/supervision", {"period": "2025-H1"}).json()
    assert (body["behind"], body["with_data"], body["no_data"], body["municipalities"]) == (35, 43, 1, 44)
    assert next(r for r in body["rows"] if r["code"] == "GM0397")["status"] == "no_data"
    # the council letter quotes the same half-year the same way
    letter = council_letter(actor=users["heemstede"], municipality=heemstede_municipality(), quarter=Quarter(2025, 4))
    paragraphs = "\n".join(p.text for p in Document(io.BytesIO(council_letter_docx(letter))).paragraphs)
    assert "In het halfjaar 2025-H1 haalden 35 van de 43 gemeenten in Noord-Holland hun taakstelling niet." in (
        paragraphs
    )


def heemstede_municipality() -> Municipality:
    return Municipality.objects.get(code="GM0397")


def test_the_council_letter_quotes_the_supervision_of_its_half_year(login, users: dict) -> None:
    letter = council_letter(actor=users["heemstede"], municipality=heemstede_municipality(), quarter=Quarter(2025, 4))
    assert letter.province is not None
    assert (str(letter.province.period), letter.province.behind, letter.province.municipalities) == ("2025-H1", 36, 44)
    page = login("noordholland").get(SUPERVISION, {"periode": "2025-H1", "datum": "2025-11-01"})
    counts = tally(page.content.decode())
    assert (counts["behind"], 44 - counts["no_data"]) == (36, 44)


def letter_text(client: Client, code: str, period: str) -> str:
    response = client.get(f"/provincie/PV27/toezicht/brief/{code}.docx", {"periode": period, "datum": "2026-01-15"})
    assert response.status_code == 200
    return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)


def test_heemstedes_opening_backlog_is_a_half_year_behind_in_the_letter(login) -> None:
    client = login("noordholland")
    heemstede = letter_text(client, "GM0397", "2025-H1")
    assert "Uw gemeente loopt 2 halfjaren op rij achter." in heemstede
    assert "fase 2 van de interventieladder: bestuurlijk gesprek" in heemstede
    assert "Uw gemeente loopt 3 halfjaren op rij achter." in letter_text(client, "GM0397", "2025-H2")
    assert "Uw gemeente loopt 1 halfjaar op rij achter." in letter_text(client, "GM0392", "2025-H1")  # Haarlem
    page = client.get(SUPERVISION, {"periode": "2025-H1"}).content.decode()
    row = re.search(r'data-code="GM0397">(.*?)</tr>', page, re.S)
    assert row is not None
    assert "2. Bestuurlijk gesprek" in row.group(1)


@pytest.mark.parametrize(("on", "period"), [("2025-11-11", "2025-H2"), ("2026-08-01", "2026-H2")])
def test_the_api_defaults_to_the_same_half_year_and_says_no_data(login, as_user, on: str, period: str) -> None:
    body = as_user("noordholland").get("/api/quotas/provinces/PV27/supervision", {"on": on}).json()
    assert body["period"] == period
    assert (body["behind"] or 0) + (body["on_track"] or 0) + (body["ahead"] or 0) + body["no_data"] == 44
    counts = tally(login("noordholland").get(SUPERVISION, {"datum": on}).content.decode())
    assert body["no_data"] == counts["no_data"]
    assert (body["behind"], body["on_track"], body["ahead"]) == (
        (counts["behind"], counts["on_track"], counts["ahead"]) if body["with_data"] else (None, None, None)
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    on=st.dates(min_value=date(2024, 12, 1), max_value=date(2026, 12, 31)),
    period=st.sampled_from([None, "2024-H2", "2025-H1", "2025-H2", "2026-H1"]),
)
def test_on_any_date_and_half_year_the_two_pages_count_the_same(login, on: date, period: str | None) -> None:
    params = {"datum": on.isoformat()} | ({"periode": period} if period else {})
    assert_agree(login("noordholland"), params)
