"""Writes about households and requests: validation, permission check, transaction and audit.

Only the municipality's own officers (editors) change its households (``Scope.reads_households``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from opvangregie import clock
from opvangregie.areas.models import Municipality
from opvangregie.audit import audited_save
from opvangregie.core.contribution import ReceptionType, is_adult
from opvangregie.core.errors import Conflict, ValidationError
from opvangregie.core.lifecycle import LocationStatus, Transition, status_on
from opvangregie.core.reception_duty import StepKind
from opvangregie.core.rooms import Occupant, SharingRule, placement_refusal
from opvangregie.core.target_groups import TargetGroup
from opvangregie.households import month_counts
from opvangregie.households.models import (
    Household,
    Income,
    IncomeSource,
    Member,
    Outcome,
    ReceptionRequest,
    RequestStatus,
    RequestStep,
    Stay,
    amount_problem,
)
from opvangregie.locations.models import Location, Room
from opvangregie.organisations.scope import require, scope_for

NO_EDIT = "U mag de huishoudens van deze gemeente niet wijzigen."


def _require_household_edit(actor: Any, municipality: Municipality) -> None:
    require(scope_for(actor).reads_households(municipality.pk), NO_EDIT)


@dataclass(frozen=True, slots=True)
class MemberInput:
    """A member at registration; ``income`` is the monthly income from ``income_from`` (0: none)."""

    year_of_birth: int
    sex: str = ""
    income: Decimal = Decimal("0")
    income_source: str = IncomeSource.WORK
    income_from: date | None = None


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a household goes: a municipal location (and room), or private reception."""

    reception_type: ReceptionType
    location: Location | None = None
    room: Room | None = None


def placement_by_names(
    municipality: Municipality, reception: ReceptionType, location_name: str, room_name: str = ""
) -> Placement:
    """A placement from a location's and room's names (imports, API); unknown names are refused."""
    if reception is ReceptionType.PRIVATE:
        return Placement(ReceptionType.PRIVATE)
    location = Location.objects.filter(municipality=municipality, name__iexact=location_name.strip()).first()
    if location is None:
        raise ValidationError(f"Onbekende locatie {location_name!r} in {municipality.name}.")
    room = Room.objects.filter(location=location, name=room_name.strip()).first() if room_name.strip() else None
    if room_name.strip() and room is None:
        raise ValidationError(f"Kamer {room_name!r} bestaat niet in {location.name}.")
    return Placement(ReceptionType.MUNICIPAL, location, room)


@dataclass(frozen=True, slots=True)
class HouseholdInput:
    members: list[MemberInput]
    registered_on: date
    reference: str = ""
    name: str = ""
    needs_accessible: bool = False
    needs_ground_floor: bool = False
    needs_note: str = ""
    catering: bool = False
    is_example: bool = False
    placement: Placement | None = None


def _next_reference(municipality: Municipality, year: int) -> str:
    prefix = f"OEK-{year}-"
    taken = set(
        Household.objects.filter(municipality=municipality, reference__startswith=prefix).values_list(
            "reference", flat=True
        )
    )
    number = len(taken) + 1
    while f"{prefix}{number:04d}" in taken:
        number += 1
    return f"{prefix}{number:04d}"


def _validate_members(members: list[MemberInput], on: date) -> None:
    if not members:
        raise ValidationError("Een huishouden heeft minstens één lid.")
    for number, member in enumerate(members, start=1):
        if not 1900 <= member.year_of_birth <= on.year:
            raise ValidationError(f"Lid {number}: geboortejaar {member.year_of_birth} is niet mogelijk.")
        if member.sex not in ("", "F", "M", "X"):
            raise ValidationError(f"Lid {number}: geslacht moet F, M, X of leeg zijn.")
        problem = amount_problem(member.income)
        if problem:
            raise ValidationError(f"Lid {number}: {problem}.")
        if member.income > 0 and member.income_source not in IncomeSource.values:
            raise ValidationError(f"Lid {number}: onbekende inkomensbron {member.income_source!r}.")
    if not any(is_adult(member.year_of_birth, on) for member in members):
        raise ValidationError(
            "Een huishouden heeft minstens één volwassene; alleenstaande minderjarigen vallen onder Nidos "
            "en het COA, niet onder de gemeentelijke opvang (RooO art. 2)."
        )


