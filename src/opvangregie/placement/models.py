"""Placement proposals: a run of the optimiser for a municipality or a region, confirmed at most once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opvangregie.areas.models import Municipality, Region


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")
    CONFIRMED = "confirmed", _("confirmed")


class PlacementRun(models.Model):
    """A placement proposal for a municipality or a region: computed by a task, confirmed at most once.

    ``fingerprint`` is the state of rooms, residents and the waiting list the proposal was made for;
    confirming is refused when the state has changed since.
    """

    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    max_moves = models.PositiveSmallIntegerField(_("moves of residents at most"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["progress", "stage"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("placement proposal")
        verbose_name_plural = _("placement proposals")
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=False, region__isnull=True)
                | Q(municipality__isnull=True, region__isnull=False),
                name="placement_run_one_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pk}: {self.status}"


class UsableKept(models.Model):
    """A location's usable places on a date from its rooms (core.placement.usable.UsablePlaces: beds, persons,
    rooms, singles and families that can still be placed, usable free places), computed once and kept
    (placement.usable_kept): every overview of a province or the country asks for them, and computing them reads
    every room with who lives in it. ``places`` is None for a location without rooms. Forgotten by every write
    that can change them (placement.usable_kept.forget); it counts only while the location's
    :class:`UsableGeneration` is still the ``generation`` it was computed at."""

    location = models.ForeignKey("locations.Location", on_delete=models.CASCADE, related_name="+")
    on = models.DateField()
    places = models.JSONField(null=True)
    generation = models.PositiveBigIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["location", "on"], name="unique_usable_kept")]

    def __str__(self) -> str:
        return f"{self.location_id} {self.on}"


class UsableGeneration(models.Model):
    """How often the kept usable places of a location were forgotten (placement.usable_kept). Every write that
    forgets them counts up in its own transaction; a reader notes the count before it reads the rooms, so a figure
    computed from rooms read before a write committed is never taken for one computed after it.

    The location is a number, not a foreign key: when a location is deleted its rooms go first, and their
    deletion still counts up (a row left for a deleted location is never read again)."""

    location_id = models.PositiveBigIntegerField(primary_key=True)
    value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.location_id}: {self.value}"
