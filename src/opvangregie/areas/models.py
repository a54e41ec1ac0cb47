"""Provinces, safety regions, municipalities (versioned per reference year) and regions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Province(models.Model):
    """One of the 12 provinces; CBS code ``PV20``..``PV31``."""

    code = models.CharField(_("CBS code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class SafetyRegion(models.Model):
    """A veiligheidsregio (Wet veiligheidsregio's art. 8); coordinates Ukrainian reception (RCVS)."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="safety_regions")

    class Meta:
        ordering = ["code"]
        verbose_name = _("safety region")
        verbose_name_plural = _("safety regions")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipality by its CBS code; name, province and region as in the latest reference year."""

    code = models.CharField(_("CBS code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=100)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="municipalities")
    safety_region = models.ForeignKey(SafetyRegion, on_delete=models.PROTECT, related_name="municipalities")

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class MunicipalityYear(models.Model):
    """A municipality as it stood in the division of one reference year (1 January).

    Municipal mergers change the division every January, so every year's CBS file is kept beside
    the others; population is the CBS count on ``population_date``.
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="years")
    reference_year = models.PositiveSmallIntegerField(_("reference year"))
    name = models.CharField(_("name"), max_length=100)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+")
    safety_region = models.ForeignKey(SafetyRegion, on_delete=models.PROTECT, related_name="+")
    population = models.PositiveIntegerField(_("population"))
    population_date = models.DateField(_("population date"))
    ses_score = models.DecimalField(_("SES-WOA score"), max_digits=6, decimal_places=3, null=True, blank=True)

    class Meta:
        ordering = ["reference_year", "municipality__code"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "reference_year"], name="unique_municipality_year")
        ]
        verbose_name = _("municipality in reference year")
        verbose_name_plural = _("municipalities in reference year")

    def __str__(self) -> str:
        return f"{self.name} ({self.reference_year})"


class Region(models.Model):
    """A partnership of municipalities with a joint plan (e.g. Kennemerland), defined by an administrator."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(Municipality, related_name="regions", verbose_name=_("members"))
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name
