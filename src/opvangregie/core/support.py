"""Support programmes for displaced persons and status holders: the bounds of their quarterly figures and the
one rule for the share of residents of municipal locations (issue 18, item 3).

A programme that targets the residents of the municipality's own locations for displaced persons from Ukraine
(gemeentelijke opvang, Besluit opvang ontheemden Oekraïne art. 2) reports its figures against those residents:
"12 van de 85 bewoners van gemeentelijke locaties". The denominator is the number of persons in those locations
at the end of the quarter the figures are about, as counted in the register; without residents there is no share.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_FIGURE = 100_000
"""The largest figure of one programme in one quarter: more than every displaced person and status holder a
municipality received (Amsterdam, the largest, had some 10,000 displaced persons from Ukraine in 2025), so a
larger number is a typing error."""


@dataclass(frozen=True, slots=True)
class Share:
    """``count`` of the ``residents`` of municipal locations (``count`` may exceed it: the figure is over a
    quarter, the residents are counted on its last day)."""

    count: int
    residents: int


def residents_share(count: int | None, residents: int | None) -> Share | None:
    """The share of a figure among the residents of municipal locations, or None without a figure or residents."""
    if any(value is not None and value < 0 for value in (count, residents)):
        raise ValueError("figures and residents are never negative")
    if count is None or not residents:
        return None
    return Share(count, residents)
