"""The overviews read of the counts only the latest on the date (issue 20): the figures are those of the whole
history, on every date, for every location of the demo's Noord-Holland."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opvangregie.core.occupancy import location_figures
from opvangregie.locations.models import Location, OccupancySnapshot
from opvangregie.locations.selectors import location_history, with_history, with_history_on

pytestmark = pytest.mark.django_db

DATES = [date(2021, 1, 1), date(2024, 6, 1), date(2025, 9, 30), date(2025, 10, 1), date(2025, 11, 1), date(2026, 3, 1)]


@pytest.mark.parametrize("on", DATES)
def test_the_latest_count_gives_the_figures_of_the_whole_history(on: date) -> None:
    locations = Location.objects.filter(municipality__province__code="PV27")
    whole = {loc.pk: location_figures(location_history(loc), on) for loc in with_history(locations)}
    latest = {loc.pk: location_figures(location_history(loc), on) for loc in with_history_on(locations, on)}
    assert latest == whole
    if on >= date(2025, 10, 1):  # the demo's counts begin on 1 October 2025: from then on there are persons
        assert any(figures.persons for figures in whole.values())


def test_only_one_count_per_location_is_read() -> None:
    on = date(2025, 11, 1)
    locations = Location.objects.filter(municipality__code="GM0397")
    with CaptureQueriesContext(connection) as queries:
        read = list(with_history_on(locations, on))
    assert len(queries) == 5  # the locations, then one query each for statuses, capacities, counts, expected
    counted = {loc.pk for loc in locations if OccupancySnapshot.objects.filter(location=loc, date__lte=on).exists()}
    assert {loc.pk for loc in read if len(loc.snapshots.all()) == 1} == counted
    assert all(len(loc.snapshots.all()) <= 1 for loc in read)
    assert OccupancySnapshot.objects.filter(location__municipality__code="GM0397").count() > len(counted)
