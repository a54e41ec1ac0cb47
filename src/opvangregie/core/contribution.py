"""Living allowance (leefgeld) and own contribution (eigen bijdrage) of Ukrainian households, per month.

Rules, with their sources (decisions in ``docs/adr/0004-ukrainian-households.md``):

- Leefgeld (RooO art. 9; "Leefgeld vluchtelingen Oekraïne", Rijksoverheid): an amount per household
  that depends on household size and, in the 2023 scale, on who is adult or minor, plus personal
  money per person. With full catering only the personal money is paid.
- Eigen bijdrage (RooO art. 9a, in force 1 July 2024, raised 1 October 2025): every adult (18+) in
  municipal reception (GOO) with income pays an amount for running costs and, where catering is
  provided, for catering; at most two adults per household are charged.
- The 115% norm: a household that pays keeps at least its leefgeld + 15%. Published thresholds for a
  single adult: leefgeld stops entirely at income ``1.15 × L`` and the full contribution applies from
  ``1.15 × (L + contribution)``. The rule between the two thresholds is not published; it is a
  configurable formula (:class:`BetweenThresholds`), linear by default.

Incomes of the adults are added up (how municipalities combine incomes is not published either).
Amounts are rounded to the cent in the household's favour: leefgeld up, the contribution down, so the
115% guarantee holds exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum

from opvangregie.core.errors import ValidationError

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
ADULT_AGE = 18
PENSION_AGE = 67
"""AOW age in 2024-2027 (Algemene Ouderdomswet art. 7a): 67 years."""


def euro(amount: Decimal) -> str:
    """``€ 1.234,56`` as written in Dutch letters."""
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}€ {grouped},{cents}"


def age_in_year(year_of_birth: int, on: date) -> int:
    """The age reached in the calendar year of ``on``; only the year of birth is kept (data minimisation)."""
    return on.year - year_of_birth


def is_adult(year_of_birth: int, on: date) -> bool:
    """Adult (18+) from 1 January of the year of the 18th birthday: the convention when only the year is known."""
    return age_in_year(year_of_birth, on) >= ADULT_AGE


def is_pension_age(year_of_birth: int, on: date) -> bool:
    """Of pension age (AOW age 67) from 1 January of the year of the 67th birthday."""
    return age_in_year(year_of_birth, on) >= PENSION_AGE


class BetweenThresholds(StrEnum):
    """How leefgeld and contribution run between the two published income thresholds.

    - ``linear`` (default): ``leefgeld = clamp(L − I/1.15, 0, L)`` and
      ``contribution = clamp(I/1.15 − L, 0, E)``; continuous, it meets both published thresholds.
    - ``step``: the full leefgeld below ``1.15 × L`` and none from there; the contribution of ``k`` charged
      adults once the income reaches ``1.15 × (L + k × rate)``. Also meets both thresholds, with cliffs.
    """

    LINEAR = "linear"
    STEP = "step"


class ReceptionType(StrEnum):
    """Municipal reception (gemeentelijke opvang, GOO) or private reception (particuliere opvang, POO)."""

    MUNICIPAL = "municipal"
    PRIVATE = "private"


@dataclass(frozen=True, slots=True)
class LeefgeldBand:
    """Amounts for households of ``household_size`` persons or more (up to the next band).

    ``per_household`` covers exactly ``household_size`` persons; every further person adds
    ``per_extra_person``. ``per_adult`` and ``per_minor`` are paid per member on top (the 2023 scale).
    """

    household_size: int
    per_household: Decimal = ZERO
    per_extra_person: Decimal = ZERO
    per_adult: Decimal = ZERO
    per_minor: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class LeefgeldScale:
    """The leefgeld amounts valid from ``valid_from``: bands by household size plus personal money per person."""

    valid_from: date
    personal_per_person: Decimal
    bands: tuple[LeefgeldBand, ...]
    source: str = ""

    def __post_init__(self) -> None:
        sizes = [band.household_size for band in self.bands]
        if not sizes or sizes[0] != 1 or sizes != sorted(set(sizes)):
            raise ValidationError("Een leefgeldtabel begint bij huishoudgrootte 1 en heeft oplopende groottes.")

    def band(self, size: int) -> LeefgeldBand:
        return [band for band in self.bands if band.household_size <= size][-1]


@dataclass(frozen=True, slots=True)
class ContributionRate:
    """The own contribution valid from ``valid_from`` (per adult per month) and its 115% norm."""

    valid_from: date
    per_adult: Decimal
    catering_per_adult: Decimal
    max_adults_charged: int = 2
    norm_factor: Decimal = Decimal("1.15")
    between_thresholds: BetweenThresholds = BetweenThresholds.LINEAR
    source: str = ""


@dataclass(frozen=True, slots=True)
class Rates:
    """The dated rate tables; the rates valid on a day are the latest that started on or before it."""

    leefgeld: Sequence[LeefgeldScale]
    contribution: Sequence[ContributionRate] = ()

    def leefgeld_on(self, on: date) -> LeefgeldScale:
        valid = [scale for scale in self.leefgeld if scale.valid_from <= on]
        if not valid:
            raise ValidationError(f"Er is geen leefgeldtabel die geldt op {on:%d-%m-%Y}.")
        return max(valid, key=lambda scale: scale.valid_from)

    def contribution_on(self, on: date) -> ContributionRate | None:
        valid = [rate for rate in self.contribution if rate.valid_from <= on]
        return max(valid, key=lambda rate: rate.valid_from) if valid else None


@dataclass(frozen=True, slots=True)
class HouseholdMonth:
    """What the calculation needs of a household in one month: its adults' incomes and its minors."""

    adult_incomes: tuple[Decimal, ...]
    minors: int = 0
    catering: bool = False
    reception: ReceptionType = ReceptionType.MUNICIPAL

    def __post_init__(self) -> None:
        if self.minors < 0 or any(income < 0 for income in self.adult_incomes):
            raise ValidationError("Inkomens en aantallen kunnen niet negatief zijn.")
        if not self.adult_incomes and not self.minors:
            raise ValidationError("Een huishouden heeft minstens één lid.")

    @property
    def size(self) -> int:
        return len(self.adult_incomes) + self.minors

    @property
    def income(self) -> Decimal:
        return sum(self.adult_incomes, ZERO)

    @property
    def earners(self) -> int:
        return sum(1 for income in self.adult_incomes if income > 0)


