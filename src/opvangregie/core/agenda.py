"""The agenda (issue 16): every date that follows from the data, with the rule and source it follows from.

- Objection period of a permit decision: six weeks from the day after it was made known, extended past
  weekends and public holidays (Awb art. 6:7, 6:8; Algemene termijnenwet art. 1, 3; core.deadlines).
- Formele rechtskracht (irrevocable): without an objection the decision can no longer be challenged from
  the day after the objection period ends. Provisional: an objection posted in time still counts when it
  arrives within a week after the end (Awb art. 6:9(2)), and a late one may be excused (art. 6:11).
- With an objection, the decision on it is due six weeks (twelve with an advisory committee) from the day
  after the objection period ends (Awb art. 7:10(1)), extended by the Algemene termijnenwet.
- Notice period of an agreement: ``months`` months (three by default) from the day after notice was given,
  so ending on the same day of the month (core.periods.add_months). A contractual period: the
  Algemene termijnenwet only covers periods set by law (art. 1), so no extension unless asked for.
- Notice before a change (an agreement's condition, core.agreements): the last day on which notice of
  ``months`` months can be given so that the period has ended by the change date.
- Evaluations on the dates the data gives; expected lifecycle transitions (core.projection), flagged as
  overdue once their date has passed without them; the planned end of a location (temporary permit).
- The last day of temporary protection of displaced persons from Ukraine (a setting).
- The end of a quota half-year with what is still to be housed (Huisvestingswet 2014 art. 28–29).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from opvangregie.core.deadlines import next_working_day_from, objection_period_end
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.periods import HalfYear, add_months
from opvangregie.core.projection import LocationPlan, pending_expected

OBJECTION_DECISION_PERIOD = timedelta(weeks=6)
OBJECTION_DECISION_PERIOD_WITH_COMMITTEE = timedelta(weeks=12)
DEFAULT_NOTICE_MONTHS = 3

SOURCE_OBJECTION = "Awb art. 6:7, 6:8; Algemene termijnenwet art. 1, 3"
SOURCE_IRREVOCABLE = "Awb art. 6:7, 6:8, 6:9; formele rechtskracht na ongebruikt verstrijken van de bezwaartermijn"
SOURCE_OBJECTION_DECISION = "Awb art. 7:10; Algemene termijnenwet art. 1, 3"
SOURCE_QUOTA = "Huisvestingswet 2014 art. 28–29 (taakstelling per kalenderhalfjaar)"


def _dmy(day: date) -> str:
    return f"{day:%d-%m-%Y}"


class SubjectKind(StrEnum):
    """What an agenda item is about, so a page can link to it."""

    LOCATION = "location"
    AGREEMENT = "agreement"
    MUNICIPALITY = "municipality"
    NATIONAL = "national"


@dataclass(frozen=True, slots=True)
class Subject:
    """A reference to what an item is about: e.g. ``Subject(SubjectKind.LOCATION, 12, "Princehof")`` or
    ``Subject(SubjectKind.MUNICIPALITY, "GM0397", "Heemstede")``."""

    kind: SubjectKind
    key: Hashable = None
    name: str = ""


NATIONAL = Subject(SubjectKind.NATIONAL, None, "Nederland")


class AgendaKind(StrEnum):
    """The rule an agenda date follows from (in this order on the same day)."""

    OBJECTION_PERIOD_END = "objection_period_end"
    IRREVOCABLE = "irrevocable"
    OBJECTION_DECISION_DUE = "objection_decision_due"
    NOTICE_PERIOD_END = "notice_period_end"
    NOTICE_DEADLINE = "notice_deadline"
    EVALUATION = "evaluation"
    EXPECTED_TRANSITION = "expected_transition"
    PLANNED_END = "planned_end"
    PROTECTION_END = "protection_end"
    QUOTA_PERIOD_END = "quota_period_end"

    @property
    def label_nl(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    AgendaKind.OBJECTION_PERIOD_END: "einde bezwaartermijn",
    AgendaKind.IRREVOCABLE: "onherroepelijk",
    AgendaKind.OBJECTION_DECISION_DUE: "beslissing op bezwaar",
    AgendaKind.NOTICE_PERIOD_END: "einde opzegtermijn",
    AgendaKind.NOTICE_DEADLINE: "uiterlijk aankondigen",
    AgendaKind.EVALUATION: "evaluatie",
    AgendaKind.EXPECTED_TRANSITION: "verwachte statuswijziging",
    AgendaKind.PLANNED_END: "geplande einddatum",
    AgendaKind.PROTECTION_END: "einde tijdelijke bescherming",
    AgendaKind.QUOTA_PERIOD_END: "einde halfjaar taakstelling",
}
_KIND_ORDER = {kind: index for index, kind in enumerate(AgendaKind)}


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One dated item. ``title`` and ``detail`` are Dutch display text; ``source`` names the rule.

    ``overdue``: an expected or required event whose date has passed without it. ``is_expected``: the
    date is an expectation or depends on something not yet known (no objection), not a fixed date.
    ``amount``: a number belonging to the item (persons still to house). ``ref`` tells items of one kind
    and subject apart (the stage, the half-year, the date of the decision); see :attr:`uid`.
    """

    day: date
    kind: AgendaKind
    title: str
    detail: str
    source: str
    subject: Subject
    overdue: bool = False
    is_expected: bool = False
    amount: int | None = None
    status: LocationStatus | None = None
    ref: str = ""

    @property
    def uid(self) -> str:
        """A stable identifier (e.g. for an .ics UID) that stays when an expected date moves."""
        key = "-" if self.subject.key is None else self.subject.key
        return f"{self.kind.value}/{self.subject.kind.value}/{key}/{self.ref}"


