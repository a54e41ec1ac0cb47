"""Query parameters: a value that cannot be read is refused with 400 and a message, never replaced by today;
the chosen reference date stays through the navigation; the business clock can be pinned for the demo."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from opvangregie import clock

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("username", "url", "quoted"),
    [
        ("heemstede", "/gemeente/GM0397/?datum=2025-13-45", "2025-13-45"),
        ("heemstede", "/gemeente/GM0397/?datum=abc", "abc"),
        ("heemstede", "/gemeente/GM0397/?datum=9999-12-31", "9999-12-31"),
        ("heemstede", "/gemeente/GM0397/?doelgroep=vluchtelingen", "vluchtelingen"),
        ("heemstede", "/gemeente/GM0397/raadsinformatiebericht/?kwartaal=2025-Q5", "2025-Q5"),
        ("heemstede", "/gemeente/GM0397/leefgeld/?maand=9999-12", "9999-12"),
        ("heemstede", "/gemeente/GM0397/leefgeld/?maand=oktober", "oktober"),
        ("kennemerland", "/regio/kennemerland/?datum=2025-02-30", "2025-02-30"),
        ("noordholland", "/provincie/PV27/toezicht/?periode=2025-H3", "2025-H3"),
        ("noordholland", "/provincie/PV27/overzicht/?datum=0001-01-01", "0001-01-01"),
        ("rijk", "/spreiding/berekening/1/?datum=9999-12-31", "9999-12-31"),
    ],
)
def test_a_value_that_cannot_be_read_is_refused_with_a_message(login, username: str, url: str, quoted: str) -> None:
    response = login(username).get(url)
    html = response.content.decode()
    assert response.status_code == 400
    assert quoted in html
    assert 'id="retry"' in html  # a way on: the same page without the value


def test_the_message_quotes_a_long_value_only_in_part(login) -> None:
    response = login("heemstede").get("/gemeente/GM0397/?datum=" + "x" * 5000)
    assert response.status_code == 400
    message = response.content.decode().split('role="alert"')[1].split("</div>")[0]
    assert "x" * 40 + "…" in message
    assert "x" * 41 not in message


def test_the_retry_link_keeps_the_other_parameters(login) -> None:
    html = login("heemstede").get("/gemeente/GM0397/?datum=abc&doelgroep=amv").content.decode()
    assert 'href="/gemeente/GM0397/?doelgroep=amv"' in html


def test_the_navigation_keeps_the_chosen_reference_date(login) -> None:
    html = login("kennemerland").get("/regio/kennemerland/?datum=2025-11-01").content.decode()
    assert 'href="/regio/kennemerland/?datum=2025-11-01"' in html
    without = login("kennemerland").get("/regio/kennemerland/").content.decode()
    assert 'href="/regio/kennemerland/"' in without


def test_an_absent_date_is_today_on_the_business_clock(login, settings) -> None:
    settings.OPVANGREGIE_TODAY = "2025-11-11"
    html = login("heemstede").get("/gemeente/GM0397/").content.decode()
    assert "Demo: vandaag is 11 november 2025" in html
    assert 'value="2025-11-11"' in html  # the date filter opens on the pinned day


def test_without_a_pinned_day_there_is_no_banner(login, settings) -> None:
    settings.OPVANGREGIE_TODAY = None
    assert "Demo:" not in login("heemstede").get("/gemeente/GM0397/").content.decode()


def test_the_pinned_clock_keeps_the_real_time_of_day(settings) -> None:
    settings.OPVANGREGIE_TODAY = "2025-11-11"
    before = timezone.localtime()
    moment = clock.now()
    assert clock.today() == date(2025, 11, 11)
    assert timezone.localtime(moment).date() == date(2025, 11, 11)
    assert (
        abs(datetime.combine(date.min, moment.time()) - datetime.combine(date.min, before.time())).total_seconds() < 60
        or before.hour == 23
    )  # around midnight the real day may just have turned


def test_the_real_clock_is_the_dutch_calendar_day(settings) -> None:
    settings.OPVANGREGIE_TODAY = None
    assert clock.today() == timezone.localdate()
    assert clock.pinned_day() is None
