"""Excel exports of a distribution run, a comparison of two runs and a regional plan, with units, reference date and
source on the sheet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from opvangregie.distribution.selectors import Comparison, ComparisonRow, PlanOverview, RunTable, TaskRow
from opvangregie.ui.tables import CellValue, Column, write_xlsx


def run_xlsx(table: RunTable, rows: Sequence[TaskRow]) -> bytes:
    run = table.run
    data = [
        [
            row.municipality.code,
            row.municipality.name,
            row.municipality.province.name,
            row.result.population,
            float(row.weight),
            row.result.places,
            row.result.amv_places,
            row.published.places if row.published else None,
            row.exchanged,
            row.task,
            row.existing.counted,
            row.gap,
        ]
        for row in rows
    ]
    places = _("places")
    return write_xlsx(
        title=_("Distribution %(cycle)s – %(label)s") % {"cycle": run.cycle, "label": run.label},
        columns=[
            Column(_("CBS code")),
            Column(_("Municipality")),
            Column(_("Province")),
            Column(_("Population")),
            Column(_("Weight (share)")),
            Column(_("Computed task"), places),
            Column(_("of which AMV"), places),
            Column(_("Published task"), places),
            Column(_("Exchanged"), places),
            Column(_("Task"), places),
            Column(_("Counted existing places"), places),
            Column(_("Counted minus task"), places),
        ],
        rows=data,
        reference_date=table.on,
        source=f"Opvangregie: verdeling {run.cycle} ({run.get_key_used_display()}, {run.get_method_display()}); "
        "plekken uit het locatieregister",
        notes=[run.notice] if run.notice else [],
    )


def comparison_xlsx(comparison: Comparison, rows: Sequence[ComparisonRow], on: date) -> bytes:
    """Two runs side by side per municipality (what-if), with the difference B minus A."""
    first, second = comparison.first, comparison.second
    places = _("places")
    return write_xlsx(
        title=_("Comparison of runs"),
        columns=[
            Column(_("CBS code")),
            Column(_("Municipality")),
            Column("A", places),
            Column("B", places),
            Column(_("B minus A"), places),
        ],
        rows=[[row.code, row.name, row.first, row.second, row.difference] for row in rows],
        reference_date=on,
        source="Opvangregie: verdeelberekeningen (Spreidingswet)",
        notes=[f"A: {first.cycle} – {first.label}", f"B: {second.cycle} – {second.label}"],
    )


def plan_xlsx(overview: PlanOverview, groups: Sequence[tuple[str, str]]) -> bytes:
    """A regional plan per member: contributions per target group after exchanges, and the proposals."""
    plan = overview.plan
    places = _("places")
    rows: list[list[CellValue]] = [
        [
            row.municipality.code,
            row.municipality.name,
            *(row.contributions.get(value, 0) + row.exchanged.get(value, 0) for value, _label in groups),
            row.total,
            row.proposed_locations,
        ]
        for row in overview.rows
    ]
    rows.append(["", _("Total"), *(None for _group in groups), overview.total, None])
    return write_xlsx(
        title=f"{plan.region.name} {plan.cycle}",
        columns=[
            Column(_("CBS code")),
            Column(_("Municipality")),
            *(Column(label, places) for _value, label in groups),
            Column(_("Total"), places),
            Column(_("Proposed locations"), _("locations")),
        ],
        rows=rows,
        reference_date=overview.on,
        source="Opvangregie: regionaal plan en uitwisselingen van taken (Spreidingswet)",
        notes=[
            _("Joint target: %(target)s %(places)s; difference: %(difference)+d")
            % {"target": plan.target_places, "places": places, "difference": overview.difference},
            _("Contributions include the exchanges of tasks."),
        ],
    )
