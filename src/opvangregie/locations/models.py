"""The register of reception locations: lifecycle, capacity, rooms, occupancy and timeline."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opvangregie.areas.models import Municipality
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.rooms import SharingRule
from opvangregie.core.target_groups import TargetGroup


class TargetGroupChoices(models.TextChoices):
    UKRAINIAN = TargetGroup.UKRAINIAN.value, _("Ukrainian displaced persons")
    ASYLUM = TargetGroup.ASYLUM.value, _("asylum seekers")
    AMV = TargetGroup.AMV.value, _("unaccompanied minors (AMV)")
    STATUS_HOLDER = TargetGroup.STATUS_HOLDER.value, _("status holders (transit housing)")
    EMERGENCY = TargetGroup.EMERGENCY.value, _("emergency reception")


class StatusChoices(models.TextChoices):
    PLANNED = LocationStatus.PLANNED.value, _("planned")
    DECIDED = LocationStatus.DECIDED.value, _("decided")
    PERMIT = LocationStatus.PERMIT.value, _("permit")
    UNDER_CONSTRUCTION = LocationStatus.UNDER_CONSTRUCTION.value, _("under construction")
    IN_USE = LocationStatus.IN_USE.value, _("in use")
    OUT_OF_USE = LocationStatus.OUT_OF_USE.value, _("out of use")
    CLOSED = LocationStatus.CLOSED.value, _("closed")


class Location(models.Model):
    """A building or site where people are received (opvanglocatie)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="locations")
    name = models.CharField(_("name"), max_length=150)
    address = models.CharField(_("address"), max_length=200, blank=True)
    rd_x = models.DecimalField(_("RD x"), max_digits=9, decimal_places=2, null=True, blank=True)
    rd_y = models.DecimalField(_("RD y"), max_digits=9, decimal_places=2, null=True, blank=True)
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroupChoices.choices)
    operator = models.CharField(_("operator"), max_length=150, blank=True)
    status = models.CharField(
        _("current status"), max_length=20, choices=StatusChoices.choices, default=StatusChoices.PLANNED
    )
    follow_up_target_group = models.CharField(
        _("follow-up target group"), max_length=20, choices=TargetGroupChoices.choices, blank=True
    )
    follow_up_after_years = models.PositiveSmallIntegerField(_("follow-up after (years in use)"), null=True, blank=True)
    planned_until = models.DateField(_("planned in use until"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_example = models.BooleanField(_("example data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="unique_location_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality.name})"

    @property
    def expected_in_use(self) -> date | None:
        """The expected date of coming into use (reads prefetched ``expected_transitions``)."""
        return self.expected_date(LocationStatus.IN_USE)

    def expected_date(self, status: LocationStatus) -> date | None:
        """The expected date of reaching ``status``, if one is planned."""
        for expected in self.expected_transitions.all():
            if expected.status == status.value:
                return expected.expected_date
        return None


class StatusChange(models.Model):
    """A dated lifecycle transition; the latest one on a date gives the status on that date."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=20, choices=StatusChoices.choices)
    effective_date = models.DateField(_("effective date"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["effective_date", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.location_id}: {self.status} from {self.effective_date}"


class ExpectedTransition(models.Model):
    """The date on which a location is expected to reach a lifecycle stage: a plan, never a fact.

    The actual transition is a :class:`StatusChange`; an expected date that has passed without it is overdue.
    """

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="expected_transitions")
    status = models.CharField(_("status"), max_length=20, choices=StatusChoices.choices)
    expected_date = models.DateField(_("expected date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["expected_date", "pk"]
        verbose_name = _("expected transition")
        verbose_name_plural = _("expected transitions")
        constraints = [models.UniqueConstraint(fields=["location", "status"], name="unique_expected_transition")]

    def __str__(self) -> str:
        return f"{self.location_id}: {self.status} expected on {self.expected_date}"


class CapacityChange(models.Model):
    """From ``effective_date`` the location has ``places`` nominal places (a future date is an expected change)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="capacity_changes")
    effective_date = models.DateField(_("effective date"))
    places = models.PositiveIntegerField(_("places"), validators=[MaxValueValidator(10_000)])
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["effective_date"]
        verbose_name = _("capacity change")
        verbose_name_plural = _("capacity changes")
        constraints = [
            models.UniqueConstraint(fields=["location", "effective_date"], name="unique_capacity_change_date")
        ]

    def __str__(self) -> str:
        return f"{self.location_id}: {self.places} places from {self.effective_date}"


class SharingRuleChoices(models.TextChoices):
    NONE = SharingRule.NONE.value, _("not shared with strangers")
    SAME_SEX = SharingRule.SAME_SEX.value, _("single adults of the same sex")
    SINGLE_ADULTS = SharingRule.SINGLE_ADULTS.value, _("single adults")


class Room(models.Model):
    """A room, or a flat treated as one unit, with beds; strangers share it only under its sharing rule."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=50)
    beds = models.PositiveSmallIntegerField(_("beds"), validators=[MinValueValidator(1), MaxValueValidator(50)])
    floor = models.SmallIntegerField(_("floor"), default=0)
    accessible = models.BooleanField(_("accessible"), default=False)
    sharing_rule = models.CharField(
        _("shared by strangers"), max_length=20, choices=SharingRuleChoices.choices, default=SharingRuleChoices.NONE
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["location", "name"]
        constraints = [models.UniqueConstraint(fields=["location", "name"], name="unique_room_name")]

    def __str__(self) -> str:
        return f"{self.location.name} – {self.name}"


class OccupancySnapshot(models.Model):
    """Persons (and households) present at a location on a date, as counted by the officer."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="snapshots")
    date = models.DateField(_("date"))
    persons = models.PositiveIntegerField(_("persons"))
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    usable_free_places = models.PositiveIntegerField(_("usable free places"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["location", "date"]
        constraints = [models.UniqueConstraint(fields=["location", "date"], name="unique_snapshot_per_day")]
        verbose_name = _("occupancy snapshot")
        verbose_name_plural = _("occupancy snapshots")

    def __str__(self) -> str:
        return f"{self.location_id}: {self.persons} persons on {self.date}"


class EventKind(models.TextChoices):
    SOUNDING_BOARD = "sounding_board", _("sounding-board meeting")
    LETTER = "letter", _("letter sent")
    COUNCIL = "council", _("council decision")
    PERMIT_APPLIED = "permit_applied", _("permit applied")
    PERMIT_GRANTED = "permit_granted", _("permit granted")
    INFORMATION_EVENING = "information_evening", _("information evening")
    EVALUATION = "evaluation", _("evaluation")
    OTHER = "other", _("other")


class LocationEvent(models.Model):
    """An entry on a location's timeline (meetings, letters, permit steps)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return f"{self.date}: {self.title}"


class MunicipalTarget(models.Model):
    """A municipality's target in places for one target group, valid from a date (versioned input)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="targets")
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroupChoices.choices)
    places = models.PositiveIntegerField(_("places"))
    valid_from = models.DateField(_("valid from"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_example = models.BooleanField(_("example data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "target_group", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "target_group", "valid_from"], name="unique_target_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.places} {self.target_group} places from {self.valid_from}"


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("imported")
    REFUSED = "refused", _("refused")
    FAILED = "failed", _("failed")


class CountImport(models.Model):
    """A large count file read by a task (``locations.import_jobs``): all rows or none, with its progress, the
    report per row of a refused file or the number of counts written, and the officer who uploaded it.

    The upload is kept in ``content`` until the task has read it (web and task workers share only the
    database), then emptied."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="count_imports")
    file_name = models.CharField(_("file name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    rows_total = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_checked = models.PositiveIntegerField(_("rows checked"), default=0)
    rows_written = models.PositiveIntegerField(_("counts written"), default=0)
    error = models.CharField(_("error"), max_length=1000, blank=True)
    row_errors = models.JSONField(_("problems per row"), default=list, blank=True)
    content = models.BinaryField(default=b"", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["progress", "stage", "rows_checked", "content"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("count import")
        verbose_name_plural = _("count imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"

    @property
    def busy(self) -> bool:
        return self.status in (ImportJobStatus.QUEUED, ImportJobStatus.RUNNING)
