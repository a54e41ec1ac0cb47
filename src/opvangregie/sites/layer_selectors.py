"""Reads of the constraint layers: the layers in force, their areas for the map, the stored checks of a site and
the shares of a municipality's land under constraints.

Rules (issue 17): layers are readable by every signed-in user (they describe the land, not a municipality's
plans); shares of land are computed in RD New (EPSG:28992) against the municipality boundaries of CBS
(Wijk- en Buurtkaart 2024), overlapping areas counting once, and kept until a layer gets a new version.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

import shapely
from django.db import IntegrityError, transaction
from django.utils import timezone
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

from opvangregie.areas.boundaries import municipality_boundaries
from opvangregie.core.constraints import ConstraintKind
from opvangregie.core.errors import NotFound
from opvangregie.core.layer_files import polygonal
from opvangregie.core.map_shapes import DETAIL_ZOOM, MapShape, ShapeSet, parse_bbox
from opvangregie.core.site_areas import covered_share
from opvangregie.sites.layers import LayerInForce, versions_in_force
from opvangregie.sites.models import CandidateSite, ConstraintLayer, LayerKind, MunicipalityConstraintShare, SiteCheck

MAX_MAP_FEATURES = 5_000


@dataclass(frozen=True, slots=True)
class LayerRow:
    """A layer in force as the list page and the API show it."""

    id: int
    name: str
    kind: ConstraintKind
    kind_label: str
    source: str
    licence: str
    valid_on: date
    version: int
    uploaded_at: Any
    is_demo: bool
    feature_count: int
    attribution: str
    owner: str
    description: str


def layers_in_force() -> list[LayerRow]:
    """Every layer with its latest version (two queries)."""
    from opvangregie.sites.models import LayerVersion

    latest: dict[int, LayerVersion] = {}
    for version in LayerVersion.objects.defer("features").order_by("layer_id", "-number"):
        latest.setdefault(version.layer_id, version)
    rows = []
    for layer in ConstraintLayer.objects.select_related("owner").order_by("name"):
        if layer.pk not in latest:
            continue
        version = latest[layer.pk]
        kind = ConstraintKind(layer.kind)
        rows.append(
            LayerRow(
                id=layer.pk,
                name=layer.name,
                kind=kind,
                kind_label=str(LayerKind(layer.kind).label),
                source=layer.source,
                licence=layer.licence,
                valid_on=layer.valid_on,
                version=version.number,
                uploaded_at=version.uploaded_at,
                is_demo=layer.is_demo,
                feature_count=version.feature_count,
                attribution=layer.attribution or f"{layer.source} ({layer.licence})",
                owner=layer.owner.name if layer.owner else "",
                description=layer.description,
            )
        )
    return rows


# --- the areas of a layer for the map -----------------------------------------------------------------------


@lru_cache(maxsize=32)
def _wgs84_areas(key: str) -> ShapeSet:
    """A version's areas in WGS84 with a spatial index and simplified once per zoom level (a version never
    changes: read once per process)."""
    from opvangregie.sites.models import LayerVersion

    data = json.loads(
        LayerVersion.objects.values_list("features", flat=True).get(pk=int(key.split("@", maxsplit=1)[0]))
    )
    areas = []
    for index, item in enumerate(data.get("features") or []):
        geometry = shape(item["geometry"])
        name = str((item.get("properties") or {}).get("naam") or f"object {index + 1}")
        valid = geometry if geometry.is_valid else polygonal(shapely.make_valid(geometry))
        areas.append(MapShape(str(index), name, valid))
    return ShapeSet(areas)


def layer_features(*, layer_id: int, bbox: str | None = None, zoom: int | None = None) -> dict[str, Any]:
    """The areas of a layer in force as a GeoJSON FeatureCollection (WGS84), with the properties ``name`` and
    ``kind``; only those in ``bbox``, simplified for ``zoom`` (coarser when zoomed out; in full without one)."""
    box = parse_bbox(bbox) if bbox else None
    entry = next((e for e in versions_in_force() if e.layer_id == layer_id), None)
    if entry is None:
        raise NotFound("Laag niet gevonden.")
    features = _wgs84_areas(entry.key).features(zoom=DETAIL_ZOOM if zoom is None else zoom, bbox=box)
    for feature in features[:MAX_MAP_FEATURES]:
        feature["properties"] = {"name": feature["properties"]["name"], "kind": entry.kind.value}
    return {"type": "FeatureCollection", "features": features[:MAX_MAP_FEATURES]}


# --- the checks of a site -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredCheck:
    """A site's stored check against a layer in force, with the layer's version and the date of the check."""

    layer: str
    kind: ConstraintKind
    version: int
    sentence: str
    inside_share: float
    distance_m: float | None
    checked_at: Any
    attribution: str


def site_checks(*, site: CandidateSite) -> list[StoredCheck]:
    """The stored checks of ``site`` against the layer versions in force: those it lies in first, then by
    distance."""
    in_force = {entry.version_id: entry for entry in versions_in_force()}
    checks = SiteCheck.objects.filter(site=site, layer_version_id__in=in_force).select_related("layer_version__layer")
    found = [
        StoredCheck(
            layer=check.layer_version.layer.name,
            kind=ConstraintKind(check.layer_version.layer.kind),
            version=check.layer_version.number,
            sentence=check.sentence,
            inside_share=check.inside_share,
            distance_m=check.distance_m,
            checked_at=check.checked_at,
            attribution=check.layer_version.layer.attribution,
        )
        for check in checks
    ]
    return sorted(found, key=lambda c: (c.distance_m if c.distance_m is not None else math.inf, c.layer))


# --- shares of a municipality's land ------------------------------------------------------------------------


@cache
def municipality_land() -> dict[str, BaseGeometry]:
    """The municipalities' land (CBS 2024, areas.boundaries, invalid outlines repaired) in RD New."""
    from opvangregie.core.constraints import _TO_RD, _reprojected

    return {
        item.key: polygonal(shapely.make_valid(_reprojected(item.geometry, _TO_RD)))
        for item in municipality_boundaries().shapes
    }


