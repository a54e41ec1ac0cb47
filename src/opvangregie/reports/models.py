"""The council letter's header settings per municipality and the officer's text blocks per quarter."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opvangregie.areas.models import Municipality


class LetterSettings(models.Model):
    """Header fields of the raadsinformatiebericht that stay the same from quarter to quarter."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="letter_settings")
    team = models.CharField(_("team"), max_length=150, blank=True)
    portfolio_holders = models.CharField(_("portfolio holders"), max_length=300, blank=True)
    publicity = models.CharField(_("publicity"), max_length=50, default="Openbaar")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council letter settings")
        verbose_name_plural = _("council letter settings")

    def __str__(self) -> str:
        return str(self.municipality)


class Section(models.TextChoices):
    UKRAINIAN = "ukrainian", _("Ukrainian displaced persons")
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
