"""Start pages per role: region, province and national key figures agree with the provincial overview;
COA finds its locations and registers asylum and AMV locations in any municipality, and nothing else."""

from __future__ import annotations

import re
from datetime import date

import pytest

from opvangregie.areas.models import Municipality, Province
from opvangregie.locations.models import Location
from opvangregie.reports.key_figures import national_key_figures
from opvangregie.reports.province import province_programmes

pytestmark = pytest.mark.django_db
ON = date(2025, 11, 1)


def dutch(number: int | None) -> str:
    """A figure as the pages write it in Dutch: 3.649."""
    return f"{number:,}".replace(",", ".")


def _tile(html: str, tile: str) -> str:
    return html.split(f'id="{tile}"')[1].split("</article>", maxsplit=1)[0]


@pytest.mark.parametrize(
    ("username", "start"), [("kennemerland", "/regio/kennemerland/"), ("noordholland", "/provincie/PV27/")]
)
def test_a_region_or_province_opens_on_its_own_page(login, username: str, start: str) -> None:
    response = login(username).get("/")
    assert response.status_code == 302
    assert response["Location"] == start


def test_the_province_start_page_agrees_with_the_provincial_overview(login, users) -> None:
    html = login("noordholland").get("/provincie/PV27/", {"datum": ON.isoformat()}).content.decode()
    programmes = province_programmes(actor=users["noordholland"], province=Province.objects.get(code="PV27"), on=ON)
    ukrainian = _tile(html, "key-ukrainian")
    assert f"{dutch(programmes.total('ukrainian_places'))} plekken" in ukrainian
    assert f"taakstelling van {dutch(programmes.total('ukrainian_target'))}" in ukrainian
    assert "1 november 2025" in ukrainian
    quota = _tile(html, "key-quota")
    realised, demand = dutch(programmes.total("quota_realised")), dutch(programmes.total("quota_demand"))
    assert f"{realised} van {demand} gehuisvest" in quota
    assert f"{programmes.behind} van 44 gemeenten lopen achter" in quota


def test_the_region_start_page_counts_its_members_only(login, users) -> None:
    html = login("kennemerland").get("/regio/kennemerland/", {"datum": ON.isoformat()}).content.decode()
    members = Municipality.objects.filter(regions__slug="kennemerland").count()
    assert members > 1
    assert re.search(rf"van {members} gemeenten? (biedt|bieden) opvang", _tile(html, "key-asylum"))
    assert "open verzoek" in _tile(html, "key-waiting")


def test_the_national_start_page_shows_national_totals_and_a_table_of_provinces(login, users) -> None:
    response = login("rijk").get("/", {"datum": ON.isoformat()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kerncijfers Nederland" in html
    table = html.split('id="province-table"')[1].split("</table>")[0]
    assert table.count("/provincie/PV") == Province.objects.count() == 12
    assert html.count('href="/gemeente/') == 0  # no wall of 342 links
    country, provinces = national_key_figures(actor=users["rijk"], on=ON)
    assert country.ukrainian_places == sum(p.ukrainian_places for p in provinces)
    assert country.waiting == sum(p.waiting for p in provinces)
    noord_holland = next(p for p in provinces if p.code == "PV27")
    overview = province_programmes(actor=users["rijk"], province=Province.objects.get(code="PV27"), on=ON)
    assert noord_holland.quota_balance == overview.total("quota_balance")
    assert f"{dutch(country.ukrainian_places)} plekken" in _tile(html, "key-ukrainian")


@pytest.mark.parametrize("username", ["heemstede", "raadslid", "kennemerland", "noordholland", "coa"])
def test_only_national_users_get_the_national_figures(login, users, username: str) -> None:
    from opvangregie.core.errors import NotFound

    with pytest.raises(NotFound):
        national_key_figures(actor=users[username], on=ON)


def test_coa_sees_its_locations_with_working_links(login) -> None:
    client = login("coa")
    html = client.get("/").content.decode()
    links = re.findall(r'href="(/locatie/\d+/)"', html.split('id="coa-locations"')[1].split("</ul>")[0])
    assert links
    assert all(client.get(link).status_code == 200 for link in links)
    page = client.get(links[0]).content.decode()
    assert 'href="/gemeente/' not in page  # COA cannot open municipality dashboards: no dead link to them


def test_coa_registers_an_asylum_location_in_any_municipality(login) -> None:
    client = login("coa")
    chosen = client.get("/locatie/nieuw/", {"gemeente": "GM0392"})
    assert chosen.status_code == 302
    assert chosen["Location"] == "/gemeente/GM0392/locatie/nieuw/"
    form = client.get("/gemeente/GM0392/locatie/nieuw/").content.decode()
    options = re.findall(r'<option value="(\w+)"', form.split('name="target_group"')[1].split("</select>")[0])
    assert sorted(options) == ["amv", "asylum"]
    created = client.post(
        "/gemeente/GM0392/locatie/nieuw/",
        {"name": "AZC Test", "target_group": "asylum", "status": "planned", "status_date": "2025-11-01"},
    )
    assert created.status_code == 302
    assert Location.objects.filter(name="AZC Test", municipality__code="GM0392", target_group="asylum").exists()
    refused = client.post(
        "/gemeente/GM0392/locatie/nieuw/",
        {"name": "Oekraïne Test", "target_group": "ukrainian", "status": "planned", "status_date": "2025-11-01"},
    )
    assert refused.status_code == 422
    assert not Location.objects.filter(name="Oekraïne Test").exists()


@pytest.mark.parametrize(("username", "status"), [("raadslid", 403), ("haarlem", 404), ("noordholland", 403)])
def test_who_may_not_register_locations_in_heemstede(login, username: str, status: int) -> None:
    before = Location.objects.count()
    client = login(username)
    assert client.get("/gemeente/GM0397/locatie/nieuw/").status_code == status
    response = client.post(
        "/gemeente/GM0397/locatie/nieuw/",
        {"name": "X", "target_group": "asylum", "status": "planned", "status_date": "2025-11-01"},
    )
    assert response.status_code == status
    assert Location.objects.count() == before
