"""The choropleth of an area: each municipality coloured by one of three figures, taken from the same rows
as the key figures and the provincial overview (``reports.province.programme_rows``), so the map, its table
and the overview can never disagree.

- Ukrainian displaced persons: places against the target (Besluit opvang ontheemden Oekraïne);
- status holders: where the municipality stands in the half-year (Huisvestingswet 2014 art. 28–29), the
  same behind / on track / ahead as the supervision;
- asylum seekers: counted places against the Spreidingswet task (Wet gemeentelijke taak mogelijk maken
  asielopvangvoorzieningen).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.template.defaultfilters import date as format_date
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opvangregie.core.ledger import PaceStatus
from opvangregie.reports.key_figures import KeyFigures
from opvangregie.reports.province import ProvinceRow

NO_DATA_COLOUR = "#bdbdbd"
# ColorBrewer GnBu (4 classes, colour-blind safe): darker is nearer the target.
RATIO_COLOURS = ("#f0f9e8", "#bae4bc", "#7bccc4", "#2b8cbe")
RATIO_BOUNDS = (50, 75, 100)  # per cent: below 50, 50 to 75, 75 to 100, 100 and more
# ColorBrewer PuOr (colour-blind safe): orange behind, purple on track and ahead.
LONG_TABLE = 60
PACE_COLOURS = {PaceStatus.BEHIND: "#e66101", PaceStatus.ON_TRACK: "#b2abd2", PaceStatus.AHEAD: "#5e3c99"}


@dataclass(frozen=True, slots=True)
class LegendClass:
    key: str
    label: str
    colour: str


@dataclass(frozen=True, slots=True)
class Shade:
    """One municipality on one measure: its class and the figure written out."""

    key: str
    text: str


@dataclass(frozen=True, slots=True)
class Measure:
    key: str
    title: str
    reference: str  # the date (and distribution or half-year) the figure belongs to
    legend: tuple[LegendClass, ...]
    shades: dict[str, Shade]  # per CBS municipality code

    @property
    def legend_counts(self) -> list[tuple[LegendClass, str]]:
        """Each class with how many municipalities fall in it ("3 gemeenten")."""
        counts = Counter(shade.key for shade in self.shades.values())
        return [
            (
                item,
                ngettext("%(count)s municipality", "%(count)s municipalities", counts[item.key])
                % {"count": counts[item.key]},
            )
            for item in self.legend
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "reference": self.reference,
            "colours": {item.key: item.colour for item in self.legend},
            "shades": {code: {"key": shade.key, "text": shade.text} for code, shade in self.shades.items()},
        }


def _ratio_legend(none_label: str) -> tuple[LegendClass, ...]:
    low, middle, high = RATIO_BOUNDS
    return (
        LegendClass("r0", _("less than %(bound)s%%") % {"bound": low}, RATIO_COLOURS[0]),
        LegendClass("r1", _("%(low)s to %(high)s%%") % {"low": low, "high": middle}, RATIO_COLOURS[1]),
        LegendClass("r2", _("%(low)s to %(high)s%%") % {"low": middle, "high": high}, RATIO_COLOURS[2]),
        LegendClass("r3", _("%(bound)s%% or more") % {"bound": high}, RATIO_COLOURS[3]),
        LegendClass("none", none_label, NO_DATA_COLOUR),
    )


def percentage(have: int, need: int) -> int:
    """Whole per cent, rounded down: 99.6% is not yet 100%."""
    return have * 100 // need


def ratio_class(have: int | None, need: int | None) -> str:
    """The class of ``have`` against ``need``: r0 (< 50%) to r3 (≥ 100%); ``none`` without a need."""
    if have is None or not need:
        return "none"
    share = percentage(have, need)
    return f"r{sum(1 for bound in RATIO_BOUNDS if share >= bound)}"


def _ratio_shade(have: int | None, need: int | None, *, unit: str, none_text: str) -> Shade:
    key = ratio_class(have, need)
    if key == "none" or have is None or need is None:
        return Shade("none", none_text)
    text = _("%(have)s of %(need)s %(unit)s (%(share)s%%)") % {
        "have": number_format(have, force_grouping=True),
        "need": number_format(need, force_grouping=True),
        "unit": unit,
        "share": percentage(have, need),
    }
    return Shade(key, text)


def _pace_label(status: PaceStatus) -> str:
    return {PaceStatus.BEHIND: _("behind"), PaceStatus.ON_TRACK: _("on track"), PaceStatus.AHEAD: _("ahead")}[status]


def _pace_shade(row: ProvinceRow) -> Shade:
    balance = row.quota_balance
    if row.quota_status is PaceStatus.NO_DATA or balance is None:
        return Shade("none", _("no data"))
    signed = f"+{number_format(balance, force_grouping=True)}" if balance > 0 else number_format(balance)
    return Shade(
        row.quota_status.value,
        _("%(status)s, balance %(balance)s") % {"status": _pace_label(row.quota_status), "balance": signed},
    )


def choropleth(figures: KeyFigures) -> list[Measure]:
    """The three measures of an area's municipalities, each with its legend and reference date."""
    rows: Sequence[ProvinceRow] = figures.rows
    day = format_date(figures.on, "j F Y")
    places = _("places")
    measures = [
        Measure(
            key="ukrainian",
            title=_("Ukrainian displaced persons: places against the target"),
            reference=_("status on %(day)s") % {"day": day},
            legend=_ratio_legend(_("no target")),
            shades={
                row.municipality.code: _ratio_shade(
                    row.ukrainian_places, row.ukrainian_target, unit=places, none_text=_("no target")
                )
                for row in rows
            },
        ),
        Measure(
            key="quota",
            title=_("Status holders: balance of the half-year"),
            reference=_("half-year %(period)s, housed up to %(day)s") % {"period": figures.period, "day": day},
            legend=(
                *(LegendClass(status.value, _pace_label(status), colour) for status, colour in PACE_COLOURS.items()),
                LegendClass("none", _("no data"), NO_DATA_COLOUR),
            ),
            shades={row.municipality.code: _pace_shade(row) for row in rows},
        ),
    ]
    if figures.run is not None:
        reference = _("distribution '%(label)s', places counted on %(day)s") % {"label": figures.run.label, "day": day}
    else:
        reference = _("no distribution adopted yet")
    measures.append(
        Measure(
            key="asylum",
            title=_("Asylum seekers: counted places against the task"),
            reference=reference,
            legend=_ratio_legend(_("no task")),
            shades={
                row.municipality.code: _ratio_shade(
                    row.asylum_counted if row.asylum_counted is not None else 0,
                    row.asylum_task,
                    unit=places,
                    none_text=_("no task"),
                )
                for row in rows
            },
        )
    )
    return measures


@dataclass(frozen=True, slots=True)
class MapRow:
    """A municipality in the table beside the map: the figure of each measure written out."""

    code: str
    name: str
    cells: tuple[Shade, ...]


@dataclass(frozen=True, slots=True)
class AreaMap:
    measures: list[Measure]
    rows: list[MapRow]

    def as_json(self) -> dict[str, Any]:
        return {measure.key: measure.as_json() for measure in self.measures}

    @property
    def is_long(self) -> bool:
        """More rows than one reads through (the country): the table starts folded, its names unlinked."""
        return len(self.rows) > LONG_TABLE


def area_map(figures: KeyFigures) -> AreaMap:
    """The choropleth of an area and the table that says the same in words."""
    measures = choropleth(figures)
    rows = [
        MapRow(
            code=row.municipality.code,
            name=row.municipality.name,
            cells=tuple(measure.shades[row.municipality.code] for measure in measures),
        )
        for row in sorted(figures.rows, key=lambda row: row.municipality.name)
    ]
    return AreaMap(measures=measures, rows=rows)
