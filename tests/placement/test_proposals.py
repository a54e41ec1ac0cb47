"""Usable places and placement proposals on the demo: Heemstede's 169 places full with 115 persons, what two
moves free, confirming once in one transaction, refusals, and who may not see or change what."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from opvangregie.areas.models import Municipality, Region
from opvangregie.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from opvangregie.households import selectors, services
from opvangregie.households.models import Household, RequestStatus, Stay
from opvangregie.locations.models import OccupancySnapshot
from opvangregie.placement import proposals
from opvangregie.placement.allocation import placement_state
from opvangregie.placement.models import PlacementRun, RunStatus
from opvangregie.placement.usable_report import usable_report

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 11, 12, 10, tzinfo=UTC)


def heemstede() -> Municipality:
    return Municipality.objects.get(code="GM0397")


def waiting(reference: str) -> Household:
    return Household.objects.get(municipality__code="GM0397", reference=reference)


def test_usable_places_explain_why_169_places_are_full_with_115_persons(users: dict) -> None:
    report = usable_report(actor=users["raadslid"], municipalities=[heemstede()], now=NOW, with_gains=True)
    total = report.total
    assert (report.places, total.beds, total.persons, total.free_beds) == (169, 169, 115, 54)
    assert total.empty_rooms == 0
    assert total.families == (0, 0, 0, 0)
    assert total.unusable_beds + max(total.single_men, total.single_women) <= total.free_beds
    assert total.unusable_beds > 40
    assert (report.waiting_households, report.waiting_persons) == (2, 5)
    assert report.placeable_now == 1  # only the single woman fits, in a shared room of women
    best = report.best_gain
    assert best is not None
    assert (best.moves, best.persons_placed) == (2, 5)


def test_the_state_is_taken_on_the_dutch_calendar_day_not_the_utc_day() -> None:
    """Half past midnight in Amsterdam is still the previous day in UTC; stays start on the Dutch date."""
    late_evening_utc = datetime(2025, 11, 12, 23, 30, tzinfo=UTC)
    assert placement_state([heemstede()], now=late_evening_utc).on == date(2025, 11, 13)
    assert placement_state([heemstede()], now=NOW).on == date(2025, 11, 12)


def test_a_proposal_is_computed_as_a_task_and_confirmed_once(users: dict) -> None:
    officer = users["heemstede"]
    run = proposals.proposal_start(actor=officer, municipality=heemstede(), max_moves=5)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.progress == 100
    assert run.result["persons_placed"] == 5
    assert run.result["greedy_persons_placed"] <= run.result["persons_placed"]
    assert len(run.result["moves"]) == 2
    moved = {move["household"] for move in run.result["moves"]}
    confirmed = proposals.proposal_confirm(actor=officer, run_id=run.pk)
    assert confirmed.status == RunStatus.CONFIRMED
    today = timezone.localdate()
    for reference in ("OEK-2025-W001", "OEK-2025-W002"):
        household = waiting(reference)
        stay = Stay.objects.get(household=household, end__isnull=True)
        assert stay.room is not None
        assert household.requests.get().status == RequestStatus.RESOLVED
    for pk in moved:
        stays = list(Stay.objects.filter(household_id=pk).order_by("start"))
        assert stays[-1].start == today
        assert stays[-2].end == today
        assert stays[-1].room_id != stays[-2].room_id
    for snapshot in OccupancySnapshot.objects.filter(date=today, location__municipality=heemstede()):
        assert (snapshot.persons, snapshot.households) == selectors.stay_counts(snapshot.location, today)
    assert confirmed.history.filter(history_change_reason="confirmed").exists()
    with pytest.raises(Conflict, match="al bevestigd"):
        proposals.proposal_confirm(actor=officer, run_id=run.pk)


def test_confirming_after_the_data_changed_is_refused_and_writes_nothing(users: dict) -> None:
    officer = users["heemstede"]
    run = proposals.proposal_start(actor=officer, municipality=heemstede())
    run.refresh_from_db()
    assert run.result["persons_placed"] == 1
    resident = Stay.objects.filter(room__location__name="Kerklaan", end__isnull=True).first().household
    services.household_leave(actor=officer, household=resident, on=timezone.localdate())
    with pytest.raises(Conflict, match="veranderd"):
        proposals.proposal_confirm(actor=officer, run_id=run.pk)
    assert waiting("OEK-2025-W002").requests.get().status == RequestStatus.OPEN
    assert PlacementRun.objects.get(pk=run.pk).status == RunStatus.DONE


def test_a_placement_without_the_move_that_frees_its_room_is_refused(users: dict) -> None:
    officer = users["heemstede"]
    run = proposals.proposal_start(actor=officer, municipality=heemstede(), max_moves=3)
    family = str(waiting("OEK-2025-W001").pk)
    with pytest.raises(ValidationError, match="kan niet"):
        proposals.proposal_confirm(actor=officer, run_id=run.pk, accepted={f"a:{family}"})
    assert not Stay.objects.filter(household_id=family).exists()
    single = str(waiting("OEK-2025-W002").pk)
    proposals.proposal_confirm(actor=officer, run_id=run.pk, accepted={f"a:{single}"})
    assert Stay.objects.filter(household_id=single, room__isnull=False).exists()
    assert not Stay.objects.filter(household_id=family).exists()


@pytest.mark.parametrize("username", ["raadslid", "haarlem", "kennemerland", "noordholland", "coa", "rijk"])
def test_only_the_municipalitys_officers_make_and_see_its_proposals(users: dict, username: str) -> None:
    with pytest.raises((PermissionDenied, NotFound)):
        proposals.proposal_start(actor=users[username], municipality=heemstede())
    run = proposals.proposal_start(actor=users["heemstede"], municipality=heemstede())
    with pytest.raises(NotFound):
        proposals.run_get(actor=users[username], run_id=run.pk)
    with pytest.raises(NotFound):
        proposals.proposal_confirm(actor=users[username], run_id=run.pk)


def test_the_region_coordinator_proposes_across_the_region_but_municipalities_confirm(users: dict) -> None:
    region = Region.objects.get(slug="kennemerland")
    coordinator = users["kennemerland"]
    run = proposals.proposal_start(actor=coordinator, region=region, max_moves=2)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.result["persons_placed"] == 5
    view = proposals.run_view(actor=coordinator, run=run)
    labels = [item.label for line in view.lines for item in line.arriving]
    assert labels
    assert not any(label.startswith("OEK-") for label in labels)  # no references outside the municipality
    assert not view.may_confirm
    with pytest.raises(PermissionDenied):
        proposals.proposal_confirm(actor=coordinator, run_id=run.pk)
    with pytest.raises(PermissionDenied):
        proposals.proposal_start(actor=users["heemstede"], region=region)


def test_moves_are_bounded(users: dict) -> None:
    with pytest.raises(ValidationError):
        proposals.proposal_start(actor=users["heemstede"], municipality=heemstede(), max_moves=99)
