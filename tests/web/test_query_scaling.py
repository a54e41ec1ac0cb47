"""A page's query count must not grow with the data (issue 20): the heavy pages and API lists run the same number
of queries with 10 and with 100 more locations, each with its lifecycle, capacity and counts."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opvangregie.areas.models import Municipality
from opvangregie.distribution.models import DistributionRun
from opvangregie.locations.models import CapacityChange, Location, OccupancySnapshot, StatusChange
from opvangregie.placement import usable_kept

pytestmark = pytest.mark.django_db


def _add_locations(count: int, *, start: int) -> None:
    """``count`` locations over Noord-Holland's municipalities, Ukrainian and asylum, in use since 2024 with a
    count every month of 2025 (written directly: the setting of a measurement, not a use of the product)."""
    municipalities = list(Municipality.objects.filter(province__code="PV27").order_by("code"))
    for number in range(start, start + count):
        location = Location.objects.create(
            municipality=municipalities[number % len(municipalities)],
            name=f"Meetlocatie {number}",
            target_group="ukrainian" if number % 2 else "asylum",
            status="in_use",
        )
        StatusChange.objects.create(location=location, status="in_use", effective_date=date(2024, 1, 1))
        CapacityChange.objects.create(location=location, effective_date=date(2024, 1, 1), places=50)
        OccupancySnapshot.objects.bulk_create(
            OccupancySnapshot(location=location, date=date(2025, month, 1), persons=20 + month, households=10)
            for month in range(1, 11)
        )


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


PAGES = [
    ("heemstede", "/gemeente/GM0397/?datum=2025-11-01"),
    ("noordholland", "/provincie/PV27/?datum=2025-11-01"),
    ("noordholland", "/provincie/PV27/overzicht/?datum=2025-11-01"),
    ("kennemerland", "/regio/kennemerland/?datum=2025-11-01"),
    ("rijk", "/?datum=2025-11-01"),
    ("rijk", "/api/provinces/PV27/overview?on=2025-11-01"),
    ("rijk", "/api/locations?page_size=500"),
    ("noordholland", "/provincie/PV27/verwachting/?datum=2025-11-01"),
]


@pytest.mark.parametrize(("username", "url"), PAGES, ids=[url.split("?")[0] for _, url in PAGES])
def test_the_query_count_does_not_grow_with_the_locations(login: Any, username: str, url: str) -> None:
    """Measured twice: with the usable free places computed (cold) and read as kept (warm)."""
    client = login(username)
    _add_locations(10, start=0)
    _queries(client, url)  # warm: sessions, caches of the process
    usable_kept.forget()
    cold_10, warm_10 = _queries(client, url), _queries(client, url)
    _add_locations(90, start=10)
    usable_kept.forget()
    cold_100, warm_100 = _queries(client, url), _queries(client, url)
    assert cold_100 == cold_10, f"{url}: {cold_10} queries with 10 more locations, {cold_100} with 100"
    assert warm_100 == warm_10, f"{url}: {warm_10} queries with 10 more locations kept, {warm_100} with 100"


def test_the_distribution_table_does_not_grow_with_the_locations(login: Any) -> None:
    client = login("rijk")
    url = f"/spreiding/berekening/{DistributionRun.objects.get(is_adopted=True).pk}/"
    _add_locations(10, start=0)
    _queries(client, url)
    with_10 = _queries(client, url)
    _add_locations(90, start=10)
    assert _queries(client, url) == with_10
