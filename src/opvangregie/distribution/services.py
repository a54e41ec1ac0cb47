"""Writes for the Spreidingswet distribution: SES data sets, runs (stored with their inputs), published
tasks, counting rules, regional plans, contributions and exchanges. Permission, transaction, audit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction

from opvangregie.areas.models import Municipality, MunicipalityYear, Region
from opvangregie.audit import audited_save
from opvangregie.core.apportion import Method
from opvangregie.core.codes import MunicipalityCode
from opvangregie.core.errors import ValidationError
from opvangregie.core.spreiding import Distribution, DistributionKey, KeyKind, check_exchange, distribute
from opvangregie.core.spreiding import ExchangeLine as CoreExchangeLine
from opvangregie.core.target_groups import TargetGroup
from opvangregie.distribution.models import (
    CountingRuleSet,
    DistributionResult,
    DistributionRun,
    Exchange,
    ExchangeLine,
    PlanContribution,
    PublishedTask,
    RegionalPlan,
    SesDataset,
    SesScore,
)
from opvangregie.distribution.ses import parse_ses_scores
from opvangregie.organisations.scope import require, scope_for
from opvangregie.ui.imports import all_rows_or_none
from opvangregie.ui.tables import TableRow, cell_int, read_table

NO_NATIONAL = "Alleen landelijke beheerders maken verdeelberekeningen en lezen landelijke gegevens in."
NO_REGION = "Alleen de coördinatoren van deze regio wijzigen het regionale plan."
FALLBACK_NOTICE = "Zonder SES-WOA-scores is alleen naar het aantal inwoners verdeeld."


def _require_national(actor: Any) -> None:
    require(scope_for(actor).edits_national, NO_NATIONAL)


@transaction.atomic
def ses_dataset_load(
    *, actor: Any, name: str, year: int, file_name: str, content: bytes, source: str = ""
) -> SesDataset:
    """Load SES-WOA scores (columns ``code,score``); all rows or none."""
    _require_national(actor)
    if SesDataset.objects.filter(name=name).exists():
        raise ValidationError(f"Er is al een SES-gegevensset met de naam {name!r}.")
    municipalities = {m.code: m for m in Municipality.objects.all()}
    scores = parse_ses_scores(file_name=file_name, content=content, known_codes=set(municipalities))
    dataset = SesDataset(name=name, year=year, source=source)
    audited_save(dataset, actor=actor)
    SesScore.objects.bulk_create(
        SesScore(dataset=dataset, municipality=municipalities[code], score=score) for code, score in scores.items()
    )
    return dataset


@dataclass(frozen=True, slots=True)
class RunInput:
    cycle: int
    label: str
    needed_on: date
    total: int
    amv_total: int
    key: KeyKind = KeyKind.POPULATION_SES
    method: Method = Method.HAMILTON
    population_year: int = 2025
    ses_dataset_id: int | None = None
    is_example: bool = False


def _inputs(data: RunInput) -> tuple[dict[Municipality, int], dict[Municipality, Decimal]]:
    rows = MunicipalityYear.objects.filter(reference_year=data.population_year).select_related("municipality")
    population = {row.municipality: row.population for row in rows}
    if not population:
        raise ValidationError(f"Er is geen gemeentelijke indeling van {data.population_year} geladen.")
    ses: dict[Municipality, Decimal] = {}
    if data.ses_dataset_id is not None:
        by_id = {m.pk: m for m in population}
        for municipality_id, score in SesScore.objects.filter(dataset_id=data.ses_dataset_id).values_list(
            "municipality_id", "score"
        ):
            if municipality_id in by_id:
                ses[by_id[municipality_id]] = score
    else:
        ses = {row.municipality: row.ses_score for row in rows if row.ses_score is not None}
        if len(ses) < len(population):
            ses = {}
    return population, ses


@transaction.atomic
def run_create(*, actor: Any, data: RunInput, adopt: bool = False) -> DistributionRun:
    """Compute a distribution and store it with its inputs (population, SES) so it reproduces exactly.

    Without SES scores the key falls back to population, and the run says so (``notice``).
    """
    _require_national(actor)
    if data.method not in (Method.HAMILTON, Method.DHONDT, Method.SAINTE_LAGUE, Method.HUNTINGTON_HILL):
        raise ValidationError("Kies een methode die precies het totaal verdeelt.")
    if not data.label.strip():
        raise ValidationError("Geef de berekening een naam.")
    population, ses = _inputs(data)
    key, notice = DistributionKey(data.key), ""
    if key.kind is KeyKind.POPULATION_SES and len(ses) < len(population):
        key, notice = DistributionKey.population(), FALLBACK_NOTICE
    weights = key.weights(population, ses=ses)
    result: Distribution[Municipality, str] = distribute(
        weights, total=data.total, amv_total=data.amv_total, method=data.method
    )
    run = DistributionRun(
        cycle=data.cycle,
        label=data.label.strip(),
        needed_on=data.needed_on,
        total=data.total,
        amv_total=data.amv_total,
        key=data.key.value,
        key_used=key.kind.value,
        method=data.method.value,
        population_year=data.population_year,
        ses_dataset_id=data.ses_dataset_id,
        notice=notice,
        is_example=data.is_example,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audited_save(run, actor=actor, reason="distribution run")
    DistributionResult.objects.bulk_create(
        DistributionResult(
            run=run,
            municipality=municipality,
            population=population[municipality],
            ses_score=ses.get(municipality),
            weight=f"{allocation.weight.numerator}/{allocation.weight.denominator}",
            places=allocation.places,
            amv_places=allocation.amv_places,
        )
        for municipality, allocation in result.allocations.items()
    )
    if adopt:
        run_adopt(actor=actor, run=run)
    return run


def run_reproduce(run: DistributionRun) -> dict[int, tuple[int, int]]:
    """Recompute a run from its stored inputs: places and AMV places per municipality id."""
    results = list(run.results.all())
    population = {r.municipality_id: r.population for r in results}
    ses = {r.municipality_id: r.ses_score for r in results if r.ses_score is not None}
    key = DistributionKey(KeyKind(run.key_used))
    weights = key.weights(population, ses=ses if key.kind is KeyKind.POPULATION_SES else None)
    stored = {r.municipality_id: Fraction(r.weight) for r in results}
    if weights != stored:
        raise ValidationError("De opgeslagen gewichten wijken af van een herberekening.")
    result: Distribution[int, str] = distribute(
        weights, total=run.total, amv_total=run.amv_total, method=Method(run.method)
    )
    return {unit: (a.places, a.amv_places) for unit, a in result.allocations.items()}


@transaction.atomic
def run_adopt(*, actor: Any, run: DistributionRun) -> DistributionRun:
    """Make ``run`` the one that sets the cycle's tasks (the others stay as what-if runs)."""
    _require_national(actor)
    for other in DistributionRun.objects.filter(cycle=run.cycle, is_adopted=True).exclude(pk=run.pk):
        other.is_adopted = False
        audited_save(other, actor=actor, reason="another run adopted")
    run.is_adopted = True
    audited_save(run, actor=actor, reason="run adopted")
    return run