@dataclass(frozen=True, slots=True)
class MonthResult:
    """Leefgeld owed and own contribution owed for one month, with the calculation in words."""

    month: date
    household_size: int
    income: Decimal
    leefgeld_entitlement: Decimal
    leefgeld: Decimal
    maximum_contribution: Decimal
    own_contribution: Decimal
    leefgeld_ends_at: Decimal
    full_contribution_from: Decimal
    between_thresholds: BetweenThresholds
    explanation: tuple[str, ...] = field(default=())

    @property
    def receives_leefgeld(self) -> bool:
        return self.leefgeld > 0

    @property
    def pays_contribution(self) -> bool:
        return self.own_contribution > 0


def _comma(number: Decimal) -> str:
    return str(number).replace(".", ",")


def _up(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_CEILING)


def _down(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_FLOOR)


def _clamp(amount: Decimal, upper: Decimal) -> Decimal:
    return min(max(amount, ZERO), upper)


def leefgeld_entitlement(scale: LeefgeldScale, household: HouseholdMonth) -> tuple[Decimal, list[str]]:
    """The full leefgeld of the household before income is taken into account, with its explanation."""
    size, adults, minors = household.size, len(household.adult_incomes), household.minors
    personal = scale.personal_per_person * size
    if household.catering:
        return personal, [
            f"Met volledige maaltijdverzorging alleen zakgeld: {size} × {euro(scale.personal_per_person)}."
        ]
    band = scale.band(size)
    extra = max(0, size - band.household_size)
    food = band.per_household + band.per_extra_person * extra + band.per_adult * adults + band.per_minor * minors
    lines = [f"Huishouden van {size} ({adults} volwassen, {minors} minderjarig): tabel vanaf {band.household_size}."]
    if band.per_household:
        lines.append(
            f"Huishoudbedrag {euro(band.per_household)}"
            + (f" + {extra} × {euro(band.per_extra_person)}" if extra else "")
            + "."
        )
    if band.per_adult or band.per_minor:
        lines.append(f"Voeding: {adults} × {euro(band.per_adult)} + {minors} × {euro(band.per_minor)}.")
    lines.append(f"Zakgeld: {size} × {euro(scale.personal_per_person)}. Volledig leefgeld: {euro(food + personal)}.")
    return food + personal, lines


