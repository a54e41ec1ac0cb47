"""core.spreiding: the distribution key, exact totals, provinces as sums, exchanges and counting rules."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opvangregie.core.apportion import Method
from opvangregie.core.errors import ValidationError
from opvangregie.core.spreiding import (
    Allocation,
    Counted,
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


# --- the key: its validation and its arithmetic, written out ------------------------------------------


@pytest.mark.parametrize("parts", [{}, {"tax": 0}, {"tax": 1, "population": 0}, {"tax": -1, "population": 2}])
def test_a_mixed_key_needs_positive_weights(parts) -> None:
    with pytest.raises(ValidationError, match="positief gewicht"):
        DistributionKey.weighted_mix(parts)


def test_a_mix_whose_weights_do_not_sum_to_one_is_taken_relative_to_their_sum() -> None:
    """Weights 2 and 1 are the Königsteiner 2/3 and 1/3; a unit missing from a share has 0 of it."""
    key = DistributionKey.weighted_mix({"tax": 2, "population": 1})
    assert key.mix == (("population", Fraction(1)), ("tax", Fraction(2)))
    weights = key.weights({"A": 1, "B": 3, "C": 0}, shares={"tax": {"A": 3, "B": 1}})
    assert weights == {
        "A": Fraction(2, 3) * Fraction(3, 4) + Fraction(1, 3) * Fraction(1, 4),  # 7/12
        "B": Fraction(2, 3) * Fraction(1, 4) + Fraction(1, 3) * Fraction(3, 4),  # 5/12
        "C": Fraction(0),
    }
    assert weights["A"] == Fraction(7, 12)


def test_population_weights_are_the_population_shares() -> None:
    """A municipality without inhabitants gets weight 0; a negative count is refused."""
    assert DistributionKey.population().weights({"A": 1, "B": 3, "C": 0}) == {
        "A": Fraction(1, 4),
        "B": Fraction(3, 4),
        "C": Fraction(0),
    }
    with pytest.raises(ValidationError, match="negatief"):
        DistributionKey.population().weights({"A": 1, "B": -1})
    with pytest.raises(ValidationError, match="tellen op tot nul"):
        DistributionKey.population().weights({"A": 0, "B": 0})


def test_population_times_one_plus_ses_written_out() -> None:
    """weight ∝ population × (1 + SES): 100 × 1.1 = 110, 300 × 0.9 = 270, 200 × 1 = 200 (sum 580). A float
    SES is read as its decimal text (0.1 is one tenth, not the binary 0.1000000000000000055…)."""
    weights = DistributionKey.population_ses().weights(
        {"A": 100, "B": 300, "C": 200}, ses={"A": 0.1, "B": Fraction(-1, 10), "C": 0}
    )
    assert weights == {"A": Fraction(110, 580), "B": Fraction(270, 580), "C": Fraction(200, 580)}
    # an SES just above -1 still gives a (small) positive weight
    assert DistributionKey.population_ses().weights({"A": 10, "B": 10}, ses={"A": -0.5, "B": 0}) == {
        "A": Fraction(1, 3),
        "B": Fraction(2, 3),
    }


def test_the_ses_key_without_scores_or_with_many_missing() -> None:
    with pytest.raises(ValidationError, match="SES-WOA-scores nodig"):
        DistributionKey.population_ses().weights({"A": 1})
    with pytest.raises(ValidationError, match="SES-WOA-scores nodig"):
        DistributionKey.population_ses().weights({"A": 1}, ses={})
    population = {f"GM{i}": 10 for i in range(1, 8)}  # seven municipalities, six without a score
    with pytest.raises(ValidationError) as refused:
        DistributionKey.population_ses().weights(population, ses={"GM1": 0})
    assert str(refused.value.args[0]) == "SES-WOA-score ontbreekt voor 6 gemeente(n): GM2, GM3, GM4, GM5, GM6."
    with pytest.raises(ValidationError, match=r"SES-score -1\.5 van A"):
        DistributionKey.population_ses().weights({"A": 10}, ses={"A": -1.5})


# --- distribute: the AMV bounds and the provinces written out ------------------------------------------


def test_distribute_written_out_with_provinces() -> None:
    """100 places of which 10 AMV over weights 1/2, 3/10, 1/5 (Hamilton: exact quotas): 45+5, 27+3, 18+2;
    the province NH is the sum of A and C, FR is B."""
    weights = {"A": Fraction(1, 2), "B": Fraction(3, 10), "C": Fraction(1, 5)}
    result = distribute(weights, total=100, amv_total=10, province_of={"A": "NH", "B": "FR", "C": "NH"})
    assert {unit: (a.places, a.amv_places) for unit, a in result.allocations.items()} == {
        "A": (50, 5),
        "B": (30, 3),
        "C": (20, 2),
    }
    assert result.provinces == {
        "NH": Allocation(Fraction(7, 10), 70, 7),
        "FR": Allocation(Fraction(3, 10), 30, 3),
    }
    assert (result.total, result.amv_total) == (100, 10)
    without = distribute(weights, total=100)
    assert (without.provinces, without.amv_total) == ({}, 0)


@pytest.mark.parametrize(("total", "amv"), [(10, 0), (10, 10), (0, 0)])
def test_amv_places_may_be_none_or_all(total: int, amv: int) -> None:
    result = distribute({"A": Fraction(1)}, total=total, amv_total=amv)
    assert (result.allocations["A"].places, result.allocations["A"].amv_places) == (total, amv)


@pytest.mark.parametrize(("total", "amv"), [(10, 11), (10, -1)])
def test_amv_places_outside_zero_to_total_are_refused(total: int, amv: int) -> None:
    with pytest.raises(ValidationError, match="AMV-plekken"):
        distribute({"A": Fraction(1)}, total=total, amv_total=amv)


# --- exchanges -------------------------------------------------------------------------------------------


def test_an_exchange_needs_two_lines_that_each_change_something() -> None:
    with pytest.raises(ValidationError, match="minstens twee regels"):
        check_exchange([ExchangeLine("A", "asylum", 0)], ratios={"asylum": Fraction(1)})
    with pytest.raises(ValidationError, match="minstens twee regels"):
        check_exchange([], ratios={"asylum": Fraction(1)})
    with pytest.raises(ValidationError, match=r"niet 0"):
        check_exchange(
            [ExchangeLine("A", "asylum", 5), ExchangeLine("B", "asylum", -5), ExchangeLine("C", "asylum", 0)],
            ratios={"asylum": Fraction(1)},
        )


def test_the_load_of_an_exchange_is_valued_at_the_ratios() -> None:
    """Haarlem takes 20 Ukrainian places (ratio 1) for 10 AMV places (ratio 2): its load is unchanged;
    Zandvoort does the reverse."""
    lines = [
        ExchangeLine("Haarlem", "ukrainian", 20),
        ExchangeLine("Haarlem", "amv", -10),
        ExchangeLine("Zandvoort", "ukrainian", -20),
        ExchangeLine("Zandvoort", "amv", 10),
    ]
    ratios = {"asylum": Fraction(1), "amv": Fraction(2), "ukrainian": Fraction(1)}
    assert check_exchange(lines, ratios=ratios) == {"Haarlem": Fraction(0), "Zandvoort": Fraction(0)}
    lines = [ExchangeLine("Haarlem", "amv", 3), ExchangeLine("Zandvoort", "amv", -3)]
    assert check_exchange(lines, ratios=ratios) == {"Haarlem": Fraction(6), "Zandvoort": Fraction(-6)}


def test_every_unbalanced_group_is_named_with_its_sign() -> None:
    lines = [
        ExchangeLine("A", "asylum", 5),
        ExchangeLine("B", "asylum", -5),
        ExchangeLine("A", "ukrainian", -3),
        ExchangeLine("B", "amv", 2),
    ]
    with pytest.raises(ValidationError) as refused:
        check_exchange(lines, ratios={"asylum": Fraction(1), "amv": Fraction(2), "ukrainian": Fraction(1)})
    message = str(refused.value.args[0])
    assert message.startswith("De uitwisseling verandert het totaal per doelgroep (")
    assert message.endswith(
        "(amv +2, Oekraïense ontheemden -3); de regionale en provinciale totalen moeten gelijk blijven."
    )


# --- counting rules: the boundaries and the calendar ----------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        # at least 100 places (rijksoverheid 31 January 2024; CountingRules): 100 counts, 99 does not
        (PlaceFacts(100, in_use=True, in_preparation=False), Counted(100, "telt: 100+ plekken voor 5+ jaar")),
        (PlaceFacts(99, in_use=True, in_preparation=False), Counted(0, "telt niet: minder dan 100 plekken")),
        # available for at least 5 more years from 1 January 2025: until 1 January 2030 counts, a day less not
        (
            PlaceFacts(100, in_use=True, in_preparation=False, planned_until=date(2030, 1, 1)),
            Counted(100, "telt: 100+ plekken voor 5+ jaar"),
        ),
        (
            PlaceFacts(100, in_use=True, in_preparation=False, planned_until=date(2029, 12, 31)),
            Counted(0, "telt niet: beschikbaar tot 31-12-2029, korter dan 5 jaar"),
        ),
        # in use wins over in preparation
        (
            PlaceFacts(120, in_use=True, in_preparation=True, expected_in_use=date(2025, 2, 1)),
            Counted(120, "telt: 100+ plekken voor 5+ jaar"),
        ),
        # available within 12 months: 1 January 2026 counts, 2 January 2026 not
        (
            PlaceFacts(30, in_use=False, in_preparation=True, expected_in_use=date(2026, 1, 1)),
            Counted(30, "telt: beschikbaar binnen 12 maanden"),
        ),
        (
            PlaceFacts(30, in_use=False, in_preparation=True, expected_in_use=date(2026, 1, 2)),
            Counted(0, "telt niet: pas beschikbaar na 12 maanden"),
        ),
        # an expected date without preparation does not count
        (
            PlaceFacts(30, in_use=False, in_preparation=False, expected_in_use=date(2025, 6, 1)),
            Counted(0, "telt niet: niet in gebruik en geen verwachte ingebruikname"),
        ),
    ],
)
def test_counting_rules_at_their_boundaries(facts: PlaceFacts, expected: Counted) -> None:
    assert counted_places(facts, RULES, on=ON) == expected


@pytest.mark.parametrize(
    ("on", "until", "counts"),
    [
        # five years from 29 February 2024 end on 28 February 2029 (no 29 February in 2029)
        (date(2024, 2, 29), date(2029, 2, 28), True),
        (date(2024, 2, 29), date(2029, 2, 27), False),
        # five years from 29 February 2028 end on 28 February 2033; from 28 February 2027 on 28 February 2032
        (date(2028, 2, 29), date(2033, 2, 28), True),
        (date(2027, 2, 28), date(2032, 2, 27), False),
        (date(2027, 2, 28), date(2032, 2, 28), True),
        (date(2025, 7, 15), date(2030, 7, 14), False),
        (date(2025, 7, 15), date(2030, 7, 15), True),
    ],
)
def test_five_years_on_the_calendar(on: date, until: date, counts: bool) -> None:
    facts = PlaceFacts(200, in_use=True, in_preparation=False, planned_until=until)
    assert counted_places(facts, RULES, on=on).places == (200 if counts else 0)


@pytest.mark.parametrize(
    ("on", "months", "last_day"),
    [
        # a month on from the 31st ends on the last day of a shorter month
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year: 29 February
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 5, 31), 1, date(2025, 6, 30)),
        (date(2025, 8, 31), 1, date(2025, 9, 30)),
        (date(2025, 10, 31), 1, date(2025, 11, 30)),
        # the 31-day months keep the 31st
        (date(2025, 1, 31), 2, date(2025, 3, 31)),
        (date(2025, 3, 31), 2, date(2025, 5, 31)),
        (date(2025, 5, 31), 2, date(2025, 7, 31)),
        (date(2025, 7, 31), 1, date(2025, 8, 31)),
        (date(2025, 8, 31), 2, date(2025, 10, 31)),
        (date(2025, 10, 31), 2, date(2025, 12, 31)),
        (date(2025, 11, 30), 2, date(2026, 1, 30)),
        (date(2025, 12, 31), 1, date(2026, 1, 31)),
        # the 30th stays the 30th; across the year end
        (date(2025, 4, 30), 1, date(2025, 5, 30)),
        (date(2025, 11, 15), 1, date(2025, 12, 15)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2025, 12, 15), 12, date(2026, 12, 15)),
        (date(2025, 12, 15), 13, date(2027, 1, 15)),
        (date(2025, 1, 15), 11, date(2025, 12, 15)),
        (date(2025, 1, 15), 23, date(2026, 12, 15)),
        (date(2025, 1, 15), 24, date(2027, 1, 15)),
        # twelve months on from 29 February is 28 February; 48 months on is 29 February again
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 2, 15), 0, date(2024, 2, 15)),
    ],
)
def test_months_on_the_calendar(on: date, months: int, last_day: date) -> None:
    """A term of months ends on the same day of the month, or on the last day of the last month if that has
    no such day (Regulation (EEC, Euratom) No 1182/71, art. 3(2)(c)): 31 January 2024 + 1 month is
    29 February 2024. Before this test the helper took 28 February in every year."""
    rules = CountingRules(pipeline_months=months)
    within = PlaceFacts(30, in_use=False, in_preparation=True, expected_in_use=last_day)
    after = PlaceFacts(30, in_use=False, in_preparation=True, expected_in_use=last_day + timedelta(days=1))
    assert counted_places(within, rules, on=on).places == 30
    assert counted_places(after, rules, on=on).places == 0
