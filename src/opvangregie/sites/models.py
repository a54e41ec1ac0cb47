"""Candidate sites for reception: where the next places could go, confidential until made public."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opvangregie.areas.models import Municipality
from opvangregie.locations.models import Location, TargetGroupChoices
from opvangregie.organisations.models import Organisation


class SiteStatus(models.TextChoices):
    """The dated steps of a candidate site (Heemstede: researched, college decision 30 September 2025, made
    public 6 October 2025, talks with the province and COA)."""

    IDEA = "idea", _("idea")
    RESEARCHED = "researched", _("being researched")
    COLLEGE_DECISION = "college_decision", _("college decision")
    PUBLIC = "public", _("made public")
    IN_TALKS = "in_talks", _("proposed to COA / in talks")
    CHOSEN = "chosen", _("chosen")
    DROPPED = "dropped", _("dropped")


# From "made public" on, a site is no longer confidential (Woo: made public by the college).
PUBLIC_STATUSES = frozenset({SiteStatus.PUBLIC, SiteStatus.IN_TALKS, SiteStatus.CHOSEN})


class OwnerKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    PROVINCE = "province", _("province")
    STATE = "state", _("State")
    HOUSING_ASSOCIATION = "housing_association", _("housing association")
    PRIVATE = "private", _("private owner")


class SiteKind(models.TextChoices):
    VACANT_BUILDING = "vacant_building", _("vacant building")
    OFFICE = "office", _("office")
    SCHOOL = "school", _("school")
    LAND = "land", _("land")
    OTHER = "other", _("other")


class CandidateSite(models.Model):
    """A site that might host reception; its point in RD New (EPSG:28992)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="candidate_sites")
    name = models.CharField(_("name"), max_length=150)
    address = models.CharField(_("address"), max_length=200, blank=True)
    rd_x = models.DecimalField(_("RD x"), max_digits=9, decimal_places=2)
    rd_y = models.DecimalField(_("RD y"), max_digits=9, decimal_places=2)
    approximate = models.BooleanField(_("approximate position"), default=False)
    owner = models.CharField(_("owner"), max_length=30, choices=OwnerKind.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=SiteKind.choices)
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroupChoices.choices, default=TargetGroupChoices.ASYLUM
    )
    estimated_places = models.PositiveIntegerField(
        _("estimated places"), null=True, blank=True, validators=[MaxValueValidator(10_000)]
    )
    status = models.CharField(_("status"), max_length=20, choices=SiteStatus.choices, default=SiteStatus.IDEA)
    notes = models.TextField(_("notes"), blank=True, max_length=5_000)
    location = models.OneToOneField(
        Location, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidate_site"
    )  # the planned location in the register once the site is chosen
    is_example = models.BooleanField(_("example data"), default=False)
    area = models.TextField(
        _("area"), blank=True, help_text=_("The site's outline as a GeoJSON geometry in WGS84 (empty: a point).")
    )
    # The BAG building (pand) the site was made from, if any: one site per building (see vacancy.site_from_bag).
    bag_identification = models.CharField(_("BAG building"), max_length=16, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("candidate site")
        verbose_name_plural = _("candidate sites")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_site_name"),
            models.UniqueConstraint(
                fields=["municipality", "bag_identification"],
                condition=~models.Q(bag_identification=""),
                name="unique_site_bag_building",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality.name})"

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


