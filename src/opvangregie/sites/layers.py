"""The constraint layers in force: the shipped Natura 2000 layer (see data/SOURCES.md) and the layers provinces
and the State upload, each in its latest version.

Contract for other modules: :func:`active_layers` gives the layers in force as ``core.constraints.Layer`` objects
(RD New, with a spatial index); a version's areas never change, so each is read once per process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from django.db.models import Max, OuterRef, Subquery

from opvangregie.core.constraints import ConstraintKind, Layer

DATA = Path(__file__).resolve().parents[1] / "data"
NATURA2000_FILE = DATA / "natura2000-nl-simplified-wgs84.geojson"
NATURA2000 = "Natura 2000-gebied"
NATURA2000_ATTRIBUTION = (
    "Natura 2000-gebieden: RVO via PDOK; bewerking BoerderijenNatura2000NL (CC BY 4.0); richtlijn en sitecode: RCE "
    "(CC BY 4.0)"
)


@dataclass(frozen=True, slots=True)
class LayerInForce:
    """A layer version in force with its layer's metadata, and its areas as a core ``Layer``."""

    version_id: int
    key: str  # the version's id and upload time: ids of rolled-back uploads may come again, this does not
    layer_id: int
    number: int
    name: str
    kind: ConstraintKind
    owner: str
    layer: Layer


@cache
def natura2000() -> Layer:
    """The 160 Natura 2000 areas (simplified to about 25 m) from the shipped file: building there needs a permit
    under the Omgevingswet (Natura 2000-activiteit), so the layer is a hard constraint."""
    data = json.loads(NATURA2000_FILE.read_text(encoding="utf-8"))
    return Layer.from_geojson(NATURA2000, ConstraintKind.EXCLUSION, data, name_property="naam")


def version_key(version_id: int, uploaded_at: Any) -> str:
    return f"{version_id}@{uploaded_at.isoformat()}"


@lru_cache(maxsize=64)
def _version_layer(key: str, name: str, kind: str) -> Layer:
    """The areas of one layer version (immutable, so cached by its id and upload time)."""
    from opvangregie.sites.models import LayerVersion

    text = LayerVersion.objects.values_list("features", flat=True).get(pk=int(key.split("@", maxsplit=1)[0]))
    return Layer.from_geojson(name, ConstraintKind(kind), json.loads(text), name_property="naam")


def versions_in_force() -> list[LayerInForce]:
    """Every layer's latest version (one query, and one per version not read before in this process)."""
    from opvangregie.sites.models import LayerVersion

    latest = LayerVersion.objects.filter(layer=OuterRef("layer")).order_by().values("layer").annotate(n=Max("number"))
    rows = (
        LayerVersion.objects.filter(number=Subquery(latest.values("n")))
        .select_related("layer", "layer__owner")
        .defer("features")
        .order_by("layer__name")
    )
    return [
        LayerInForce(
            version_id=row.pk,
            key=version_key(row.pk, row.uploaded_at),
            layer_id=row.layer_id,
            number=row.number,
            name=row.layer.name,
            kind=ConstraintKind(row.layer.kind),
            owner=row.layer.owner.name if row.layer.owner else "",
            layer=_version_layer(version_key(row.pk, row.uploaded_at), row.layer.name, row.layer.kind),
        )
        for row in rows
    ]


def active_layers() -> list[Layer]:
    """The constraint layers in force (Natura 2000 included), each in its latest version, in RD New."""
    return [entry.layer for entry in versions_in_force()]


def shipped_layers() -> list[Layer]:
    """Kept for older callers: the layers in force."""
    return active_layers()
