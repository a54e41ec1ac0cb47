"""API for the Spreidingswet distribution: runs, comparisons, regional plans and exchanges."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import File, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from opvangregie import clock
from opvangregie.areas.models import Municipality, Province, Region
from opvangregie.core.apportion import Method
from opvangregie.core.codes import MunicipalityCode
from opvangregie.core.errors import NotFound
from opvangregie.core.spreiding import KeyKind
from opvangregie.core.target_groups import TargetGroup
from opvangregie.distribution import selectors, services
from opvangregie.distribution.models import DistributionRun, RegionalPlan
from opvangregie.organisations.scope import scope_for
from opvangregie.ui.api_errors import errors
from opvangregie.ui.imports import upload_content

router = Router(tags=["Spreidingswet distribution"])


class DistributionRunOut(Schema):
    id: int
    cycle: int
    label: str
    needed_on: date
    total: int
    amv_total: int
    key: str
    key_used: str
    method: str
    population_year: int
    notice: str
    is_adopted: bool


class RunIn(Schema):
    cycle: int
    label: str
    needed_on: date
    total: int
    amv_total: int = 0
    key: KeyKind = KeyKind.POPULATION_SES
    method: Method = Method.HAMILTON
    population_year: int = 2025
    ses_dataset_id: int | None = None
    adopt: bool = False


def _run_out(run: DistributionRun) -> DistributionRunOut:
    return DistributionRunOut(
        id=run.pk,
        cycle=run.cycle,
        label=run.label,
        needed_on=run.needed_on,
        total=run.total,
        amv_total=run.amv_total,
        key=run.key,
        key_used=run.key_used,
        method=run.method,
        population_year=run.population_year,
        notice=run.notice,
        is_adopted=run.is_adopted,
    )


@router.get("/runs", response={200: list[DistributionRunOut], **errors()})
def runs(request: HttpRequest) -> list[DistributionRunOut]:
    return [_run_out(run) for run in selectors.runs_list(actor=request.user)]


@router.post("/runs", response={201: DistributionRunOut, **errors(400, 403, 404, 422)})
def run_create(request: HttpRequest, payload: RunIn) -> Status[DistributionRunOut]:
    """Compute and store a run (national editors); without SES scores the key falls back to population."""
    run = services.run_create(
        actor=request.user,
        data=services.RunInput(
            cycle=payload.cycle,
            label=payload.label,
            needed_on=payload.needed_on,
            total=payload.total,
            amv_total=payload.amv_total,
            key=payload.key,
            method=payload.method,
            population_year=payload.population_year,
            ses_dataset_id=payload.ses_dataset_id,
        ),
        adopt=payload.adopt,
    )
    return Status(201, _run_out(run))


class ImportedOut(Schema):
    imported: int


@router.post("/published/{cycle}", response={201: ImportedOut, **errors(403, 422)})
def published_import(
    request: HttpRequest, cycle: int, file: File[UploadedFile], source: str = ""
) -> Status[ImportedOut]:
    """Import published tasks (columns gemeentecode, plekken, optional amv); all rows or none."""
    count = services.published_tasks_import(
        actor=request.user, cycle=cycle, file_name=file.name or "upload", content=upload_content(file), source=source
    )
    return Status(201, ImportedOut(imported=count))


class SesOut(Schema):
    id: int
    name: str
    year: int
    municipalities: int


@router.post("/ses", response={201: SesOut, **errors(403, 422)})
def ses_load(request: HttpRequest, name: str, year: int, file: File[UploadedFile], source: str = "") -> Status[SesOut]:
    """Load SES-WOA scores (columns code, score) as a named data set; all rows or none."""
    dataset = services.ses_dataset_load(
        actor=request.user,
        name=name,
        year=year,
        file_name=file.name or "upload",
        content=upload_content(file),
        source=source,
    )
    return Status(
        201, SesOut(id=dataset.pk, name=dataset.name, year=dataset.year, municipalities=dataset.scores.count())
    )


class TaskOut(Schema):
    code: str
    name: str
    province: str
    population: int
    weight: float
    computed: int
    amv: int
    published: int | None
    exchanged: int
    task: int
    counted: int
    gap: int
    hosts_reception: bool


class ProvinceSumOut(Schema):
    code: str
    name: str
    computed: int
    task: int
    counted: int
    gap: int
    municipalities: int
    hosting: int


class RunTableOut(Schema):
    run: DistributionRunOut
    on: date
    municipalities: list[TaskOut]
    provinces: list[ProvinceSumOut]


@router.get("/runs/{run_id}", response={200: RunTableOut, **errors(404, 422)})
def run_table(request: HttpRequest, run_id: int, province: str | None = None, on: date | None = None) -> RunTableOut:
    """A run's tasks per municipality (those the caller may read) and per province, with counted places."""
    run = selectors.run_get(actor=request.user, run_id=run_id)
    area = None
    if province:
        area = Province.objects.filter(code=province).first()
        if area is None:
            raise NotFound("Provincie niet gevonden.")
    table = selectors.run_table(actor=request.user, run=run, on=on or run.needed_on, province=area)
    return RunTableOut(
        run=_run_out(run),
        on=table.on,
        municipalities=[
            TaskOut(
                code=row.municipality.code,
                name=row.municipality.name,
                province=row.municipality.province.name,
                population=row.result.population,
                weight=float(row.weight),
                computed=row.result.places,
                amv=row.result.amv_places,
                published=row.published.places if row.published else None,
                exchanged=row.exchanged,
                task=row.task,
                counted=row.existing.counted,
                gap=row.gap,
                hosts_reception=row.existing.hosts_reception,
            )
            for row in table.rows
        ],
        provinces=[
            ProvinceSumOut(
                code=p.province.code,
                name=p.province.name,
                computed=p.computed,
                task=p.task,
                counted=p.counted,
                gap=p.gap,
                municipalities=p.municipalities,
                hosting=p.hosting,
            )
            for p in table.provinces
        ],
    )


