"""A corpus of bad input replayed against the API (on SQLite and on PostgreSQL): every value beyond what the
model holds is answered 4xx with a message, and nothing is written (the model's limits, checked before every
write by audit.within_bounds)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import Model

from opvangregie.households.models import Household
from opvangregie.locations.models import Location, OccupancySnapshot
from opvangregie.quotas.models import Realisation

pytestmark = pytest.mark.django_db
LONG = "x" * 10_000

LOCATION = {"municipality": "GM0397", "name": "Nieuw", "target_group": "ukrainian", "status_date": "2025-11-01"}
HOUSEHOLD = {"registered_on": "2025-11-20", "members": [{"year_of_birth": 1980}]}
CORPUS: list[tuple[str, str, dict[str, Any], type[Model]]] = [
    ("location name of 151", "/api/locations", {**LOCATION, "name": "n" * 151}, Location),
    ("location name of 10,000", "/api/locations", {**LOCATION, "name": LONG}, Location),
    ("location address of 10,000", "/api/locations", {**LOCATION, "address": LONG}, Location),
    ("location operator of 10,000", "/api/locations", {**LOCATION, "operator": LONG}, Location),
    ("coordinates beyond RD New", "/api/locations", {**LOCATION, "rd_x": "1e30"}, Location),
    ("household reference of 31", "/api/placement/GM0397/households", {**HOUSEHOLD, "reference": "R" * 31}, Household),
    ("household note of 10,000", "/api/placement/GM0397/households", {**HOUSEHOLD, "reference": LONG}, Household),
    (
        "count note of 10,000",
        "{kerklaan}/snapshots",
        {"date": "2025-11-05", "persons": 4, "note": LONG},
        OccupancySnapshot,
    ),
    ("negative count", "{kerklaan}/snapshots", {"date": "2025-11-05", "persons": -1}, OccupancySnapshot),
    ("a count of 10^12", "{kerklaan}/snapshots", {"date": "2025-11-05", "persons": 10**12}, OccupancySnapshot),
    (
        "realisation note of 10,000",
        "/api/quotas/municipalities/GM0397/realisations",
        {"date": "2025-11-05", "persons": 1, "note": LONG},
        Realisation,
    ),
    (
        "realisation of 10^12 persons",
        "/api/quotas/municipalities/GM0397/realisations",
        {"date": "2025-11-05", "persons": 10**12},
        Realisation,
    ),
    ("a NUL character in a name", "/api/locations", {**LOCATION, "name": "Kerk\x00laan"}, Location),
    (
        "a NUL character in a member's sex",
        "/api/placement/GM0397/households",
        {**HOUSEHOLD, "members": [{"year_of_birth": 1980, "sex": "\x00"}]},
        Household,
    ),
    ("a JSON array as body", "/api/locations", [LOCATION], Location),
    ("a JSON number as body", "/api/placement/GM0397/households", 5, Household),
]


@pytest.mark.parametrize(("case", "url", "body", "model"), CORPUS, ids=[case[0] for case in CORPUS])
def test_bad_input_is_refused_and_nothing_is_written(
    as_user: Callable[[str], Any], case: str, url: str, body: Any, model: type[Model]
) -> None:
    kerklaan = Location.objects.get(name="Kerklaan")
    before = model.objects.count()  # type: ignore[attr-defined]
    response = as_user("heemstede").post(
        url.format(kerklaan=f"/api/locations/{kerklaan.pk}"), body, content_type="application/json"
    )
    assert 400 <= response.status_code < 500, (case, response.status_code, response.content[:300])
    assert response.json()["detail"]
    assert len(response.content) < 5_000  # the message does not repeat a huge value
    assert model.objects.count() == before  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("url", "place"),
    [
        ("/api/map/boundaries?region=kennemer%00land", ["query", "region"]),
        ("/api/municipalities?province=PV%0027", ["query", "province"]),
        ("/api/locations?municipality=GM0397%00", ["query", "municipality"]),
    ],
)
def test_a_nul_character_in_a_query_is_refused_where_it_is(
    as_user: Callable[[str], Any], url: str, place: list[str]
) -> None:
    """No text column can hold a NUL character (PostgreSQL refuses it): the answer says which value has one."""
    response = as_user("heemstede").get(url)
    assert response.status_code == 422, response.content[:300]
    [problem] = response.json()["detail"]
    assert problem["loc"] == place
    assert problem["msg"] == "Tekst met een NUL-teken (0x00) kan niet worden gelezen."