def published_tasks_import(*, actor: Any, cycle: int, file_name: str, content: bytes, source: str = "") -> int:
    """Import published tasks (columns ``gemeentecode``, ``plekken``, optional ``amv``); all rows or none."""
    _require_national(actor)
    rows = read_table(
        file_name=file_name,
        content=content,
        required=("gemeentecode", "plekken"),
        optional=("amv", "gemeente"),
        aliases={"code": "gemeentecode", "places": "plekken", "amv_places": "amv", "name": "gemeente"},
    )
    municipalities = {m.code: m for m in Municipality.objects.all()}
    seen: dict[str, int] = {}

    def record(row: TableRow) -> None:
        code = str(MunicipalityCode.parse(str(row.values["gemeentecode"] or "")))
        if code not in municipalities:
            raise ValidationError(f"onbekende gemeentecode {code}.")
        if code in seen:
            raise ValidationError(f"{code} staat ook op regel {seen[code]}.")
        seen[code] = row.line
        places = cell_int(row.values["plekken"], "plekken")
        amv = cell_int(row.values.get("amv"), "amv")
        if places is None or places < 0 or (amv is not None and not 0 <= amv <= places):
            raise ValidationError("plekken moet 0 of meer zijn, en amv tussen 0 en plekken.")
        task = PublishedTask.objects.filter(cycle=cycle, municipality=municipalities[code]).first() or PublishedTask(
            cycle=cycle, municipality=municipalities[code]
        )
        task.places, task.amv_places, task.source = places, amv, source or file_name
        audited_save(task, actor=actor)

    all_rows_or_none(rows, record)
    return len(rows)