@transaction.atomic
def household_create(*, actor: Any, municipality: Municipality, data: HouseholdInput) -> Household:
    """Register a household with its members (and incomes), placed at once or waiting for a place."""
    _require_household_edit(actor, municipality)
    _validate_members(data.members, data.registered_on)
    # One registration per municipality at a time: the next free reference and the check for a taken one
    # stay true until this transaction commits (concurrent officers wait a moment instead of colliding).
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
    reference = data.reference.strip() or _next_reference(municipality, data.registered_on.year)
    if Household.objects.filter(municipality=municipality, reference=reference).exists():
        raise Conflict(f"Er is al een huishouden met kenmerk {reference}.")
    household = Household(
        municipality=municipality,
        reference=reference,
        name=data.name.strip(),
        target_group=TargetGroup.UKRAINIAN.value,
        needs_accessible=data.needs_accessible,
        needs_ground_floor=data.needs_ground_floor,
        needs_note=data.needs_note,
        catering=data.catering,
        registered_on=data.registered_on,
        is_example=data.is_example,
    )
    audited_save(household, actor=actor, reason="household registered")
    for number, spec in enumerate(data.members, start=1):
        member = Member(household=household, number=number, year_of_birth=spec.year_of_birth, sex=spec.sex)
        audited_save(member, actor=actor)
        if spec.income > 0:
            income = Income(
                member=member,
                monthly_amount=spec.income,
                source=spec.income_source,
                valid_from=spec.income_from or data.registered_on,
            )
            audited_save(income, actor=actor)
    if data.placement is not None:
        household_move(actor=actor, household=household, to=data.placement, on=data.registered_on)
    return household


@transaction.atomic
def household_update(
    *,
    actor: Any,
    household: Household,
    name: str,
    needs_accessible: bool,
    needs_ground_floor: bool,
    needs_note: str,
    catering: bool,
) -> Household:
    """Change the household's name (optional), needs and catering."""
    _require_household_edit(actor, household.municipality)
    _not_anonymised(household)
    household.name, household.needs_note, household.catering = name.strip(), needs_note, catering
    household.needs_accessible, household.needs_ground_floor = needs_accessible, needs_ground_floor
    audited_save(household, actor=actor)
    return household


def _not_anonymised(household: Household) -> None:
    if household.anonymised_on is not None:
        raise Conflict(f"Huishouden {household.reference} is geanonimiseerd en kan niet meer worden gewijzigd.")


def occupant(household: Household, on: date) -> Occupant:
    members = list(household.members.all())
    return Occupant(
        size=len(members),
        adults=sum(1 for member in members if is_adult(member.year_of_birth, on)),
        sexes=frozenset(member.sex for member in members),
    )


def _check_room(room: Room, household: Household, on: date) -> None:
    # One filter() call: the conditions must hold for the same stay (a mover has an ended stay here too).
    others = (
        Household.objects.filter(
            Q(stays__room=room, stays__start__lte=on) & (Q(stays__end__isnull=True) | Q(stays__end__gt=on))
        )
        .exclude(pk=household.pk)
        .distinct()
        .prefetch_related("members")
    )
    refusal = placement_refusal(
        beds=room.beds,
        sharing=SharingRule(room.sharing_rule),
        current=[occupant(other, on) for other in others],
        newcomer=occupant(household, on),
    )
    if refusal:
        raise ValidationError(f"Kamer {room.name} in {room.location.name}: {refusal}")
    if household.needs_accessible and not room.accessible:
        raise ValidationError(
            f"Kamer {room.name} is niet toegankelijk; het huishouden heeft een toegankelijke kamer nodig."
        )
    if household.needs_ground_floor and room.floor != 0:
        raise ValidationError(f"Kamer {room.name} ligt niet op de begane grond; het huishouden heeft die nodig.")


def _check_placement(household: Household, to: Placement, on: date) -> None:
    if to.reception_type is ReceptionType.PRIVATE:
        if to.location is not None or to.room is not None:
            raise ValidationError("Bij particuliere opvang hoort geen locatie of kamer.")
        return
    location = to.location
    if location is None:
        raise ValidationError("Kies een locatie voor gemeentelijke opvang.")
    if location.municipality_id != household.municipality_id:
        raise ValidationError(f"{location.name} is geen locatie van {household.municipality.name}.")
    if location.target_group != TargetGroup.UKRAINIAN:
        raise ValidationError(f"{location.name} is geen locatie voor Oekraïense ontheemden.")
    transitions = [Transition(LocationStatus(c.status), c.effective_date) for c in location.status_changes.all()]
    if status_on(transitions, on) is not LocationStatus.IN_USE:
        raise ValidationError(f"{location.name} is op {on:%d-%m-%Y} niet in gebruik.")
    if to.room is not None:
        if to.room.location_id != location.pk:
            raise ValidationError(f"Kamer {to.room.name} hoort niet bij {location.name}.")
        _check_room(to.room, household, on)


