"""The provincial overview: every municipality of a province with its status per reception duty.

- Ukrainian displaced persons: the target (Besluit opvang ontheemden Oekraïne) against the places in use.
- Status holders: the demand of a half-year (quota plus backlog, Huisvestingswet 2014 art. 28–29) against
  the status holders housed up to the reference date, with the status and the half-years behind in a row,
  exactly as the province's supervision shows them (``quotas.selectors.supervision_rows``); by default the
  half-year running on the reference date (``quotas.selectors.default_half_year``).
- Asylum seekers: the task of the adopted distribution (Spreidingswet art. 5) against the counted places,
  once a distribution has been adopted.
Each part comes from the selectors of its own app, on one reference date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from opvangregie.areas.models import Municipality, Province
from opvangregie.core import occupancy
from opvangregie.core.errors import NotFound
from opvangregie.core.ledger import PaceStatus, StatusTally
from opvangregie.core.periods import HalfYear
from opvangregie.core.target_groups import TargetGroup
from opvangregie.distribution import selectors as distribution_selectors
from opvangregie.distribution.models import DistributionRun
from opvangregie.households import selectors as household_selectors
from opvangregie.locations import selectors as location_selectors
from opvangregie.organisations.scope import scope_for
from opvangregie.quotas import selectors as quota_selectors
from opvangregie.ui.tables import Column, write_xlsx

SOURCE = "Opvangregie: locatieregister, taakstelling statushouders en spreiding asielopvang"


@dataclass(frozen=True, slots=True)
class ProvinceRow:
    municipality: Municipality
    ukrainian_target: int | None
    ukrainian_places: int
    ukrainian_persons: int
    quota_demand: int | None
    quota_realised: int | None
    quota_status: PaceStatus
    periods_behind: int
    asylum_task: int | None
    asylum_counted: int | None
    waiting: int | None = None

    @property
    def ukrainian_gap(self) -> int | None:
        """Places minus target: negative is what must still be realised."""
        return occupancy.target_gap(self.ukrainian_target, self.ukrainian_places)

    @property
    def quota_balance(self) -> int | None:
        """Housed minus demand so far this half-year: negative is the backlog."""
        if self.quota_demand is None or self.quota_realised is None:
            return None
        return self.quota_realised - self.quota_demand

    @property
    def asylum_gap(self) -> int | None:
        """Counted places minus task: negative is what must still be realised."""
        if self.asylum_task is None or self.asylum_counted is None:
            return None
        return self.asylum_counted - self.asylum_task


def _total(values: Sequence[int | None]) -> int | None:
    known = [value for value in values if value is not None]
    return sum(known) if known else None


@dataclass(frozen=True, slots=True)
class ProvinceProgrammes:
    province: Province
    on: date
    period: HalfYear
    run: DistributionRun | None
    rows: list[ProvinceRow]

    def total(self, attribute: str) -> int | None:
        """The province's sum of a column (None for the name and for half-years behind, which do not add up)."""
        if attribute in ("name", "periods_behind"):
            return None
        return _total([getattr(row, attribute) for row in self.rows])

    @property
    def totals(self) -> dict[str, int | None]:
        return {key: self.total(key) for key in SORT_KEYS}

    @property
    def tally(self) -> StatusTally:
        """Behind, on track, ahead and no data in the half-year: the same counts as the supervision's."""
        return StatusTally.of(row.quota_status for row in self.rows)

    @property
    def behind(self) -> int:
        return self.tally.behind


def _overview_of(overview: location_selectors.AreaOverview, municipalities: Sequence[Municipality], on: date) -> bool:
    """Whether ``overview`` is the Ukrainian overview of exactly ``municipalities`` on ``on``."""
    return (
        overview.on == on
        and overview.target_group is TargetGroup.UKRAINIAN
        and [row.municipality.pk for row in overview.rows] == [m.pk for m in municipalities]
    )


def programme_rows(
    *,
    actor: Any,
    municipalities: Sequence[Municipality],
    on: date,
    period: HalfYear | None = None,
    ukrainian: location_selectors.AreaOverview | None = None,
) -> tuple[HalfYear, DistributionRun | None, list[ProvinceRow]]:
    """Every municipality's status per reception duty on ``on``: the Ukrainian target and places, the quota
    line of ``period`` (default: the half-year running on ``on``), the adopted distribution's task and counted
    places, and the open requests now. A page that already has the Ukrainian overview of these municipalities
    on ``on`` passes it (``ukrainian``) rather than have it computed twice."""
    if ukrainian is None or not _overview_of(ukrainian, municipalities, on):
        ukrainian = location_selectors.municipalities_overview(
            actor=actor, municipalities=municipalities, on=on, target_group=TargetGroup.UKRAINIAN
        )
    period = period or quota_selectors.default_half_year(on)
    supervision = {
        row.municipality.pk: row
        for row in quota_selectors.supervision_rows(actor=actor, municipalities=municipalities, period=period, on=on)
    }
    ids = [m.pk for m in municipalities]
    run = DistributionRun.objects.filter(is_adopted=True).order_by("-cycle").first()  # the latest adopted cycle
    tasks = {}
    if run is not None:
        table = distribution_selectors.run_table(actor=actor, run=run, on=on, municipality_ids=ids)
        tasks = {row.municipality.pk: row for row in table.rows}
    waiting = household_selectors.open_request_counts(ids)
    rows = []
    for area_row in ukrainian.rows:
        municipality = area_row.municipality
        quota = supervision.get(municipality.pk)
        line = quota.line if quota else None
        task = tasks.get(municipality.pk)
        rows.append(
            ProvinceRow(
                municipality=municipality,
                ukrainian_target=area_row.target,
                ukrainian_places=area_row.totals.places,
                ukrainian_persons=area_row.totals.persons,
                quota_demand=line.demand if line else None,
                quota_realised=line.realised if line else None,
                quota_status=quota.status if quota else PaceStatus.NO_DATA,
                periods_behind=quota.periods_behind if quota else 0,
                asylum_task=task.task if task else None,
                asylum_counted=task.existing.counted if task else None,
                waiting=waiting.get(municipality.pk, 0),
            )
        )
    return period, run, rows