class RunDifferenceOut(Schema):
    code: str
    name: str
    first: int
    second: int
    difference: int


class ComparisonOut(Schema):
    first: int
    second: int
    municipalities: list[RunDifferenceOut]
    provinces: list[RunDifferenceOut]


@router.get("/compare", response={200: ComparisonOut, **errors(404, 422)})
def compare(request: HttpRequest, a: int, b: int) -> ComparisonOut:
    """Two runs side by side (what-if)."""
    comparison = selectors.runs_compare(
        actor=request.user,
        first=selectors.run_get(actor=request.user, run_id=a),
        second=selectors.run_get(actor=request.user, run_id=b),
    )

    def rows(items: list[selectors.ComparisonRow]) -> list[RunDifferenceOut]:
        return [
            RunDifferenceOut(code=r.code, name=r.name, first=r.first, second=r.second, difference=r.difference)
            for r in items
        ]

    return ComparisonOut(
        first=a, second=b, municipalities=rows(comparison.municipalities), provinces=rows(comparison.provinces)
    )


class ExchangeLineIn(Schema):
    municipality: str
    target_group: TargetGroup
    delta: int


class ExchangeIn(Schema):
    agreed_on: date
    description: str
    lines: list[ExchangeLineIn]


class PlanRowOut(Schema):
    code: str
    name: str
    contributions: dict[str, int]
    exchanged: dict[str, int]
    total: int
    proposed_locations: int


class PlanOut(Schema):
    id: int
    region: str
    cycle: int
    target_places: int
    total: int
    missing_proposals: list[str]
    rows: list[PlanRowOut]


def _plan(request: HttpRequest, plan_id: int) -> RegionalPlan:
    return selectors.plan_get(actor=request.user, plan_id=plan_id)


