"""Writes to support programmes: validation, permission check, transaction and audit.

Who may write: the editors of the municipality whose programme it is (organisations.scope); its readers (council
members, region, province, national users) only read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from opvangregie.areas.models import Municipality
from opvangregie.audit import audited_save
from opvangregie.core.errors import ValidationError
from opvangregie.core.periods import Quarter
from opvangregie.core.support import MAX_FIGURE
from opvangregie.locations.services import plausible_date
from opvangregie.organisations.scope import require, scope_for
from opvangregie.support.models import LetterSectionKind, Programme, ProgrammeKind, ProgrammeTarget, QuarterFigures
from opvangregie.ui.imports import all_rows_or_none
from opvangregie.ui.tables import TableRow, cell_int, quoted, read_table

NO_EDIT = "U mag de programma's van deze gemeente niet wijzigen."
FIGURES = ("intakes", "in_guidance", "found_work", "participants")
FIGURE_LABELS = {
    "intakes": "het aantal intakes",
    "in_guidance": "het aantal personen in begeleiding",
    "found_work": "het aantal personen dat werk vond",
    "participants": "het aantal deelnemers",
}


def programme_editable(*, actor: Any, municipality: Municipality) -> bool:
    """The municipality's own editors (and administrators)."""
    return scope_for(actor).edits_municipality(municipality.pk)


@dataclass(frozen=True, slots=True)
class ProgrammeInput:
    """The fields of a programme."""

    name: str
    kind: ProgrammeKind
    target_group: ProgrammeTarget
    partner: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    for_municipal_residents: bool = False
    letter_section: LetterSectionKind | None = None
    description: str = ""


def _validate_programme(data: ProgrammeInput) -> None:
    if not data.name.strip():
        raise ValidationError("Geef het programma een naam.")
    plausible_date(data.starts_on, "De startdatum")
    plausible_date(data.ends_on, "De einddatum")
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        raise ValidationError("De einddatum ligt vóór de startdatum.")
    if data.for_municipal_residents and ProgrammeTarget(data.target_group) is not ProgrammeTarget.UKRAINIAN:
        raise ValidationError(
            "Alleen een programma voor Oekraïense ontheemden kan zich richten op de bewoners van gemeentelijke "
            "locaties: die locaties vangen ontheemden uit Oekraïne op."
        )


@transaction.atomic
def programme_create(*, actor: Any, municipality: Municipality, data: ProgrammeInput) -> Programme:
    """Record a support programme of ``municipality`` (its editors only)."""
    require(programme_editable(actor=actor, municipality=municipality), NO_EDIT)
    _validate_programme(data)
    programme = Programme(
        municipality=municipality,
        name=data.name.strip(),
        kind=ProgrammeKind(data.kind).value,
        partner=data.partner.strip(),
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        target_group=ProgrammeTarget(data.target_group).value,
        for_municipal_residents=data.for_municipal_residents,
        letter_section=LetterSectionKind(data.letter_section).value if data.letter_section else "",
        description=data.description,
    )
    audited_save(programme, actor=actor, reason="programme created")
    return programme


@dataclass(frozen=True, slots=True)
class FiguresInput:
    """A programme's figures over one quarter; each figure is optional, at least one is given."""

    quarter: Quarter
    intakes: int | None = None
    in_guidance: int | None = None
    found_work: int | None = None
    participants: int | None = None
    note: str = ""


def _validate_figures(programme: Programme, data: FiguresInput) -> None:
    values = {name: getattr(data, name) for name in FIGURES}
    if all(value is None for value in values.values()):
        raise ValidationError("Vul minstens één cijfer in.")
    for name, value in values.items():
        if value is not None and not 0 <= value <= MAX_FIGURE:
            raise ValidationError(f"{FIGURE_LABELS[name].capitalize()} moet tussen 0 en {MAX_FIGURE} liggen.")
    plausible_date(data.quarter.start, "Het begin van het kwartaal")
    if programme.starts_on and data.quarter.end < programme.starts_on:
        raise ValidationError(
            f"Het programma begon pas op {programme.starts_on:%d-%m-%Y}, na het kwartaal {data.quarter}."
        )
    if programme.ends_on and data.quarter.start > programme.ends_on:
        raise ValidationError(
            f"Het programma eindigde op {programme.ends_on:%d-%m-%Y}, vóór het kwartaal {data.quarter}."
        )


@transaction.atomic
def figures_record(*, actor: Any, programme: Programme, data: FiguresInput) -> QuarterFigures:
    """Record (or correct) a programme's figures of one quarter (the municipality's editors only)."""
    require(programme_editable(actor=actor, municipality=programme.municipality), NO_EDIT)
    _validate_figures(programme, data)
    figures = QuarterFigures.objects.filter(programme=programme, quarter=str(data.quarter)).first()
    record = figures or QuarterFigures(programme=programme, quarter=str(data.quarter))
    for name in FIGURES:
        setattr(record, name, getattr(data, name))
    record.note = data.note
    audited_save(record, actor=actor, reason="figures corrected" if figures else "figures recorded")
    return record


FIGURE_COLUMNS = ("programma", "kwartaal")
FIGURE_OPTIONAL = ("intakes", "in_begeleiding", "werk_gevonden", "deelnemers", "opmerking")
COLUMN_FIELDS = {
    "intakes": "intakes",
    "in_begeleiding": "in_guidance",
    "werk_gevonden": "found_work",
    "deelnemers": "participants",
}


def figures_import(*, actor: Any, municipality: Municipality, file_name: str, content: bytes) -> int:
    """Import quarterly figures (columns ``programma``, ``kwartaal``; optional ``intakes``, ``in_begeleiding``,
    ``werk_gevonden``, ``deelnemers``, ``opmerking``) of the municipality's programmes: all rows or none, with a
    report per row. A row for a quarter already recorded corrects it."""
    require(programme_editable(actor=actor, municipality=municipality), NO_EDIT)
    rows = read_table(
        file_name=file_name,
        content=content,
        required=FIGURE_COLUMNS,
        optional=FIGURE_OPTIONAL,
        aliases={
            "programme": "programma",
            "quarter": "kwartaal",
            "in_guidance": "in_begeleiding",
            "begeleiding": "in_begeleiding",
            "found_work": "werk_gevonden",
            "werk": "werk_gevonden",
            "participants": "deelnemers",
            "note": "opmerking",
        },
    )
    programmes = {p.name.casefold(): p for p in Programme.objects.filter(municipality=municipality)}
    seen: dict[tuple[int, str], int] = {}

    def record(row: TableRow) -> None:
        name = str(row.values.get("programma") or "").strip()
        programme = programmes.get(name.casefold())
        if programme is None:
            raise ValidationError(f"onbekend programma {quoted(name)} van {municipality.name}.")
        quarter = Quarter.parse(str(row.values.get("kwartaal") or "").strip())
        key = (programme.pk, str(quarter))
        if key in seen:
            raise ValidationError(f"{programme.name} {quarter} staat ook op regel {seen[key]}.")
        seen[key] = row.line
        figures = {field: cell_int(row.values.get(column), column) for column, field in COLUMN_FIELDS.items()}
        figures_record(
            actor=actor,
            programme=programme,
            data=FiguresInput(quarter=quarter, note=str(row.values.get("opmerking") or "")[:300], **figures),
        )

    all_rows_or_none(rows, record)
    return len(rows)
