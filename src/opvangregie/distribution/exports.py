"""Excel export of a distribution run, with units, reference date and source on the sheet."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from opvangregie.distribution.selectors import RunTable, TaskRow
from opvangregie.tables import Column, write_xlsx


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
        title=f"{_('Distribution')} {run.cycle} – {run.label}",
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
