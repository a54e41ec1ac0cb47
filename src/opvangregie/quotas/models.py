"""Status-holder housing quotas (Huisvestingswet 2014 art. 28–30): periods, national totals, municipal
quotas with their versions, joint changes (art. 29(2)), realisations and the provincial ladder."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opvangregie.areas.models import Municipality, Province
from opvangregie.core.apportion import Method
from opvangregie.core.periods import HalfYear
from opvangregie.locations.models import Location


class MethodChoices(models.TextChoices):
    STATUTORY_CEILING = Method.STATUTORY_CEILING.value, _("statutory: rounded up (art. 29)")
    HALF_UP = Method.HALF_UP.value, _("rounded half up")
    HAMILTON = Method.HAMILTON.value, _("largest remainder (exact sum)")
    DHONDT = Method.DHONDT.value, _("D'Hondt (Jefferson)")
    SAINTE_LAGUE = Method.SAINTE_LAGUE.value, _("Sainte-Laguë (Webster)")
    HUNTINGTON_HILL = Method.HUNTINGTON_HILL.value, _("Huntington–Hill (equal proportions)")


class QuotaPeriod(models.Model):
    """A calendar half-year for which the State sets a national number of status holders to house."""

    period = models.CharField(_("half-year"), max_length=7, unique=True)
    rounding_method = models.CharField(
        _("rounding"), max_length=20, choices=MethodChoices.choices, default=MethodChoices.STATUTORY_CEILING
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["period"]
        verbose_name = _("quota period")
        verbose_name_plural = _("quota periods")

    def __str__(self) -> str:
        return self.period

    @property
    def half_year(self) -> HalfYear:
        return HalfYear.parse(self.period)


class NationalTotal(models.Model):
    """The national number ``vg`` of a half-year as published in the Staatscourant; later rows are revisions."""

    period = models.ForeignKey(QuotaPeriod, on_delete=models.CASCADE, related_name="national_totals")
    total = models.PositiveIntegerField(_("national total"))
    published_on = models.DateField(_("published on"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "published_on", "pk"]
        verbose_name = _("national total")
        verbose_name_plural = _("national totals")

    def __str__(self) -> str:
        return f"{self.period}: {self.total} ({self.published_on:%d-%m-%Y})"


class QuotaKind(models.TextChoices):
    COMPUTED = "computed", _("computed")
    PUBLISHED = "published", _("published")


class MunicipalQuota(models.Model):
    """One version of a municipality's quota: computed from a national total, or published (wins)."""

    period = models.ForeignKey(QuotaPeriod, on_delete=models.CASCADE, related_name="quotas")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="status_holder_quotas")
    kind = models.CharField(_("kind"), max_length=10, choices=QuotaKind.choices)
    value = models.PositiveIntegerField(_("quota"))
    national_total = models.ForeignKey(NationalTotal, null=True, blank=True, on_delete=models.CASCADE)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_example = models.BooleanField(_("example data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "municipality__name", "created_at", "pk"]
        indexes = [models.Index(fields=["period", "municipality", "kind"])]
        verbose_name = _("municipal quota")
        verbose_name_plural = _("municipal quotas")

    def __str__(self) -> str:
        return f"{self.municipality} {self.period}: {self.value} ({self.kind})"


class QuotaArrangement(models.Model):
    """A joint change of quotas by two or more municipalities that keeps their sum (art. 29(2))."""

    period = models.ForeignKey(QuotaPeriod, on_delete=models.CASCADE, related_name="arrangements")
    agreed_on = models.DateField(_("agreed on"))
    description = models.CharField(_("description"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "agreed_on", "pk"]
        verbose_name = _("joint quota arrangement")
        verbose_name_plural = _("joint quota arrangements")

    def __str__(self) -> str:
        return f"{self.period}: {self.description}"


class QuotaArrangementLine(models.Model):
    arrangement = models.ForeignKey(QuotaArrangement, on_delete=models.CASCADE, related_name="lines")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    delta = models.IntegerField(_("change"))
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["arrangement", "municipality"], name="unique_arrangement_municipality")
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.delta:+d}"


class LedgerOpening(models.Model):
    """The balance carried into the first half-year kept here (negative: a backlog from before)."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="ledger_opening")
    period = models.CharField(_("first half-year"), max_length=7)
    balance = models.IntegerField(_("balance carried in"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opening balance")
        verbose_name_plural = _("opening balances")

    def __str__(self) -> str:
        return f"{self.municipality} {self.period}: {self.balance:+d}"


class Realisation(models.Model):
    """Status holders housed by a municipality on a date (or planned: a match not yet housed)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="realisations")
    date = models.DateField(_("date"))
    persons = models.PositiveIntegerField(_("persons"))
    household_ref = models.CharField(_("household reference"), max_length=50, blank=True)
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.SET_NULL, related_name="realisations"
    )
    planned = models.BooleanField(_("planned"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_example = models.BooleanField(_("example data"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "date", "pk"]
        indexes = [models.Index(fields=["municipality", "date"])]
        verbose_name = _("realisation")
        verbose_name_plural = _("realisations")

    def __str__(self) -> str:
        return f"{self.municipality} {self.date:%d-%m-%Y}: {self.persons}"


class InterventionStage(models.Model):
    """A province's own phase of the intervention ladder (without rows the default ladder applies)."""

    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="intervention_stages")
    number = models.PositiveSmallIntegerField(_("phase"))
    name = models.CharField(_("name"), max_length=150)
    periods_behind = models.PositiveSmallIntegerField(_("half-years behind in a row"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["province", "number"]
        constraints = [models.UniqueConstraint(fields=["province", "number"], name="unique_province_stage")]
        verbose_name = _("intervention ladder phase")
        verbose_name_plural = _("intervention ladder phases")

    def __str__(self) -> str:
        return f"{self.province}: {self.number}. {self.name}"


class SupervisionLetter(models.Model):
    """The province's half-yearly letter to a municipality about its quota, recorded when the officer says it was
    sent (downloading it records nothing); one per municipality and half-year."""

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="supervision_letters")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="supervision_letters")
    period = models.CharField(_("half-year"), max_length=7)
    sent_on = models.DateField(_("sent on"))
    document_reference = models.CharField(_("document reference"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "period"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "period"], name="unique_supervision_letter_period")
        ]
        verbose_name = _("supervision letter")
        verbose_name_plural = _("supervision letters")

    def __str__(self) -> str:
        return f"{self.municipality} {self.period}: {self.sent_on:%d-%m-%Y}"


class ReplyStatus(models.TextChoices):
    IN_PREPARATION = "in_preparation", _("in preparation")
    RECEIVED = "received", _("received")


class SupervisionReply(models.Model):
    """The municipality's reply to the province's letter: in preparation, or received on a date."""

    letter = models.OneToOneField(SupervisionLetter, on_delete=models.CASCADE, related_name="reply")
    status = models.CharField(_("status"), max_length=20, choices=ReplyStatus.choices)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    summary = models.TextField(_("summary"), max_length=5000, blank=True)
    document_reference = models.CharField(_("document reference"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reply to a supervision letter")
        verbose_name_plural = _("replies to supervision letters")

    def __str__(self) -> str:
        return f"{self.letter}: {self.status}"


class ReplyMeasure(models.Model):
    """A measure the municipality plans in its reply, with the date it aims for."""

    reply = models.ForeignKey(SupervisionReply, on_delete=models.CASCADE, related_name="measures")
    description = models.CharField(_("measure"), max_length=300)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["reply", "target_date", "pk"]
        verbose_name = _("planned measure")
        verbose_name_plural = _("planned measures")

    def __str__(self) -> str:
        return self.description
