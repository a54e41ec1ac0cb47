"""Excel exports of the status-holder tables, with units, reference date and source on the sheet."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opvangregie.core.ledger import PaceStatus
from opvangregie.quotas.selectors import MunicipalityLedger, Supervision, SupervisionRow
from opvangregie.ui.tables import Column, write_xlsx

SOURCE = "Opvangregie: taakstellingen (Huisvestingswet 2014 art. 29) en realisaties van de gemeenten"
STATUS_LABELS = {
    PaceStatus.AHEAD: gettext_lazy("ahead"),
    PaceStatus.ON_TRACK: gettext_lazy("on track"),
    PaceStatus.BEHIND: gettext_lazy("behind"),
    PaceStatus.NO_DATA: gettext_lazy("no data"),
}


def ledger_xlsx(book: MunicipalityLedger) -> bytes:
    rows = []
    for line in book.lines:
        versions = book.versions[line.period]
        rows.append(
            [
                str(line.period),
                versions.computed,
                versions.published,
                versions.arrangement_delta,
                line.quota,
                line.backlog_in,
                line.demand,
                line.realised,
                line.balance,
                book.planned.get(line.period, 0),
                str(STATUS_LABELS[book.status_of(line)]),
            ]
        )
    persons = _("persons")
    return write_xlsx(
        title=_("Status-holder quota – %(name)s") % {"name": book.municipality.name},
        columns=[
            Column(_("Half-year")),
            Column(_("Computed quota"), persons),
            Column(_("Published quota"), persons),
            Column(_("Joint change"), persons),
            Column(_("Quota"), persons),
            Column(_("Backlog carried in"), persons),
            Column(_("Demand"), persons),
            Column(_("Realised"), persons),
            Column(_("Balance"), persons),
            Column(_("Planned"), persons),
            Column(_("Status")),
        ],
        rows=rows,
        reference_date=book.on,
        source=SOURCE,
        notes=[_("Balance: negative is a backlog, positive a surplus; carried into the next half-year.")],
    )


def supervision_xlsx(view: Supervision, rows: Sequence[SupervisionRow]) -> bytes:
    table = [
        [
            row.municipality.code,
            row.municipality.name,
            row.line.quota if row.line else None,
            row.line.backlog_in if row.line else None,
            row.line.demand if row.line else None,
            row.line.realised if row.line else None,
            row.line.balance if row.line else None,
            str(STATUS_LABELS[row.status]),
            row.periods_behind,
            f"{row.stage.number}. {row.stage.name}" if row.stage else "",
        ]
        for row in rows
    ]
    persons = _("persons")
    return write_xlsx(
        title=_("Supervision %(period)s – %(name)s") % {"period": view.period, "name": view.province.name},
        columns=[
            Column(_("CBS code")),
            Column(_("Municipality")),
            Column(_("Quota"), persons),
            Column(_("Backlog carried in"), persons),
            Column(_("Demand"), persons),
            Column(_("Realised"), persons),
            Column(_("Balance"), persons),
            Column(_("Status")),
            Column(_("Half-years behind in a row")),
            Column(_("Intervention ladder phase")),
        ],
        rows=table,
        reference_date=view.on,
        source=SOURCE,
    )
