"""Leefgeld and own contribution (core.contribution) against the published amounts and thresholds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opvangregie.core.contribution import (
    BetweenThresholds,
    ContributionRate,
    HouseholdMonth,
    LeefgeldBand,
    LeefgeldScale,
    Rates,
    ReceptionType,
    ReimbursementRate,
    euro,
    is_adult,
    is_pension_age,
    month_calculate,
    reimbursement_estimate,
)
from opvangregie.core.errors import ValidationError

SCALE_2023 = LeefgeldScale(
    date(2023, 4, 1),
    D("56.12"),
    (
        LeefgeldBand(1, per_adult=D("215.06"), per_minor=D("178.36")),
        LeefgeldBand(3, per_adult=D("171.99"), per_minor=D("142.57")),
        LeefgeldBand(4, per_adult=D("150.45"), per_minor=D("124.97")),
    ),
)
# 2025: household totals implied by the published thresholds / 1.15 (1 adult plus minors)
TOTALS_2025 = [D("314.84"), D("587.55"), D("759.33"), D("912.60"), D("1132.87"), D("1353.14"), D("1573.41")]
SCALE_2025 = LeefgeldScale(
    date(2025, 1, 1),
    D("56.12"),
    tuple(
        LeefgeldBand(size, per_household=total - D("56.12") * size, per_extra_person=D("164.15") if size == 7 else D(0))
        for size, total in enumerate(TOTALS_2025, start=1)
    ),
)
JULY_2024 = ContributionRate(date(2024, 7, 1), D("105.00"), D("242.48"))
OCTOBER_2025 = ContributionRate(date(2025, 10, 1), D("244.22"), D("252.18"))
RATES = Rates(leefgeld=[SCALE_2023, SCALE_2025], contribution=[JULY_2024, OCTOBER_2025])
OCT = date(2025, 10, 1)


def household(*incomes: str, minors: int = 0, catering: bool = False, private: bool = False) -> HouseholdMonth:
    return HouseholdMonth(
        tuple(D(i) for i in incomes),
        minors,
        catering,
        ReceptionType.PRIVATE if private else ReceptionType.MUNICIPAL,
    )


def test_two_adults_pay_twice_the_rate_from_october_2025() -> None:
    result = month_calculate(RATES, household("1500", "800", minors=2), OCT)
    assert result.own_contribution == D("488.44")
    assert result.leefgeld == 0
    with_catering = month_calculate(RATES, household("1500", "800", minors=2, catering=True), OCT)
    assert with_catering.own_contribution == D("992.80")


def test_at_most_two_adults_are_charged() -> None:
    result = month_calculate(RATES, household("3000", "3000", "3000"), OCT)
    assert result.maximum_contribution == D("488.44")
    assert result.own_contribution == D("488.44")


def test_only_adults_with_income_are_charged() -> None:
    result = month_calculate(RATES, household("4000", "0"), OCT)
    assert result.maximum_contribution == D("244.22")


@pytest.mark.parametrize("method", list(BetweenThresholds))
def test_single_adult_thresholds_of_the_115_percent_norm(method: BetweenThresholds) -> None:
    rates = Rates([SCALE_2025], [ContributionRate(OCT, D("244.22"), D("252.18"), between_thresholds=method)])
    nothing = month_calculate(rates, household("0"), OCT)
    assert nothing.leefgeld == D("314.84")
    assert nothing.own_contribution == 0
    stops = month_calculate(rates, household("362.07"), OCT)
    assert stops.leefgeld == 0
    assert stops.own_contribution == 0
    assert stops.leefgeld_ends_at == D("362.07")
    full = month_calculate(rates, household("642.92"), OCT)
    assert full.own_contribution == D("244.22")
    assert full.full_contribution_from == D("642.92")
    just_below = month_calculate(rates, household("642.90"), OCT)
    assert just_below.own_contribution < D("244.22")


def test_linear_rule_between_the_thresholds() -> None:
    result = month_calculate(RATES, household("500"), OCT)
    # 500 / 1.15 = 434.78 (rounded down in the household's favour) − 314.84
    assert result.own_contribution == D("119.94")
    partial = month_calculate(RATES, household("200"), OCT)
    # 314.84 − 200 / 1.15 = 140.9269… (rounded up)
    assert partial.leefgeld == D("140.93")


def test_rates_change_on_their_dates() -> None:
    september = month_calculate(RATES, household("5000"), date(2025, 9, 30))
    october = month_calculate(RATES, household("5000"), date(2025, 10, 31))
    assert september.own_contribution == D("105.00")
    assert october.own_contribution == D("244.22")
    assert month_calculate(RATES, household("5000"), date(2024, 6, 1)).own_contribution == 0
    assert month_calculate(RATES, household("5000", catering=True), date(2024, 7, 1)).own_contribution == D("347.48")


def test_leefgeld_2023_scale_by_size_and_age() -> None:
    # 1 adult + 1 minor: 215.06 + 178.36 + 2 × 56.12
    assert month_calculate(RATES, household("0", minors=1), date(2024, 3, 1)).leefgeld == D("505.66")
    # 2 adults + 3 minors uses the 4+ band: 2 × 150.45 + 3 × 124.97 + 5 × 56.12
    assert month_calculate(RATES, household("0", "0", minors=3), date(2024, 3, 1)).leefgeld == D("956.41")


def test_leefgeld_2025_by_household_size_with_extra_persons() -> None:
    for size, total in enumerate(TOTALS_2025, start=1):
        assert month_calculate(RATES, household("0", minors=size - 1), OCT).leefgeld == total
    assert month_calculate(RATES, household("0", minors=8), OCT).leefgeld == D("1573.41") + 2 * D("220.27")


def test_catering_leaves_only_personal_money() -> None:
    result = month_calculate(RATES, household("0", minors=2, catering=True), OCT)
    assert result.leefgeld == 3 * D("56.12")


def test_private_reception_pays_no_contribution() -> None:
    result = month_calculate(RATES, household("5000", private=True), OCT)
    assert result.own_contribution == 0
    assert result.maximum_contribution == 0
    assert "Particuliere opvang" in " ".join(result.explanation)


def test_no_rates_before_the_first_scale() -> None:
    with pytest.raises(ValidationError, match="geen leefgeldtabel"):
        month_calculate(RATES, household("0"), date(2020, 1, 1))


def test_household_needs_a_member_and_no_negative_income() -> None:
    with pytest.raises(ValidationError):
        HouseholdMonth((), 0)
    with pytest.raises(ValidationError):
        HouseholdMonth((D("-1"),), 0)


def test_explanation_names_the_amounts() -> None:
    text = " ".join(month_calculate(RATES, household("1500", "800", minors=2), OCT).explanation)
    assert "€ 2.300,00" in text
    assert "€ 488,44" in text
    assert euro(D("-1234.5")) == "-€ 1.234,50"


def test_age_conventions() -> None:
    assert is_adult(2007, date(2025, 1, 1))
    assert not is_adult(2008, date(2025, 12, 31))
    assert is_pension_age(1958, date(2025, 6, 1))
    assert not is_pension_age(1959, date(2025, 6, 1))


def test_reimbursement_per_realised_place_per_day() -> None:
    rates = [ReimbursementRate(date(2024, 1, 1), D("61")), ReimbursementRate(date(2025, 1, 1), D("44"))]
    days = [(date(2024, 12, 31), 10), (date(2025, 1, 1), 10), (date(2025, 1, 2), 0)]
    assert reimbursement_estimate(rates, days) == D("610") + D("440")
    assert reimbursement_estimate(rates, [(date(2023, 12, 31), 10)]) == 0


incomes = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)
households = st.builds(
    lambda adults, minors, catering: (adults, minors, catering),
    st.lists(incomes, min_size=1, max_size=4),
    st.integers(min_value=0, max_value=6),
    st.booleans(),
)
months = st.sampled_from([date(2024, 3, 1), date(2024, 8, 1), date(2025, 2, 1), date(2025, 11, 1)])
methods = st.sampled_from(list(BetweenThresholds))


def _rates(method: BetweenThresholds) -> Rates:
    return Rates(
        [SCALE_2023, SCALE_2025],
        [
            ContributionRate(
                JULY_2024.valid_from, JULY_2024.per_adult, JULY_2024.catering_per_adult, between_thresholds=method
            ),
            ContributionRate(
                OCTOBER_2025.valid_from,
                OCTOBER_2025.per_adult,
                OCTOBER_2025.catering_per_adult,
                between_thresholds=method,
            ),
        ],
    )


@given(households, months, methods)
def test_contribution_never_takes_a_household_below_115_percent_of_its_leefgeld(spec, month, method) -> None:
    adults, minors, catering = spec
    result = month_calculate(_rates(method), HouseholdMonth(tuple(adults), minors, catering), month)
    assert 0 <= result.own_contribution <= result.maximum_contribution
    assert 0 <= result.leefgeld <= result.leefgeld_entitlement
    if result.own_contribution > 0:
        assert result.income - result.own_contribution >= D("1.15") * result.leefgeld_entitlement
        assert result.leefgeld == 0


@given(households, incomes, st.integers(min_value=0, max_value=3), months, methods)
def test_more_income_never_lowers_the_contribution_nor_raises_leefgeld(spec, extra, who, month, method) -> None:
    adults, minors, catering = spec
    rates = _rates(method)
    before = month_calculate(rates, HouseholdMonth(tuple(adults), minors, catering), month)
    richer = list(adults)
    index = who % len(richer)
    richer[index] += extra
    after = month_calculate(rates, HouseholdMonth(tuple(richer), minors, catering), month)
    assert after.own_contribution >= before.own_contribution
    assert after.leefgeld <= before.leefgeld


# --- the step rule between the thresholds, worked out by hand ------------------------------------------
# Two adults, no minors, October 2025: full leefgeld 587.55 (2025 scale, household of 2), contribution
# 244.22 per adult with income, at most two. Norm 115%:
#   leefgeld stops at            587.55 × 1.15            =  675.6825
#   one adult's contribution at  (587.55 + 244.22) × 1.15 =  956.5355
#   both adults' from            (587.55 + 488.44) × 1.15 = 1237.3885
STEP_RATES = Rates(
    [SCALE_2023, SCALE_2025],
    [JULY_2024, ContributionRate(OCT, D("244.22"), D("252.18"), between_thresholds=BetweenThresholds.STEP)],
)


@pytest.mark.parametrize(
    ("incomes", "leefgeld", "contribution"),
    [
        (("300", "300"), "587.55", "0"),
        (("337.8412", "337.8412"), "587.55", "0"),  # 675.6824: just below the first threshold
        (("337.84125", "337.84125"), "0", "0"),  # 675.6825: exactly on it, leefgeld stops
        (("478.2677", "478.2677"), "0", "0"),  # 956.5354
        (("478.26775", "478.26775"), "0", "244.22"),  # 956.5355: one adult's contribution
        (("500", "500"), "0", "244.22"),  # 1,000
        (("618.6942", "618.6942"), "0", "244.22"),  # 1237.3884
        (("618.69425", "618.69425"), "0", "488.44"),  # 1237.3885: both adults'
        (("1000", "300"), "0", "488.44"),
        (("1000", "0"), "0", "244.22"),  # one earner: one adult charged, 244.22 from 956.5355
    ],
)
def test_step_rule_for_two_adults(incomes: tuple[str, ...], leefgeld: str, contribution: str) -> None:
    result = month_calculate(STEP_RATES, household(*incomes), OCT)
    assert result.between_thresholds is BetweenThresholds.STEP
    assert result.leefgeld == D(leefgeld)
    assert result.own_contribution == D(contribution)
    assert result.receives_leefgeld is (D(leefgeld) > 0)
    assert result.pays_contribution is (D(contribution) > 0)
    assert result.leefgeld_ends_at == D("675.69")


def test_step_rule_thresholds_of_two_earners() -> None:
    result = month_calculate(STEP_RATES, household("500", "500"), OCT)
    assert result.maximum_contribution == D("488.44")
    assert result.full_contribution_from == D("1237.39")
    assert result.explanation[-2] == "Tussen de drempels trapsgewijs: per volwassene de volledige bijdrage of niets."


def test_step_rule_with_private_reception() -> None:
    rich = month_calculate(STEP_RATES, household("2000", private=True), OCT)
    assert (rich.leefgeld, rich.own_contribution, rich.maximum_contribution) == (0, 0, 0)
    assert not rich.receives_leefgeld
    assert not rich.pays_contribution
    poor = month_calculate(STEP_RATES, household("100", private=True), OCT)
    assert poor.leefgeld == D("314.84")
    assert poor.receives_leefgeld


def test_rates_apply_from_the_day_they_start() -> None:
    assert RATES.leefgeld_on(date(2025, 1, 1)) is SCALE_2025
    assert RATES.leefgeld_on(date(2024, 12, 31)) is SCALE_2023
    assert RATES.leefgeld_on(date(2023, 4, 1)) is SCALE_2023
    assert RATES.contribution_on(date(2024, 6, 30)) is None
    assert RATES.contribution_on(date(2024, 7, 1)) is JULY_2024
    assert RATES.contribution_on(date(2025, 9, 30)) is JULY_2024
    assert RATES.contribution_on(date(2025, 10, 1)) is OCTOBER_2025
    # a single adult without income: 215.06 + 56.12 in December 2024, 314.84 from January 2025
    assert month_calculate(RATES, household("0"), date(2024, 12, 31)).leefgeld == D("271.18")
    assert month_calculate(RATES, household("0"), date(2025, 1, 1)).leefgeld == D("314.84")


def test_before_any_contribution_the_norm_is_115_percent() -> None:
    result = month_calculate(RATES, household("0"), date(2024, 3, 1))
    assert result.leefgeld_ends_at == D("311.86")  # 271.18 × 1.15 = 311.857
    assert result.maximum_contribution == 0
    assert "Op 01-03-2024 gold nog geen eigen bijdrage." in result.explanation


def test_receives_and_pays_on_the_linear_rule() -> None:
    low = month_calculate(RATES, household("100"), OCT)
    assert low.receives_leefgeld
    assert not low.pays_contribution
    high = month_calculate(RATES, household("5000"), OCT)
    assert not high.receives_leefgeld
    assert high.pays_contribution


def test_explanation_of_a_household_of_four_written_out() -> None:
    result = month_calculate(RATES, household("1500", "800", minors=2), OCT)
    # 2025 scale, household of 4: 912.60 = 688.12 + 4 × 56.12; 912.60 × 1.15 = 1049.49;
    # (912.60 + 488.44) × 1.15 = 1611.196
    assert result.explanation == (
        "Huishouden van 4 (2 volwassen, 2 minderjarig): tabel vanaf 4.",
        "Huishoudbedrag € 688,12.",
        "Zakgeld: 4 × € 56,12. Volledig leefgeld: € 912,60.",
        "Eigen bijdrage (exploitatiekosten): 2 van 2 volwassene(n) met inkomen (ten hoogste 2) × € 244,22 "
        "= € 488,44 per maand.",
        "Inkomen van het huishouden: € 2.300,00. Norm 115%: het leefgeld stopt bij € 1.049,49; "
        "de volledige bijdrage geldt vanaf € 1.611,20.",
        "Tussen de drempels lineair: leefgeld = volledig leefgeld − inkomen / 1,15; "
        "bijdrage = inkomen / 1,15 − volledig leefgeld (tussen 0 en het maximum).",
        "Leefgeld deze maand: € 0,00. Eigen bijdrage deze maand: € 488,44.",
    )


def test_explanation_of_extra_persons_per_member_amounts_and_catering() -> None:
    nine = month_calculate(RATES, household("0", minors=8), OCT).explanation
    assert nine[1] == "Huishoudbedrag € 1.180,57 + 2 × € 164,15."  # 1573.41 − 7 × 56.12
    scale_2023 = month_calculate(RATES, household("0", minors=1), date(2024, 3, 1)).explanation
    assert scale_2023[:3] == (
        "Huishouden van 2 (1 volwassen, 1 minderjarig): tabel vanaf 1.",
        "Voeding: 1 × € 215,06 + 1 × € 178,36.",
        "Zakgeld: 2 × € 56,12. Volledig leefgeld: € 505,66.",
    )
    catering = month_calculate(RATES, household("5000", minors=2, catering=True), OCT).explanation
    assert catering[0] == "Met volledige maaltijdverzorging alleen zakgeld: 3 × € 56,12."
    assert catering[1].startswith("Eigen bijdrage (exploitatiekosten en maaltijden): 1 van 1 ")


def test_leefgeld_bands_and_their_order() -> None:
    assert SCALE_2023.band(1).household_size == 1
    assert SCALE_2023.band(2).household_size == 1
    assert SCALE_2023.band(3).household_size == 3
    assert SCALE_2023.band(9).household_size == 4
    for sizes in [(), (2,), (1, 1), (1, 3, 2)]:
        with pytest.raises(ValidationError, match="huishoudgrootte 1"):
            LeefgeldScale(OCT, D("56.12"), tuple(LeefgeldBand(size) for size in sizes))


def test_household_members_and_earners() -> None:
    assert HouseholdMonth((), 1).size == 1  # minors alone are a household
    members = HouseholdMonth((D("100"), D("0"), D("0.01")), 2)
    assert (members.size, members.income, members.earners) == (5, D("100.01"), 2)
    with pytest.raises(ValidationError, match="negatief"):
        HouseholdMonth((D("100"),), -1)


def test_euro_as_written_in_dutch() -> None:
    assert euro(D("0")) == "€ 0,00"
    assert euro(D("1234567.891")) == "€ 1.234.567,89"
    assert euro(D("-0.5")) == "-€ 0,50"


def test_a_contribution_of_a_few_cents_is_paid() -> None:
    """Single adult, October 2025: leefgeld 314.84 stops at 362.07; at an income of 363.00 the linear rule
    charges 363.00 / 1.15 − 314.84 = 0.812…, rounded down to € 0,81."""
    result = month_calculate(RATES, household("363.00"), OCT)
    assert (result.leefgeld, result.own_contribution) == (D("0.00"), D("0.81"))
    assert result.pays_contribution
    assert not result.receives_leefgeld


def test_a_household_is_by_default_without_minors_or_catering_in_municipal_reception() -> None:
    assert month_calculate(RATES, HouseholdMonth((D("5000"),)), OCT) == month_calculate(RATES, household("5000"), OCT)
    assert month_calculate(RATES, HouseholdMonth((D("5000"),)), OCT).own_contribution == D("244.22")


@pytest.mark.parametrize(
    ("band", "line"),
    [
        (LeefgeldBand(1, per_adult=D("215.06")), "Voeding: 1 × € 215,06 + 0 × € 0,00."),
        (LeefgeldBand(1, per_minor=D("178.36")), "Voeding: 1 × € 0,00 + 0 × € 178,36."),
    ],
)
def test_the_food_line_with_only_an_adult_or_only_a_minor_amount(band: LeefgeldBand, line: str) -> None:
    rates = Rates([LeefgeldScale(date(2023, 4, 1), D("56.12"), (band,))])
    assert month_calculate(rates, household("0"), date(2024, 3, 1)).explanation[1] == line


def test_one_realised_place_for_one_day() -> None:
    rates = [ReimbursementRate(date(2025, 1, 1), D("44.00"))]
    assert reimbursement_estimate(rates, [(date(2025, 3, 1), 1)]) == D("44.00")


def test_a_leefgeld_of_a_few_cents_is_received() -> None:
    """Single adult, October 2025, income 361.50: 314.84 − 361.50 / 1.15 = 0.492…, rounded up to € 0,50."""
    result = month_calculate(RATES, household("361.50"), OCT)
    assert (result.leefgeld, result.own_contribution) == (D("0.50"), D("0.00"))
    assert result.receives_leefgeld
    assert not result.pays_contribution