def _plan_out(request: HttpRequest, plan: RegionalPlan, on: date | None) -> PlanOut:
    run = selectors.adopted_run(plan.cycle)
    overview = selectors.plan_overview(
        actor=request.user, plan=plan, on=on or (run.needed_on if run else clock.today())
    )
    return PlanOut(
        id=plan.pk,
        region=plan.region.name,
        cycle=plan.cycle,
        target_places=plan.target_places,
        total=overview.total,
        missing_proposals=[row.municipality.code for row in overview.missing_proposals],
        rows=[
            PlanRowOut(
                code=row.municipality.code,
                name=row.municipality.name,
                contributions=row.contributions,
                exchanged=row.exchanged,
                total=row.total,
                proposed_locations=row.proposed_locations,
            )
            for row in overview.rows
        ],
    )


class PlanIn(Schema):
    region: str
    cycle: int
    target_places: int
    ratios: dict[str, str] | None = None
    min_location_size: dict[str, int] | None = None
    description: str = ""


@router.post("/plans", response={201: PlanOut, **errors(400, 403, 404, 422)})
def plan_create(request: HttpRequest, payload: PlanIn) -> Status[PlanOut]:
    """A region's joint plan for a cycle (the region's coordinators)."""
    region = Region.objects.filter(slug=payload.region).first()
    scope = scope_for(request.user)
    if region is None or not (
        scope.reads_region(region.pk) or any(scope.reads_municipality(m.pk) for m in region.members.all())
    ):
        raise NotFound("Regio niet gevonden.")
    plan = services.plan_create(
        actor=request.user,
        region=region,
        cycle=payload.cycle,
        target_places=payload.target_places,
        ratios=payload.ratios,
        min_location_size=payload.min_location_size,
        description=payload.description,
    )
    return Status(201, _plan_out(request, plan, None))


class ContributionIn(Schema):
    municipality: str
    target_group: TargetGroup
    places: int


@router.put("/plans/{plan_id}/contributions", response={200: PlanOut, **errors(400, 403, 404, 422)})
def contribution_set(request: HttpRequest, plan_id: int, payload: ContributionIn) -> PlanOut:
    """What a member municipality contributes to the plan for one target group (the region's coordinators)."""
    plan = _plan(request, plan_id)
    code = str(MunicipalityCode.parse(payload.municipality))
    municipality = plan.region.members.filter(code=code).first()
    if municipality is None:
        raise NotFound(f"Gemeente {code} hoort niet bij {plan.region.name}.")
    services.contribution_set(
        actor=request.user,
        plan=plan,
        municipality=municipality,
        target_group=payload.target_group,
        places=payload.places,
    )
    return _plan_out(request, plan, None)


@router.get("/plans/{plan_id}", response={200: PlanOut, **errors(404, 422)})
def plan_detail(request: HttpRequest, plan_id: int, on: date | None = None) -> PlanOut:
    return _plan_out(request, _plan(request, plan_id), on)


@router.post("/plans/{plan_id}/exchanges", response={201: PlanOut, **errors(400, 403, 404, 422)})
def exchange_record(request: HttpRequest, plan_id: int, payload: ExchangeIn) -> Status[PlanOut]:
    """Record an exchange of tasks (the region's coordinators); refused unless every group's total holds."""
    plan = _plan(request, plan_id)
    members = {m.code: m for m in plan.region.members.all()}
    lines = []
    for line in payload.lines:
        code = str(MunicipalityCode.parse(line.municipality))
        municipality: Municipality | None = members.get(code)
        if municipality is None:
            raise NotFound(f"Gemeente {code} hoort niet bij {plan.region.name}.")
        lines.append(services.ExchangeInput(municipality, line.target_group, line.delta))
    services.exchange_record(
        actor=request.user, plan=plan, agreed_on=payload.agreed_on, description=payload.description, lines=lines
    )
    return Status(201, _plan_out(request, plan, None))