def _title(what: str, subject: Subject) -> str:
    return f"{what} – {subject.name}" if subject.name else what


def sort_items(items: Iterable[AgendaItem]) -> tuple[AgendaItem, ...]:
    """By day, then by kind (the order of AgendaKind), then by title."""
    return tuple(sorted(items, key=lambda item: (item.day, _KIND_ORDER[item.kind], item.title, item.uid)))


# --- permit decisions ----------------------------------------------------------------------------


def irrevocable_from(made_known: date) -> date:
    """The first day on which a decision made known on ``made_known`` is irrevocable if no objection was
    lodged: the day after the (extended) objection period ends (Awb art. 6:7, 6:8; Atw art. 1)."""
    return objection_period_end(made_known) + timedelta(days=1)


def objection_decision_due(made_known: date, *, advisory_committee: bool = False) -> date:
    """The last day for the decision on an objection: six weeks, or twelve with an advisory committee
    (Awb art. 7:13), from the day after the objection period ends (Awb art. 7:10(1)); extended under the
    Algemene termijnenwet. A postponement under art. 7:10(3)–(4) is not included."""
    period = OBJECTION_DECISION_PERIOD_WITH_COMMITTEE if advisory_committee else OBJECTION_DECISION_PERIOD
    return next_working_day_from(objection_period_end(made_known) + period)


@dataclass(frozen=True, slots=True)
class PermitDecision:
    """A decision (e.g. an omgevingsvergunning) made known on ``made_known``."""

    subject: Subject
    made_known: date
    title: str = "omgevingsvergunning"
    objection_lodged: bool = False
    advisory_committee: bool = False
    objection_decided: bool = False
    expected: bool = False  # the decision itself is still expected (a planned date): so are its deadlines


def permit_items(decision: PermitDecision, *, today: date) -> tuple[AgendaItem, ...]:
    """The end of the objection period; then either the day it becomes irrevocable (no objection) or the
    day the decision on the objection is due (overdue once passed undecided)."""
    end = objection_period_end(decision.made_known)
    six_weeks = decision.made_known + timedelta(weeks=6)
    extended = f"; verlengd van {_dmy(six_weeks)} tot de eerstvolgende werkdag" if end != six_weeks else ""
    ref = decision.made_known.isoformat()
    items = [
        AgendaItem(
            end,
            AgendaKind.OBJECTION_PERIOD_END,
            _title(f"Einde bezwaartermijn {decision.title}", decision.subject),
            f"{'Besluit verwacht' if decision.expected else 'Bekendgemaakt'} op {_dmy(decision.made_known)}; "
            f"zes weken vanaf de dag erna{extended}.",
            SOURCE_OBJECTION,
            decision.subject,
            is_expected=decision.expected,
            ref=ref,
        )
    ]
    if not decision.objection_lodged:
        items.append(
            AgendaItem(
                end + timedelta(days=1),
                AgendaKind.IRREVOCABLE,
                _title(f"{decision.title.capitalize()} onherroepelijk", decision.subject),
                f"Als er geen bezwaar is gemaakt: de dag na het einde van de bezwaartermijn ({_dmy(end)}). "
                "Een op tijd gepost bezwaar dat binnen een week daarna binnenkomt, telt nog mee.",
                SOURCE_IRREVOCABLE,
                decision.subject,
                is_expected=True,
                ref=ref,
            )
        )
    else:
        due = objection_decision_due(decision.made_known, advisory_committee=decision.advisory_committee)
        weeks = 12 if decision.advisory_committee else 6
        items.append(
            AgendaItem(
                due,
                AgendaKind.OBJECTION_DECISION_DUE,
                _title(f"Uiterste datum beslissing op bezwaar {decision.title}", decision.subject),
                f"{weeks} weken vanaf de dag na het einde van de bezwaartermijn ({_dmy(end)}).",
                SOURCE_OBJECTION_DECISION,
                decision.subject,
                overdue=not decision.objection_decided and due < today,
                ref=ref,
            )
        )
    return tuple(items)


