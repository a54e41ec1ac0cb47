"""Writes of the reports app: the officer's text blocks of a council letter (audited)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from opvangregie.areas.models import Municipality
from opvangregie.audit import audited_save
from opvangregie.core.errors import ValidationError
from opvangregie.core.periods import Quarter
from opvangregie.organisations.scope import require, scope_for
from opvangregie.reports.models import Section, TextBlock

MAX_TEXT = 5_000


@transaction.atomic
def text_blocks_save(*, actor: Any, municipality: Municipality, quarter: Quarter, texts: Mapping[str, str]) -> None:
    """Keep the narrative paragraphs of one quarter's letter (the municipality's editors only)."""
    require(scope_for(actor).edits_municipality(municipality.pk), "U mag de teksten van deze gemeente niet wijzigen.")
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
