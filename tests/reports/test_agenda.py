"""The agenda (issue 16): dates from the register by the rules of core.agenda, its pages, the .ics feed."""

from __future__ import annotations

import re
from datetime import date

import pytest
from icalendar import Calendar

from opvangregie.areas.models import Municipality
from opvangregie.organisations.models import Membership
from opvangregie.reports.agenda import area_agenda

pytestmark = pytest.mark.django_db
TODAY = date(2025, 11, 11)


def test_heemstede_agenda_has_the_objection_period_end_and_the_amv_evaluation(users: dict) -> None:
    heemstede = Municipality.objects.get(code="GM0397")
    items = {
        (item.kind.value, item.day): item
        for item in area_agenda(actor=users["heemstede"], municipalities=[heemstede], today=TODAY).items
    }
    # Princehof: permit decision expected 15 December 2025; six weeks from the day after ends Monday 26 January 2026.
    objection = items[("objection_period_end", date(2026, 1, 26))]
    assert objection.is_expected
    assert "Princehof" in objection.title
    assert items[("irrevocable", date(2026, 1, 27))].is_expected
    assert "16 naar 20" in items[("evaluation", date(2026, 7, 1))].title
    assert items[("protection_end", date(2027, 3, 4))]
    assert items[("quota_period_end", date(2025, 12, 31))].amount == 11  # 29 to house in 2025-H2, 18 housed


def test_the_dashboard_lists_the_coming_90_days(login) -> None:
    page = login("raadslid").get("/gemeente/GM0397/?datum=2025-11-11").content.decode()
    upcoming = page[page.index('id="upcoming"') : page.index("</ul>", page.index('id="upcoming"'))]
    assert "26 januari 2026" in upcoming
    assert "1 juli 2026" not in upcoming  # more than 90 days ahead


def test_filters_by_kind_and_period(login) -> None:
    client = login("heemstede")
    page = client.get("/gemeente/GM0397/agenda/?datum=2025-11-11&soort=evaluation").content.decode()
    assert set(re.findall(r'data-kind="(\w+)"', page)) == {"evaluation"}
    page = client.get("/gemeente/GM0397/agenda/?datum=2025-11-11&vanaf=2026-01-01&dagen=31").content.decode()
    assert set(re.findall(r'data-kind="(\w+)"', page)) == {"objection_period_end", "irrevocable"}
    assert client.get("/gemeente/GM0397/agenda/?dagen=99999").status_code == 400


def test_a_calendar_app_reads_the_feed_until_it_is_stopped(login, client) -> None:
    officer = login("heemstede")
    officer.post("/gemeente/GM0397/agenda/", {"create": "1"})
    page = officer.get("/gemeente/GM0397/agenda/").content.decode()
    address = re.search(r"<code>(http[^<]+\.ics)</code>", page).group(1)
    path = address.split("testserver", 1)[1]
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    objection = next(e for summary, e in events.items() if summary.startswith("Einde bezwaartermijn"))
    assert "(verwacht)" in str(objection["summary"])
    assert len({str(e["uid"]) for e in events.values()}) == len(events)
    assert "<code>" not in officer.get("/gemeente/GM0397/agenda/").content.decode()  # the address is shown once
    feed_id = re.search(r'name="revoke" value="(\d+)"', page).group(1)
    officer.post("/gemeente/GM0397/agenda/", {"revoke": feed_id})
    assert client.get(path).status_code == 404


def test_a_feed_stops_when_its_creator_loses_access(login, client, users: dict) -> None:
    officer = login("heemstede")
    officer.post("/gemeente/GM0397/agenda/", {"create": "1"})
    address = re.search(r"<code>(http[^<]+\.ics)</code>", officer.get("/gemeente/GM0397/agenda/").content.decode())
    path = address.group(1).split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    Membership.objects.filter(user=users["heemstede"]).delete()
    assert client.get(path).status_code == 404
    assert client.get("/agenda/abonnement/not-a-token.ics").status_code == 404


def test_who_may_not_see_another_municipalitys_agenda(login) -> None:
    assert login("haarlem").get("/gemeente/GM0397/agenda/").status_code == 404
    assert login("haarlem").post("/gemeente/GM0397/agenda/", {"create": "1"}).status_code == 404
    assert login("noordholland").get("/gemeente/GM0397/agenda/").status_code == 200
    assert login("noordholland").get("/provincie/PV27/agenda/").status_code == 200
