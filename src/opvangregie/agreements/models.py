"""Agreements about reception locations and their conditions, stored as data (issue 18, item 1)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opvangregie.areas.models import Municipality
from opvangregie.core.agreements import MAX_AGE, MAX_MONTHS, MAX_QUANTITY, MAX_WEEKS, MAX_YEARS, ConditionKind
from opvangregie.locations.models import Location, TargetGroupChoices


class AgreementKind(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("administrative agreement")
    WORKING_ARRANGEMENT = "working_arrangement", _("working arrangements")
    INTENTION = "intention", _("intention agreement")
    STARTING_POINTS = "starting_points", _("starting points")
    COOPERATION = "cooperation", _("cooperation agreement")
    LEASE = "lease", _("lease")
    PERMIT_CONDITION = "permit_condition", _("permit condition")


class Agreement(models.Model):
    """An agreement of a municipality with its partners about one or more locations."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="agreements")
    kind = models.CharField(_("kind"), max_length=30, choices=AgreementKind.choices)
    title = models.CharField(_("title"), max_length=200)
    parties = models.CharField(_("parties"), max_length=300, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    document_reference = models.CharField(_("document reference"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    locations = models.ManyToManyField(Location, related_name="agreements", blank=True, verbose_name=_("locations"))
    history = HistoricalRecords(m2m_fields=[locations])

    class Meta:
        ordering = ["municipality", "in_force_from", "pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title


class ConditionKindChoices(models.TextChoices):
    MAX_PLACES = ConditionKind.MAX_PLACES.value, _("maximum places")
    MAX_PERSONS = ConditionKind.MAX_PERSONS.value, _("maximum persons")
    TARGET_GROUP = ConditionKind.TARGET_GROUP.value, _("target group")
    TARGET_GROUP_CHANGE = ConditionKind.TARGET_GROUP_CHANGE.value, _("change of target group after years")
    NOTICE_PERIOD = ConditionKind.NOTICE_PERIOD.value, _("notice period before a change")
    AGE_RANGE = ConditionKind.AGE_RANGE.value, _("age range of residents")
    EVALUATION_WINDOW = ConditionKind.EVALUATION_WINDOW.value, _("evaluation: persons over consecutive weeks")


class AgreementCondition(models.Model):
    """One condition of an agreement, valid from a date; a later one of the same kind replaces it."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="conditions")
    kind = models.CharField(_("kind"), max_length=30, choices=ConditionKindChoices.choices)
    quantity = models.PositiveIntegerField(
        _("number (places or persons)"), null=True, blank=True, validators=[MaxValueValidator(MAX_QUANTITY)]
    )
    weeks = models.PositiveSmallIntegerField(
        _("weeks"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_WEEKS)]
    )
    years = models.PositiveSmallIntegerField(
        _("years"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_YEARS)]
    )
    months = models.PositiveSmallIntegerField(
        _("months' notice"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS)]
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroupChoices.choices, blank=True)
    next_target_group = models.CharField(_("next target group"), max_length=200, blank=True)
    change_on = models.DateField(_("change on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "kind", "valid_from", "pk"]
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.kind} from {self.valid_from}"


class StageChoices(models.TextChoices):
    """The path of an agreement: intention, starting points, cooperation agreement (SOK), decision."""

    INTENTION = "intention", _("intention agreement")
    STARTING_POINTS = "starting_points", _("starting points")
    COOPERATION = "cooperation", _("cooperation agreement (SOK)")
    DECISION = "decision", _("decision")


class AgreementStage(models.Model):
    """A dated stage on an agreement's path (intention → starting points → SOK → decision)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("stage"), max_length=20, choices=StageChoices.choices)
    reached_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "reached_on", "pk"]
        verbose_name = _("agreement stage")
        verbose_name_plural = _("agreement stages")
        constraints = [models.UniqueConstraint(fields=["agreement", "stage"], name="unique_agreement_stage")]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.stage} on {self.reached_on}"