def month_calculate(rates: Rates, household: HouseholdMonth, month: date) -> MonthResult:
    """Leefgeld and own contribution of ``household`` for the month starting ``month`` (rates of its first day)."""
    first = month.replace(day=1)
    scale = rates.leefgeld_on(first)
    rate = rates.contribution_on(first)
    entitlement, lines = leefgeld_entitlement(scale, household)
    income = household.income
    factor = rate.norm_factor if rate else Decimal("1.15")
    method = rate.between_thresholds if rate else BetweenThresholds.LINEAR
    charged = 0
    maximum = ZERO
    if household.reception is ReceptionType.PRIVATE:
        lines.append("Particuliere opvang: geen eigen bijdrage.")
    elif rate is None:
        lines.append(f"Op {first:%d-%m-%Y} gold nog geen eigen bijdrage.")
    else:
        charged = min(household.earners, rate.max_adults_charged)
        per_adult = rate.per_adult + (rate.catering_per_adult if household.catering else ZERO)
        maximum = per_adult * charged
        what = "exploitatiekosten" + (" en maaltijden" if household.catering else "")
        lines.append(
            f"Eigen bijdrage ({what}): {charged} van {household.earners} volwassene(n) met inkomen "
            f"(ten hoogste {rate.max_adults_charged}) × {euro(per_adult)} = {euro(maximum)} per maand."
        )
    lower, upper = entitlement * factor, (entitlement + maximum) * factor
    lines.append(
        f"Inkomen van het huishouden: {euro(income)}. Norm {factor * 100:.0f}%: het leefgeld stopt bij "
        f"{euro(_up(lower))}; de volledige bijdrage geldt vanaf {euro(_up(upper))}."
    )
    if method is BetweenThresholds.LINEAR:
        leefgeld = _up(_clamp(entitlement - income / factor, entitlement))
        contribution = _down(_clamp(income / factor - entitlement, maximum))
        lines.append(
            f"Tussen de drempels lineair: leefgeld = volledig leefgeld − inkomen / {_comma(factor)}; "
            f"bijdrage = inkomen / {_comma(factor)} − volledig leefgeld (tussen 0 en het maximum)."
        )
    else:
        leefgeld = entitlement if income < lower else ZERO
        steps = [k for k in range(charged + 1) if income >= (entitlement + maximum * k / max(charged, 1)) * factor]
        contribution = maximum * max(steps) / max(charged, 1) if steps else ZERO
        lines.append("Tussen de drempels trapsgewijs: per volwassene de volledige bijdrage of niets.")
    lines.append(f"Leefgeld deze maand: {euro(leefgeld)}. Eigen bijdrage deze maand: {euro(contribution)}.")
    return MonthResult(
        month=first,
        household_size=household.size,
        income=income,
        leefgeld_entitlement=entitlement,
        leefgeld=leefgeld,
        maximum_contribution=maximum,
        own_contribution=contribution,
        leefgeld_ends_at=_up(lower),
        full_contribution_from=_up(upper),
        between_thresholds=method,
        explanation=tuple(lines),
    )


@dataclass(frozen=True, slots=True)
class ReimbursementRate:
    """The State's normbedrag per realised place per day in municipal reception (BooO art. 3)."""

    valid_from: date
    per_place_per_day: Decimal
    source: str = ""


def reimbursement_estimate(rates: Sequence[ReimbursementRate], places_per_day: Sequence[tuple[date, int]]) -> Decimal:
    """``Σ normbedrag(day) × realised places(day)`` over the given days (BooO: per gerealiseerde plek per dag)."""
    ordered = sorted(rates, key=lambda rate: rate.valid_from)
    total = ZERO
    for day, places in places_per_day:
        valid = [rate for rate in ordered if rate.valid_from <= day]
        if valid and places > 0:
            total += valid[-1].per_place_per_day * places
    return total
