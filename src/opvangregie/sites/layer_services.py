"""Writes of the constraint layers: uploads (a new layer, or a new version of one), the shipped Natura 2000
layer, and the checks of the candidate sites against the layers in force.

Rules (issue 17): provinces and the State own constraint layers; their editors upload them (municipalities and
readers do not). A new upload of a layer is a new version and the latest is in force. An upload is all or
nothing and audited. Every site is checked against every layer in force when the site is recorded or a layer
gets a new version.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from opvangregie.audit import audited_save
from opvangregie.core.constraints import ConstraintKind, Hit, Layer
from opvangregie.core.errors import PermissionDenied, ValidationError
from opvangregie.core.layer_files import SUFFIXES, read_layer_file
from opvangregie.core.site_areas import rd_from_geojson
from opvangregie.organisations.models import Organisation, OrganisationKind
from opvangregie.organisations.scope import require, scope_for
from opvangregie.sites.layers import NATURA2000, NATURA2000_ATTRIBUTION, NATURA2000_FILE, versions_in_force
from opvangregie.sites.models import CandidateSite, ConstraintLayer, LayerKind, LayerVersion, SiteCheck

LAYER_MAX_BYTES = 25 * 1024 * 1024  # 25 MiB: a province's layer simplified for planning fits many times over
NO_UPLOAD = "Alleen bewerkers van een provincie of van het Rijk leggen beperkingenlagen vast."
NATURA2000_VALID_ON = date(2025, 1, 1)


@dataclass(frozen=True, slots=True)
class LayerInput:
    """What describes a layer; with ``layer`` set the upload is a new version of that layer."""

    name: str
    kind: LayerKind
    source: str
    licence: str
    valid_on: date
    description: str = ""
    attribution: str = ""
    is_demo: bool = False
    name_field: str = ""
    layer: ConstraintLayer | None = None
    owner: Organisation | None = None  # national editors may upload on behalf of a province


def layers_editable(*, actor: Any) -> list[ConstraintLayer]:
    """The layers ``actor`` may upload a new version of: national editors all but the shipped ones, a
    province's editors their province's."""
    scope = scope_for(actor)
    queryset = ConstraintLayer.objects.filter(is_shipped=False).select_related("owner")
    if scope.is_superuser or scope.national_editor:
        return list(queryset)
    return list(queryset.filter(owner__province_id__in=scope.editable_province_ids))


def _owner(actor: Any) -> Organisation | None:
    """The organisation a new layer belongs to: the uploader's province, else the national organisation."""
    scope = scope_for(actor)
    kind, filters = (
        (OrganisationKind.PROVINCE, {"province_id__in": scope.editable_province_ids})
        if scope.editable_province_ids
        else (OrganisationKind.NATIONAL, {})
    )
    return Organisation.objects.filter(kind=kind, **filters).order_by("pk").first()


def _may_update(actor: Any, layer: ConstraintLayer) -> bool:
    return any(editable.pk == layer.pk for editable in layers_editable(actor=actor))


