"""The monthly household counts are kept (households.month_counts) and every write that changes them refreshes
them: after each write the counts read equal the counts computed afresh from the register."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from opvangregie.areas.models import Municipality
from opvangregie.audit import audited_save
from opvangregie.core.contribution import ReceptionType
from opvangregie.households import selectors, services
from opvangregie.households.models import ContributionRate, Household, Member, MonthCountsKept

pytestmark = pytest.mark.django_db
OCTOBER = date(2025, 10, 1)


def heemstede() -> Municipality:
    return Municipality.objects.get(code="GM0397")


def afresh() -> selectors.MonthCounts:
    return selectors._counts(selectors._month_results(heemstede(), OCTOBER), OCTOBER)


def read() -> selectors.MonthCounts:
    return selectors.month_counts(municipality=heemstede(), on=date(2025, 10, 17))


def test_counts_are_kept_once_and_read_back_equal() -> None:
    assert not MonthCountsKept.objects.filter(municipality=heemstede()).exists()
    first = read()
    assert first == afresh()
    assert first.persons == 127  # the council letter of 11 November 2025 (1 October)
    assert MonthCountsKept.objects.filter(municipality=heemstede(), month=OCTOBER).count() == 1
    assert read() == first


def test_every_write_that_changes_the_counts_refreshes_them(users: dict[str, Any]) -> None:
    officer = users["heemstede"]
    seen = [read()]

    def check() -> None:
        counts = read()
        assert counts == afresh()
        assert counts != seen[-1]  # each write below changes a count; a stale read would repeat the last one
        seen.append(counts)

    # a household registered in private reception before October: one more household and its persons
    household = services.household_create(
        actor=officer,
        municipality=heemstede(),
        data=services.HouseholdInput(
            members=[services.MemberInput(1960, "F"), services.MemberInput(2015)],
            registered_on=date(2025, 9, 1),
            placement=services.Placement(ReceptionType.PRIVATE),
        ),
    )
    check()
    # an income from September: leefgeld stops for the household, so fewer receive it
    member = household.members.get(number=1)
    services.income_set(
        actor=officer, member=member, monthly_amount=Decimal(2500), source="work", valid_from=date(2025, 9, 1)
    )
    check()
    # a member made of pension age (audited edit of a year of birth)
    income_free = Household.objects.filter(municipality=heemstede(), reference__startswith="OEK").exclude(
        members__incomes__isnull=False
    )
    pensioner = Member.objects.filter(household__in=income_free, year_of_birth__gt=1958, year_of_birth__lt=2005)
    aged = pensioner.order_by("pk").first()
    assert aged is not None
    aged.year_of_birth = 1950
    audited_save(aged, actor=officer)
    check()
    # a rate change (the contribution's thresholds): every municipality's counts are forgotten
    rate = ContributionRate.objects.filter(valid_from__lte=OCTOBER).order_by("-valid_from").first()
    assert rate is not None
    haarlem = Municipality.objects.get(code="GM0392")
    kept_elsewhere = MonthCountsKept.objects.create(municipality=haarlem, month=OCTOBER, counts={})
    rate.per_adult = rate.per_adult / 2
    audited_save(rate, actor=officer)
    assert not MonthCountsKept.objects.filter(pk=kept_elsewhere.pk).exists()
    assert read() == afresh()
    # the household leaves before October: its persons no longer count
    services.household_leave(actor=officer, household=household, on=date(2025, 9, 20))
    check()


def test_anonymisation_and_deletion_forget_the_counts(users: dict[str, Any]) -> None:
    present = [household for household, _ in selectors._month_results(heemstede(), OCTOBER)]
    services.household_leave(actor=users["heemstede"], household=present[0], on=date(2025, 10, 20))
    read()
    assert services.households_anonymise(on=date(2031, 1, 1)) > 0  # years of birth and incomes removed
    assert not MonthCountsKept.objects.filter(municipality=heemstede()).exists()
    assert read() == afresh()
    without_requests = Household.objects.filter(municipality=heemstede(), requests__isnull=True, stays__isnull=True)
    Household.objects.create(municipality=heemstede(), reference="X-1", registered_on=OCTOBER)
    read()
    without_requests.get(reference="X-1").delete()
    assert not MonthCountsKept.objects.filter(municipality=heemstede()).exists()


def test_a_row_kept_in_an_earlier_format_is_computed_again() -> None:
    MonthCountsKept.objects.create(municipality=heemstede(), month=OCTOBER, counts={"persons_private": 999})
    assert read() == afresh()
    assert MonthCountsKept.objects.get(municipality=heemstede(), month=OCTOBER).counts["persons_private"] == 15
