"""Distribution of asylum reception places over municipalities and provinces (Spreidingswet).

The Wet gemeentelijke taak mogelijk maken asielopvangvoorzieningen (Spreidingswet, in force since
1 February 2024) divides the national need for reception places (96,000 on 1 January 2025, of which
8,140 for unaccompanied minors, AMV) over municipalities by their number of inhabitants and their
CBS socio-economic status score (SES-WOA; amendment Van Dijk, October 2023): municipalities above the
national average take relatively more. A province's task is the sum of its municipalities' tasks.

The exact formula of the Besluit (Stb. 2024, 13) was not available to us. The best public reading,
implemented as :attr:`KeyKind.POPULATION_SES`, is ``weight = population × (1 + SES)``, normalised
over the country; it reproduces the published multipliers of Bloemendaal (≈1.3) and Heerlen (≈0.7).
Treat results as indicative until checked against Staatscourant 2024, 3320.

A key can also be a weighted mix of named shares, such as Germany's Königsteiner Schlüssel
(2/3 share of tax revenue + 1/3 share of population), used by EASY for the initial distribution of
asylum seekers over the Länder.
"""

from __future__ import annotations

import calendar
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Generic, TypeVar

from opvangregie.core.apportion import Method, apportion
from opvangregie.core.errors import ValidationError
from opvangregie.core.target_groups import TargetGroup

K = TypeVar("K", bound=Hashable)
P = TypeVar("P", bound=Hashable)


class KeyKind(StrEnum):
    POPULATION = "population"
    POPULATION_SES = "population_ses"
    MIX = "mix"


@dataclass(frozen=True, slots=True)
class DistributionKey:
    """How units are weighted: by population, population × (1 + SES), or a weighted mix of shares.

    ``mix`` maps share names (e.g. ``tax``, ``population``) to their weight in the key (e.g. 2/3, 1/3).
    """

    kind: KeyKind
    mix: tuple[tuple[str, Fraction], ...] = ()

    @classmethod
    def population(cls) -> DistributionKey:
        return cls(KeyKind.POPULATION)

    @classmethod
    def population_ses(cls) -> DistributionKey:
        return cls(KeyKind.POPULATION_SES)

    @classmethod
    def weighted_mix(cls, parts: Mapping[str, Fraction | int | str]) -> DistributionKey:
        mix = tuple(sorted((name, Fraction(weight)) for name, weight in parts.items()))
        if not mix or any(weight <= 0 for _, weight in mix):
            raise ValidationError("Een gemengde sleutel heeft minstens één deel met een positief gewicht.")
        return cls(KeyKind.MIX, mix)

    @classmethod
    def koenigsteiner(cls) -> DistributionKey:
        """Königsteiner Schlüssel: 2/3 share of tax revenue, 1/3 share of population."""
        return cls.weighted_mix({"tax": Fraction(2, 3), "population": Fraction(1, 3)})

    def weights(
        self,
        population: Mapping[K, int],
        *,
        ses: Mapping[K, Decimal | Fraction | float] | None = None,
        shares: Mapping[str, Mapping[K, Decimal | Fraction | int]] | None = None,
    ) -> dict[K, Fraction]:
        """The normalised weight of every unit (they sum to 1)."""
        if any(value < 0 for value in population.values()):
            raise ValidationError("Inwonertallen kunnen niet negatief zijn.")
        if self.kind is KeyKind.POPULATION:
            raw = {unit: Fraction(value) for unit, value in population.items()}
        elif self.kind is KeyKind.POPULATION_SES:
            if not ses:
                raise ValidationError("Voor de sleutel inwoners × (1 + SES) zijn SES-WOA-scores nodig.")
            missing = [str(unit) for unit in population if unit not in ses]
            if missing:
                raise ValidationError(
                    f"SES-WOA-score ontbreekt voor {len(missing)} gemeente(n): {', '.join(missing[:5])}."
                )
            raw = {}
            for unit, value in population.items():
                factor = 1 + _exact(ses[unit])
                if factor <= 0:
                    raise ValidationError(f"SES-score {ses[unit]} van {unit} geeft een gewicht van nul of minder.")
                raw[unit] = value * factor
        else:
            raw = self._mixed(population, shares or {})
        return normalise(raw)

    def _mixed(
        self, population: Mapping[K, int], shares: Mapping[str, Mapping[K, Decimal | Fraction | int]]
    ) -> dict[K, Fraction]:
        """The weighted sum of the shares; :meth:`weights` normalises it, which divides by the sum of the weights."""
        available = {"population": population, **shares}
        result: dict[K, Fraction] = dict.fromkeys(population, Fraction(0))
        for name, weight in self.mix:
            if name not in available:
                raise ValidationError(f"Het deel {name!r} van de sleutel heeft geen gegevens.")
            share = normalise({unit: _exact(available[name].get(unit, 0)) for unit in population})
            for unit in population:
                result[unit] += weight * share[unit]
        return result


def _exact(value: Decimal | Fraction | float | int) -> Fraction:
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


def normalise(raw: Mapping[K, Fraction]) -> dict[K, Fraction]:
    total = sum(raw.values(), Fraction(0))
    if total <= 0:
        raise ValidationError("De gewichten tellen op tot nul: er is niets om naar te verdelen.")
    return {unit: value / total for unit, value in raw.items()}


@dataclass(frozen=True, slots=True)
class Allocation:
    """One municipality's task: all places (AMV included) and the AMV places among them."""

    weight: Fraction
    places: int
    amv_places: int