@transaction.atomic
def counting_rules_set(
    *, actor: Any, cycle: int, min_places: int, min_years: int, pipeline_months: int
) -> CountingRuleSet:
    _require_national(actor)
    if min_places < 1 or min_years < 0 or pipeline_months < 0:
        raise ValidationError("De telregels moeten positieve getallen zijn.")
    rules = CountingRuleSet.objects.filter(cycle=cycle).first() or CountingRuleSet(cycle=cycle)
    rules.min_places, rules.min_years, rules.pipeline_months = min_places, min_years, pipeline_months
    audited_save(rules, actor=actor)
    return rules


def _require_region(actor: Any, region: Region) -> None:
    require(scope_for(actor).edits_region(region.pk), NO_REGION)


def _groups(mapping: Mapping[str, Any], what: str) -> None:
    unknown = [key for key in mapping if key not in {g.value for g in TargetGroup}]
    if unknown:
        raise ValidationError(f"Onbekende doelgroep in {what}: {', '.join(unknown)}.")


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    region: Region,
    cycle: int,
    target_places: int,
    ratios: Mapping[str, str | int] | None = None,
    min_location_size: Mapping[str, int] | None = None,
    description: str = "",
    is_example: bool = False,
) -> RegionalPlan:
    """A region's joint plan for a cycle; ``ratios``: asylum places per place of each target group."""
    _require_region(actor, region)
    if target_places <= 0:
        raise ValidationError("Het gezamenlijke doel moet groter zijn dan nul.")
    ratios = dict(ratios or {g.value: "1" for g in TargetGroup if g is not TargetGroup.EMERGENCY})
    _groups(ratios, "de verhoudingen")
    for group, ratio in ratios.items():
        if Fraction(str(ratio)) <= 0:
            raise ValidationError(f"De verhouding voor {TargetGroup.dutch_name(group)} moet groter zijn dan nul.")
    sizes = dict(min_location_size or {})
    _groups(sizes, "de minimale locatiegrootte")
    if RegionalPlan.objects.filter(region=region, cycle=cycle).exists():
        raise ValidationError(f"{region.name} heeft al een plan voor {cycle}.")
    plan = RegionalPlan(
        region=region,
        cycle=cycle,
        target_places=target_places,
        description=description,
        ratios={group: str(Fraction(str(ratio))) for group, ratio in ratios.items()},
        min_location_size=sizes,
        is_example=is_example,
    )
    audited_save(plan, actor=actor)
    return plan


def _member(plan: RegionalPlan, municipality: Municipality) -> None:
    if not plan.region.members.filter(pk=municipality.pk).exists():
        raise ValidationError(f"{municipality.name} hoort niet bij de regio {plan.region.name}.")


@transaction.atomic
def contribution_set(
    *, actor: Any, plan: RegionalPlan, municipality: Municipality, target_group: TargetGroup, places: int
) -> PlanContribution:
    """What ``municipality`` contributes to the plan for ``target_group``."""
    _require_region(actor, plan.region)
    _member(plan, municipality)
    if places < 0:
        raise ValidationError("Een bijdrage kan niet negatief zijn.")
    contribution = PlanContribution.objects.filter(
        plan=plan, municipality=municipality, target_group=target_group.value
    ).first() or PlanContribution(plan=plan, municipality=municipality, target_group=target_group.value)
    contribution.places = places
    audited_save(contribution, actor=actor)
    return contribution


@dataclass(frozen=True, slots=True)
class ExchangeInput:
    municipality: Municipality
    target_group: TargetGroup
    delta: int


@transaction.atomic
def exchange_record(
    *,
    actor: Any,
    plan: RegionalPlan,
    agreed_on: date,
    description: str,
    lines: Sequence[ExchangeInput],
    is_example: bool = False,
) -> Exchange:
    """Record an exchange of tasks as ledger entries; refused unless every target group's total holds."""
    _require_region(actor, plan.region)
    if not description.strip():
        raise ValidationError("Beschrijf de uitwisseling.")
    for line in lines:
        _member(plan, line.municipality)
    ratios = {group: Fraction(value) for group, value in plan.ratios.items()}
    check_exchange(
        [CoreExchangeLine(line.municipality.code, line.target_group.value, line.delta) for line in lines],
        ratios=ratios,
    )
    exchange = Exchange(plan=plan, agreed_on=agreed_on, description=description.strip(), is_example=is_example)
    audited_save(exchange, actor=actor)
    for line in lines:
        audited_save(
            ExchangeLine(
                exchange=exchange,
                municipality=line.municipality,
                target_group=line.target_group.value,
                delta=line.delta,
            ),
            actor=actor,
        )
    return exchange
