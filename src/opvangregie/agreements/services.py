"""Writes to agreements: validation, permission check, transaction and audit.

Who may write: the editors of the municipality whose agreement it is; for an agreement about asylum or AMV
locations also COA's editors (as for the locations themselves, organisations.scope).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from opvangregie.agreements.models import (
    Agreement,
    AgreementCondition,
    AgreementKind,
    AgreementStage,
    StageChoices,
)
from opvangregie.areas.models import Municipality
from opvangregie.audit import audited_save
from opvangregie.core.agreements import ConditionKind
from opvangregie.core.errors import ValidationError
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations.models import Location
from opvangregie.locations.services import plausible_date
from opvangregie.organisations.scope import require, scope_for

NO_EDIT = "U mag de afspraken van deze locatie niet wijzigen."


def agreement_editable(*, actor: Any, municipality: Municipality, locations: Sequence[Location]) -> bool:
    """The municipality's editors; COA's editors when every location is an asylum or AMV location."""
    scope = scope_for(actor)
    if scope.edits_municipality(municipality.pk):
        return True
    return bool(locations) and all(
        scope.edits_location(municipality_id=municipality.pk, target_group=location.target_group)
        for location in locations
    )


def _require_edit(actor: Any, agreement: Agreement) -> None:
    require(
        agreement_editable(actor=actor, municipality=agreement.municipality, locations=list(agreement.locations.all())),
        NO_EDIT,
    )


@dataclass(frozen=True, slots=True)
class AgreementInput:
    """The fields of an agreement."""

    kind: AgreementKind
    title: str
    parties: str = ""
    signed_on: date | None = None
    in_force_from: date | None = None
    ends_on: date | None = None
    document_reference: str = ""
    notes: str = ""


def _validate_agreement(data: AgreementInput) -> None:
    if not data.title.strip():
        raise ValidationError("Geef de afspraak een titel.")
    plausible_date(data.signed_on, "De datum van ondertekening")
    plausible_date(data.in_force_from, "De ingangsdatum")
    plausible_date(data.ends_on, "De einddatum")
    start = data.in_force_from or data.signed_on
    if start and data.ends_on and data.ends_on < start:
        raise ValidationError("De einddatum ligt vóór de ingangsdatum of de ondertekening.")


@transaction.atomic
def agreement_create(
    *, actor: Any, municipality: Municipality, data: AgreementInput, locations: Sequence[Location] = ()
) -> Agreement:
    """Record an agreement of ``municipality`` about ``locations`` (all of that municipality)."""
    require(agreement_editable(actor=actor, municipality=municipality, locations=locations), NO_EDIT)
    if any(location.municipality_id != municipality.pk for location in locations):
        raise ValidationError("Een afspraak gaat over locaties van de eigen gemeente.")
    _validate_agreement(data)
    agreement = Agreement(
        municipality=municipality,
        kind=AgreementKind(data.kind).value,
        title=data.title.strip(),
        parties=data.parties,
        signed_on=data.signed_on,
        in_force_from=data.in_force_from,
        ends_on=data.ends_on,
        document_reference=data.document_reference,
        notes=data.notes,
    )
    audited_save(agreement, actor=actor, reason="agreement created")
    if locations:
        agreement.locations.set(locations)
    return agreement


@dataclass(frozen=True, slots=True)
class ConditionInput:
    """A condition; which numbers it needs depends on its kind (see :data:`REQUIRED`)."""

    kind: ConditionKind
    valid_from: date
    quantity: int | None = None
    weeks: int | None = None
    years: int | None = None
    months: int | None = None
    min_age: int | None = None
    max_age: int | None = None
    target_group: TargetGroup | None = None
    next_target_group: str = ""
    change_on: date | None = None
    note: str = ""


REQUIRED: dict[ConditionKind, tuple[str, ...]] = {
    ConditionKind.MAX_PLACES: ("quantity",),
    ConditionKind.MAX_PERSONS: ("quantity",),
    ConditionKind.TARGET_GROUP: ("target_group",),
    ConditionKind.TARGET_GROUP_CHANGE: ("years", "next_target_group"),
    ConditionKind.NOTICE_PERIOD: ("months",),
    ConditionKind.AGE_RANGE: (),  # a minimum or a maximum, checked below
    ConditionKind.EVALUATION_WINDOW: ("quantity", "weeks"),
}
LABELS = {
    "quantity": "het aantal",
    "weeks": "het aantal weken",
    "years": "het aantal jaren",
    "months": "de opzegtermijn in maanden",
    "target_group": "de doelgroep",
    "next_target_group": "de volgende doelgroep",
}


def _validate_condition(data: ConditionInput) -> None:
    plausible_date(data.valid_from, "De datum 'geldt vanaf'")
    plausible_date(data.change_on, "De datum van de wijziging")
    missing = [LABELS[name] for name in REQUIRED[data.kind] if getattr(data, name) in (None, "")]
    if missing:
        raise ValidationError(f"Vul voor deze voorwaarde ook {' en '.join(missing)} in.")
    if data.kind is ConditionKind.AGE_RANGE:
        if data.min_age is None and data.max_age is None:
            raise ValidationError("Vul een minimum- of maximumleeftijd in.")
        if data.min_age is not None and data.max_age is not None and data.min_age > data.max_age:
            raise ValidationError("De minimumleeftijd ligt boven de maximumleeftijd.")


@transaction.atomic
def condition_add(*, actor: Any, agreement: Agreement, data: ConditionInput) -> AgreementCondition:
    """Add a condition to an agreement (a later one of the same kind replaces an earlier one from its date)."""
    _require_edit(actor, agreement)
    _validate_condition(data)
    condition = AgreementCondition(
        agreement=agreement,
        kind=data.kind.value,
        quantity=data.quantity,
        weeks=data.weeks,
        years=data.years,
        months=data.months,
        min_age=data.min_age,
        max_age=data.max_age,
        target_group=data.target_group.value if data.target_group else "",
        next_target_group=data.next_target_group.strip(),
        change_on=data.change_on,
        valid_from=data.valid_from,
        note=data.note,
    )
    audited_save(condition, actor=actor, reason="condition added")
    return condition


STAGE_ORDER = [stage.value for stage in StageChoices]


@transaction.atomic
def stage_set(
    *, actor: Any, agreement: Agreement, stage: StageChoices, reached_on: date, note: str = ""
) -> AgreementStage:
    """Record (or correct) the date an agreement reached a stage; the stages' dates stay in path order."""
    _require_edit(actor, agreement)
    plausible_date(reached_on, "De datum van de stap")
    dates = {s.stage: s.reached_on for s in agreement.stages.all()}
    dates[StageChoices(stage).value] = reached_on
    ordered = [dates[s] for s in STAGE_ORDER if s in dates]
    if ordered != sorted(ordered):
        raise ValidationError("De stappen (intentie, uitgangspunten, SOK, besluit) liggen niet op volgorde.")
    current = agreement.stages.filter(stage=StageChoices(stage).value).first()
    record = current or AgreementStage(agreement=agreement, stage=StageChoices(stage).value)
    record.reached_on, record.note = reached_on, note
    audited_save(record, actor=actor, reason="stage set")
    return record