@dataclass(frozen=True, slots=True)
class Distribution(Generic[K, P]):
    """The result of a distribution run per municipality, and per province as the sum of its municipalities."""

    allocations: dict[K, Allocation]
    provinces: dict[P, Allocation] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(a.places for a in self.allocations.values())

    @property
    def amv_total(self) -> int:
        return sum(a.amv_places for a in self.allocations.values())


def distribute(
    weights: Mapping[K, Fraction],
    *,
    total: int,
    amv_total: int = 0,
    method: Method = Method.HAMILTON,
    province_of: Mapping[K, P] | None = None,
) -> Distribution[K, P]:
    """Divide ``total`` places, of which ``amv_total`` for AMV, over the units by ``weights``.

    The AMV places are apportioned on their own and the other places on their own, so both sums are
    exact under an exact-sum method; a province gets the sum of its municipalities (Spreidingswet).
    """
    if not 0 <= amv_total <= total:
        raise ValidationError("Het aantal AMV-plekken moet tussen 0 en het totaal liggen.")
    amv = apportion(weights, amv_total, method)
    other = apportion(weights, total - amv_total, method)
    allocations = {unit: Allocation(weights[unit], other[unit] + amv[unit], amv[unit]) for unit in weights}
    provinces: dict[P, Allocation] = {}
    if province_of is not None:
        for unit, allocation in allocations.items():
            current = provinces.get(province_of[unit], Allocation(Fraction(0), 0, 0))
            provinces[province_of[unit]] = Allocation(
                current.weight + allocation.weight,
                current.places + allocation.places,
                current.amv_places + allocation.amv_places,
            )
    return Distribution(allocations, provinces)


@dataclass(frozen=True, slots=True)
class ExchangeLine(Generic[K]):
    """In an exchange, ``unit`` takes ``delta`` more (or fewer) places of ``target_group``."""

    unit: K
    target_group: str
    delta: int


def check_exchange(lines: Sequence[ExchangeLine[K]], *, ratios: Mapping[str, Fraction]) -> dict[K, Fraction]:
    """Check an exchange of tasks ("uitwisseling van opgaven") and return each municipality's change of load.

    Per target group the changes must sum to zero, so the regional and provincial totals hold
    (Spreidingswet: the provincial total is fixed; shifts between municipalities are agreed at the
    provincial steering table). The load of a municipality is valued at the plan's ratio per target
    group (asylum places per place of that group, e.g. 1 for a Ukrainian place): taking 20 Ukrainian
    places for 20 asylum places leaves the load unchanged.
    """
    if len(lines) < 2:
        raise ValidationError("Een uitwisseling heeft minstens twee regels: wie neemt meer, wie minder.")
    if any(line.delta == 0 for line in lines):
        raise ValidationError("Elke regel van een uitwisseling verandert de opgave (niet 0).")
    by_group: dict[str, int] = {}
    load: dict[K, Fraction] = {}
    for line in lines:
        if line.target_group not in ratios:
            group = TargetGroup.dutch_name(line.target_group)
            raise ValidationError(f"Het plan kent geen verhouding voor de doelgroep {group}.")
        by_group[line.target_group] = by_group.get(line.target_group, 0) + line.delta
        load[line.unit] = load.get(line.unit, Fraction(0)) + line.delta * ratios[line.target_group]
    unbalanced = {group: total for group, total in by_group.items() if total}
    if unbalanced:
        detail = ", ".join(f"{TargetGroup.dutch_name(group)} {total:+d}" for group, total in sorted(unbalanced.items()))
        raise ValidationError(
            f"De uitwisseling verandert het totaal per doelgroep ({detail}); de regionale en provinciale "
            "totalen moeten gelijk blijven."
        )
    return load


@dataclass(frozen=True, slots=True)
class CountingRules:
    """Which existing asylum places count toward the task (rijksoverheid, 31 January 2024): locations of
    at least ``min_places`` places available for at least ``min_years`` more years, and places that
    become available within ``pipeline_months``. Ukrainian places never count."""

    min_places: int = 100
    min_years: int = 5
    pipeline_months: int = 12


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    """What the location register knows of one asylum or AMV location on the reference date."""

    places: int
    in_use: bool
    in_preparation: bool
    planned_until: date | None = None
    expected_in_use: date | None = None


@dataclass(frozen=True, slots=True)
class Counted:
    places: int
    reason: str


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the last day of that month if it is shorter (29 February in a
    leap year; Regulation (EEC, Euratom) No 1182/71, art. 3(2)(c))."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def counted_places(facts: PlaceFacts, rules: CountingRules, *, on: date) -> Counted:
    """The places of one location that count toward the Spreidingswet task on ``on``, with the reason."""
    if facts.in_use:
        if facts.places < rules.min_places:
            return Counted(0, f"telt niet: minder dan {rules.min_places} plekken")
        if facts.planned_until is not None and facts.planned_until < _add_years(on, rules.min_years):
            return Counted(
                0, f"telt niet: beschikbaar tot {facts.planned_until:%d-%m-%Y}, korter dan {rules.min_years} jaar"
            )
        return Counted(facts.places, f"telt: {rules.min_places}+ plekken voor {rules.min_years}+ jaar")
    if facts.in_preparation and facts.expected_in_use is not None:
        if facts.expected_in_use <= _add_months(on, rules.pipeline_months):
            return Counted(facts.places, f"telt: beschikbaar binnen {rules.pipeline_months} maanden")
        return Counted(0, f"telt niet: pas beschikbaar na {rules.pipeline_months} maanden")
    return Counted(0, "telt niet: niet in gebruik en geen verwachte ingebruikname")