@transaction.atomic
def household_move(*, actor: Any, household: Household, to: Placement, on: date) -> Stay:
    """Start a stay on ``on`` (arrival or move): the open stay ends that day, the rules of the room are checked."""
    _require_household_edit(actor, household.municipality)
    _not_anonymised(household)
    if household.left_on is not None:
        raise Conflict(f"Huishouden {household.reference} is vertrokken op {household.left_on:%d-%m-%Y}.")
    if on < household.registered_on:
        raise ValidationError("Een verblijf kan niet beginnen vóór de registratie van het huishouden.")
    current = household.stays.filter(end__isnull=True).first()
    if current is not None:
        if on <= current.start:
            raise ValidationError(f"Het huidige verblijf begon op {current.start:%d-%m-%Y}; kies een latere datum.")
        current.end = on
        audited_save(current, actor=actor, reason="moved")
    if household.stays.filter(start__gte=on).exists():
        raise ValidationError("Er is al een verblijf vanaf die datum of later.")
    _check_placement(household, to, on)
    stay = Stay(
        household=household,
        reception_type=to.reception_type.value,
        location=to.location,
        room=to.room,
        start=on,
    )
    audited_save(stay, actor=actor, reason="placed" if current is None else "moved")
    return stay


@transaction.atomic
def household_leave(*, actor: Any, household: Household, on: date) -> Household:
    """The household leaves reception on ``on``: its stay ends and the retention period starts."""
    _require_household_edit(actor, household.municipality)
    _not_anonymised(household)
    if household.left_on is not None:
        raise Conflict(f"Huishouden {household.reference} is al vertrokken op {household.left_on:%d-%m-%Y}.")
    current = household.stays.filter(end__isnull=True).first()
    if current is not None:
        if on <= current.start:
            raise ValidationError(f"Het verblijf begon op {current.start:%d-%m-%Y}; vertrek kan pas daarna.")
        current.end = on
        audited_save(current, actor=actor, reason="left")
    household.left_on = on
    audited_save(household, actor=actor, reason="left")
    return household


@transaction.atomic
def income_set(*, actor: Any, member: Member, monthly_amount: Decimal, source: str, valid_from: date) -> Income | None:
    """From ``valid_from`` the member earns ``monthly_amount`` (0 ends the income); the previous one ends then."""
    household = member.household
    _require_household_edit(actor, household.municipality)
    _not_anonymised(household)
    problem = amount_problem(monthly_amount)
    if problem:
        raise ValidationError(f"Inkomen: {problem}.")
    if source not in IncomeSource.values:
        raise ValidationError(f"Onbekende inkomensbron {source!r}.")
    if member.incomes.filter(valid_from__gte=valid_from).exists():
        raise ValidationError("Er is al een inkomen vanaf die datum of later; corrigeer dat eerst.")
    for running in member.incomes.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=valid_from)):
        running.valid_until = valid_from
        audited_save(running, actor=actor, reason="income changed")
    if monthly_amount == 0:
        return None
    income = Income(member=member, monthly_amount=monthly_amount, source=source, valid_from=valid_from)
    audited_save(income, actor=actor)
    return income


def anonymise_before(on: date) -> date:
    """Households that left before this date have passed the retention period on ``on``."""
    return on - timedelta(days=settings.HOUSEHOLD_RETENTION_DAYS)


@transaction.atomic
def households_anonymise(*, on: date | None = None) -> int:
    """Anonymise every household that left more than the retention period ago (AVG art. 5(1)(e)).

    Kept: the stays (dates, locations, rooms) and the number of members, so occupancy over time stays
    correct. Removed: name, needs, years of birth, sex, incomes and request notes, also from the audit
    history, whose rows for these records are replaced by one entry saying the household was anonymised.
    """
    today = on or clock.today()
    due = Household.objects.filter(left_on__lt=anonymise_before(today), anonymised_on__isnull=True)
    count = 0
    for household in due:
        member_ids = list(household.members.values_list("pk", flat=True))
        Income.objects.filter(member_id__in=member_ids).delete()
        Income.history.filter(member_id__in=member_ids).delete()
        Member.objects.filter(pk__in=member_ids).update(year_of_birth=1900, sex="")
        month_counts.forget([household.municipality_id])  # an update sends no signal
        Member.history.filter(household_id=household.pk).delete()
        requests = list(household.requests.values_list("pk", flat=True))
        ReceptionRequest.objects.filter(pk__in=requests).update(note="")
        RequestStep.objects.filter(request_id__in=requests).update(note="")
        ReceptionRequest.history.filter(id__in=requests).delete()
        RequestStep.history.filter(request_id__in=requests).delete()
        Household.history.filter(id=household.pk).delete()
        household.reference = f"ANON-{household.pk}"
        household.name, household.needs_note = "", ""
        household.needs_accessible = household.needs_ground_floor = False
        household.anonymised_on = today
        audited_save(household, actor=None, reason="anonymised after the retention period")
        count += 1
    return count


