"""Ukrainian households, their stays, reception requests with the alternatives workflow, and the dated
rate tables for leefgeld, own contribution and the State's reimbursement.

Personal data is kept to what the work needs (AVG art. 5(1)(c)): a reference instead of a name by
default, the year of birth instead of a date, and everything personal is anonymised a configurable
time after the household leaves (``households.services.households_anonymise``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opvangregie.areas.models import Municipality
from opvangregie.core.contribution import BetweenThresholds, ReceptionType
from opvangregie.core.reception_duty import StepKind
from opvangregie.locations.models import Location, Room, TargetGroupChoices

MONEY_DIGITS, MONEY_PLACES = 9, 2
MAX_MONEY = Decimal(10) ** (MONEY_DIGITS - MONEY_PLACES) - Decimal("0.01")  # € 9.999.999,99: what the column holds


def money(verbose_name: Any, *, default: Decimal | None = None) -> models.DecimalField[Decimal, Decimal]:
    """A non-negative amount in euros with cents, at most ``MAX_MONEY`` (forms, API and importers check it)."""
    validators = [MinValueValidator(0), MaxValueValidator(MAX_MONEY)]
    if default is None:
        return models.DecimalField(
            verbose_name, max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, validators=validators
        )
    return models.DecimalField(
        verbose_name, max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, validators=validators, default=default
    )


def amount_problem(amount: Decimal) -> str | None:
    """Why ``amount`` cannot be stored as an amount in euros, or None when it can (finite, 0 to MAX_MONEY, cents)."""
    if not amount.is_finite():
        return "een bedrag moet een getal zijn"
    if amount < 0:
        return "een bedrag kan niet negatief zijn"
    if amount > MAX_MONEY:
        return "een bedrag kan ten hoogste € 9.999.999,99 zijn"
    if amount != amount.quantize(Decimal("0.01")):
        return "een bedrag heeft ten hoogste twee decimalen"
    return None


class LeefgeldScale(models.Model):
    """Leefgeld amounts valid from a date (RooO art. 9); an administrator adds a scale when rates change."""

    valid_from = models.DateField(_("valid from"), unique=True)
    personal_per_person = money(_("personal money per person"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords(table_name="placement_historicalleefgeldscale")

    class Meta:
        db_table = "placement_leefgeldscale"
        ordering = ["valid_from"]
        verbose_name = _("leefgeld scale")
        verbose_name_plural = _("leefgeld scales")

    def __str__(self) -> str:
        return f"leefgeld {self.valid_from:%d-%m-%Y}"


class LeefgeldBand(models.Model):
    """The amounts for households of ``household_size`` persons or more (up to the next band)."""

    scale = models.ForeignKey(LeefgeldScale, on_delete=models.CASCADE, related_name="bands")
    household_size = models.PositiveSmallIntegerField(_("household size from"), validators=[MinValueValidator(1)])
    per_household = money(_("per household"), default=Decimal("0"))
    per_extra_person = money(_("per further person"), default=Decimal("0"))
    per_adult = money(_("food per adult"), default=Decimal("0"))
    per_minor = money(_("food per minor"), default=Decimal("0"))
    history = HistoricalRecords(table_name="placement_historicalleefgeldband")

    class Meta:
        db_table = "placement_leefgeldband"
        ordering = ["scale", "household_size"]
        constraints = [models.UniqueConstraint(fields=["scale", "household_size"], name="unique_leefgeld_band")]

    def __str__(self) -> str:
        return f"{self.scale}: {self.household_size}+"


class ThresholdChoices(models.TextChoices):
    LINEAR = BetweenThresholds.LINEAR.value, _("linear between the thresholds")
    STEP = BetweenThresholds.STEP.value, _("all or nothing at the thresholds")


class ContributionRate(models.Model):
    """The own contribution per adult per month valid from a date (RooO art. 9a) and its 115% norm."""

    valid_from = models.DateField(_("valid from"), unique=True)
    per_adult = money(_("running costs per adult"))
    catering_per_adult = money(_("catering per adult"))
    max_adults_charged = models.PositiveSmallIntegerField(_("adults charged at most"), default=2)
    norm_factor = models.DecimalField(
        _("norm factor"), max_digits=4, decimal_places=2, default=Decimal("1.15"), validators=[MinValueValidator(1)]
    )
    between_thresholds = models.CharField(
        _("between the thresholds"), max_length=10, choices=ThresholdChoices.choices, default=ThresholdChoices.LINEAR
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords(table_name="placement_historicalcontributionrate")

    class Meta:
        db_table = "placement_contributionrate"
        ordering = ["valid_from"]
        verbose_name = _("own contribution rate")
        verbose_name_plural = _("own contribution rates")

    def __str__(self) -> str:
        return f"eigen bijdrage {self.valid_from:%d-%m-%Y}"


class ReimbursementRate(models.Model):
    """The State's normbedrag per realised place per day in municipal reception (BooO art. 3)."""

    valid_from = models.DateField(_("valid from"), unique=True)
    per_place_per_day = money(_("per place per day"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords(table_name="placement_historicalreimbursementrate")

    class Meta:
        db_table = "placement_reimbursementrate"
        ordering = ["valid_from"]
        verbose_name = _("reimbursement rate")
        verbose_name_plural = _("reimbursement rates")

    def __str__(self) -> str:
        return f"normbedrag {self.valid_from:%d-%m-%Y}"


class Household(models.Model):
    """Persons received together; known by a reference, a name only where the municipality records one."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="households")
    reference = models.CharField(_("reference"), max_length=30)
    name = models.CharField(_("name (optional)"), max_length=100, blank=True)
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroupChoices.choices, default=TargetGroupChoices.UKRAINIAN
    )
    needs_accessible = models.BooleanField(_("needs an accessible room"), default=False)
    needs_ground_floor = models.BooleanField(_("needs the ground floor"), default=False)
    needs_note = models.CharField(_("other needs"), max_length=200, blank=True)
    vulnerable = models.BooleanField(
        _("vulnerable (priority)"), default=False, help_text=_("Counts as 13 weeks of extra waiting time.")
    )
    catering = models.BooleanField(_("full catering"), default=False)
    registered_on = models.DateField(_("registered on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True)
    is_example = models.BooleanField(_("example data"), default=False)
    history = HistoricalRecords(table_name="placement_historicalhousehold")

    class Meta:
        db_table = "placement_household"
        ordering = ["municipality", "reference"]
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [models.UniqueConstraint(fields=["municipality", "reference"], name="unique_household_reference")]

    def __str__(self) -> str:
        return self.reference


class Sex(models.TextChoices):
    FEMALE = "F", _("female")
    MALE = "M", _("male")
    OTHER = "X", _("other")


class Member(models.Model):
    """A member of a household: year of birth (adult or minor follows from it) and, for shared rooms, sex."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    number = models.PositiveSmallIntegerField(_("number"))
    year_of_birth = models.PositiveSmallIntegerField(
        _("year of birth"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    history = HistoricalRecords(table_name="placement_historicalmember")

    class Meta:
        db_table = "placement_member"
        ordering = ["household", "number"]
        constraints = [models.UniqueConstraint(fields=["household", "number"], name="unique_member_number")]

    def __str__(self) -> str:
        return f"{self.household.reference}-{self.number}"


class IncomeSource(models.TextChoices):
    WORK = "work", _("work")
    PENSION = "pension", _("pension")
    BENEFIT = "benefit", _("benefit (WW, sickness, disability)")
    ALLOWANCES = "allowances", _("allowances (toeslagen)")
    OTHER = "other", _("other")


class Income(models.Model):
    """A member's monthly income from a source, from a date (until a date, if it ended)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="incomes")
    monthly_amount = money(_("monthly amount"))
    source = models.CharField(_("source"), max_length=20, choices=IncomeSource.choices)
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until"), null=True, blank=True)
    history = HistoricalRecords(table_name="placement_historicalincome")

    class Meta:
        db_table = "placement_income"
        ordering = ["member", "valid_from"]
        verbose_name = _("income")
        verbose_name_plural = _("incomes")

    def __str__(self) -> str:
        return f"{self.member}: {self.monthly_amount} from {self.valid_from}"


class ReceptionTypeChoices(models.TextChoices):
    MUNICIPAL = ReceptionType.MUNICIPAL.value, _("municipal reception")
    PRIVATE = ReceptionType.PRIVATE.value, _("private reception")


class Stay(models.Model):
    """Where a household lived from ``start`` until the day before ``end``: a location and room, or private."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="stays")
    reception_type = models.CharField(_("reception"), max_length=10, choices=ReceptionTypeChoices.choices)
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.PROTECT, related_name="stays")
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.PROTECT, related_name="stays")
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    history = HistoricalRecords(table_name="placement_historicalstay")

    class Meta:
        db_table = "placement_stay"
        ordering = ["household", "start"]
        constraints = [
            models.CheckConstraint(
                name="stay_location_matches_reception",
                condition=Q(reception_type="municipal", location__isnull=False)
                | Q(reception_type="private", location__isnull=True, room__isnull=True),
            ),
            models.CheckConstraint(
                name="stay_ends_after_start", condition=Q(end__isnull=True) | Q(end__gt=models.F("start"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household_id}: {self.reception_type} from {self.start}"


class StepKindChoices(models.TextChoices):
    PLACED = StepKind.PLACED.value, _("placed in a municipal location")
    OFFER_OTHER_MUNICIPALITY = StepKind.OFFER_OTHER_MUNICIPALITY.value, _("offered: another municipality")
    OFFER_HOTEL = StepKind.OFFER_HOTEL.value, _("offered: hotel financed by the State")
    OFFER_PRIVATE = StepKind.OFFER_PRIVATE.value, _("offered: private reception with costs reimbursed")
    OFFER_MONEY = StepKind.OFFER_MONEY.value, _("offered: money for own shelter")
    ESCALATED_RCVS = StepKind.ESCALATED_RCVS.value, _("escalated to the regional coordination (RCVS)")
    ESCALATED_LCVS = StepKind.ESCALATED_LCVS.value, _("escalated to the national coordination (LCVS)")
    NOTE = StepKind.NOTE.value, _("note")


class Outcome(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    NO_PLACE = "no_place", _("no place available")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("open")
    RESOLVED = "resolved", _("resolved")
    WITHDRAWN = "withdrawn", _("withdrawn")


class ReceptionRequest(models.Model):
    """A household's request for reception; while open it is on the municipality's waiting list."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="reception_requests")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="requests")
    received_at = models.DateTimeField(_("received at"))
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords(table_name="placement_historicalreceptionrequest")

    class Meta:
        db_table = "placement_receptionrequest"
        ordering = ["received_at"]
        # the waiting lists and the open requests per municipality (dashboards, province overview): issue 20
        indexes = [models.Index(fields=["municipality", "status"], name="request_municipality_status")]
        verbose_name = _("reception request")
        verbose_name_plural = _("reception requests")

    def __str__(self) -> str:
        return f"{self.household.reference} {self.received_at:%d-%m-%Y %H:%M}"


class RequestStep(models.Model):
    """One step of the alternatives workflow: an offer or an escalation, with its time and outcome."""

    request = models.ForeignKey(ReceptionRequest, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=30, choices=StepKindChoices.choices)
    at = models.DateTimeField(_("at"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords(table_name="placement_historicalrequeststep")

    class Meta:
        db_table = "placement_requeststep"
        ordering = ["request", "at", "pk"]
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.kind} {self.at:%d-%m-%Y %H:%M}"


class MonthCountsKept(models.Model):
    """The council letter's household counts of a municipality on the first day of a month, computed once and
    kept (households.month_counts): every dashboard and letter asks for them and computing them reads every
    household present with its members, incomes and stays. Forgotten by every write that can change them
    (households.month_counts.forget)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    counts = models.JSONField()
    computed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "month"], name="unique_month_counts")]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.month:%Y-%m}"
