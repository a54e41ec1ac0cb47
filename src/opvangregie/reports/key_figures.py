"""The key figures of an area — a region, a province or the country — for its start page: one block per
reception duty, each figure with its date, summed from the same rows as the provincial overview
(``reports.province.programme_rows``), so the start page and the overview can never disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from opvangregie import clock
from opvangregie.areas.models import Municipality, Province
from opvangregie.core import occupancy
from opvangregie.core.errors import NotFound
from opvangregie.core.ledger import StatusTally
from opvangregie.core.periods import HalfYear
from opvangregie.distribution.models import DistributionRun
from opvangregie.locations.selectors import AreaOverview
from opvangregie.organisations.scope import scope_for
from opvangregie.reports.province import ProvinceRow, programme_rows


def _sum(values: Sequence[int | None]) -> int | None:
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def _difference(have: int | None, need: int | None) -> int | None:
    return None if have is None or need is None else have - need


@dataclass(frozen=True, slots=True)
class KeyFigures:
    """Totals of an area; a total is None when no municipality of the area has a figure ("geen gegevens")."""

    name: str
    code: str
    on: date
    counted_on: date  # the waiting list is a count of now, not of the reference date
    period: HalfYear
    run: DistributionRun | None
    rows: list[ProvinceRow]

    @property
    def municipalities(self) -> int:
        return len(self.rows)

    @property
    def ukrainian_target(self) -> int | None:
        return _sum([row.ukrainian_target for row in self.rows])

    @property
    def ukrainian_places(self) -> int:
        return sum(row.ukrainian_places for row in self.rows)

    @property
    def ukrainian_persons(self) -> int:
        return sum(row.ukrainian_persons for row in self.rows)

    @property
    def ukrainian_gap(self) -> int | None:
        """Places minus target (Besluit opvang ontheemden Oekraïne): negative is what must still be realised."""
        return occupancy.target_gap(self.ukrainian_target, self.ukrainian_places)

    @property
    def quota_demand(self) -> int | None:
        return _sum([row.quota_demand for row in self.rows])

    @property
    def quota_realised(self) -> int | None:
        return _sum([row.quota_realised for row in self.rows])

    @property
    def quota_balance(self) -> int | None:
        """Housed minus demand incl. backlog this half-year (Huisvestingswet 2014 art. 28–29)."""
        return _sum([row.quota_balance for row in self.rows])

    @property
    def quota_tally(self) -> StatusTally:
        """Behind, on track, ahead and no data in the half-year, as on the overview and the supervision."""
        return StatusTally.of(row.quota_status for row in self.rows)

    @property
    def quota_known(self) -> int:
        """Municipalities with data in the half-year; 0 means the half-year has no data."""
        return self.quota_tally.judged

    @property
    def behind(self) -> int:
        return self.quota_tally.behind

    @property
    def asylum_task(self) -> int | None:
        return _sum([row.asylum_task for row in self.rows])

    @property
    def asylum_counted(self) -> int | None:
        return _sum([row.asylum_counted for row in self.rows])

    @property
    def asylum_gap(self) -> int | None:
        """Counted places minus the Spreidingswet task: negative is what must still be realised."""
        return _difference(self.asylum_counted, self.asylum_task)

    @property
    def hosting(self) -> int:
        """Municipalities with asylum places that count toward the task."""
        return sum(1 for row in self.rows if row.asylum_counted)

    @property
    def waiting(self) -> int:
        return sum(row.waiting or 0 for row in self.rows)


def area_key_figures(
    *,
    actor: Any,
    name: str,
    code: str,
    municipalities: Sequence[Municipality],
    on: date,
    ukrainian: AreaOverview | None = None,
) -> KeyFigures:
    """The key figures of any set of municipalities the actor may read (``ukrainian``: their Ukrainian overview
    on ``on`` where the page has it already)."""
    period, run, rows = programme_rows(actor=actor, municipalities=municipalities, on=on, ukrainian=ukrainian)
    return KeyFigures(name=name, code=code, on=on, counted_on=clock.today(), period=period, run=run, rows=rows)


def national_key_figures(*, actor: Any, on: date) -> tuple[KeyFigures, list[KeyFigures]]:
    """The country's key figures and those of each province (readers of everything only)."""
    scope = scope_for(actor)
    if not (scope.is_superuser or scope.reads_all):
        raise NotFound("Het landelijke overzicht is alleen voor landelijke gebruikers.")
    municipalities = list(Municipality.objects.select_related("province").order_by("name"))
    period, run, rows = programme_rows(actor=actor, municipalities=municipalities, on=on)
    today = clock.today()
    per_province: dict[int, list[ProvinceRow]] = defaultdict(list)
    for row in rows:
        per_province[row.municipality.province_id].append(row)
    provinces = [
        KeyFigures(
            name=province.name,
            code=province.code,
            on=on,
            counted_on=today,
            period=period,
            run=run,
            rows=per_province[province.pk],
        )
        for province in Province.objects.order_by("name")
    ]
    country = KeyFigures(name="Nederland", code="NL", on=on, counted_on=today, period=period, run=run, rows=rows)
    return country, provinces
