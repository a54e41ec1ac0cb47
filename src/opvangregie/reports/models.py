"""The council letter's header settings per municipality and the officer's text blocks per quarter."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opvangregie.areas.models import Municipality

DEFAULT_SUBJECT = "Opvang Oekraïense ontheemden, asielzoekers en statushouders"


class LetterSettings(models.Model):
    """Header fields of the raadsinformatiebericht that stay the same from quarter to quarter."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="letter_settings")
    subject = models.CharField(_("subject"), max_length=200, default=DEFAULT_SUBJECT)
    team = models.CharField(_("team"), max_length=150, blank=True)
    portfolio_holders = models.CharField(_("portfolio holders"), max_length=300, blank=True)
    publicity = models.CharField(_("publicity"), max_length=50, default="Openbaar")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council letter settings")
        verbose_name_plural = _("council letter settings")

    def __str__(self) -> str:
        return str(self.municipality)


class LetterHeader(models.Model):
    """Header fields of one quarter's letter: the date of the college meeting and the case number."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="letter_headers")
    quarter = models.CharField(_("quarter"), max_length=7)
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    case_number = models.CharField(_("case number"), max_length=50, blank=True)
    # The letter type check boxes of the raadsinformatiebericht's header (Heemstede's form).
    type_information = models.BooleanField(_("for information / update"), default=True)
    type_questions = models.BooleanField(_("answers to written questions"), default=False)
    type_commitments = models.BooleanField(_("commitments / action list of committee or council"), default=False)
    type_other = models.BooleanField(_("other"), default=False)
    history = HistoricalRecords()

    LETTER_TYPES = (
        ("type_information", "Ter informatie/update"),
        ("type_questions", "Beantwoording schriftelijke vragen"),
        ("type_commitments", "Toezeggingen/actielijst commissie of raad"),
        ("type_other", "Overige"),
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "quarter"], name="unique_letter_header")]
        verbose_name = _("council letter header")
        verbose_name_plural = _("council letter headers")

    def __str__(self) -> str:
        return f"{self.municipality} {self.quarter}"


class Section(models.TextChoices):
    UKRAINIAN = "ukrainian", _("Ukrainian displaced persons")
    WORK_INCOME = "work_income", _("Work and income")
    MENTAL_WELLBEING = "mental_wellbeing", _("Mental wellbeing")
    LOCATIONS = "locations", _("Location news")
    ASYLUM = "asylum", _("Asylum seekers")
    STATUS_HOLDERS = "status_holders", _("Status holders")


class TextBlock(models.Model):
    """A narrative paragraph the officer writes for one section of one quarter's letter."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="letter_texts")
    quarter = models.CharField(_("quarter"), max_length=7)
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    text = models.TextField(_("text"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "quarter", "section"], name="unique_text_block")]
        verbose_name = _("text block")
        verbose_name_plural = _("text blocks")

    def __str__(self) -> str:
        return f"{self.municipality} {self.quarter} {self.section}"


MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024  # a council letter's annex: a report or a map, not a video
ATTACHMENT_TITLE_LENGTH = 200


class LetterAttachment(models.Model):
    """An attachment (bijlage) listed in one quarter's letter: a title, and optionally its file."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="letter_attachments")
    quarter = models.CharField(_("quarter"), max_length=7)
    title = models.CharField(_("title"), max_length=ATTACHMENT_TITLE_LENGTH)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(editable=False, default=b"")
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        ordering = ["municipality", "quarter", "position", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title

    @property
    def has_file(self) -> bool:
        return bool(self.file_name)


class DocumentFormat(models.TextChoices):
    DOCX = "docx", "Word (.docx)"
    PDF = "pdf", "PDF"


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


def letter_file_name(code: str, quarter: str, fmt: str) -> str:
    """The file name of a municipality's letter of a quarter: ``raadsinformatiebericht-GM0397-2025-Q4.pdf``."""
    return f"raadsinformatiebericht-{code}-{quarter}.{fmt}"


class LetterDocument(models.Model):
    """A council letter generated by a task and kept as a file, with the date and the officer who made it."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="letter_documents")
    quarter = models.CharField(_("quarter"), max_length=7)
    format = models.CharField(_("format"), max_length=4, choices=DocumentFormat.choices)
    reference_date = models.DateField(_("reference date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    content = models.BinaryField(editable=False, default=b"")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["progress", "stage", "content"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("council letter document")
        verbose_name_plural = _("council letter documents")

    def __str__(self) -> str:
        return self.file_name

    @property
    def file_name(self) -> str:
        return letter_file_name(self.municipality.code, self.quarter, self.format)

    @property
    def busy(self) -> bool:
        return self.status in (DocumentStatus.QUEUED, DocumentStatus.RUNNING)


class AreaKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    REGION = "region", _("region")
    PROVINCE = "province", _("province")


class CalendarFeed(models.Model):
    """A read-only subscription to an area's agenda (.ics) with a secret token in its address.

    The feed reads with its creator's rights at every fetch: when they lose access, the feed shows nothing.
    Only the SHA-256 digest of the token is stored; the address is shown once.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    area_kind = models.CharField(_("area kind"), max_length=20, choices=AreaKind.choices)
    area_code = models.CharField(_("area code"), max_length=50)
    prefix = models.CharField(max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda subscription")
        verbose_name_plural = _("agenda subscriptions")

    def __str__(self) -> str:
        return f"{self.area_kind} {self.area_code} ({self.prefix}…)"