# --- agreements ----------------------------------------------------------------------------------


def notice_period_end(given: date, months: int = DEFAULT_NOTICE_MONTHS, *, extend_to_working_day: bool = False) -> date:
    """The last day of a notice period of ``months`` months given on ``given``: the same day of the month
    ``months`` later (the month's last day when it is shorter). Counted from the day after notice, like the
    weeks of Awb art. 6:8. Extended past a weekend or holiday only when the agreement says so."""
    end = add_months(given, months)
    return next_working_day_from(end) if extend_to_working_day else end


@dataclass(frozen=True, slots=True)
class NoticeGiven:
    """Notice of termination of an agreement given on ``given`` (opzegging)."""

    subject: Subject
    given: date
    months: int = DEFAULT_NOTICE_MONTHS
    extend_to_working_day: bool = False


def notice_item(notice: NoticeGiven) -> AgendaItem:
    end = notice_period_end(notice.given, notice.months, extend_to_working_day=notice.extend_to_working_day)
    unit = "maand" if notice.months == 1 else "maanden"
    return AgendaItem(
        end,
        AgendaKind.NOTICE_PERIOD_END,
        _title("Einde opzegtermijn", notice.subject),
        f"Opgezegd op {_dmy(notice.given)}; opzegtermijn van {notice.months} {unit} vanaf de dag erna.",
        f"Overeenkomst: opzegtermijn van {notice.months} {unit}",
        notice.subject,
        ref=notice.given.isoformat(),
    )


def notice_deadline(change: date, months: int) -> date:
    """The last day on which notice of ``months`` months can be given so that the notice period has ended by
    ``change`` (counted as :func:`notice_period_end`): three months before 1 July is 1 April; before 31 May
    it is 28 (or 29) February and up to the day whose period still ends by then."""
    if months < 1:
        raise ValueError("months must be at least 1")
    day = add_months(change, -months)
    while notice_period_end(day + timedelta(days=1), months) <= change:
        day += timedelta(days=1)
    return day


@dataclass(frozen=True, slots=True)
class NoticeRequired:
    """A change on ``change`` that an agreement says must be announced ``months`` months ahead (e.g. COA
    taking 15- to 17-year-olds at the Heemsteedse Dreef, or Princehof's change of target group)."""

    subject: Subject
    change: date
    months: int = DEFAULT_NOTICE_MONTHS
    what: str = "wijziging"


def notice_required_item(notice: NoticeRequired) -> AgendaItem:
    """The last day to give notice before the change (:func:`notice_deadline`)."""
    deadline = notice_deadline(notice.change, notice.months)
    unit = "maand" if notice.months == 1 else "maanden"
    return AgendaItem(
        deadline,
        AgendaKind.NOTICE_DEADLINE,
        _title(f"Uiterlijk aankondigen: {notice.what}", notice.subject),
        f"{notice.what.capitalize()} op {_dmy(notice.change)}; aankondigen met een termijn van {notice.months} {unit}.",
        f"Afspraak: aankondiging {notice.months} {unit} vooraf",
        notice.subject,
        is_expected=True,
        ref=notice.change.isoformat(),
    )


@dataclass(frozen=True, slots=True)
class Evaluation:
    """An evaluation agreed for ``day`` (e.g. in an agreement); ``held`` None when the data does not say."""

    subject: Subject
    day: date
    title: str = "Evaluatie"
    source: str = "Afspraak in de overeenkomst"
    held: bool | None = None


def evaluation_item(evaluation: Evaluation, *, today: date) -> AgendaItem:
    """The evaluation on its date; overdue once passed when it is known not to have been held."""
    return AgendaItem(
        evaluation.day,
        AgendaKind.EVALUATION,
        _title(evaluation.title, evaluation.subject),
        f"Evaluatie gepland op {_dmy(evaluation.day)}.",
        evaluation.source,
        evaluation.subject,
        overdue=evaluation.held is False and evaluation.day < today,
        ref=evaluation.day.isoformat(),
    )


# --- locations -----------------------------------------------------------------------------------