def layer_upload(*, actor: Any, data: LayerInput, file_name: str, content: bytes) -> LayerVersion:
    """Read the file (GeoJSON, GeoPackage or zipped Shapefile), check it and store it as a new layer or a new
    version of ``data.layer``; then check every site against it. Nothing is stored when anything is refused."""
    require(scope_for(actor).uploads_layers, NO_UPLOAD)
    if data.layer is not None and not _may_update(actor, data.layer):
        raise PermissionDenied("Deze laag is van een andere organisatie.")
    if len(content) > LAYER_MAX_BYTES:
        raise ValidationError(f"Het bestand is groter dan {LAYER_MAX_BYTES // (1024 * 1024)} MB.")
    suffix = Path(file_name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError("Lever een GeoJSON-bestand, een GeoPackage (.gpkg) of een gezipte Shapefile (.zip).")
    if data.layer is None and not data.name.strip():
        raise ValidationError("Geef de laag een naam.")
    with tempfile.TemporaryDirectory(prefix="opvangregie-layer-") as directory:
        path = Path(directory) / f"upload{suffix}"
        path.write_bytes(content)
        read = read_layer_file(path, name_field=data.name_field.strip())
    return _store(
        actor=actor,
        data=data,
        file_name=Path(file_name).name[:255],
        source_crs=read.source_crs,
        features=json.dumps(read.geojson(), separators=(",", ":")),
        count=len(read.areas),
        repaired=read.repaired,
    )


@transaction.atomic
def _store(
    *, actor: Any, data: LayerInput, file_name: str, source_crs: str, features: str, count: int, repaired: int
) -> LayerVersion:
    user = actor if getattr(actor, "is_authenticated", False) else None
    if data.layer is None:
        if ConstraintLayer.objects.filter(name=data.name.strip()).exists():
            raise ValidationError(
                f"Er is al een laag '{data.name.strip()}': kies die laag om er een nieuwe versie van te maken."
            )
        scope = scope_for(actor)
        on_behalf = data.owner if data.owner is not None and (scope.is_superuser or scope.national_editor) else None
        layer = ConstraintLayer(name=data.name.strip(), owner=on_behalf or _owner(actor), uploaded_by=user)
    else:
        layer = ConstraintLayer.objects.select_for_update().get(pk=data.layer.pk)
    layer.kind = data.kind.value
    layer.source, layer.licence, layer.valid_on = data.source.strip(), data.licence.strip(), data.valid_on
    layer.description, layer.attribution, layer.is_demo = data.description, data.attribution.strip(), data.is_demo
    for field, label in (("source", "de bron"), ("licence", "de licentie")):
        if not getattr(layer, field):
            raise ValidationError(f"Geef {label} van de laag.")
    audited_save(layer, actor=actor, reason="constraint layer uploaded")
    last = layer.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = LayerVersion(
        layer=layer,
        number=last + 1,
        uploaded_at=timezone.now(),
        uploaded_by=user,
        feature_count=count,
        repaired_count=repaired,
        features=features,
        file_name=file_name,
        source_crs=source_crs,
    )
    audited_save(version, actor=actor, reason=f"version {version.number} of {layer.name}")
    _check_all_sites(version)
    return version


def shipped_layers_ensure() -> LayerVersion | None:
    """Natura 2000 is a layer like any other: stored from the shipped file once (after migrate and flush);
    returns the new version, or None when it is there already."""
    if ConstraintLayer.objects.filter(is_shipped=True, name=NATURA2000).exists():
        return None
    with transaction.atomic():
        layer = ConstraintLayer(
            name=NATURA2000,
            kind=LayerKind.EXCLUSION,
            source="RVO via PDOK (Natura 2000-gebieden), vereenvoudigd tot circa 25 m",
            licence="CC BY 4.0",
            valid_on=NATURA2000_VALID_ON,
            description="De 160 Natura 2000-gebieden. Bouwen vraagt een vergunning (Omgevingswet, Natura "
            "2000-activiteit): een harde beperking.",
            attribution=NATURA2000_ATTRIBUTION,
            is_shipped=True,
        )
        audited_save(layer, actor=None, reason="shipped layer")
        text = NATURA2000_FILE.read_text(encoding="utf-8")
        version = LayerVersion(
            layer=layer,
            number=1,
            uploaded_at=timezone.now(),
            feature_count=len(json.loads(text)["features"]),
            features=text,
            file_name=NATURA2000_FILE.name,
            source_crs="EPSG:4326",
        )
        audited_save(version, actor=None, reason="shipped layer")
        _check_all_sites(version)
    return version


# --- checking sites -----------------------------------------------------------------------------------------

KIND_CONSEQUENCE = {
    ConstraintKind.EXCLUSION: "harde beperking",
    ConstraintKind.CONSULTATION: "overleg nodig",
    ConstraintKind.INFORMATION: "ter informatie",
}


def site_geometry(site: CandidateSite) -> BaseGeometry:
    """The site's area in RD New when it has one, else its point."""
    if site.area:
        return rd_from_geojson(site.area)
    return Point(float(site.rd_x), float(site.rd_y))


def check_sentence(hit: Hit, owner: str) -> str:
    """E.g. "ligt voor 34% in Natura 2000-gebied Kennemerland-Zuid; harde beperking", or for a layer of a
    province to consult "...; overleg met Provincie Noord-Holland nodig"."""
    base = hit.sentence().rsplit(" (", 1)[0]
    if hit.inside:
        if hit.feature.kind is ConstraintKind.CONSULTATION and owner:
            return f"{base}; overleg met {owner} nodig"
        return f"{base}; {KIND_CONSEQUENCE[hit.feature.kind]}"
    return f"{base} ({hit.feature.kind.label_nl})"


def _best_hit(geometry: BaseGeometry, layer: Layer) -> Hit | None:
    """The area the site lies most in, or else the nearest one."""
    touching = layer.hits(geometry)
    if touching:
        return max(touching, key=lambda hit: (hit.share_inside, hit.feature.name))
    return layer.nearest(geometry)


def _check_row(site: CandidateSite, geometry: BaseGeometry, version_id: int, layer: Layer, owner: str) -> SiteCheck:
    hit = _best_hit(geometry, layer)
    now = timezone.now()
    if hit is None:
        return SiteCheck(
            site=site,
            layer_version_id=version_id,
            inside_share=0.0,
            distance_m=None,
            sentence=f"{layer.name}: de laag heeft geen gebieden",
            checked_at=now,
        )
    return SiteCheck(
        site=site,
        layer_version_id=version_id,
        inside_share=round(hit.share_inside, 4),
        distance_m=round(hit.distance_m, 1),
        feature_name=hit.feature.name[:200],
        sentence=check_sentence(hit, owner)[:500],
        checked_at=now,
    )


@transaction.atomic
def site_checks_run(*, site: CandidateSite) -> list[SiteCheck]:
    """Check the site against every layer in force, replacing its earlier checks of those versions."""
    geometry = site_geometry(site)
    rows = [_check_row(site, geometry, entry.version_id, entry.layer, entry.owner) for entry in versions_in_force()]
    SiteCheck.objects.filter(site=site).delete()
    return SiteCheck.objects.bulk_create(rows)


def _check_all_sites(version: LayerVersion) -> None:
    """Every site against a new layer version (synchronously: a province has hundreds of sites, not millions)."""
    entry = next((e for e in versions_in_force() if e.version_id == version.pk), None)
    if entry is None:
        return
    rows = [
        _check_row(site, site_geometry(site), version.pk, entry.layer, entry.owner)
        for site in CandidateSite.objects.all().only("pk", "rd_x", "rd_y", "area")
    ]
    SiteCheck.objects.filter(layer_version__layer_id=version.layer_id).delete()
    SiteCheck.objects.bulk_create(rows, batch_size=500)