@lru_cache(maxsize=8)
def _kind_parts(kind: ConstraintKind, versions: str) -> tuple[tuple[BaseGeometry, ...], STRtree]:
    """The areas of the layers of ``kind`` in force (named by ``versions``), with a spatial index."""
    keys = set(versions.split(","))
    parts = tuple(
        feature.geometry for entry in versions_in_force() if entry.key in keys for feature in entry.layer.features
    )
    return parts, STRtree(parts)


def _versions(entries: Iterable[LayerInForce], kind: ConstraintKind) -> str:
    return ",".join(e.key for e in sorted(entries, key=lambda e: e.version_id) if e.kind is kind)


def _fingerprint(versions: str) -> str:
    return hashlib.sha256(versions.encode()).hexdigest()


def municipality_constraint_shares(codes: Iterable[str]) -> dict[str, tuple[float, float]]:
    """Per municipality code (e.g. GM0397): the share (0..1) of its land under hard constraints and under
    consultation, for the layers in force. Codes without a boundary (CBS 2024) are left out. Kept in the
    database per set of layer versions, so a page computes a municipality once per new version."""
    wanted = sorted({code for code in codes if code in municipality_land()})
    entries = versions_in_force()
    kinds = (ConstraintKind.EXCLUSION, ConstraintKind.CONSULTATION)
    versions = {kind: _versions(entries, kind) for kind in kinds}
    fingerprints = {kind: _fingerprint(versions[kind]) for kind in kinds}
    stored = {
        (row.code, row.kind): row.share
        for row in MunicipalityConstraintShare.objects.filter(code__in=wanted, kind__in=[k.value for k in kinds])
        if row.versions == fingerprints[ConstraintKind(row.kind)]
    }
    missing = [(code, kind) for code in wanted for kind in kinds if (code, kind.value) not in stored]
    for code, kind in missing:
        parts, tree = _kind_parts(kind, versions[kind])
        share = covered_share(municipality_land()[code], parts, tree) if parts else 0.0
        stored[(code, kind.value)] = share
        _keep(code, kind, fingerprints[kind], share)
    return {code: (stored[(code, "exclusion")], stored[(code, "consultation")]) for code in wanted}


def _keep(code: str, kind: ConstraintKind, versions: str, share: float) -> None:
    """Store a computed share (a cache: a concurrent request storing the same is no error)."""
    try:
        with transaction.atomic():
            MunicipalityConstraintShare.objects.update_or_create(
                code=code,
                kind=kind.value,
                defaults={"versions": versions, "share": share, "computed_at": timezone.now()},
            )
    except IntegrityError:
        pass
