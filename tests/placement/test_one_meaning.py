"""One meaning per figure: "bruikbare vrije plekken" and "vol" are the same on the dashboard, the placement
page, the region page, the provincial overview's source and the council letter, on several dates."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from opvangregie import clock
from opvangregie.areas.models import Municipality, Region
from opvangregie.locations import selectors
from opvangregie.placement.usable_report import usable_report

pytestmark = pytest.mark.django_db
DATES = [date(2025, 10, 1), date(2025, 11, 1), date(2025, 11, 11)]


@pytest.mark.parametrize("on", DATES)
def test_dashboard_placement_region_and_letter_agree(users, on: date) -> None:
    officer = users["heemstede"]
    heemstede = Municipality.objects.get(code="GM0397")
    overview = selectors.municipality_overview(actor=officer, municipality=heemstede, on=on)
    report = usable_report(actor=officer, municipalities=[heemstede], now=clock.midday(on))
    # the placement page's rows carry the dashboard's figures of the same locations
    dashboard = {row.location.pk: row.figures for row in overview.rows if row.figures.places}
    for row in report.rows:
        assert row.figures == dashboard[row.location.pk]
        if row.has_rooms:  # with rooms the usable free places are the free beds a newcomer may take
            assert row.figures.free_places == row.usable.usable_beds
            assert row.figures.is_full == (row.usable.usable_beds == 0)
    assert report.usable_free == overview.totals.free_places
    kennemerland = Region.objects.get(slug="kennemerland")
    region = selectors.region_overview(actor=users["kennemerland"], region=kennemerland, on=on)
    heemstede_row = next(row for row in region.rows if row.municipality == heemstede)
    assert (heemstede_row.totals.places, heemstede_row.totals.persons, heemstede_row.totals.free_places) == (
        overview.totals.places,
        overview.totals.persons,
        overview.totals.free_places,
    )
    assert heemstede_row.totals.is_full == overview.totals.is_full


def test_the_region_placement_page_counts_the_same_persons_as_the_region_page(login, users) -> None:
    client: Client = login("kennemerland")
    placement = client.get("/regio/kennemerland/plaatsing/").content.decode()
    kennemerland = Region.objects.get(slug="kennemerland")
    region = selectors.region_overview(actor=users["kennemerland"], region=kennemerland, on=clock.today())
    sentence = re.search(r"([\d.]+) plekken en ([\d.]+) personen, ([\d.]+) bruikbare vrije plekken", placement)
    assert sentence, placement[:2000]
    places, persons, usable = (int(group.replace(".", "")) for group in sentence.groups())  # 1.079: Dutch
    assert (places, persons) == (region.totals.places, region.totals.persons)
    assert usable == region.totals.free_places
