"""core.spreiding: the distribution key, exact totals, provinces as sums, exchanges and counting rules."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opvangregie.core.apportion import Method
from opvangregie.core.errors import ValidationError
from opvangregie.core.spreiding import (
    CountingRules,
    DistributionKey,
    ExchangeLine,
    PlaceFacts,
    check_exchange,
    counted_places,
    distribute,
)

POPULATION = {"GM0363": 931_298, "GM0088": 947, "GM0397": 27_593, "GM0377": 23_786}
PROVINCE = {"GM0363": "NH", "GM0088": "FR", "GM0397": "NH", "GM0377": "NH"}


@settings(max_examples=150, deadline=None)
@given(
    population=st.lists(st.integers(min_value=1, max_value=1_000_000), min_size=1, max_size=30),
    total=st.integers(min_value=0, max_value=100_000),
    amv_share=st.fractions(min_value=0, max_value=1),
    method=st.sampled_from([Method.HAMILTON, Method.DHONDT, Method.SAINTE_LAGUE]),
)
def test_every_run_preserves_the_totals(population, total, amv_share, method) -> None:
    units = {f"GM{i:04d}": p for i, p in enumerate(population)}
    amv = int(total * amv_share)
    result = distribute(
        DistributionKey.population().weights(units),
        total=total,
        amv_total=amv,
        method=method,
        province_of={unit: f"PV{int(unit[2:]) % 3}" for unit in units},
    )
    assert (result.total, result.amv_total) == (total, amv)
    assert all(a.amv_places <= a.places for a in result.allocations.values())
    assert sum(p.places for p in result.provinces.values()) == total
    assert sum(p.weight for p in result.provinces.values()) == 1


def test_population_times_one_plus_ses_favours_richer_municipalities() -> None:
    ses = {"GM0363": -0.1, "GM0088": 0.0, "GM0397": 0.3, "GM0377": 0.35}
    plain = DistributionKey.population().weights(POPULATION)
    with_ses = DistributionKey.population_ses().weights(POPULATION, ses=ses)
    assert sum(with_ses.values()) == 1
    assert with_ses["GM0397"] / plain["GM0397"] > 1 > with_ses["GM0363"] / plain["GM0363"]
    assert with_ses["GM0397"] / with_ses["GM0088"] == Fraction(27_593 * 13, 10) / 947


def test_the_ses_key_needs_a_score_for_every_municipality() -> None:
    with pytest.raises(ValidationError, match="SES-WOA-score ontbreekt voor 1"):
        DistributionKey.population_ses().weights(POPULATION, ses={"GM0363": 0, "GM0088": 0, "GM0397": 0})
    with pytest.raises(ValidationError, match="nul of minder"):
        DistributionKey.population_ses().weights({"GM0001": 10}, ses={"GM0001": -1})


def test_koenigsteiner_key_is_two_thirds_tax_one_third_population() -> None:
    key = DistributionKey.koenigsteiner()
    weights = key.weights({"A": 1, "B": 3}, shares={"tax": {"A": 3, "B": 1}})
    assert weights == {
        "A": Fraction(2, 3) * Fraction(3, 4) + Fraction(1, 3) * Fraction(1, 4),
        "B": Fraction(2, 3) * Fraction(1, 4) + Fraction(1, 3) * Fraction(3, 4),
    }
    with pytest.raises(ValidationError, match="'tax'"):
        key.weights({"A": 1})


def test_schiermonnikoog_gets_five_of_96000_on_population() -> None:
    """Published: Schiermonnikoog 5 (the lowest); population 947 of 17,942,942 gives 5.07."""
    units = {**POPULATION, "rest": 17_942_942 - sum(POPULATION.values())}
    result = distribute(DistributionKey.population().weights(units), total=96_000, amv_total=8_140)
    assert result.allocations["GM0088"].places == 5


@settings(max_examples=150, deadline=None)
@given(
    moves=st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C"]),
            st.sampled_from(["A", "B", "C"]),
            st.sampled_from(["asylum", "amv", "ukrainian"]),
            st.integers(min_value=1, max_value=50),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_balanced_exchanges_keep_every_group_total(moves) -> None:
    lines = []
    for giver, taker, group, amount in moves:
        lines += [ExchangeLine(taker, group, amount), ExchangeLine(giver, group, -amount)]
    load = check_exchange(lines, ratios={"asylum": Fraction(1), "amv": Fraction(2), "ukrainian": Fraction(1)})
    assert sum(load.values()) == 0


def test_an_exchange_that_breaks_a_total_is_refused_with_a_clear_message() -> None:
    lines = [ExchangeLine("Haarlem", "asylum", 40), ExchangeLine("Zandvoort", "asylum", -30)]
    with pytest.raises(ValidationError, match=r"\(asielzoekers \+10\)"):
        check_exchange(lines, ratios={"asylum": Fraction(1)})
    with pytest.raises(ValidationError, match="geen verhouding"):
        check_exchange([ExchangeLine("A", "amv", 1), ExchangeLine("B", "amv", -1)], ratios={"asylum": Fraction(1)})


RULES = CountingRules()
ON = date(2025, 1, 1)


@pytest.mark.parametrize(
    ("facts", "places"),
    [
        (PlaceFacts(400, in_use=True, in_preparation=False, planned_until=date(2031, 1, 1)), 400),
        (PlaceFacts(400, in_use=True, in_preparation=False, planned_until=None), 400),
        (PlaceFacts(400, in_use=True, in_preparation=False, planned_until=date(2027, 12, 31)), 0),
        (PlaceFacts(16, in_use=True, in_preparation=False), 0),
        (PlaceFacts(25, in_use=False, in_preparation=True, expected_in_use=date(2025, 9, 1)), 25),
        (PlaceFacts(25, in_use=False, in_preparation=True, expected_in_use=date(2026, 3, 1)), 0),
        (PlaceFacts(25, in_use=False, in_preparation=True), 0),
    ],
)
def test_which_existing_places_count(facts: PlaceFacts, places: int) -> None:
    assert counted_places(facts, RULES, on=ON).places == places
