"""Spreidingswet distribution runs with their inputs and results, SES data sets, published tasks,
counting rules, and regional plans with contributions and exchanges of tasks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opvangregie.areas.models import Municipality, Region
from opvangregie.locations.models import TargetGroupChoices
from opvangregie.quotas.models import MethodChoices


class SesDataset(models.Model):
    """A set of CBS SES-WOA scores per municipality (e.g. CBS table 85900NED)."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("SES data set")
        verbose_name_plural = _("SES data sets")

    def __str__(self) -> str:
        return self.name


class SesScore(models.Model):
    dataset = models.ForeignKey(SesDataset, on_delete=models.CASCADE, related_name="scores")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    score = models.DecimalField(_("SES-WOA score"), max_digits=7, decimal_places=4)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dataset", "municipality"], name="unique_ses_score")]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.score}"


class KeyChoices(models.TextChoices):
    POPULATION = "population", _("population")
    POPULATION_SES = "population_ses", _("population × (1 + SES)")


class DistributionRun(models.Model):
    """One computation of the distribution: its inputs are stored with it, so it reproduces exactly."""

    cycle = models.PositiveSmallIntegerField(_("cycle"))
    label = models.CharField(_("label"), max_length=150)
    needed_on = models.DateField(_("places needed on"))
    total = models.PositiveIntegerField(_("total places"))
    amv_total = models.PositiveIntegerField(_("AMV places"))
    key = models.CharField(_("requested key"), max_length=20, choices=KeyChoices.choices)
    key_used = models.CharField(_("key used"), max_length=20, choices=KeyChoices.choices)
    method = models.CharField(_("method"), max_length=20, choices=MethodChoices.choices)
    population_year = models.PositiveSmallIntegerField(_("reference year of population"))
    ses_dataset = models.ForeignKey(SesDataset, null=True, blank=True, on_delete=models.PROTECT)
    notice = models.CharField(_("notice"), max_length=300, blank=True)
    is_adopted = models.BooleanField(_("adopted for the cycle"), default=False)
    is_example = models.BooleanField(_("example data"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-cycle", "-created_at", "-pk"]
        verbose_name = _("distribution run")
        verbose_name_plural = _("distribution runs")

    def __str__(self) -> str:
        return f"{self.cycle}: {self.label}"


class DistributionResult(models.Model):
    """A municipality's inputs and result in a run."""

    run = models.ForeignKey(DistributionRun, on_delete=models.CASCADE, related_name="results")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="distribution_results")
    population = models.PositiveIntegerField(_("population"))
    ses_score = models.DecimalField(_("SES-WOA score"), max_digits=7, decimal_places=4, null=True, blank=True)
    weight = models.CharField(_("weight (exact fraction)"), max_length=80)
    places = models.PositiveIntegerField(_("places"))
    amv_places = models.PositiveIntegerField(_("AMV places"))

    class Meta:
        ordering = ["run", "municipality__name"]
        constraints = [models.UniqueConstraint(fields=["run", "municipality"], name="unique_run_municipality")]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.places}"


class PublishedTask(models.Model):
    """A task as published (e.g. Staatscourant 2024, 3320), shown against the computed one."""

    cycle = models.PositiveSmallIntegerField(_("cycle"))
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    places = models.PositiveIntegerField(_("places"))
    amv_places = models.PositiveIntegerField(_("AMV places"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "municipality"], name="unique_published_task")]
        verbose_name = _("published task")
        verbose_name_plural = _("published tasks")

    def __str__(self) -> str:
        return f"{self.cycle} {self.municipality}: {self.places}"


class RegionalPlan(models.Model):
    """A region's joint plan for a cycle (e.g. Kennemerland: 2,100 reception places)."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="plans")
    cycle = models.PositiveSmallIntegerField(_("cycle"))
    target_places = models.PositiveIntegerField(_("joint target (places)"))
    description = models.TextField(_("description"), blank=True)
    ratios = models.JSONField(_("exchange ratio per target group"), default=dict)
    min_location_size = models.JSONField(_("minimum workable location size per target group"), default=dict)
    min_proposed_locations = models.PositiveSmallIntegerField(_("locations each municipality proposes"), default=2)
    is_example = models.BooleanField(_("example data"), default=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "cycle"], name="unique_region_cycle")]
        verbose_name = _("regional plan")
        verbose_name_plural = _("regional plans")

    def __str__(self) -> str:
        return f"{self.region} {self.cycle}"


class PlanContribution(models.Model):
    """What a municipality contributes to the plan for one target group."""

    plan = models.ForeignKey(RegionalPlan, on_delete=models.CASCADE, related_name="contributions")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroupChoices.choices)
    places = models.PositiveIntegerField(_("places"))
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "municipality", "target_group"], name="unique_contribution")
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.target_group}: {self.places}"


class Exchange(models.Model):
    """An exchange of tasks between municipalities and target groups, agreed within a plan."""

    plan = models.ForeignKey(RegionalPlan, on_delete=models.CASCADE, related_name="exchanges")
    agreed_on = models.DateField(_("agreed on"))
    description = models.CharField(_("description"), max_length=300)
    is_example = models.BooleanField(_("example data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "agreed_on", "pk"]
        verbose_name = _("exchange of tasks")
        verbose_name_plural = _("exchanges of tasks")

    def __str__(self) -> str:
        return self.description


class ExchangeLine(models.Model):
    """A ledger entry of an exchange: ``municipality`` takes ``delta`` more places of ``target_group``."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="lines")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroupChoices.choices)
    delta = models.IntegerField(_("change"))
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.municipality} {self.target_group} {self.delta:+d}"


class CountingRuleSet(models.Model):
    """The rules by which existing places count toward a cycle's task (defaults: 100 places, 5 years, 12 months)."""

    cycle = models.PositiveSmallIntegerField(_("cycle"), unique=True)
    min_places = models.PositiveIntegerField(_("minimum places of a lasting location"), default=100)
    min_years = models.PositiveSmallIntegerField(_("minimum years available"), default=5)
    pipeline_months = models.PositiveSmallIntegerField(_("new places count when available within (months)"), default=12)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("counting rules")
        verbose_name_plural = _("counting rules")

    def __str__(self) -> str:
        return f"{self.cycle}: {self.min_places}+ / {self.min_years} jaar / {self.pipeline_months} maanden"
