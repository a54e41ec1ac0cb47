"""Charts rendered on the server as SVG (matplotlib), for pages and documents alike."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

from opvangregie.locations.selectors import SeriesPoint


def occupancy_chart_svg(points: Sequence[SeriesPoint], *, places_label: str, persons_label: str) -> str:
    """A step chart of places and persons over time; empty string when there is nothing to draw."""
    if not points:
        return ""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    dates: Any = [p.on for p in points]  # matplotlib converts dates itself
    figure, axes = plt.subplots(figsize=(7, 2.8), dpi=96)
    try:
        axes.step(dates, [p.places for p in points], where="post", label=places_label, color="#01689b", linewidth=2)
        persons = [math.nan if p.persons is None else p.persons for p in points]  # a gap before the first count
        axes.step(dates, persons, where="post", label=persons_label, color="#e17000", linewidth=2)
        axes.set_ylim(bottom=0)
        axes.grid(axis="y", alpha=0.3)
        axes.legend(loc="lower left", frameon=False)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.autofmt_xdate()
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg")
    finally:
        plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]
