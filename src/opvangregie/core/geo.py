"""Coordinates in the Dutch national grid, RD New (Amersfoort / RD New, EPSG:28992)."""

from __future__ import annotations

from dataclasses import dataclass

from opvangregie.core.errors import ValidationError

# Validity bounds of EPSG:28992 for the European Netherlands (EPSG registry, area of use).
RD_X_RANGE = (-7_000, 300_000)
RD_Y_RANGE = (289_000, 629_000)


@dataclass(frozen=True, slots=True)
class RDPoint:
    """A point in RD New metres; refuses coordinates outside the grid's area of use."""

    x: float
    y: float

    def __post_init__(self) -> None:
        if not (RD_X_RANGE[0] <= self.x <= RD_X_RANGE[1] and RD_Y_RANGE[0] <= self.y <= RD_Y_RANGE[1]):
            raise ValidationError(
                f"Coördinaten ({self.x:.0f}, {self.y:.0f}) liggen buiten het RD-stelsel van Nederland "
                f"(x {RD_X_RANGE[0]}..{RD_X_RANGE[1]}, y {RD_Y_RANGE[0]}..{RD_Y_RANGE[1]})."
            )
