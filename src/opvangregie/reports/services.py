"""Writes of the reports app: a council letter's texts, its header fields per quarter and per
municipality (all audited, the municipality's editors only)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from opvangregie.areas.models import Municipality
from opvangregie.audit import audited_save
from opvangregie.core.errors import ValidationError
from opvangregie.core.periods import Quarter
from opvangregie.organisations.scope import require, scope_for
from opvangregie.reports.models import LetterHeader, LetterSettings, Section, TextBlock

MAX_TEXT = 5_000


def _require_editor(actor: Any, municipality: Municipality) -> None:
    require(scope_for(actor).edits_municipality(municipality.pk), "U mag de brief van deze gemeente niet wijzigen.")


@dataclass(frozen=True, slots=True)
class SettingsInput:
    subject: str
    team: str
    portfolio_holders: str
    publicity: str


def letter_settings_save(*, actor: Any, municipality: Municipality, data: SettingsInput) -> LetterSettings:
    """Keep the header fields that stay the same from quarter to quarter."""
    _require_editor(actor, municipality)
    if not data.subject.strip() or not data.publicity.strip():
        raise ValidationError("Vul het onderwerp en de openbaarheid in.")
    settings = LetterSettings.objects.filter(municipality=municipality).first() or LetterSettings(
        municipality=municipality
    )
    settings.subject, settings.team = data.subject.strip(), data.team.strip()
    settings.portfolio_holders, settings.publicity = data.portfolio_holders.strip(), data.publicity.strip()
    audited_save(settings, actor=actor)
    return settings


@transaction.atomic
def letter_quarter_save(
    *,
    actor: Any,
    municipality: Municipality,
    quarter: Quarter,
    texts: Mapping[str, str],
    meeting_date: date | None = None,
    case_number: str = "",
) -> None:
    """Keep one quarter's header fields (meeting date, case number) and its texts, all or nothing."""
    _require_editor(actor, municipality)
    header = LetterHeader.objects.filter(municipality=municipality, quarter=str(quarter)).first()
    header = header or LetterHeader(municipality=municipality, quarter=str(quarter))
    if (header.meeting_date, header.case_number) != (meeting_date, case_number.strip()):
        header.meeting_date, header.case_number = meeting_date, case_number.strip()
        audited_save(header, actor=actor)
    text_blocks_save(actor=actor, municipality=municipality, quarter=quarter, texts=texts)


@transaction.atomic
def text_blocks_save(*, actor: Any, municipality: Municipality, quarter: Quarter, texts: Mapping[str, str]) -> None:
    """Keep the narrative paragraphs of one quarter's letter (the municipality's editors only)."""
    _require_editor(actor, municipality)
    unknown = set(texts) - set(Section.values)
    if unknown:
        raise ValidationError(f"Onbekende onderdelen: {', '.join(sorted(unknown))}.")
    for section, text in texts.items():
        if len(text) > MAX_TEXT:
            raise ValidationError(f"De tekst bij {Section(section).label} is langer dan {MAX_TEXT} tekens.")
        block = TextBlock.objects.filter(municipality=municipality, quarter=str(quarter), section=section).first()
        block = block or TextBlock(municipality=municipality, quarter=str(quarter), section=section)
        if block.pk and block.text == text:
            continue
        block.text = text
        block.updated_by = actor if getattr(actor, "is_authenticated", False) else None
        audited_save(block, actor=actor)
