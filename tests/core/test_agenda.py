"""core.agenda: dates that follow from the data, worked out by hand (weekends, holidays, year ends)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opvangregie.core.agenda import (
    NATIONAL,
    AgendaItem,
    AgendaKind,
    Evaluation,
    NoticeGiven,
    NoticeRequired,
    PermitDecision,
    QuotaRemaining,
    Subject,
    SubjectKind,
    agenda,
    evaluation_item,
    irrevocable_from,
    location_items,
    notice_deadline,
    notice_item,
    notice_period_end,
    notice_required_item,
    objection_decision_due,
    permit_items,
    quota_item,
    within,
)
from opvangregie.core.deadlines import public_holidays
from opvangregie.core.lifecycle import LocationStatus as S
from opvangregie.core.lifecycle import Transition
from opvangregie.core.periods import HalfYear
from opvangregie.core.projection import ExpectedTransition, LocationPlan
from opvangregie.core.target_groups import TargetGroup as G

TODAY = date(2027, 3, 4)
PRINCEHOF = Subject(SubjectKind.LOCATION, 7, "Princehof")
HEEMSTEDE = Subject(SubjectKind.MUNICIPALITY, "GM0397", "Heemstede")
AGREEMENT = Subject(SubjectKind.AGREEMENT, 3, "Bestuursovereenkomst Princehof")


@pytest.mark.parametrize(
    ("made_known", "period_end", "irrevocable"),
    [
        # Tue 16-03-2027 + 6 weeks = Tue 27-04-2027, King's Day -> Wed 28-04; irrevocable Thu 29-04.
        (date(2027, 3, 16), date(2027, 4, 28), date(2027, 4, 29)),
        # Mon 15-02-2027 + 6 weeks = Mon 29-03-2027, Easter Monday (Easter 28-03-2027) -> Tue 30-03.
        (date(2027, 2, 15), date(2027, 3, 30), date(2027, 3, 31)),
        # Sat 06-03-2027 + 6 weeks = Sat 17-04-2027 -> Mon 19-04.
        (date(2027, 3, 6), date(2027, 4, 19), date(2027, 4, 20)),
        # Wed 24-03-2027 + 6 weeks = Wed 05-05-2027 (Liberation Day) -> Thu 06-05 (Ascension) -> Fri 07-05;
        # irrevocable on Saturday 08-05: formal legal force is no period end, so not extended.
        (date(2027, 3, 24), date(2027, 5, 7), date(2027, 5, 8)),
        # Fri 20-11-2026 + 6 weeks = Fri 01-01-2027 (New Year) -> Sat, Sun -> Mon 04-01-2027.
        (date(2026, 11, 20), date(2027, 1, 4), date(2027, 1, 5)),
        # Fri 13-11-2026 + 6 weeks = Fri 25-12-2026 (Christmas) -> Sat 26-12 (Boxing Day), Sun -> Mon 28-12.
        (date(2026, 11, 13), date(2026, 12, 28), date(2026, 12, 29)),
        # Mon 01-02-2027 + 6 weeks = Mon 15-03-2027, a working day: no extension.
        (date(2027, 2, 1), date(2027, 3, 15), date(2027, 3, 16)),
    ],
)
def test_objection_period_and_irrevocability(made_known: date, period_end: date, irrevocable: date) -> None:
    objection, final = permit_items(PermitDecision(PRINCEHOF, made_known), today=TODAY)
    assert (objection.kind, objection.day) == (AgendaKind.OBJECTION_PERIOD_END, period_end)
    assert (final.kind, final.day) == (AgendaKind.IRREVOCABLE, irrevocable)
    assert irrevocable_from(made_known) == irrevocable
    assert objection.source == "Awb art. 6:7, 6:8; Algemene termijnenwet art. 1, 3"
    assert final.is_expected  # only if no objection arrives
    assert not objection.is_expected
    assert not objection.overdue


def test_permit_item_texts_say_how_the_date_follows() -> None:
    objection, final = permit_items(PermitDecision(PRINCEHOF, date(2027, 3, 16)), today=TODAY)
    assert objection.title == "Einde bezwaartermijn omgevingsvergunning – Princehof"
    assert objection.detail == (
        "Bekendgemaakt op 16-03-2027; zes weken vanaf de dag erna; "
        "verlengd van 27-04-2027 tot de eerstvolgende werkdag."
    )
    assert final.title == "Omgevingsvergunning onherroepelijk – Princehof"
    assert "28-04-2027" in final.detail
    plain, _ = permit_items(PermitDecision(PRINCEHOF, date(2027, 2, 1)), today=TODAY)
    assert plain.detail == "Bekendgemaakt op 01-02-2027; zes weken vanaf de dag erna."


def test_with_an_objection_the_decision_on_it_is_due_instead() -> None:
    # Made known Fri 20-11-2026: objection period ends Mon 04-01-2027 (see above).
    # Six weeks from Tue 05-01: Mon 15-02-2027, a working day.
    decision = PermitDecision(PRINCEHOF, date(2026, 11, 20), objection_lodged=True)
    objection, due = permit_items(decision, today=TODAY)
    assert (due.kind, due.day, due.overdue) == (AgendaKind.OBJECTION_DECISION_DUE, date(2027, 2, 15), True)
    assert objection_decision_due(date(2026, 11, 20)) == date(2027, 2, 15)
    # With an advisory committee twelve weeks: 04-01 + 84 days = Mon 29-03-2027, Easter Monday -> Tue 30-03.
    assert objection_decision_due(date(2026, 11, 20), advisory_committee=True) == date(2027, 3, 30)
    decided = PermitDecision(PRINCEHOF, date(2026, 11, 20), objection_lodged=True, objection_decided=True)
    assert not permit_items(decided, today=TODAY)[1].overdue
    assert objection.day == date(2027, 1, 4)
    assert not any(item.kind is AgendaKind.IRREVOCABLE for item in permit_items(decision, today=TODAY))


def test_notice_period_of_three_months() -> None:
    # Notice given 15-12-2026: from 16-12 three months, ending on 15-03-2027 (over the year end).
    assert notice_period_end(date(2026, 12, 15)) == date(2027, 3, 15)
    # Given 30-11-2026: 30-02 does not exist, 2027 is no leap year -> Sun 28-02-2027, not extended by default...
    assert notice_period_end(date(2026, 11, 30)) == date(2027, 2, 28)
    # ...unless the agreement says so: Mon 01-03-2027.
    assert notice_period_end(date(2026, 11, 30), extend_to_working_day=True) == date(2027, 3, 1)
    # One month from 31-01-2028 (a leap year): 29-02-2028.
    assert notice_period_end(date(2028, 1, 31), 1) == date(2028, 2, 29)
    item = notice_item(NoticeGiven(AGREEMENT, date(2026, 12, 15)))
    assert (item.kind, item.day, item.source) == (
        AgendaKind.NOTICE_PERIOD_END,
        date(2027, 3, 15),
        "Overeenkomst: opzegtermijn van 3 maanden",
    )
    assert item.title == "Einde opzegtermijn – Bestuursovereenkomst Princehof"
    assert notice_item(NoticeGiven(AGREEMENT, date(2026, 12, 15), months=1)).source.endswith("1 maand")


def test_evaluations_are_overdue_only_when_known_not_to_be_held() -> None:
    past = date(2027, 2, 1)
    assert not evaluation_item(Evaluation(AGREEMENT, past), today=TODAY).overdue  # unknown
    assert evaluation_item(Evaluation(AGREEMENT, past, held=False), today=TODAY).overdue
    assert not evaluation_item(Evaluation(AGREEMENT, past, held=True), today=TODAY).overdue
    assert not evaluation_item(Evaluation(AGREEMENT, date(2027, 9, 1), held=False), today=TODAY).overdue
    item = evaluation_item(
        Evaluation(AGREEMENT, date(2027, 9, 1), "Evaluatie na een jaar", "art. 7 overeenkomst"), today=TODAY
    )
    assert (item.day, item.title, item.source) == (
        date(2027, 9, 1),
        "Evaluatie na een jaar – Bestuursovereenkomst Princehof",
        "art. 7 overeenkomst",
    )


def test_expected_transitions_and_overdue_ones() -> None:
    princehof = LocationPlan(
        key=7,
        target_group=G.ASYLUM,
        name="Princehof",
        transitions=[Transition(S.DECIDED, date(2026, 5, 1))],
        expected=[ExpectedTransition(S.IN_USE, date(2027, 6, 1)), ExpectedTransition(S.CLOSED, date(2037, 6, 1))],
        planned_until=date(2037, 5, 31),
    )
    in_use, planned_end, closed = sorted(location_items(princehof, today=TODAY), key=lambda item: item.day)
    assert (in_use.kind, in_use.day, in_use.status, in_use.overdue, in_use.is_expected) == (
        AgendaKind.EXPECTED_TRANSITION,
        date(2027, 6, 1),
        S.IN_USE,
        False,
        True,
    )
    assert in_use.title == "In gebruik – Princehof"
    assert in_use.is_expected
    assert in_use.subject == Subject(SubjectKind.LOCATION, 7, "Princehof")
    assert (planned_end.kind, planned_end.day) == (AgendaKind.PLANNED_END, date(2037, 5, 31))
    assert (closed.status, closed.day) == (S.CLOSED, date(2037, 6, 1))
    # Expected in use on 1 February 2027; on 4 March still only decided: overdue.
    late = LocationPlan(
        key=8,
        target_group=G.UKRAINIAN,
        transitions=[Transition(S.DECIDED, date(2026, 5, 1))],
        expected=[ExpectedTransition(S.IN_USE, date(2027, 2, 1))],
    )
    (item,) = location_items(late, today=TODAY)
    assert (item.day, item.overdue) == (date(2027, 2, 1), True)
    assert "nog niet gebeurd" in item.detail
    # Expected today: not (yet) overdue.
    (due_today,) = location_items(late, today=date(2027, 2, 1))
    assert not due_today.overdue
    # Once the transition happened, the expected date is no longer on the agenda.
    opened = LocationPlan(
        key=8,
        target_group=G.UKRAINIAN,
        transitions=[Transition(S.DECIDED, date(2026, 5, 1)), Transition(S.IN_USE, date(2027, 2, 20))],
        expected=[ExpectedTransition(S.IN_USE, date(2027, 2, 1))],
    )
    assert location_items(opened, today=TODAY) == ()


def test_a_closed_location_has_no_planned_end_on_the_agenda() -> None:
    closed = LocationPlan(
        key=1,
        target_group=G.ASYLUM,
        transitions=[Transition(S.IN_USE, date(2020, 1, 1)), Transition(S.CLOSED, date(2026, 1, 1))],
        planned_until=date(2030, 1, 1),
    )
    assert location_items(closed, today=TODAY) == ()


def test_quota_half_year_end() -> None:
    # Heemstede 2027-H1: 11 still to house on 30 June 2027.
    item = quota_item(QuotaRemaining(HEEMSTEDE, HalfYear(2027, 1), 11), today=TODAY)
    assert (item.day, item.amount, item.overdue) == (date(2027, 6, 30), 11, False)
    assert item.title == "Einde halfjaar 2027-H1: nog 11 statushouders te huisvesten – Heemstede"
    assert item.source == "Huisvestingswet 2014 art. 28–29 (taakstelling per kalenderhalfjaar)"
    # A past half-year with some left is overdue (the backlog carries over).
    past = quota_item(QuotaRemaining(HEEMSTEDE, HalfYear(2026, 2), 1), today=TODAY)
    assert (past.day, past.overdue) == (date(2026, 12, 31), True)
    assert "nog 1 statushouder te huisvesten" in past.title
    met = quota_item(QuotaRemaining(HEEMSTEDE, HalfYear(2026, 2), 0), today=TODAY)
    assert (met.overdue, "taakstelling gehaald" in met.title) == (False, True)
    surplus = quota_item(QuotaRemaining(HEEMSTEDE, HalfYear(2026, 2), -4), today=TODAY)
    assert "voorsprong van 4" in surplus.title
    assert not surplus.overdue


def _full_agenda() -> tuple[AgendaItem, ...]:
    return agenda(
        today=TODAY,
        permits=[PermitDecision(PRINCEHOF, date(2027, 2, 15))],  # objection end 30-03, irrevocable 31-03
        notices=[NoticeGiven(AGREEMENT, date(2026, 12, 15))],  # 15-03-2027
        evaluations=[Evaluation(AGREEMENT, date(2027, 2, 1), held=False)],  # overdue
        plans=[
            LocationPlan(
                key=7,
                target_group=G.ASYLUM,
                name="Princehof",
                transitions=[Transition(S.DECIDED, date(2026, 5, 1))],
                expected=[ExpectedTransition(S.IN_USE, date(2027, 6, 1))],
            ),
            LocationPlan(
                key=9,
                target_group=G.AMV,
                name="Kerklaan",
                transitions=[Transition(S.PERMIT, date(2026, 9, 1))],
                expected=[ExpectedTransition(S.IN_USE, date(2027, 6, 2))],
            ),
        ],
        quotas=[QuotaRemaining(HEEMSTEDE, HalfYear(2027, 1), 11)],  # 30-06-2027
        protection_end=date(2027, 3, 4),
    )


def test_the_agenda_is_sorted_by_day() -> None:
    items = _full_agenda()
    assert [(item.day, item.kind) for item in items] == [
        (date(2027, 2, 1), AgendaKind.EVALUATION),
        (date(2027, 3, 4), AgendaKind.PROTECTION_END),
        (date(2027, 3, 15), AgendaKind.NOTICE_PERIOD_END),
        (date(2027, 3, 30), AgendaKind.OBJECTION_PERIOD_END),
        (date(2027, 3, 31), AgendaKind.IRREVOCABLE),
        (date(2027, 6, 1), AgendaKind.EXPECTED_TRANSITION),
        (date(2027, 6, 2), AgendaKind.EXPECTED_TRANSITION),
        (date(2027, 6, 30), AgendaKind.QUOTA_PERIOD_END),
    ]
    protection = items[1]
    assert protection.subject == NATIONAL
    assert protection.title == "Einde tijdelijke bescherming Oekraïense ontheemden"
    assert "04-03-2027" in protection.detail
    assert len({item.uid for item in items}) == len(items)


def test_the_next_90_days() -> None:
    items = _full_agenda()
    # From Thu 04-03-2027, 90 days: 04-03 up to and including 01-06 (04-03 + 90 days = 02-06, not included).
    coming = within(items, TODAY, 90)
    assert [item.day for item in coming] == [
        date(2027, 3, 4),
        date(2027, 3, 15),
        date(2027, 3, 30),
        date(2027, 3, 31),
        date(2027, 6, 1),
    ]
    with_overdue = within(items, TODAY, 90, include_overdue=True)
    assert [item.day for item in with_overdue][:2] == [date(2027, 2, 1), date(2027, 3, 4)]
    assert with_overdue[0].overdue
    assert within(items, TODAY, 0) == ()


def test_same_day_items_follow_the_order_of_kinds() -> None:
    # Made known Thu 18-03-2027: the objection period ends Thu 29-04-2027, the day the notice period ends too.
    items = agenda(
        today=TODAY,
        notices=[NoticeGiven(AGREEMENT, date(2027, 1, 29))],
        permits=[PermitDecision(PRINCEHOF, date(2027, 3, 18))],
    )
    assert [(item.day, item.kind) for item in items[:2]] == [
        (date(2027, 4, 29), AgendaKind.OBJECTION_PERIOD_END),
        (date(2027, 4, 29), AgendaKind.NOTICE_PERIOD_END),
    ]


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_irrevocable_the_day_after_a_working_day_end(made_known: date) -> None:
    objection, final = permit_items(PermitDecision(PRINCEHOF, made_known), today=TODAY)
    assert final.day == objection.day + timedelta(days=1)
    assert objection.day.weekday() < 5
    assert objection.day not in public_holidays(objection.day.year)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(1, 24))
def test_notice_period_end_is_months_later_on_the_same_day_or_the_month_end(given_on: date, months: int) -> None:
    end = notice_period_end(given_on, months)
    assert (end.year * 12 + end.month) - (given_on.year * 12 + given_on.month) == months
    assert end.day == given_on.day or (end + timedelta(days=1)).day == 1


def test_the_deadlines_of_an_expected_decision_are_expected_too() -> None:
    from opvangregie.core.agenda import PermitDecision, Subject, SubjectKind, permit_items

    subject = Subject(SubjectKind.LOCATION, 7, "Princehof")
    # Decision expected Monday 15 December 2025: six weeks from the day after end on Monday 26 January 2026.
    end, irrevocable = permit_items(
        PermitDecision(subject, date(2025, 12, 15), expected=True), today=date(2025, 11, 11)
    )
    assert (end.day, irrevocable.day) == (date(2026, 1, 26), date(2026, 1, 27))
    assert end.is_expected
    assert irrevocable.is_expected
    assert end.detail.startswith("Besluit verwacht op 15-12-2025")
    actual, _ = permit_items(PermitDecision(subject, date(2025, 12, 15)), today=date(2025, 11, 11))
    assert not actual.is_expected
    assert actual.detail.startswith("Bekendgemaakt op 15-12-2025")


# --- edges of the agenda's rules (issue 19) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "months", "deadline"),
    [
        # 31 January + 1 month ends on 28 February 2027 (no 31 February); from 1 February it would end 1 March
        (date(2027, 2, 28), 1, date(2027, 1, 31)),
        (date(2028, 2, 29), 1, date(2028, 1, 31)),  # leap year: 31 January + 1 month is 29 February
        # 28 February + 2 months is 28 April (the same day), 1 March + 2 months is 1 May: 28 February
        (date(2027, 4, 30), 2, date(2027, 2, 28)),
        (date(2026, 7, 1), 3, date(2026, 4, 1)),
    ],
)
def test_notice_deadline_at_month_ends(change: date, months: int, deadline: date) -> None:
    assert notice_deadline(change, months) == deadline


def test_notice_of_at_least_one_month() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        notice_deadline(date(2027, 2, 28), 0)
    item = notice_required_item(NoticeRequired(AGREEMENT, date(2027, 2, 28), 1, "opname 15- tot 17-jarigen"))
    assert item.detail == "Opname 15- tot 17-jarigen op 28-02-2027; aankondigen met een termijn van 1 maand."
    assert item.source == "Afspraak: aankondiging 1 maand vooraf"
    assert item.day == date(2027, 1, 31)


def test_a_notice_period_is_not_extended_unless_agreed() -> None:
    """Given Sunday 4 January 2026: three months end on Saturday 4 April 2026, and stay there."""
    assert notice_item(NoticeGiven(AGREEMENT, date(2026, 1, 4))).day == date(2026, 4, 4)


def test_the_decision_on_an_objection_six_or_twelve_weeks_and_overdue_the_day_after() -> None:
    """Made known 13 March 2025: the objection period ends 24 April; the decision is due 5 June (six weeks,
    Awb 7:10(1)) or 17 July (twelve weeks with an advisory committee)."""
    six = PermitDecision(PRINCEHOF, date(2025, 3, 13), objection_lodged=True)
    (_, due) = permit_items(six, today=date(2025, 6, 5))
    assert (due.day, due.detail, due.overdue) == (
        date(2025, 6, 5),
        "6 weken vanaf de dag na het einde van de bezwaartermijn (24-04-2025).",
        False,
    )
    assert permit_items(six, today=date(2025, 6, 6))[1].overdue
    twelve = PermitDecision(PRINCEHOF, date(2025, 3, 13), objection_lodged=True, advisory_committee=True)
    (_, due) = permit_items(twelve, today=date(2025, 1, 1))
    assert (due.day, due.detail) == (
        date(2025, 7, 17),
        "12 weken vanaf de dag na het einde van de bezwaartermijn (24-04-2025).",
    )


def test_every_kind_has_its_dutch_label() -> None:
    assert [kind.label_nl for kind in AgendaKind] == [
        "einde bezwaartermijn",
        "onherroepelijk",
        "beslissing op bezwaar",
        "einde opzegtermijn",
        "uiterlijk aankondigen",
        "evaluatie",
        "verwachte statuswijziging",
        "geplande einddatum",
        "einde tijdelijke bescherming",
        "einde halfjaar taakstelling",
    ]


def test_on_the_day_itself_nothing_is_overdue_yet() -> None:
    half = HalfYear(2025, 2)
    met = quota_item(QuotaRemaining(HEEMSTEDE, half, 0), today=date(2026, 1, 1))
    assert met.title == "Einde halfjaar 2025-H2: taakstelling gehaald – Heemstede"
    assert not met.overdue
    behind = QuotaRemaining(HEEMSTEDE, half, 3)
    assert not quota_item(behind, today=date(2025, 12, 31)).overdue
    assert quota_item(behind, today=date(2026, 1, 1)).overdue
    plan = LocationPlan(1, G.UKRAINIAN, "Princehof", expected=[ExpectedTransition(S.IN_USE, date(2026, 3, 1))])
    (today,) = location_items(plan, today=date(2026, 3, 1))
    assert (today.overdue, today.detail) == (False, "Verwacht op 01-03-2026.")
    (late,) = location_items(plan, today=date(2026, 3, 2))
    assert (late.overdue, late.detail) == (True, "Verwacht op 01-03-2026, maar nog niet gebeurd.")


def test_within_no_days_holds_only_what_is_overdue_from_before() -> None:
    start = date(2026, 3, 1)
    plan = LocationPlan(1, G.UKRAINIAN, "Princehof", expected=[ExpectedTransition(S.IN_USE, date(2026, 2, 1))])
    (overdue,) = location_items(plan, today=start)
    on_start = AgendaItem(start, AgendaKind.EVALUATION, "Evaluatie", "", "", PRINCEHOF, overdue=True)
    assert within([overdue, on_start], start, 0, include_overdue=True) == (overdue,)
    assert within([overdue, on_start], start, 1, include_overdue=True) == (overdue, on_start)


def test_fixed_dates_are_not_expectations_and_an_evaluation_is_overdue_the_day_after() -> None:
    assert not notice_item(NoticeGiven(AGREEMENT, date(2026, 1, 4))).is_expected
    assert not quota_item(QuotaRemaining(HEEMSTEDE, HalfYear(2025, 2), 3), today=TODAY).is_expected
    not_held = Evaluation(PRINCEHOF, date(2026, 6, 1), held=False)
    assert not evaluation_item(not_held, today=date(2026, 6, 1)).overdue
    assert evaluation_item(not_held, today=date(2026, 6, 2)).overdue