def location_items(plan: LocationPlan, *, today: date) -> tuple[AgendaItem, ...]:
    """The location's pending expected transitions (core.projection.pending_expected), overdue when their
    date lies before ``today``, and its planned end (``planned_until``) unless it has closed."""
    subject = Subject(SubjectKind.LOCATION, plan.key, plan.name)
    items = [
        AgendaItem(
            item.expected,
            AgendaKind.EXPECTED_TRANSITION,
            _title(item.status.label_nl.capitalize(), subject),  # shown as expected (is_expected), not in the title
            (
                f"Verwacht op {_dmy(item.expected)}, maar nog niet gebeurd."
                if item.expected < today
                else f"Verwacht op {_dmy(item.expected)}."
            ),
            "Planning van de locatie (verwachte datum)",
            subject,
            overdue=item.expected < today,
            is_expected=True,
            status=item.status,
            ref=item.status.value,
        )
        for item in pending_expected(plan)
    ]
    closed = bool(plan.transitions) and plan.transitions[-1].status is LocationStatus.CLOSED
    if plan.planned_until is not None and not closed:
        items.append(
            AgendaItem(
                plan.planned_until,
                AgendaKind.PLANNED_END,
                _title("Einde geplande gebruiksduur", subject),
                f"Gepland in gebruik tot en met {_dmy(plan.planned_until)} (tijdelijke vergunning); "
                "daarna telt de locatie geen plaatsen.",
                "Gegevens van de locatie: gepland in gebruik tot",
                subject,
                ref="planned_until",
            )
        )
    return tuple(items)


# --- national and quota dates --------------------------------------------------------------------


def protection_end_item(last_day: date) -> AgendaItem:
    """The last day of temporary protection for displaced persons from Ukraine (a setting: the Council's
    extensions move it; to and including 4 March 2027 at the time of writing)."""
    return AgendaItem(
        last_day,
        AgendaKind.PROTECTION_END,
        "Einde tijdelijke bescherming Oekraïense ontheemden",
        f"De tijdelijke bescherming loopt tot en met {_dmy(last_day)}.",
        "Richtlijn 2001/55/EG; Uitvoeringsbesluit (EU) 2022/382 van de Raad, zoals verlengd",
        NATIONAL,
        ref=last_day.isoformat(),
    )


@dataclass(frozen=True, slots=True)
class QuotaRemaining:
    """What a municipality still has to house in a half-year (negative: a surplus), e.g. from core.ledger."""

    subject: Subject
    period: HalfYear
    remaining: int


def quota_item(quota: QuotaRemaining, *, today: date) -> AgendaItem:
    """The half-year's last day with the amount still to house; overdue once passed with some left
    (the backlog carries over to the next half-year)."""
    n = quota.remaining
    if n > 0:
        what = f"nog {n} {'statushouder' if n == 1 else 'statushouders'} te huisvesten"
    elif n == 0:
        what = "taakstelling gehaald"
    else:
        what = f"taakstelling gehaald, voorsprong van {-n}"
    return AgendaItem(
        quota.period.end,
        AgendaKind.QUOTA_PERIOD_END,
        _title(f"Einde halfjaar {quota.period}: {what}", quota.subject),
        "Wat aan het eind van het halfjaar niet is gehuisvest, schuift door naar het volgende halfjaar.",
        SOURCE_QUOTA,
        quota.subject,
        overdue=n > 0 and quota.period.end < today,
        amount=n,
        ref=str(quota.period),
    )


# --- the whole agenda ----------------------------------------------------------------------------


def agenda(
    *,
    today: date,
    permits: Iterable[PermitDecision] = (),
    notices: Iterable[NoticeGiven] = (),
    notices_required: Iterable[NoticeRequired] = (),
    evaluations: Iterable[Evaluation] = (),
    plans: Iterable[LocationPlan] = (),
    quotas: Iterable[QuotaRemaining] = (),
    protection_end: date | None = None,
) -> tuple[AgendaItem, ...]:
    """Every item that follows from the data, past and future, sorted (see :func:`sort_items`)."""
    items: list[AgendaItem] = []
    for permit in permits:
        items += permit_items(permit, today=today)
    items += [notice_item(notice) for notice in notices]
    items += [notice_required_item(notice) for notice in notices_required]
    items += [evaluation_item(evaluation, today=today) for evaluation in evaluations]
    for plan in plans:
        items += location_items(plan, today=today)
    items += [quota_item(quota, today=today) for quota in quotas]
    if protection_end is not None:
        items.append(protection_end_item(protection_end))
    return sort_items(items)


def within(
    items: Iterable[AgendaItem], start: date, days: int, *, include_overdue: bool = False
) -> tuple[AgendaItem, ...]:
    """The items dated in the ``days`` days from ``start`` on (``start`` included, ``start + days`` not):
    ``within(items, today, 90)`` is "komende 90 dagen". With ``include_overdue``, overdue items dated
    before ``start`` come first."""
    end = start + timedelta(days=days)
    chosen = [
        item for item in items if start <= item.day < end or (include_overdue and item.overdue and item.day < start)
    ]
    return sort_items(chosen)