@transaction.atomic
def request_create(*, actor: Any, household: Household, received_at: datetime, note: str = "") -> ReceptionRequest:
    """Put a household's request for reception on the municipality's waiting list (the 72-hour clock starts)."""
    _require_household_edit(actor, household.municipality)
    _not_anonymised(household)
    if received_at > clock.now() + timedelta(minutes=5):
        raise ValidationError("Het tijdstip van de aanvraag ligt in de toekomst.")
    if household.requests.filter(status=RequestStatus.OPEN).exists():
        raise Conflict(f"Huishouden {household.reference} heeft al een open aanvraag.")
    request = ReceptionRequest(
        municipality=household.municipality, household=household, received_at=received_at, note=note
    )
    audited_save(request, actor=actor, reason="request received")
    return request


def _open(request: ReceptionRequest) -> None:
    if request.status != RequestStatus.OPEN:
        raise Conflict("Deze aanvraag is al afgesloten.")


@transaction.atomic
def request_step_add(
    *,
    actor: Any,
    request: ReceptionRequest,
    kind: StepKind,
    at: datetime,
    outcome: str = Outcome.PENDING,
    note: str = "",
) -> RequestStep:
    """Record an offer or an escalation of the alternatives workflow (RooO art. 3)."""
    _require_household_edit(actor, request.municipality)
    _open(request)
    if at < request.received_at:
        raise ValidationError("Een stap kan niet vóór de aanvraag liggen.")
    if at > clock.now() + timedelta(minutes=5):
        raise ValidationError("Het tijdstip van de stap ligt in de toekomst.")
    if outcome not in Outcome.values:
        raise ValidationError(f"Onbekende uitkomst {outcome!r}.")
    if kind is StepKind.PLACED:
        raise ValidationError("Plaatsen in een eigen locatie gaat via 'plaatsen', zodat het verblijf wordt vastgelegd.")
    step = RequestStep(
        request=request,
        kind=kind.value,
        at=at,
        outcome=outcome,
        note=note,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audited_save(step, actor=actor)
    return step


@transaction.atomic
def request_place(*, actor: Any, request: ReceptionRequest, to: Placement, at: datetime) -> Stay:
    """Place the requesting household (a stay from that day), record the step and resolve the request."""
    _open(request)
    stay = household_move(actor=actor, household=request.household, to=to, on=timezone.localdate(at))
    where = to.location.name if to.location else "particuliere opvang"
    audited_save(
        RequestStep(request=request, kind=StepKind.PLACED.value, at=at, outcome=Outcome.ACCEPTED, note=where),
        actor=actor,
    )
    request.status, request.closed_at = RequestStatus.RESOLVED, at
    audited_save(request, actor=actor, reason="placed")
    return stay


@transaction.atomic
def request_close(
    *, actor: Any, request: ReceptionRequest, status: str, at: datetime, note: str = ""
) -> ReceptionRequest:
    """Close a request: resolved by an accepted alternative, or withdrawn by the household."""
    _require_household_edit(actor, request.municipality)
    _open(request)
    if status not in (RequestStatus.RESOLVED, RequestStatus.WITHDRAWN):
        raise ValidationError("Sluit een aanvraag af als opgelost of ingetrokken.")
    if at < request.received_at:
        raise ValidationError("Afsluiten kan niet vóór de aanvraag.")
    if status == RequestStatus.RESOLVED and not request.steps.filter(outcome=Outcome.ACCEPTED).exists():
        raise ValidationError("Een aanvraag is pas opgelost als een aanbod is aanvaard; leg dat eerst vast.")
    request.status, request.closed_at = status, at
    if note:
        request.note = note
    audited_save(request, actor=actor, reason=f"request {status}")
    return request
