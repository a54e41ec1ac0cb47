"""Apportionment: dividing a whole number of persons or places over units in proportion to weights.

All arithmetic is exact (integers and :class:`fractions.Fraction`), so results never depend on float
drift. Every method has one deterministic tie rule: when two units have exactly the same claim to the
next seat (or the same remainder), the unit with the larger weight wins, then the unit that comes
first in the input.

Methods:

- ``statutory_ceiling``: ``ceil(total × weight / Σ weight)`` per unit, the status-holder quota of the
  Huisvestingswet 2014 art. 29(1) ("naar boven afgerond op een geheel getal"). The sum may exceed
  ``total`` (by less than the number of units).
- ``half_up``: the exact quota rounded half up; the sum may differ from ``total`` either way. Common
  in published tables that are rounded line by line.
- ``hamilton`` (largest remainder, Hare–Niemeyer): floors of the quotas, the remaining seats to the
  largest remainders. Used for the Dutch Bundestag-style seat splits and many statistical tables.
- ``dhondt`` (Jefferson): highest averages with divisors 1, 2, 3, …; the Dutch Kieswet (art. P 6)
  allocates the residual seats of the Tweede Kamer this way. Favours large units.
- ``sainte_lague`` (Webster): divisors 1, 3, 5, … (here 0.5, 1.5, …); used for the German Bundestag
  and in Scandinavian parliaments. Neutral between large and small units.
- ``huntington_hill`` (equal proportions): divisors ``√(s(s+1))``; the apportionment of the US House
  of Representatives since 1941. Every unit with a positive weight gets at least one seat.

``minimum`` gives every unit at least that many seats (e.g. a minimum workable location size); for
the exact-sum methods the remaining seats are apportioned over the units above their minimum.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Hashable, Mapping
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import TypeVar

from opvangregie.core.errors import ValidationError

K = TypeVar("K", bound=Hashable)
Weight = int | Fraction | Decimal | float


class Method(StrEnum):
    """An apportionment method (see the module docstring for where each is used)."""

    STATUTORY_CEILING = "statutory_ceiling"
    HALF_UP = "half_up"
    HAMILTON = "hamilton"
    DHONDT = "dhondt"
    SAINTE_LAGUE = "sainte_lague"
    HUNTINGTON_HILL = "huntington_hill"

    @property
    def exact_sum(self) -> bool:
        """True when the method always hands out exactly the total."""
        return self not in (Method.STATUTORY_CEILING, Method.HALF_UP)


def exact_weight(value: Weight) -> Fraction:
    """A weight as an exact fraction (floats through their shortest decimal representation)."""
    if isinstance(value, bool):
        raise ValidationError("Een gewicht moet een getal zijn.")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(f"Ongeldig gewicht {value}.")
        return Fraction(repr(value))
    return Fraction(value)


def exact_quotas(weights: Mapping[K, Weight], total: int) -> dict[K, Fraction]:
    """The exact (unrounded) share of ``total`` of every unit: ``total × weight / Σ weight``."""
    exact = {key: exact_weight(weight) for key, weight in weights.items()}
    if any(weight < 0 for weight in exact.values()):
        raise ValidationError("Gewichten kunnen niet negatief zijn.")
    weight_sum = sum(exact.values(), Fraction(0))
    if weight_sum == 0:
        return dict.fromkeys(exact, Fraction(0))
    return {key: total * weight / weight_sum for key, weight in exact.items()}


def apportion(weights: Mapping[K, Weight], total: int, method: Method | str, *, minimum: int = 0) -> dict[K, int]:
    """Divide ``total`` over the units of ``weights`` with ``method``; returns the seats per unit.

    Raises :class:`ValidationError` for negative weights or totals, or when the minimum cannot be met
    within the total under an exact-sum method.
    """
    method = Method(method)
    if total < 0:
        raise ValidationError("Het totaal kan niet negatief zijn.")
    if minimum < 0:
        raise ValidationError("Het minimum kan niet negatief zijn.")
    exact = {key: exact_weight(weight) for key, weight in weights.items()}
    if any(weight < 0 for weight in exact.values()):
        raise ValidationError("Gewichten kunnen niet negatief zijn.")
    if not exact:
        if total and method.exact_sum:
            raise ValidationError("Er is niets om over te verdelen: geen eenheden.")
        return {}
    if method is Method.STATUTORY_CEILING:
        return {key: max(minimum, math.ceil(q)) for key, q in exact_quotas(exact, total).items()}
    if method is Method.HALF_UP:
        return {key: max(minimum, math.floor(q + Fraction(1, 2))) for key, q in exact_quotas(exact, total).items()}
    if minimum * len(exact) > total:
        raise ValidationError(
            f"Het minimum van {minimum} per eenheid past niet: {len(exact)} eenheden vragen samen "
            f"{minimum * len(exact)}, het totaal is {total}."
        )
    if total > minimum * len(exact) and sum(exact.values()) == 0:
        raise ValidationError("Alle gewichten zijn nul: er is geen verhouding om naar te verdelen.")
    order = {key: index for index, key in enumerate(exact)}
    if method is Method.HAMILTON:
        return _hamilton(exact, total, minimum, order)
    return _divisor(exact, total, minimum, order, priority=_PRIORITY[method], rounding=_ROUND[method])


def _hamilton(weights: dict[K, Fraction], total: int, minimum: int, order: dict[K, int]) -> dict[K, int]:
    """Largest remainder; units whose quota is below the minimum are fixed there and the rest recomputed."""
    fixed: dict[K, int] = {}
    free = dict(weights)
    while True:
        quotas = exact_quotas(free, total - minimum * len(fixed))
        below = [key for key, quota in quotas.items() if quota < minimum]
        if not below:
            break
        for key in below:
            fixed[key] = minimum
            del free[key]
    seats = {key: math.floor(quota) for key, quota in quotas.items()}
    left = total - minimum * len(fixed) - sum(seats.values())
    ranked = sorted(quotas, key=lambda key: (-(quotas[key] - seats[key]), -free[key], order[key]))
    for key in ranked[:left]:
        seats[key] += 1
    return {key: fixed[key] if key in fixed else seats[key] for key in weights}


# The claim of a unit with weight w and s seats to its (s+1)-th seat, as a comparable number. For
# Huntington–Hill the claim w/√(s(s+1)) is compared through its square to stay exact.
Priority = Callable[[Fraction, int], Fraction | float]


def _dhondt(weight: Fraction, seats: int) -> Fraction:
    return weight / (seats + 1)


def _sainte_lague(weight: Fraction, seats: int) -> Fraction:
    return weight / (seats + Fraction(1, 2))


def _huntington_hill(weight: Fraction, seats: int) -> Fraction | float:
    if weight == 0:
        return Fraction(0)
    return math.inf if seats == 0 else weight * weight / (seats * (seats + 1))


def _round_dhondt(quotient: Fraction) -> int:
    return math.floor(quotient)


def _round_sainte_lague(quotient: Fraction) -> int:
    return math.floor(quotient + Fraction(1, 2))


def _round_huntington_hill(quotient: Fraction) -> int:
    """Up from the geometric mean √(s(s+1)), compared through squares; a positive quotient below 1 gives 1
    (the first divisor is 0). Only positive quotients are rounded (a unit without weight gets the minimum)."""
    floor = math.floor(quotient)
    return floor + 1 if quotient * quotient >= floor * (floor + 1) else floor


_PRIORITY: dict[Method, Priority] = {
    Method.DHONDT: _dhondt,
    Method.SAINTE_LAGUE: _sainte_lague,
    Method.HUNTINGTON_HILL: _huntington_hill,
}
_ROUND: dict[Method, Callable[[Fraction], int]] = {
    Method.DHONDT: _round_dhondt,
    Method.SAINTE_LAGUE: _round_sainte_lague,
    Method.HUNTINGTON_HILL: _round_huntington_hill,
}


def _divisor(
    weights: dict[K, Fraction],
    total: int,
    minimum: int,
    order: dict[K, int],
    *,
    priority: Priority,
    rounding: Callable[[Fraction], int],
) -> dict[K, int]:
    """A divisor method: round every quotient with one common divisor, then move single seats.

    The first guess divides by Σ weight / total; seats are then added to the strongest claim to a next
    seat (or taken from the weakest claim to a last seat) until exactly ``total`` are handed out. Each
    step keeps the max–min condition of divisor methods, so the result is the method's apportionment.
    """
    weight_sum = sum(weights.values(), Fraction(0))
    divisor = weight_sum / total if total and weight_sum else None
    seats = {
        key: max(minimum, rounding(weight / divisor) if divisor else 0) if weight else minimum
        for key, weight in weights.items()
    }
    handed_out = sum(seats.values())
    if handed_out < total:
        claims = [(_negated(priority(weights[key], seats[key])), -weights[key], order[key], key) for key in weights]
        heapq.heapify(claims)
        while handed_out < total:
            _, _, _, key = heapq.heappop(claims)
            seats[key] += 1
            handed_out += 1
            heapq.heappush(claims, (_negated(priority(weights[key], seats[key])), -weights[key], order[key], key))
    elif handed_out > total:
        holders = [
            (priority(weights[key], seats[key] - 1), weights[key], -order[key], key)
            for key in weights
            if seats[key] > minimum
        ]
        heapq.heapify(holders)
        while handed_out > total:
            _, _, _, key = heapq.heappop(holders)
            seats[key] -= 1
            handed_out -= 1
            if seats[key] > minimum:
                heapq.heappush(holders, (priority(weights[key], seats[key] - 1), weights[key], -order[key], key))
    return seats


def _negated(value: Fraction | float) -> Fraction | float:
    return -value
