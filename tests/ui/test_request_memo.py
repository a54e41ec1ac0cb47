"""Figures computed once per reading request (ui.request_memo), never kept beyond it or across a write."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse

from opvangregie.locations import usable
from opvangregie.ui import request_memo
from opvangregie.ui.request_memo import RequestMemoMiddleware


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[int]:
    """The usable-places provider, counting the locations it is asked about."""
    asked: Counter[int] = Counter()
    provider = usable._provider[0]

    def counting(location_ids: Sequence[int], on: date) -> Mapping[int, int]:
        asked.update(location_ids)
        return provider(location_ids, on)

    monkeypatch.setattr(usable, "_provider", [counting])
    return asked


@pytest.mark.django_db
def test_a_dashboard_computes_each_locations_usable_places_once(login: Any, counted: Counter[int]) -> None:
    page = login("heemstede").get("/gemeente/GM0397/?datum=2025-11-01")
    assert page.status_code == 200
    assert counted
    assert max(counted.values()) == 1
    assert "bruikbare" in page.content.decode().lower()
    login("heemstede").get("/gemeente/GM0397/?datum=2025-11-01")
    assert max(counted.values()) == 2  # the next request computes again: nothing is kept between requests


@pytest.mark.django_db
def test_outside_a_request_nothing_is_remembered(counted: Counter[int]) -> None:
    from opvangregie.locations.models import Room

    ids = sorted({room.location_id for room in Room.objects.all()})[:3]
    first = usable.usable_in_rooms(ids, date(2025, 11, 1))
    assert usable.usable_in_rooms(ids, date(2025, 11, 1)) == first
    assert set(counted.values()) == {2}


@pytest.mark.parametrize(("method", "memo"), [("GET", True), ("HEAD", True), ("POST", False), ("PUT", False)])
def test_only_reading_requests_have_a_memo(method: str, memo: bool) -> None:
    seen: list[Any] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(request_memo.current())
        return HttpResponse()

    request = HttpRequest()
    request.method = method
    RequestMemoMiddleware(view)(request)
    assert (seen[0] is not None) is memo
    assert request_memo.current() is None  # gone after the request


@pytest.mark.django_db
def test_a_dashboard_reads_the_quota_ledgers_and_the_location_plans_once(
    login: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opvangregie.locations import selectors as location_selectors
    from opvangregie.quotas import selectors as quota_selectors

    reads: Counter[str] = Counter()
    ledgers, expected = quota_selectors._ledgers_read, location_selectors._capacities

    def read_ledgers(*args: Any, **kwargs: Any) -> Any:
        reads["ledgers"] += 1
        return ledgers(*args, **kwargs)

    def read_capacities(ids: Sequence[int]) -> Any:
        reads.update(f"plan {pk}" for pk in ids)
        return expected(ids)

    monkeypatch.setattr(quota_selectors, "_ledgers_read", read_ledgers)
    monkeypatch.setattr(location_selectors, "_capacities", read_capacities)
    page = login("heemstede").get("/gemeente/GM0397/?datum=2025-11-01")
    assert page.status_code == 200
    # the quota table, the agenda and the forward look share one read; so do the forward look, the agenda and
    # the task table for the plans of each location (the overview reads capacities with its own figures)
    assert reads["ledgers"] == 1
    planned = [count for key, count in reads.items() if key.startswith("plan ")]
    assert planned
    assert max(planned) <= 2
