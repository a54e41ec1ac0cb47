"""core.apportion: exact sums, the quota rule, monotonicity, the statutory formula and tie rules."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opvangregie.core.apportion import Method, apportion, exact_quotas
from opvangregie.core.errors import ValidationError

EXACT_SUM = [m for m in Method if m.exact_sum]
DIVISOR = [Method.DHONDT, Method.SAINTE_LAGUE, Method.HUNTINGTON_HILL]

weights_strategy = st.lists(st.integers(min_value=0, max_value=100_000), min_size=1, max_size=25).filter(
    lambda ws: sum(ws) > 0
)


def as_units(weights: list[int]) -> dict[str, int]:
    return {f"u{i:02d}": w for i, w in enumerate(weights)}


@settings(max_examples=150, deadline=None)
@given(weights=weights_strategy, total=st.integers(min_value=0, max_value=3_000), method=st.sampled_from(EXACT_SUM))
def test_divisor_and_remainder_methods_hand_out_exactly_the_total(weights, total, method) -> None:
    units = as_units(weights)
    if method is Method.HUNTINGTON_HILL:
        total = max(total, sum(1 for w in weights if w))
    seats = apportion(units, total, method)
    assert sum(seats.values()) == total
    assert all(seat >= 0 for seat in seats.values())


@settings(max_examples=150, deadline=None)
@given(weights=weights_strategy, total=st.integers(min_value=0, max_value=3_000))
def test_hamilton_satisfies_the_quota_rule(weights, total) -> None:
    units = as_units(weights)
    seats = apportion(units, total, Method.HAMILTON)
    for key, quota in exact_quotas(units, total).items():
        assert math.floor(quota) <= seats[key] <= math.ceil(quota)


@settings(max_examples=150, deadline=None)
@given(
    weights=weights_strategy,
    total=st.integers(min_value=1, max_value=2_000),
    method=st.sampled_from(DIVISOR),
    unit=st.integers(min_value=0, max_value=24),
    extra=st.integers(min_value=1, max_value=50_000),
)
def test_more_weight_never_lowers_a_share_under_divisor_methods(weights, total, method, unit, extra) -> None:
    units = as_units(weights)
    key = f"u{unit % len(weights):02d}"
    total = max(total, len(weights)) if method is Method.HUNTINGTON_HILL else total
    before = apportion(units, total, method)[key]
    after = apportion({**units, key: units[key] + extra}, total, method)[key]
    assert after >= before


@settings(max_examples=100, deadline=None)
@given(weights=weights_strategy, total=st.integers(min_value=0, max_value=20_000))
def test_statutory_ceiling_is_art_29_and_never_below_the_total(weights, total) -> None:
    units = as_units(weights)
    seats = apportion(units, total, Method.STATUTORY_CEILING)
    weight_sum = sum(weights)
    for key, weight in units.items():
        assert seats[key] == -((-total * weight) // weight_sum)  # ceil(vg × iG / iN) in integers
    assert total <= sum(seats.values()) < total + len(units)


@settings(max_examples=100, deadline=None)
@given(
    weights=weights_strategy,
    minimum=st.integers(min_value=0, max_value=5),
    extra=st.integers(min_value=0, max_value=500),
    method=st.sampled_from(EXACT_SUM),
)
def test_the_minimum_is_respected_and_the_sum_kept(weights, minimum, extra, method) -> None:
    units = as_units(weights)
    total = minimum * len(units) + extra
    if method is Method.HUNTINGTON_HILL:
        total += len(units)
    seats = apportion(units, total, method, minimum=minimum)
    assert sum(seats.values()) == total
    assert min(seats.values()) >= minimum


def test_heemstede_2025_under_the_statutory_formula() -> None:
    """Huisvestingswet art. 29 with vg 15,000 and 13,000, iG 27,589, iN 17,942,942 (1 Jan 2024)."""
    units = {"GM0397": 27_589, "rest": 17_942_942 - 27_589}
    assert apportion(units, 15_000, Method.STATUTORY_CEILING)["GM0397"] == 24
    assert apportion(units, 13_000, Method.STATUTORY_CEILING)["GM0397"] == 20
    assert exact_quotas(units, 13_000)["GM0397"] == Fraction(13_000 * 27_589, 17_942_942)


def test_known_seat_allocations() -> None:
    """A textbook case (votes 100,000 / 80,000 / 30,000 / 20,000; 8 seats)."""
    votes = {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}
    assert apportion(votes, 8, Method.DHONDT) == {"A": 4, "B": 3, "C": 1, "D": 0}
    assert apportion(votes, 8, Method.SAINTE_LAGUE) == {"A": 3, "B": 3, "C": 1, "D": 1}
    assert apportion(votes, 8, Method.HAMILTON) == {"A": 3, "B": 3, "C": 1, "D": 1}  # remainders .78, .70 win
    assert apportion(votes, 8, Method.HUNTINGTON_HILL) == {"A": 3, "B": 3, "C": 1, "D": 1}
    assert apportion(votes, 8, Method.HALF_UP) == {"A": 3, "B": 3, "C": 1, "D": 1}


def test_greedy_baseline_rounding_can_overshoot_but_ceiling_always_does() -> None:
    assert sum(apportion({"a": 1, "b": 1, "c": 1}, 10, Method.STATUTORY_CEILING).values()) == 12
    assert sum(apportion({"a": 1, "b": 1, "c": 1}, 10, Method.HALF_UP).values()) == 9


def test_ties_go_to_the_larger_weight_then_to_the_first_unit() -> None:
    assert apportion({"a": 1, "b": 1}, 1, Method.HAMILTON) == {"a": 1, "b": 0}
    assert apportion({"b": 1, "a": 1}, 1, Method.DHONDT) == {"b": 1, "a": 0}
    assert apportion({"a": 2, "b": 4}, 1, Method.SAINTE_LAGUE) == {"a": 0, "b": 1}
    # equal remainders 0.5 each; the larger weight does not matter for equal quotas -> input order
    assert apportion({"x": 3, "y": 3, "z": 2}, 3, Method.HAMILTON) == {"x": 1, "y": 1, "z": 1}


def test_results_do_not_depend_on_float_drift() -> None:
    thirds = {"a": Fraction(1, 3), "b": Fraction(1, 3), "c": Fraction(1, 3)}
    assert apportion(thirds, 3, Method.HAMILTON) == {"a": 1, "b": 1, "c": 1}
    assert apportion({"a": 0.1, "b": 0.2}, 3, Method.HAMILTON) == {"a": 1, "b": 2}


@pytest.mark.parametrize(
    ("weights", "total", "method", "minimum", "message"),
    [
        ({"a": -1, "b": 2}, 3, Method.HAMILTON, 0, "negatief"),
        ({"a": 1}, -1, Method.DHONDT, 0, "negatief"),
        ({"a": 1, "b": 1}, 3, Method.DHONDT, 2, "minimum"),
        ({"a": 0, "b": 0}, 3, Method.SAINTE_LAGUE, 0, "nul"),
        ({}, 3, Method.HAMILTON, 0, "geen eenheden"),
    ],
)
def test_bad_input_is_refused_with_a_message(weights, total, method, minimum, message) -> None:
    with pytest.raises(ValidationError, match=message):
        apportion(weights, total, method, minimum=minimum)


def test_huntington_hill_gives_every_positive_unit_a_seat() -> None:
    seats = apportion({"big": 1_000_000, "small": 1, "none": 0}, 10, Method.HUNTINGTON_HILL)
    assert seats == {"big": 9, "small": 1, "none": 0}


# --- divisor methods against the definition: seats handed out one at a time -----------------------------


def _claim(method: Method, weight: int, seats: int) -> Fraction | float:
    """The claim of a unit with ``seats`` seats to one more: weight / d(seats), with d(s) = s + 1 (D'Hondt),
    s + ½ (Sainte-Laguë) or √(s(s+1)) (Huntington–Hill, compared through its square; d(0) = 0)."""
    if method is Method.DHONDT:
        return Fraction(weight, seats + 1)
    if method is Method.SAINTE_LAGUE:
        return Fraction(2 * weight, 2 * seats + 1)
    if weight == 0:
        return Fraction(0)
    return math.inf if seats == 0 else Fraction(weight * weight, seats * (seats + 1))


def _one_at_a_time(weights: list[int], total: int, method: Method, minimum: int) -> list[int]:
    """The plain definition: start everyone at the minimum, give each next seat to the strongest claim;
    of equal claims, the larger weight, then the unit first in the input."""
    seats = [minimum] * len(weights)
    for _ in range(total - minimum * len(weights)):
        best = max(range(len(weights)), key=lambda i: (_claim(method, weights[i], seats[i]), weights[i], -i))
        seats[best] += 1
    return seats


@settings(max_examples=60, deadline=None)
@given(
    weights=st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=6).filter(lambda ws: sum(ws) > 0),
    total=st.integers(min_value=0, max_value=40),
    minimum=st.integers(min_value=0, max_value=2),
    method=st.sampled_from(DIVISOR),
)
def test_divisor_methods_equal_handing_out_seats_one_at_a_time(weights, total, minimum, method) -> None:
    positive = sum(1 for w in weights if w)
    total = max(total, minimum * len(weights))
    if method is Method.HUNTINGTON_HILL:
        total = max(total, positive + minimum * (len(weights) - positive))
    seats = apportion(as_units(weights), total, method, minimum=minimum)
    assert list(seats.values()) == _one_at_a_time(weights, total, method, minimum)


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        # Σ = 50, 46 seats: quotas 21.16 / 4.6 / 15.64 / 4.6.
        # D'Hondt: floors give 44; the next seats go to 17/16 = 1.0625 (C), then 23/22 = 1.045 (A).
        (Method.DHONDT, [22, 4, 16, 4]),
        # Sainte-Laguë: rounding gives 47; the weakest last seat is C's (17/15.5 = 1.097 < 5/4.5 < 23/20.5).
        (Method.SAINTE_LAGUE, [21, 5, 15, 5]),
        # Huntington–Hill: rounding at √(s(s+1)) gives 47; C's last seat is the weakest (289/240).
        (Method.HUNTINGTON_HILL, [21, 5, 15, 5]),
        # Largest remainder: floors 21/4/15/4, remainders .64 (C), .6, .6 (B, D: equal, B first).
        (Method.HAMILTON, [21, 5, 16, 4]),
    ],
)
def test_23_5_17_5_over_46_seats_where_the_first_guess_is_wrong(method: Method, expected: list[int]) -> None:
    assert list(apportion(as_units([23, 5, 17, 5]), 46, method).values()) == expected


def test_dhondt_textbook_example_needs_two_more_seats_after_the_first_guess() -> None:
    # 100,000 / 80,000 / 30,000 / 20,000 votes, 8 seats (the standard D'Hondt example): 4 / 3 / 1 / 0;
    # Sainte-Laguë 3 / 3 / 1 / 1.
    votes = as_units([100_000, 80_000, 30_000, 20_000])
    assert list(apportion(votes, 8, Method.DHONDT).values()) == [4, 3, 1, 0]
    assert list(apportion(votes, 8, Method.SAINTE_LAGUE).values()) == [3, 3, 1, 1]


# Seat tables where a wrong rounding of the first guess, a wrong tie rule or a wrong step still lands on
# a plausible result; the expected seats are those of handing out seats one at a time (``_one_at_a_time``,
# checked there too) — D'Hondt's 60 / 2 / 2 over 30 seats is a tie for the 30th seat (60/30 = 2/1).
SEAT_TABLES = [
    ([23, 0, 1, 15, 3, 0], 4, Method.HUNTINGTON_HILL, 0, [1, 0, 1, 1, 1, 0]),
    ([2, 4, 0, 3], 19, Method.HUNTINGTON_HILL, 0, [4, 9, 0, 6]),
    ([2, 0, 4, 5, 38], 28, Method.SAINTE_LAGUE, 2, [2, 2, 2, 3, 19]),
    ([3, 2, 45, 4], 35, Method.HUNTINGTON_HILL, 2, [2, 2, 28, 3]),
    ([60, 2, 2], 30, Method.DHONDT, 0, [30, 0, 0]),
    ([4, 1, 16, 1, 3], 32, Method.HUNTINGTON_HILL, 0, [5, 1, 21, 1, 4]),
    ([4, 3, 2, 13, 0], 33, Method.HUNTINGTON_HILL, 1, [6, 4, 3, 19, 1]),
    ([1, 0, 3, 0, 5, 3], 23, Method.DHONDT, 1, [1, 1, 5, 1, 10, 5]),
    ([0, 32, 3, 2, 4, 1], 32, Method.SAINTE_LAGUE, 2, [2, 21, 2, 2, 3, 2]),
    ([2, 3, 9, 50], 33, Method.SAINTE_LAGUE, 1, [1, 2, 5, 25]),
    ([3, 5, 0, 17, 2], 9, Method.HUNTINGTON_HILL, 0, [1, 2, 0, 5, 1]),
    ([0, 34, 12, 0, 0], 36, Method.HUNTINGTON_HILL, 1, [1, 24, 9, 1, 1]),
    ([0, 0, 2, 2, 1, 0], 22, Method.SAINTE_LAGUE, 1, [1, 1, 8, 7, 4, 1]),
    ([54, 0, 23, 27, 0, 2], 2, Method.HUNTINGTON_HILL, 0, [1, 0, 0, 1, 0, 0]),
    # a first guess that rounds every quotient up would be wrong here
    ([70, 41, 23, 316, 52, 10, 61], 125, Method.HUNTINGTON_HILL, 0, [15, 9, 5, 70, 11, 2, 13]),
    (
        [64240, 50, 7, 36, 4, 16, 13, 18, 3, 50, 7, 33, 29, 36, 2, 49, 5, 29],
        184,
        Method.SAINTE_LAGUE,
        0,
        [184] + [0] * 17,
    ),
]


@pytest.mark.parametrize(("weights", "total", "method", "minimum", "expected"), SEAT_TABLES)
def test_seat_tables_written_out(weights: list[int], total: int, method: Method, minimum: int, expected) -> None:
    assert _one_at_a_time(weights, total, method, minimum) == expected
    assert list(apportion(as_units(weights), total, method, minimum=minimum).values()) == expected


def test_hamilton_with_a_minimum_and_equal_remainders() -> None:
    """16 / 2 / 0 / 3 over 38 seats, at least 2 each: the unit without weight is fixed at 2; 36 seats over
    16 / 2 / 3 give quotas 27 3/7, 3 3/7, 5 1/7; the one seat left goes to the equal remainder 3/7 of the
    larger weight."""
    assert list(apportion(as_units([16, 2, 0, 3]), 38, Method.HAMILTON, minimum=2).values()) == [28, 3, 2, 5]


def test_half_up_rounds_each_quota_at_one_half() -> None:
    """51 / 5 / 4 / 3 / 0 over 19: quotas 15.38, 1.51, 1.21, 0.90, 0."""
    assert list(apportion(as_units([51, 5, 4, 3, 0]), 19, Method.HALF_UP).values()) == [15, 2, 1, 1, 0]


def test_nothing_to_divide() -> None:
    """No units: an empty table for the rounding methods; zero weights: zero quotas, the minimum, or zeros."""
    assert apportion({}, 19, Method.STATUTORY_CEILING) == {}
    assert apportion({}, 0, Method.HAMILTON) == {}
    assert exact_quotas({"a": 0, "b": 0}, 10) == {"a": 0, "b": 0}
    assert apportion({"a": 0, "b": 0}, 27, Method.HALF_UP) == {"a": 0, "b": 0}
    assert apportion({"a": 0, "b": 0}, 21, Method.STATUTORY_CEILING, minimum=2) == {"a": 2, "b": 2}
    assert apportion({"a": 0}, 0, Method.DHONDT) == {"a": 0}
    assert apportion({"a": 0, "b": 0, "c": 0}, 3, Method.HAMILTON, minimum=1) == {"a": 1, "b": 1, "c": 1}
    with pytest.raises(ValidationError, match=r"6 eenheden vragen samen 12, het totaal is 4\."):
        apportion(as_units([5, 5, 0, 4, 1, 55]), 4, Method.HUNTINGTON_HILL, minimum=2)


@pytest.mark.parametrize("method", list(Method))
def test_a_negative_fraction_of_a_weight_or_a_negative_minimum_is_refused(method: Method) -> None:
    with pytest.raises(ValidationError, match="Gewichten kunnen niet negatief zijn"):
        apportion({"a": -0.5, "b": 2}, 3, method)
    with pytest.raises(ValidationError, match="Het minimum kan niet negatief zijn"):
        apportion({"a": 1, "b": 2}, 3, method, minimum=-1)


def test_exact_quotas_refuse_a_negative_fraction_of_a_weight() -> None:
    with pytest.raises(ValidationError, match="Gewichten kunnen niet negatief zijn"):
        exact_quotas({"a": Fraction(-1, 2), "b": 2}, 3)
