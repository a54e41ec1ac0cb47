"""Excel exports of the web tables, with units, reference date and source on the sheet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from opvangregie.areas.models import Municipality
from opvangregie.locations.models import Location, OccupancySnapshot, TargetGroupChoices
from opvangregie.locations.selectors import AreaOverview, Overview
from opvangregie.ui.tables import Column, write_xlsx

SOURCE = "Opvangregie: locatieregister en tellingen van de gemeente"


def _group_label(value: str) -> str:
    return str(dict(TargetGroupChoices.choices)[value])


def municipality_xlsx(municipality: Municipality, overview: Overview) -> bytes:
    rows: list[list[object]] = [
        [
            row.location.name
            + (" (" + _("out of use") + f": {row.out_of_use_reason})" if row.out_of_use_reason else ""),
            row.figures.places,
            row.figures.persons,
            row.figures.households,
            row.figures.free_places,
            _("example") if row.location.is_example else "",
        ]
        for row in overview.rows
    ]
    rows.append(
        [
            _("Total") + f" {municipality.name}",
            overview.totals.places,
            overview.totals.persons,
            overview.totals.households,
            overview.totals.free_places,
            "",
        ]
    )
    if overview.target is not None:
        rows.append([_("Target"), overview.target, None, None, None, ""])
    return write_xlsx(
        title=f"{municipality.name} – {_group_label(overview.target_group.value)}",
        columns=[
            Column(_("Location")),
            Column(_("Places"), _("places")),
            Column(_("Persons"), _("persons")),
            Column(_("Households"), _("households")),
            Column(_("Usable free places"), _("places")),
            Column(_("Example data")),
        ],
        rows=rows,  # type: ignore[arg-type]
        reference_date=overview.on,
        source=SOURCE,
    )


def area_xlsx(name: str, overview: AreaOverview) -> bytes:
    rows: list[list[object]] = [
        [
            row.municipality.code,
            row.municipality.name,
            row.totals.places,
            row.totals.persons,
            row.target,
            row.target_gap,
            _("example") if row.has_examples else "",
        ]
        for row in overview.rows
    ]
    rows.append(
        [
            "",
            _("Total") + f" {name}",
            overview.totals.places,
            overview.totals.persons,
            overview.target,
            overview.target_gap,
            "",
        ]
    )
    return write_xlsx(
        title=f"{name} – {_group_label(overview.target_group.value)}",
        columns=[
            Column(_("CBS code")),
            Column(_("Municipality")),
            Column(_("Places"), _("places")),
            Column(_("Persons"), _("persons")),
            Column(_("Target"), _("places")),
            Column(_("Places minus target"), _("places")),
            Column(_("Example data")),
        ],
        rows=rows,  # type: ignore[arg-type]
        reference_date=overview.on,
        source=SOURCE,
    )


def location_counts_xlsx(location: Location, snapshots: Sequence[OccupancySnapshot], on: date) -> bytes:
    """Every count of one location, newest first, with its places on the day of the count."""
    return write_xlsx(
        title=_("Counts") + f" {location.name}",
        columns=[
            Column(_("Date")),
            Column(_("Persons"), _("persons")),
            Column(_("Households"), _("households")),
            Column(_("Usable free places"), _("places")),
            Column(_("Note")),
        ],
        rows=[[s.date, s.persons, s.households, s.usable_free_places, s.note] for s in snapshots],
        reference_date=on,
        source=f"{SOURCE} ({location.municipality.name})",
    )
