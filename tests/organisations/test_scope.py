"""Who may see and change what: every forbidden case is refused."""

import pytest

from opvangregie.areas.models import Municipality, Province, Region
from opvangregie.locations.models import Location
from opvangregie.organisations.scope import ANONYMOUS, readable_municipalities, scope_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def places() -> dict:
    return {
        "heemstede": Municipality.objects.get(code="GM0397"),
        "haarlem": Municipality.objects.get(name="Haarlem"),
        "amsterdam": Municipality.objects.get(name="Amsterdam"),
        "utrecht": Municipality.objects.get(name="Utrecht"),
        "kennemerland": Region.objects.get(slug="kennemerland"),
        "nh": Province.objects.get(code="PV27"),
        "ut": Province.objects.get(code="PV26"),
    }


def test_municipality_editor(users: dict, places: dict) -> None:
    scope = scope_for(users["heemstede"])
    assert scope.reads_municipality(places["heemstede"].pk)
    assert scope.edits_municipality(places["heemstede"].pk)
    assert not scope.reads_municipality(places["haarlem"].pk)
    assert not scope.edits_municipality(places["haarlem"].pk)
    assert not scope.reads_region(places["kennemerland"].pk)
    assert not scope.reads_province(places["nh"].pk)


def test_council_member_reads_but_never_edits(users: dict, places: dict) -> None:
    scope = scope_for(users["raadslid"])
    assert scope.reads_municipality(places["heemstede"].pk)
    assert not scope.edits_municipality(places["heemstede"].pk)
    assert not scope.edits_location(municipality_id=places["heemstede"].pk, target_group="ukrainian")


def test_region_reads_its_members_only(users: dict, places: dict) -> None:
    scope = scope_for(users["kennemerland"])
    assert scope.reads_municipality(places["heemstede"].pk)
    assert scope.reads_municipality(places["haarlem"].pk)
    assert not scope.reads_municipality(places["amsterdam"].pk)
    assert not scope.edits_municipality(places["heemstede"].pk)
    assert readable_municipalities(scope).count() == 9


def test_province_reads_its_municipalities_only(users: dict, places: dict) -> None:
    scope = scope_for(users["noordholland"])
    assert readable_municipalities(scope).count() == 44
    assert scope.reads_municipality(places["amsterdam"].pk)
    assert not scope.reads_municipality(places["utrecht"].pk)
    assert scope.reads_province(places["nh"].pk)
    assert not scope.reads_province(places["ut"].pk)
    assert not scope.edits_municipality(places["heemstede"].pk)


def test_coa_reads_and_edits_asylum_and_amv_only(users: dict, places: dict) -> None:
    scope = scope_for(users["coa"])
    heemstede = places["heemstede"].pk
    assert scope.edits_location(municipality_id=heemstede, target_group="amv")
    assert scope.edits_location(municipality_id=heemstede, target_group="asylum")
    assert not scope.edits_location(municipality_id=heemstede, target_group="ukrainian")
    assert not scope.reads_location(municipality_id=heemstede, target_group="ukrainian")
    visible = set(Location.objects.filter(scope.location_filter()).values_list("target_group", flat=True))
    assert visible == {"amv", "asylum"}


def test_national_reads_everything_and_edits_nothing(users: dict, places: dict) -> None:
    scope = scope_for(users["rijk"])
    assert readable_municipalities(scope).count() == 342
    assert scope.reads_province(places["ut"].pk)
    assert not scope.edits_municipality(places["heemstede"].pk)
    assert not scope.edits_location(municipality_id=places["heemstede"].pk, target_group="amv")


def test_anonymous_reads_nothing(places: dict) -> None:
    assert not ANONYMOUS.reads_municipality(places["heemstede"].pk)
    assert readable_municipalities(ANONYMOUS).count() == 0
    assert scope_for(None) is ANONYMOUS
