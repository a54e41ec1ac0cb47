"""API of the forward look: places expected at the end of the next quarters per municipality, region or
province, against the target in force, optionally beside a what-if scenario (nothing is changed)."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from opvangregie import clock
from opvangregie.core.target_groups import TargetGroup
from opvangregie.organisations.scope import municipality_readable, province_readable, region_readable, scope_for
from opvangregie.reports.forward import (
    MAX_QUARTERS,
    MAX_SHIFT_MONTHS,
    QUARTERS,
    ForwardLook,
    ScenarioRequest,
    forward_look,
)
from opvangregie.ui.api_errors import errors

router = Router(tags=["forward look"])


class ProjectionLineOut(Schema):
    period: str = Field(description="Quarter, e.g. 2026-Q1")
    on: date = Field(description="The last day of the period: the figures are those of that day")
    target_group: TargetGroup
    places: int
    expected_places: int = Field(description="The part of the places that rests on expected, not actual, dates")
    target: int | None = Field(description="The target in force; null when unknown (never 0)")
    gap: int | None = Field(description="Places minus target; null when the target is unknown")
    without_capacity: list[str] = Field(description="Locations in use on that day with no known capacity")
    scenario_places: int | None = Field(description="The places under the scenario; null without a scenario")


class ProjectionOut(Schema):
    area: str
    today: date
    scenario: str | None
    lines: list[ProjectionLineOut]


def _out(area: str, look: ForwardLook) -> ProjectionOut:
    scenario = (
        {(d.period, d.target_group): d.scenario_places for d in look.comparison.differences} if look.comparison else {}
    )
    return ProjectionOut(
        area=area,
        today=look.today,
        scenario=look.comparison.scenario.name if look.comparison else None,
        lines=[
            ProjectionLineOut(
                period=str(line.period),
                on=line.on,
                target_group=line.target_group,
                places=line.places,
                expected_places=line.expected_places,
                target=line.target,
                gap=line.gap,
                without_capacity=[part.name for part in line.flagged],
                scenario_places=scenario.get((line.period, line.target_group)),
            )
            for line in look.base.lines
        ],
    )


class ProjectionQuery(Schema):
    on: date | None = None
    quarters: int = Field(QUARTERS, ge=1, le=MAX_QUARTERS)
    scenario_location: int | None = Field(None, description="A location the scenario changes")
    shift_months: int | None = Field(None, ge=-MAX_SHIFT_MONTHS, le=MAX_SHIFT_MONTHS)
    drop: bool = False
    places: int | None = Field(None, ge=0, le=10_000)
    places_from: date | None = None

    def look(self, request: HttpRequest, municipality_ids: list[int]) -> ForwardLook:
        scenario = (
            ScenarioRequest(self.scenario_location, self.shift_months, self.drop, self.places, self.places_from)
            if self.scenario_location is not None
            else None
        )
        return forward_look(
            actor=request.user,
            municipality_ids=municipality_ids,
            today=self.on or clock.today(),
            quarters=self.quarters,
            scenario=scenario,
        )


@router.get("/municipalities/{code}/projection", response={200: ProjectionOut, **errors(404, 422)})
def municipality_projection(request: HttpRequest, code: str, query: Query[ProjectionQuery]) -> ProjectionOut:
    """The municipality's places expected per quarter (the command `opvangregie project` prints the same)."""
    municipality = municipality_readable(scope_for(request.user), code)
    return _out(municipality.name, query.look(request, [municipality.pk]))


@router.get("/regions/{slug}/projection", response={200: ProjectionOut, **errors(404, 422)})
def region_projection(request: HttpRequest, slug: str, query: Query[ProjectionQuery]) -> ProjectionOut:
    region = region_readable(scope_for(request.user), slug)
    return _out(region.name, query.look(request, list(region.members.values_list("pk", flat=True))))


@router.get("/provinces/{code}/projection", response={200: ProjectionOut, **errors(404, 422)})
def province_projection(request: HttpRequest, code: str, query: Query[ProjectionQuery]) -> ProjectionOut:
    province = province_readable(scope_for(request.user), code)
    return _out(province.name, query.look(request, list(province.municipalities.values_list("pk", flat=True))))
