"""Charts rendered on the server with matplotlib: SVG for pages, HTML previews and PDFs, PNG for Word."""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal, Protocol

ChartFormat = Literal["svg", "png"]

# A chart is a pure function of its values, labels and format, and drawing one takes matplotlib 50 to 150 ms:
# the last drawings are kept per process, so a page shown again with unchanged figures does not draw again.
CHARTS_REMEMBERED = 128


class SeriesPoint(Protocol):
    """Places and persons on one date; ``persons`` is None while no count exists yet."""

    @property
    def on(self) -> date: ...
    @property
    def places(self) -> int: ...
    @property
    def persons(self) -> int | None: ...


PLACES_COLOUR = "#01689b"  # Rijkshuisstijl hemelblauw
PERSONS_COLOUR = "#e17000"  # Rijkshuisstijl oranje


@dataclass(frozen=True, slots=True)
class QuotaBar:
    """One half-year of the status-holder chart: what had to be housed (quota plus backlog) and what was."""

    label: str
    demand: int
    realised: int


@contextmanager
def _figure(width: float, height: float) -> Iterator[tuple[Any, Any]]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    figure, axes = plt.subplots(figsize=(width, height), dpi=96)
    try:
        yield figure, axes
    finally:
        plt.close(figure)


def _finish(figure: Any, axes: Any, fmt: ChartFormat) -> bytes:
    axes.set_ylim(bottom=0)
    axes.grid(axis="y", alpha=0.3)
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1), ncol=2, frameon=False)  # above the plot, never on it
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=150 if fmt == "png" else 96, metadata={"Date": None})
    return buffer.getvalue()


def occupancy_chart(
    points: Sequence[SeriesPoint], *, places_label: str, persons_label: str, fmt: ChartFormat = "svg"
) -> bytes:
    """A step chart of places and persons over time; empty when there is nothing to draw."""
    if not points:
        return b""
    values = tuple((p.on, p.places, p.persons) for p in points)
    return _occupancy_chart(values, str(places_label), str(persons_label), fmt)


@lru_cache(maxsize=CHARTS_REMEMBERED)
def _occupancy_chart(
    points: tuple[tuple[date, int, int | None], ...], places_label: str, persons_label: str, fmt: ChartFormat
) -> bytes:
    dates: Any = [on for on, _, _ in points]  # matplotlib converts dates itself
    with _figure(7, 2.8) as (figure, axes):
        axes.step(
            dates, [places for _, places, _ in points], where="post", label=places_label, color=PLACES_COLOUR, lw=2
        )
        persons = [math.nan if count is None else count for _, _, count in points]  # a gap before the first count
        axes.step(dates, persons, where="post", label=persons_label, color=PERSONS_COLOUR, lw=2)
        figure.autofmt_xdate()
        return _finish(figure, axes, fmt)


def quota_chart(bars: Sequence[QuotaBar], *, demand_label: str, realised_label: str, fmt: ChartFormat = "svg") -> bytes:
    """Grouped bars per half-year: the quota including backlog against the status holders housed."""
    if not bars:
        return b""
    return _quota_chart(tuple(bars), str(demand_label), str(realised_label), fmt)


@lru_cache(maxsize=CHARTS_REMEMBERED)
def _quota_chart(bars: tuple[QuotaBar, ...], demand_label: str, realised_label: str, fmt: ChartFormat) -> bytes:
    with _figure(7, 2.8) as (figure, axes):
        positions = list(range(len(bars)))
        width = 0.38
        for offset, values, label, colour in (
            (-width / 2, [b.demand for b in bars], demand_label, PLACES_COLOUR),
            (width / 2, [b.realised for b in bars], realised_label, PERSONS_COLOUR),
        ):
            container = axes.bar([x + offset for x in positions], values, width, label=label, color=colour)
            axes.bar_label(container, padding=2, fontsize=8)
        axes.set_xticks(positions, [b.label for b in bars])
        axes.margins(y=0.15)
        return _finish(figure, axes, fmt)


def inline_svg(svg: bytes) -> str:
    """The ``<svg>`` element of a rendered chart, to place inside an HTML page."""
    text = svg.decode("utf-8")
    return text[text.index("<svg") :] if text else ""


def occupancy_chart_svg(points: Sequence[SeriesPoint], *, places_label: str, persons_label: str) -> str:
    """The occupancy chart as inline SVG for a page; empty string when there is nothing to draw."""
    return inline_svg(occupancy_chart(points, places_label=places_label, persons_label=persons_label))


@dataclass(frozen=True, slots=True)
class ProjectionBar:
    """Places expected at one period end; ``target`` and ``scenario`` are None when unknown or not asked."""

    label: str
    places: int
    target: int | None = None
    scenario: int | None = None


def projection_chart(
    bars: Sequence[ProjectionBar],
    *,
    places_label: str,
    target_label: str,
    scenario_label: str,
    fmt: ChartFormat = "svg",
) -> bytes:
    """Bars of the places expected per period, the target as a line, a scenario as hatched bars beside them."""
    if not bars:
        return b""
    return _projection_chart(tuple(bars), str(places_label), str(target_label), str(scenario_label), fmt)


@lru_cache(maxsize=CHARTS_REMEMBERED)
def _projection_chart(
    bars: tuple[ProjectionBar, ...], places_label: str, target_label: str, scenario_label: str, fmt: ChartFormat
) -> bytes:
    with _figure(7, 2.8) as (figure, axes):
        positions = list(range(len(bars)))
        with_scenario = any(b.scenario is not None for b in bars)
        width = 0.38 if with_scenario else 0.6
        offset = -width / 2 if with_scenario else 0.0
        container = axes.bar(
            [x + offset for x in positions], [b.places for b in bars], width, label=places_label, color=PLACES_COLOUR
        )
        axes.bar_label(container, padding=2, fontsize=8)
        if with_scenario:
            scenario = axes.bar(
                [x + width / 2 for x in positions],
                [b.scenario or 0 for b in bars],
                width,
                label=scenario_label,
                color="white",
                edgecolor=PLACES_COLOUR,
                hatch="//",
            )
            axes.bar_label(scenario, padding=2, fontsize=8)
        targets = [math.nan if b.target is None else b.target for b in bars]
        if any(not math.isnan(t) for t in targets):
            axes.step(positions, targets, where="mid", label=target_label, color=PERSONS_COLOUR, lw=2)
        axes.set_xticks(positions, [b.label for b in bars])
        axes.margins(y=0.15)
        return _finish(figure, axes, fmt)