def province_programmes(
    *, actor: Any, province: Province, on: date, period: HalfYear | None = None
) -> ProvinceProgrammes:
    """The overview of ``province`` on ``on`` (readers of the province: its own staff and national users), with
    the status holders of ``period`` (default: the half-year running on ``on``)."""
    if not scope_for(actor).reads_province(province.pk):
        raise NotFound("Provincie niet gevonden.")
    municipalities = list(province.municipalities.select_related("province").order_by("name"))
    period, run, rows = programme_rows(actor=actor, municipalities=municipalities, on=on, period=period)
    return ProvinceProgrammes(province=province, on=on, period=period, run=run, rows=rows)


def _by(attribute: str) -> Callable[[ProvinceRow], tuple[bool, Any, str]]:
    def key(row: ProvinceRow) -> tuple[bool, Any, str]:
        value = getattr(row, attribute)
        return (value is None, value if value is not None else 0, row.municipality.name)

    return key


SORT_KEYS: dict[str, Callable[[ProvinceRow], tuple[bool, Any, str]]] = {
    "name": lambda row: (False, row.municipality.name, ""),
    "ukrainian_target": _by("ukrainian_target"),
    "ukrainian_places": _by("ukrainian_places"),
    "ukrainian_persons": _by("ukrainian_persons"),
    "ukrainian_gap": _by("ukrainian_gap"),
    "quota_demand": _by("quota_demand"),
    "quota_realised": _by("quota_realised"),
    "quota_balance": _by("quota_balance"),
    "periods_behind": _by("periods_behind"),
    "asylum_task": _by("asylum_task"),
    "asylum_counted": _by("asylum_counted"),
    "asylum_gap": _by("asylum_gap"),
}


def sorted_rows(rows: Sequence[ProvinceRow], key: str, *, descending: bool = False) -> list[ProvinceRow]:
    """Rows sorted by a column; unknown values (no target, no task) always last."""
    sort_key = SORT_KEYS.get(key, SORT_KEYS["name"])
    known = [row for row in rows if not sort_key(row)[0]]
    unknown = [row for row in rows if sort_key(row)[0]]
    return sorted(known, key=sort_key, reverse=descending) + sorted(unknown, key=lambda r: r.municipality.name)


@dataclass(frozen=True, slots=True)
class OverviewColumn:
    key: str
    title: str
    unit: str
    group: str
    signed: bool = False


def overview_columns(programmes: ProvinceProgrammes) -> list[OverviewColumn]:
    """The table's columns, grouped per reception duty (in the user's language; Dutch by default)."""
    ukrainian = _("Ukrainian displaced persons")
    quota = _("Status holders %(period)s") % {"period": programmes.period}
    asylum = _("Asylum seekers")
    if programmes.run is not None:
        asylum = _("Asylum seekers (cycle %(cycle)s)") % {"cycle": programmes.run.cycle}
    places, persons = _("places"), _("persons")
    return [
        OverviewColumn("name", _("Municipality"), "", ""),
        OverviewColumn("ukrainian_target", _("Target"), places, ukrainian),
        OverviewColumn("ukrainian_places", _("Places"), places, ukrainian),
        OverviewColumn("ukrainian_persons", _("Persons"), persons, ukrainian),
        OverviewColumn("ukrainian_gap", _("Places minus target"), places, ukrainian, signed=True),
        OverviewColumn("quota_demand", _("Demand incl. backlog"), persons, quota),
        OverviewColumn("quota_realised", _("Housed"), persons, quota),
        OverviewColumn("quota_balance", _("Balance"), persons, quota, signed=True),
        OverviewColumn("periods_behind", _("Half-years behind"), _("half-years"), quota),
        OverviewColumn("asylum_task", _("Task"), places, asylum),
        OverviewColumn("asylum_counted", _("Counted places"), places, asylum),
        OverviewColumn("asylum_gap", _("Places minus task"), places, asylum, signed=True),
    ]


def overview_notes(programmes: ProvinceProgrammes) -> list[str]:
    """What the figures mean and where they come from (under the table, in the sheet and in the PDF)."""
    notes = [
        _("Balances and differences: a negative number is what must still be realised."),
        _("Status holders: half-year %(period)s, housed up to the reference date (Huisvestingswet 2014 art. 28).")
        % {"period": programmes.period},
    ]
    if programmes.run is not None:
        notes.append(
            _("Asylum seekers: adopted distribution '%(label)s' (Spreidingswet).") % {"label": programmes.run.label}
        )
    else:
        notes.append(_("Asylum seekers: no distribution has been adopted yet."))
    return notes


def province_xlsx(programmes: ProvinceProgrammes, rows: Sequence[ProvinceRow]) -> bytes:
    columns = overview_columns(programmes)
    body: list[list[object]] = [
        [row.municipality.name, *(getattr(row, column.key) for column in columns[1:])] for row in rows
    ]
    total = _("Total") + f" {programmes.province.name}"
    body.append([total, *(programmes.total(column.key) for column in columns[1:])])
    return write_xlsx(
        title=_("Provincial overview %(name)s") % {"name": programmes.province.name},
        columns=[Column(f"{c.group}: {c.title}" if c.group else c.title, c.unit) for c in columns],
        rows=body,  # type: ignore[arg-type]
        reference_date=programmes.on,
        source=SOURCE,
        notes=overview_notes(programmes),
    )
