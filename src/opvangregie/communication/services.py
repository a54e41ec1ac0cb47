"""Writes to the decision and communication log: validation, permission check, transaction and audit.

Who may write: the editors of the municipality whose log it is (the college's decisions and what the
municipality told its residents are its own). Entries name locations and candidate sites of that municipality
only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from opvangregie.areas.models import Municipality
from opvangregie.audit import audited_delete, audited_save
from opvangregie.communication.models import (
    Audience,
    Channel,
    Communication,
    Decision,
    DecisionBody,
    DecisionKind,
    Delivery,
)
from opvangregie.core.errors import ValidationError
from opvangregie.locations.models import Location
from opvangregie.locations.services import plausible_date
from opvangregie.organisations.scope import require, scope_for
from opvangregie.sites.models import CandidateSite

NO_EDIT = "U mag de besluiten en communicatie van deze gemeente niet vastleggen."


def log_editable(*, actor: Any, municipality: Municipality) -> bool:
    """The municipality's own editors (and administrators)."""
    return scope_for(actor).edits_municipality(municipality.pk)


def _require_subjects(
    actor: Any, municipality: Municipality, locations: Sequence[Location], sites: Sequence[CandidateSite]
) -> None:
    require(log_editable(actor=actor, municipality=municipality), NO_EDIT)
    if any(item.municipality_id != municipality.pk for item in locations) or any(
        item.municipality_id != municipality.pk for item in sites
    ):
        raise ValidationError("Een besluit of communicatie gaat over locaties van de eigen gemeente.")


@dataclass(frozen=True, slots=True)
class DecisionInput:
    body: DecisionBody
    title: str
    decided_on: date
    kind: DecisionKind = DecisionKind.DECISION
    made_public_on: date | None = None
    document_reference: str = ""
    notes: str = ""


def _validate_decision(data: DecisionInput) -> None:
    if not data.title.strip():
        raise ValidationError("Geef het besluit een titel.")
    plausible_date(data.decided_on, "De datum van het besluit")
    plausible_date(data.made_public_on, "De datum van openbaarmaking")
    if data.made_public_on and data.made_public_on < data.decided_on:
        raise ValidationError("Een besluit wordt niet openbaar gemaakt vóór het genomen is.")


@transaction.atomic
def decision_record(
    *,
    actor: Any,
    municipality: Municipality,
    data: DecisionInput,
    locations: Sequence[Location] = (),
    sites: Sequence[CandidateSite] = (),
) -> Decision:
    """Record a decision of the college, council or mayor about ``locations`` and ``sites``."""
    _require_subjects(actor, municipality, locations, sites)
    _validate_decision(data)
    decision = Decision(
        municipality=municipality,
        body=DecisionBody(data.body).value,
        kind=DecisionKind(data.kind).value,
        title=data.title.strip(),
        decided_on=data.decided_on,
        made_public_on=data.made_public_on,
        document_reference=data.document_reference.strip(),
        notes=data.notes,
    )
    audited_save(decision, actor=actor, reason="decision recorded")
    decision.locations.set(locations)
    decision.sites.set(sites)
    return decision


@dataclass(frozen=True, slots=True)
class CommunicationInput:
    channel: Channel
    audience: Audience
    subject: str
    sent_on: date
    sent_until: date | None = None
    audience_detail: str = ""
    delivery: Delivery | None = None
    participants: int | None = None
    notes: str = ""


def _validate_communication(data: CommunicationInput) -> None:
    if not data.subject.strip():
        raise ValidationError("Geef de communicatie een onderwerp.")
    plausible_date(data.sent_on, "De datum")
    plausible_date(data.sent_until, "De einddatum")
    if data.sent_until and data.sent_until < data.sent_on:
        raise ValidationError("De einddatum ligt vóór de begindatum.")
    if data.delivery and data.channel != Channel.LETTER:
        raise ValidationError("Een bezorgstatus hoort alleen bij een brief.")


@transaction.atomic
def communication_record(
    *,
    actor: Any,
    municipality: Municipality,
    data: CommunicationInput,
    locations: Sequence[Location] = (),
    sites: Sequence[CandidateSite] = (),
    decision: Decision | None = None,
) -> Communication:
    """Record what was told to whom, when and how (for a letter: what became of its delivery)."""
    _require_subjects(actor, municipality, locations, sites)
    _validate_communication(data)
    if decision is not None and decision.municipality_id != municipality.pk:
        raise ValidationError("Dat besluit hoort bij een andere gemeente.")
    communication = Communication(
        municipality=municipality,
        decision=decision,
        channel=Channel(data.channel).value,
        audience=Audience(data.audience).value,
        audience_detail=data.audience_detail.strip(),
        subject=data.subject.strip(),
        sent_on=data.sent_on,
        sent_until=data.sent_until,
        delivery=Delivery(data.delivery).value if data.delivery else "",
        participants=data.participants,
        notes=data.notes,
    )
    audited_save(communication, actor=actor, reason="communication recorded")
    communication.locations.set(locations)
    communication.sites.set(sites)
    return communication


@transaction.atomic
def delivery_set(*, actor: Any, communication: Communication, delivery: Delivery) -> Communication:
    """Record what became of a letter: delivered, problems reported, or sent again."""
    require(log_editable(actor=actor, municipality=communication.municipality), NO_EDIT)
    if communication.channel != Channel.LETTER:
        raise ValidationError("Een bezorgstatus hoort alleen bij een brief.")
    communication.delivery = Delivery(delivery).value
    audited_save(communication, actor=actor, reason="delivery status")
    return communication


@transaction.atomic
def entry_delete(*, actor: Any, entry: Decision | Communication) -> None:
    """Remove a decision or communication recorded by mistake (its history keeps it)."""
    _require_subjects(actor, entry.municipality, list(entry.locations.all()), list(entry.sites.all()))
    audited_delete(entry, actor=actor, reason="removed from the log")
