"""Support programmes of a municipality (work guidance, pilots, intakes, mental wellbeing, language) and their
quarterly figures (issue 18, item 3)."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opvangregie.areas.models import Municipality
from opvangregie.core.support import MAX_FIGURE


class ProgrammeKind(models.TextChoices):
    WORK_GUIDANCE = "work_guidance", _("work guidance")
    PILOT = "pilot", _("pilot")
    INTAKES = "intakes", _("intakes")
    MENTAL_WELLBEING = "mental_wellbeing", _("mental wellbeing")
    LANGUAGE = "language", _("language")
    OTHER = "other", _("other")


class ProgrammeTarget(models.TextChoices):
    UKRAINIAN = "ukrainian", _("displaced persons from Ukraine")
    STATUS_HOLDERS = "status_holders", _("status holders")
    ASYLUM_SEEKERS = "asylum_seekers", _("asylum seekers")
    ALL = "all", _("all newcomers")


class LetterSectionKind(models.TextChoices):
    """The section of the council letter a programme's figures appear in (none: not in the letter)."""

    WORK_AND_INCOME = "work_income", _("Work and income")
    MENTAL_WELLBEING = "mental_wellbeing", _("Mental wellbeing")


class Programme(models.Model):
    """A support programme of a municipality with a partner over a period."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="support_programmes")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices)
    partner = models.CharField(_("partner"), max_length=300, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    target_group = models.CharField(_("target group"), max_length=20, choices=ProgrammeTarget.choices)
    for_municipal_residents = models.BooleanField(
        _("for the residents of the municipal locations"),
        default=False,
        help_text=_("Figures are then shown against the residents of the municipal locations."),
    )
    letter_section = models.CharField(
        _("section of the council letter"), max_length=20, choices=LetterSectionKind.choices, blank=True
    )
    description = models.TextField(_("description"), max_length=5000, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "name", "pk"]
        verbose_name = _("support programme")
        verbose_name_plural = _("support programmes")

    def __str__(self) -> str:
        return self.name


def _figure(label: Any) -> Any:
    return models.PositiveIntegerField(label, null=True, blank=True, validators=[MaxValueValidator(MAX_FIGURE)])


class QuarterFigures(models.Model):
    """A programme's figures over one calendar quarter (each optional); one row per programme and quarter."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="figures")
    quarter = models.CharField(_("quarter"), max_length=7)
    intakes = _figure(_("intakes held"))
    in_guidance = _figure(_("persons in guidance"))
    found_work = _figure(_("persons who found work"))
    participants = _figure(_("participants"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "quarter"]
        verbose_name = _("quarterly figures")
        verbose_name_plural = _("quarterly figures")
        constraints = [models.UniqueConstraint(fields=["programme", "quarter"], name="unique_programme_quarter")]

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.quarter}"
