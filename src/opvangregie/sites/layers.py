"""The constraint layers shipped with the app (see data/SOURCES.md); users add their own later."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from opvangregie.core.constraints import ConstraintKind, Layer

DATA = Path(__file__).resolve().parents[1] / "data"
NATURA2000 = "Natura 2000-gebied"
NATURA2000_ATTRIBUTION = (
    "Natura 2000-gebieden: RVO via PDOK; bewerking BoerderijenNatura2000NL (CC BY 4.0); richtlijn en sitecode: RCE "
    "(CC BY 4.0)"
)


@cache
def natura2000() -> Layer:
    """The 160 Natura 2000 areas (simplified to about 25 m): building there needs a permit under the
    Omgevingswet (Natura 2000-activiteit), so the layer is a hard constraint."""
    data = json.loads((DATA / "natura2000-nl-simplified-wgs84.geojson").read_text(encoding="utf-8"))
    return Layer.from_geojson(NATURA2000, ConstraintKind.EXCLUSION, data, name_property="naam")


def shipped_layers() -> list[Layer]:
    return [natura2000()]


def active_layers() -> list[Layer]:
    """The layers every check uses (the shipped ones; uploaded layers join them later)."""
    return shipped_layers()