class SiteStep(models.Model):
    """A dated step of a site (status), with the reason (e.g. why it was dropped)."""

    site = models.ForeignKey(CandidateSite, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(_("status"), max_length=20, choices=SiteStatus.choices)
    effective_date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["effective_date", "pk"]
        verbose_name = _("site step")
        verbose_name_plural = _("site steps")

    def __str__(self) -> str:
        return f"{self.site_id}: {self.status} on {self.effective_date}"


class LayerKind(models.TextChoices):
    """How a constraint layer weighs (core.constraints.ConstraintKind)."""

    EXCLUSION = "exclusion", _("hard constraint")
    CONSULTATION = "consultation", _("needs consultation")
    INFORMATION = "information", _("information")


class ConstraintLayer(models.Model):
    """A map layer of areas that constrain sites (Natura 2000, a province's protected landscape, ...), owned by
    the province or national organisation that uploads it; its versions hold the areas."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=LayerKind.choices)
    source = models.CharField(_("source"), max_length=300)
    licence = models.CharField(_("licence"), max_length=100)
    valid_on = models.DateField(_("valid on"))
    description = models.TextField(_("description"), blank=True, max_length=5_000)
    attribution = models.CharField(_("attribution"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    is_shipped = models.BooleanField(_("shipped with the app"), default=False)
    owner = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="constraint_layers"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("constraint layer")
        verbose_name_plural = _("constraint layers")

    def __str__(self) -> str:
        return self.name


class LayerVersion(models.Model):
    """One upload of a layer: its areas as a GeoJSON FeatureCollection in WGS84. The latest is in force."""

    layer = models.ForeignKey(ConstraintLayer, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    feature_count = models.PositiveIntegerField(_("features"))
    repaired_count = models.PositiveIntegerField(_("repaired geometries"), default=0)
    features = models.TextField(_("features (GeoJSON, WGS84)"))
    file_name = models.CharField(_("file name"), max_length=255)
    source_crs = models.CharField(_("source CRS"), max_length=100)
    history = HistoricalRecords(excluded_fields=["features"])

    class Meta:
        ordering = ["layer__name", "-number"]
        verbose_name = _("layer version")
        verbose_name_plural = _("layer versions")
        constraints = [models.UniqueConstraint(fields=["layer", "number"], name="unique_layer_version")]

    def __str__(self) -> str:
        return f"{self.layer_id} v{self.number}"


class SiteCheck(models.Model):
    """A site checked against one layer version: the share of its area inside, the distance to the nearest area
    and the sentence the site page shows. Made again when the site or the layer changes."""

    site = models.ForeignKey(CandidateSite, on_delete=models.CASCADE, related_name="checks")
    layer_version = models.ForeignKey(LayerVersion, on_delete=models.CASCADE, related_name="checks")
    inside_share = models.FloatField(_("share inside"))
    distance_m = models.FloatField(_("distance (m)"), null=True)
    feature_name = models.CharField(_("area"), max_length=200, blank=True)
    sentence = models.CharField(_("result"), max_length=500)
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        ordering = ["distance_m", "-inside_share"]
        constraints = [models.UniqueConstraint(fields=["site", "layer_version"], name="unique_site_check")]

    def __str__(self) -> str:
        return f"{self.site_id}/{self.layer_version_id}: {self.sentence}"


class MunicipalityConstraintShare(models.Model):
    """A cache: the share of a municipality's land under a kind of constraint, for the layer versions in force
    named by ``versions`` (a new version makes the entry stale)."""

    code = models.CharField(max_length=6)
    kind = models.CharField(max_length=20, choices=LayerKind.choices)
    versions = models.CharField(max_length=500)
    share = models.FloatField()
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code", "kind"], name="unique_municipality_share")]

    def __str__(self) -> str:
        return f"{self.code} {self.kind}: {self.share:.3f}"


class ImportFormat(models.TextChoices):
    XML = "xml", _("BAG 2.0 extract (XML)")
    GEOPACKAGE = "gpkg", _("BAG GeoPackage (PDOK)")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


class BagImport(models.Model):
    """One import of a municipality's BAG file, run by a task; a successful one replaces the previous data.

    The upload is kept in ``content`` until the task has read it (web and task workers share only the
    database), then emptied."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="bag_imports")
    file_name = models.CharField(_("file name"), max_length=200)
    format = models.CharField(_("format"), max_length=10, choices=ImportFormat.choices)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    objects_read = models.PositiveIntegerField(_("objects read"), default=0)
    buildings = models.PositiveIntegerField(_("buildings"), default=0)
    units = models.PositiveIntegerField(_("units"), default=0)
    data_date = models.DateField(_("date of the data"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=1000, blank=True)
    content = models.BinaryField(default=b"", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["progress", "stage", "content"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("BAG import")
        verbose_name_plural = _("BAG imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"


class BagBuilding(models.Model):
    """A building (pand) of the BAG in its voorkomen in force; footprint area and centroid in RD New."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    bag_import = models.ForeignKey(BagImport, on_delete=models.CASCADE, related_name="building_rows")
    identification = models.CharField(_("BAG identification"), max_length=16)
    status = models.CharField(_("status"), max_length=60)
    construction_year = models.PositiveSmallIntegerField(_("construction year"), null=True, blank=True)
    footprint_area_m2 = models.FloatField(_("footprint area (m²)"), default=0)
    rd_x = models.DecimalField(_("RD x"), max_digits=9, decimal_places=2)
    rd_y = models.DecimalField(_("RD y"), max_digits=9, decimal_places=2)
    footprint = models.JSONField(null=True, blank=True)  # GeoJSON geometry in WGS84 (vacant statuses only)

    class Meta:
        ordering = ["identification"]
        verbose_name = _("BAG building")
        verbose_name_plural = _("BAG buildings")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "identification"], name="unique_bag_building"),
        ]
        indexes = [models.Index(fields=["municipality", "status"], name="bag_building_status")]

    def __str__(self) -> str:
        return self.identification


class BagUnit(models.Model):
    """A unit (verblijfsobject) of the BAG: its functions (gebruiksdoelen, comma-separated), floor area
    (oppervlakte, m²) and point in RD New."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    bag_import = models.ForeignKey(BagImport, on_delete=models.CASCADE, related_name="unit_rows")
    identification = models.CharField(_("BAG identification"), max_length=16)
    building_identification = models.CharField(_("building"), max_length=16, blank=True)
    functions = models.CharField(_("functions"), max_length=300, blank=True)
    floor_area_m2 = models.PositiveIntegerField(_("floor area (m²)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=60)
    rd_x = models.DecimalField(_("RD x"), max_digits=9, decimal_places=2)
    rd_y = models.DecimalField(_("RD y"), max_digits=9, decimal_places=2)

    class Meta:
        ordering = ["identification"]
        verbose_name = _("BAG unit")
        verbose_name_plural = _("BAG units")
        constraints = [models.UniqueConstraint(fields=["municipality", "identification"], name="unique_bag_unit")]
        indexes = [models.Index(fields=["municipality", "floor_area_m2"], name="bag_unit_area")]

    def __str__(self) -> str:
        return self.identification

    @property
    def function_list(self) -> list[str]:
        return [function for function in self.functions.split(",") if function]
