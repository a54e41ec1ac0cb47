"""Households: the demo matches the council letter, moves respect the room rules, incomes change by
date, requests and their clock, anonymisation after the retention time, and who may see what."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from opvangregie.areas.models import Municipality
from opvangregie.core.contribution import ReceptionType
from opvangregie.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from opvangregie.core.reception_duty import ClockState, StepKind
from opvangregie.households import selectors, services
from opvangregie.households.models import Household, Income, Member, Outcome, RequestStatus
from opvangregie.locations.models import Location, OccupancySnapshot, Room

pytestmark = pytest.mark.django_db
OCTOBER, NOVEMBER = date(2025, 10, 1), date(2025, 11, 1)


def heemstede() -> Municipality:
    return Municipality.objects.get(code="GM0397")


def room(location: str, name: str) -> Room:
    return Room.objects.get(location__municipality__code="GM0397", location__name=location, name=name)


def register(users: dict, *members: services.MemberInput, on: date = date(2025, 11, 3), **extra) -> Household:
    return services.household_create(
        actor=users["heemstede"],
        municipality=heemstede(),
        data=services.HouseholdInput(members=list(members), registered_on=on, **extra),
    )


def test_demo_counts_match_the_council_letter_of_1_october(users: dict) -> None:
    totals = selectors.month_totals(actor=users["heemstede"], municipality=heemstede(), month=OCTOBER)
    counts = totals.counts
    assert (counts.persons, counts.persons_private, counts.persons_municipal) == (127, 15, 112)
    assert (counts.leefgeld, counts.leefgeld_private, counts.leefgeld_municipal) == (14, 3, 11)
    assert counts.leefgeld_pension_age == 3
    assert counts.paying == 47
    assert totals.leefgeld == sum(result.leefgeld for _, result in totals.results)
    assert totals.own_contribution == sum(result.own_contribution for _, result in totals.results)


def test_demo_stays_equal_the_occupancy_snapshots(users: dict) -> None:
    for snapshot in OccupancySnapshot.objects.filter(
        location__municipality__code="GM0397", location__target_group="ukrainian", date__in=[OCTOBER, NOVEMBER]
    ):
        persons, households = selectors.stay_counts(snapshot.location, snapshot.date)
        assert (persons, households) == (snapshot.persons, snapshot.households), snapshot.location.name
    on_november = sum(
        selectors.stay_counts(location, NOVEMBER)[0]
        for location in Location.objects.filter(municipality__code="GM0397", target_group="ukrainian")
    )
    assert on_november == 115


def test_every_room_is_occupied_on_1_november_yet_169_places(users: dict) -> None:
    rooms = Room.objects.filter(location__municipality__code="GM0397", location__status="in_use")
    assert sum(r.beds for r in rooms if r.location.target_group == "ukrainian") == 169
    for r in rooms.filter(location__target_group="ukrainian"):
        assert r.stays.filter(start__lte=NOVEMBER).exclude(end__lte=NOVEMBER).exists(), r


def test_reimbursement_estimate_per_location(users: dict) -> None:
    totals = selectors.month_totals(actor=users["raadslid"], municipality=heemstede(), month=NOVEMBER)
    kerklaan = next(row for row in totals.reimbursement if row.location.name == "Kerklaan")
    assert kerklaan.realised_place_days == 70 * 30
    assert kerklaan.estimate == Decimal(44) * 70 * 30
    assert totals.results == []  # a council member sees totals, not households


def test_move_respects_beds_sharing_and_needs(users: dict) -> None:
    family = register(
        users, services.MemberInput(1990, "F"), services.MemberInput(2015, "M"), services.MemberInput(2018, "F")
    )
    kerklaan = Location.objects.get(municipality__code="GM0397", name="Kerklaan")
    on = date(2025, 11, 10)
    with pytest.raises(ValidationError, match="niet bedoeld om te delen"):
        services.household_move(
            actor=users["heemstede"],
            household=family,
            to=services.Placement(ReceptionType.MUNICIPAL, kerklaan, room("Kerklaan", "019")),
            on=on,
        )
    with pytest.raises(ValidationError, match="4 bedden; 4 in gebruik"):
        services.household_move(
            actor=users["heemstede"],
            household=family,
            to=services.Placement(ReceptionType.MUNICIPAL, kerklaan, room("Kerklaan", "001")),
            on=on,
        )
    glipperweg = Location.objects.get(municipality__code="GM0397", name="Glipperweg")
    with pytest.raises(ValidationError, match="niet in gebruik"):
        services.household_move(
            actor=users["heemstede"],
            household=family,
            to=services.Placement(ReceptionType.MUNICIPAL, glipperweg),
            on=on,
        )
    stay = services.household_move(
        actor=users["heemstede"], household=family, to=services.Placement(ReceptionType.PRIVATE), on=on
    )
    assert stay.reception_type == "private"
    assert stay.history.first().history_user == users["heemstede"]


def test_shared_room_takes_a_single_adult_of_the_same_sex(users: dict) -> None:
    # Kerklaan room 001 (4 beds, shared) holds 4 women on 1 November; one leaves, a woman may come in
    occupant = Household.objects.filter(stays__room=room("Kerklaan", "001"), stays__end__isnull=True).first()
    services.household_leave(actor=users["heemstede"], household=occupant, on=date(2025, 11, 5))
    kerklaan = room("Kerklaan", "001").location
    man = register(users, services.MemberInput(1985, "M"))
    with pytest.raises(ValidationError, match="hetzelfde geslacht"):
        services.household_move(
            actor=users["heemstede"],
            household=man,
            to=services.Placement(ReceptionType.MUNICIPAL, kerklaan, room("Kerklaan", "001")),
            on=date(2025, 11, 6),
        )
    woman = register(users, services.MemberInput(1985, "F"))
    services.household_move(
        actor=users["heemstede"],
        household=woman,
        to=services.Placement(ReceptionType.MUNICIPAL, kerklaan, room("Kerklaan", "001")),
        on=date(2025, 11, 6),
    )


def test_registration_rules(users: dict) -> None:
    with pytest.raises(ValidationError, match="minstens één volwassene"):
        register(users, services.MemberInput(2012))
    with pytest.raises(ValidationError, match="geboortejaar"):
        register(users, services.MemberInput(2030))
    household = register(users, services.MemberInput(1980))
    assert household.reference.startswith("OEK-2025-")
    with pytest.raises(Conflict):
        register(users, services.MemberInput(1980), reference=household.reference)


def test_income_changes_by_date_and_leefgeld_stops_the_next_month(users: dict) -> None:
    household = register(
        users, services.MemberInput(1980, "F"), on=date(2025, 9, 1), placement=services.Placement(ReceptionType.PRIVATE)
    )
    member = household.members.get()
    services.income_set(
        actor=users["heemstede"],
        member=member,
        monthly_amount=Decimal(1500),
        source="work",
        valid_from=date(2025, 10, 15),
    )
    table = selectors.rates()

    def month(day: date):
        return selectors.household_month(
            selectors.household_get(actor=users["heemstede"], municipality=heemstede(), reference=household.reference),
            day,
            table,
        )

    assert month(date(2025, 10, 1)).leefgeld == Decimal("314.84")
    assert month(date(2025, 11, 1)).leefgeld == 0
    services.income_set(
        actor=users["heemstede"], member=member, monthly_amount=Decimal(0), source="work", valid_from=date(2025, 12, 1)
    )
    assert month(date(2025, 12, 1)).leefgeld == Decimal("314.84")
    assert Income.objects.get(member=member).valid_until == date(2025, 12, 1)
    with pytest.raises(ValidationError, match="al een inkomen"):
        services.income_set(
            actor=users["heemstede"],
            member=member,
            monthly_amount=Decimal(10),
            source="work",
            valid_from=date(2025, 10, 1),
        )


def test_request_workflow_and_the_72_hour_clock(users: dict) -> None:
    household = register(users, services.MemberInput(1980, "F"))
    received = timezone.now() - timedelta(hours=80)
    request = services.request_create(actor=users["heemstede"], household=household, received_at=received)
    with pytest.raises(Conflict, match="al een open aanvraag"):
        services.request_create(actor=users["heemstede"], household=household, received_at=received)
    services.request_step_add(
        actor=users["heemstede"],
        request=request,
        kind=StepKind.ESCALATED_RCVS,
        at=received + timedelta(hours=1),
        outcome=Outcome.NO_PLACE,
    )
    rows = {
        row.reference: row
        for row in selectors.waiting_list(actor=users["heemstede"], municipality=heemstede(), now=timezone.now())
    }
    assert rows[household.reference].clock.state is ClockState.OVERDUE
    with pytest.raises(ValidationError, match="aanbod is aanvaard"):
        services.request_close(
            actor=users["heemstede"], request=request, status=RequestStatus.RESOLVED, at=timezone.now()
        )
    services.request_step_add(
        actor=users["heemstede"],
        request=request,
        kind=StepKind.OFFER_HOTEL,
        at=timezone.now(),
        outcome=Outcome.ACCEPTED,
    )
    services.request_close(actor=users["heemstede"], request=request, status=RequestStatus.RESOLVED, at=timezone.now())
    assert household.reference not in {
        row.reference
        for row in selectors.waiting_list(actor=users["heemstede"], municipality=heemstede(), now=timezone.now())
    }
    with pytest.raises(Conflict, match="afgesloten"):
        services.request_step_add(actor=users["heemstede"], request=request, kind=StepKind.NOTE, at=timezone.now())


def test_placing_a_request_records_the_stay_and_resolves_it(users: dict) -> None:
    household = register(users, services.MemberInput(1980, "F"), on=timezone.localdate())
    request = services.request_create(
        actor=users["heemstede"], household=household, received_at=timezone.now() - timedelta(hours=1)
    )
    services.request_place(
        actor=users["heemstede"], request=request, to=services.Placement(ReceptionType.PRIVATE), at=timezone.now()
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.RESOLVED
    assert request.steps.get().kind == StepKind.PLACED
    assert household.stays.get().reception_type == "private"


def test_demo_waiting_list_with_escalations(users: dict) -> None:
    rows = selectors.waiting_list(
        actor=users["heemstede"], municipality=heemstede(), now=datetime(2025, 11, 12, tzinfo=UTC)
    )
    assert [row.reference for row in rows] == ["OEK-2025-W001", "OEK-2025-W002"]
    assert rows[0].clock.state is ClockState.OFFERED_IN_TIME
    assert rows[1].clock.state is ClockState.OVERDUE
    assert rows[1].last_step.kind == StepKind.ESCALATED_LCVS


def test_anonymisation_after_the_retention_time(users: dict, settings) -> None:
    settings.HOUSEHOLD_RETENTION_DAYS = 30
    household = register(
        users,
        services.MemberInput(1980, "F", income=Decimal(900)),
        on=date(2025, 1, 6),
        name="Test",
        placement=services.Placement(ReceptionType.PRIVATE),
    )
    services.household_leave(actor=users["heemstede"], household=household, on=date(2025, 3, 1))
    assert services.households_anonymise(on=date(2025, 3, 31)) == 0
    assert services.households_anonymise(on=date(2025, 4, 1)) >= 1
    household.refresh_from_db()
    assert household.reference == f"ANON-{household.pk}"
    assert household.name == ""
    assert household.anonymised_on == date(2025, 4, 1)
    member = Member.objects.get(household=household)
    assert (member.year_of_birth, member.sex) == (1900, "")
    assert not Income.objects.filter(member=member).exists()
    assert not Income.history.filter(member_id=member.pk).exists()
    assert not Household.history.filter(id=household.pk, name="Test").exists()
    assert household.stays.get().end == date(2025, 3, 1)  # dates and places are kept
    with pytest.raises(Conflict, match="geanonimiseerd"):
        services.household_update(
            actor=users["heemstede"],
            household=household,
            name="x",
            needs_accessible=False,
            needs_ground_floor=False,
            needs_note="",
            catering=False,
        )


def test_demo_households_that_left_long_ago_are_anonymised(users: dict) -> None:
    left = Household.objects.filter(municipality__code="GM0397", left_on__isnull=False)
    assert left.count() == 2
    assert all(h.reference.startswith("ANON-") for h in left)


@pytest.mark.parametrize("username", ["raadslid", "noordholland", "kennemerland", "coa", "rijk", "haarlem"])
def test_only_own_officers_see_or_change_households(users: dict, username: str) -> None:
    with pytest.raises(PermissionDenied):
        selectors.households_list(actor=users[username], municipality=heemstede(), on=NOVEMBER)
    with pytest.raises(NotFound):
        selectors.household_get(actor=users[username], municipality=heemstede(), reference="OEK-2025-W001")
    with pytest.raises(PermissionDenied):
        services.household_create(
            actor=users[username],
            municipality=heemstede(),
            data=services.HouseholdInput(members=[services.MemberInput(1980)], registered_on=NOVEMBER),
        )


def test_province_cannot_see_households_but_region_sees_the_waiting_list_without_references(users: dict) -> None:
    totals = selectors.month_totals(actor=users["noordholland"], municipality=heemstede(), month=OCTOBER)
    assert totals.results == []
    from opvangregie.areas.models import Region

    region = Region.objects.get(slug="kennemerland")
    rows = selectors.region_waiting_list(actor=users["kennemerland"], region=region, now=timezone.now())
    assert len(rows) == 2
    assert all(row.reference is None for row in rows)
    with pytest.raises(NotFound):
        selectors.region_waiting_list(actor=users["heemstede"], region=region, now=timezone.now())
