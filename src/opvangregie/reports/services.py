"""Writes of the reports app: a council letter's texts, its header fields per quarter and per
municipality (all audited, the municipality's editors only)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from opvangregie.areas.models import Municipality
from opvangregie.audit import audited_delete, audited_save
from opvangregie.core.errors import Conflict, ValidationError
from opvangregie.core.periods import Quarter
from opvangregie.organisations.scope import require, scope_for
from opvangregie.reports.models import (
    MAX_ATTACHMENT_BYTES,
    LetterAttachment,
    LetterHeader,
    LetterSettings,
    Section,
    TextBlock,
)

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


def letter_version(*, municipality: Municipality, quarter: Quarter) -> str:
    """A fingerprint of one quarter's texts and header fields: the page sends it back with an edit, so an edit
    made on an older version is refused instead of silently overwriting a colleague's."""
    texts = sorted(
        TextBlock.objects.filter(municipality=municipality, quarter=str(quarter)).values_list("section", "text")
    )
    header = LetterHeader.objects.filter(municipality=municipality, quarter=str(quarter)).first()
    content = [
        texts,
        [str(header.meeting_date), header.case_number, *(getattr(header, n) for n, _ in LetterHeader.LETTER_TYPES)]
        if header
        else None,
    ]
    return hashlib.sha256(json.dumps(content, default=str).encode()).hexdigest()[:16]


def _last_change(municipality: Municipality, quarter: Quarter) -> str:
    """Who last changed the quarter's texts or header, and when ("gewijzigd door … om …")."""
    changes = [
        model.history.filter(municipality=municipality, quarter=str(quarter)).select_related("history_user").first()
        for model in (TextBlock, LetterHeader)
    ]
    latest = max((c for c in changes if c is not None), key=lambda c: c.history_date, default=None)
    if latest is None:
        return ""
    who = latest.history_user.get_full_name() or latest.history_user.username if latest.history_user else "onbekend"
    moment = timezone.localtime(latest.history_date)
    return f" door {who} op {moment:%d-%m-%Y} om {moment:%H:%M}"


@transaction.atomic
def letter_quarter_save(
    *,
    actor: Any,
    municipality: Municipality,
    quarter: Quarter,
    texts: Mapping[str, str],
    meeting_date: date | None = None,
    case_number: str = "",
    letter_types: Collection[str] | None = None,
    version: str | None = None,
) -> None:
    """Keep one quarter's header fields (meeting date, case number, letter type check boxes) and its texts, all
    or nothing; with ``version``, only when nobody changed them since that version (else 409, nothing
    written). ``letter_types`` names the boxes ticked (``LetterHeader.LETTER_TYPES``); None leaves them."""
    _require_editor(actor, municipality)
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()  # one writer of the letter at a time
    if version is not None and version != letter_version(municipality=municipality, quarter=quarter):
        raise Conflict(
            f"De teksten van {quarter} zijn intussen gewijzigd{_last_change(municipality, quarter)}. "
            "Uw wijzigingen zijn niet opgeslagen: open de pagina opnieuw en voer ze opnieuw in."
        )
    header = LetterHeader.objects.filter(municipality=municipality, quarter=str(quarter)).first()
    header = header or LetterHeader(municipality=municipality, quarter=str(quarter))
    types = {name: getattr(header, name) for name, _ in LetterHeader.LETTER_TYPES}
    if letter_types is not None:
        unknown = set(letter_types) - set(types)
        if unknown:
            raise ValidationError(f"Onbekende soort bericht: {', '.join(sorted(unknown))}.")
        types = {name: name in letter_types for name in types}
    before = (header.meeting_date, header.case_number, {name: getattr(header, name) for name in types})
    if before != (meeting_date, case_number.strip(), types):
        header.meeting_date, header.case_number = meeting_date, case_number.strip()
        for name, ticked in types.items():
            setattr(header, name, ticked)
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


ATTACHMENT_EXTENSIONS = (".pdf", ".docx", ".xlsx", ".odt", ".ods", ".png", ".jpg", ".jpeg")


@dataclass(frozen=True, slots=True)
class AttachmentFile:
    name: str
    content_type: str
    content: bytes


@transaction.atomic
def attachment_add(
    *, actor: Any, municipality: Municipality, quarter: Quarter, title: str, file: AttachmentFile | None = None
) -> LetterAttachment:
    """List an attachment (bijlage) in one quarter's letter, with its file when there is one."""
    _require_editor(actor, municipality)
    if not title.strip():
        raise ValidationError("Geef de bijlage een titel.")
    if file is not None:
        if not file.name.lower().endswith(ATTACHMENT_EXTENSIONS):
            raise ValidationError(f"Een bijlage is een bestand van de soort {', '.join(ATTACHMENT_EXTENSIONS)}.")
        if not file.content:
            raise ValidationError("Het bestand van de bijlage is leeg.")
        if len(file.content) > MAX_ATTACHMENT_BYTES:
            raise ValidationError(f"Een bijlage is ten hoogste {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB groot.")
    existing = LetterAttachment.objects.filter(municipality=municipality, quarter=str(quarter))
    attachment = LetterAttachment(
        municipality=municipality,
        quarter=str(quarter),
        title=title.strip(),
        file_name=file.name.rsplit("/", 1)[-1] if file else "",
        content_type=file.content_type if file else "",
        content=file.content if file else b"",
        position=existing.count() + 1,
    )
    audited_save(attachment, actor=actor, reason="attachment added")
    return attachment


@transaction.atomic
def attachment_remove(*, actor: Any, attachment: LetterAttachment) -> None:
    _require_editor(actor, attachment.municipality)
    audited_delete(attachment, actor=actor, reason="attachment removed")
