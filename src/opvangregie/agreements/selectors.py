"""Reads of agreements: a location's agreements with every condition checked on a date, and the warnings.

The numbers come from the register (capacity and counts in force, locations.selectors); the rules from
core.agreements. Texts are Dutch through gettext (English msgids).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opvangregie.agreements.models import Agreement, AgreementCondition, AgreementStage
from opvangregie.agreements.services import agreement_editable
from opvangregie.areas.models import Municipality
from opvangregie.core import agreements as rules
from opvangregie.core.agreements import ConditionKind, Verdict
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations.models import Location
from opvangregie.locations.selectors import location_get, with_history
from opvangregie.organisations.scope import require, scope_for


def _day(day: date) -> str:
    return date_format(day, "j F Y")


@dataclass(frozen=True, slots=True)
class ConditionRow:
    """A condition as a page shows it: what it says, and the check on the date (when in force)."""

    condition: AgreementCondition
    description: str
    result: str
    verdict: Verdict
    in_force: bool
    replaced: bool  # a later condition of the same kind is in force

    @property
    def is_warning(self) -> bool:
        return self.in_force and self.verdict is Verdict.BROKEN


@dataclass(frozen=True, slots=True)
class AgreementView:
    agreement: Agreement
    rows: list[ConditionRow]
    stages: list[AgreementStage]
    in_force: bool

    @property
    def warnings(self) -> list[ConditionRow]:
        return [row for row in self.rows if row.is_warning]


@dataclass(frozen=True, slots=True)
class AgreementWarning:
    """A condition the register breaks on a date (more places or persons than agreed, ...)."""

    location: Location
    agreement: Agreement
    condition: AgreementCondition
    message: str


def with_conditions(
    queryset: QuerySet[Agreement], *, locations: QuerySet[Location] | None = None
) -> QuerySet[Agreement]:
    return queryset.select_related("municipality").prefetch_related(
        Prefetch("conditions", queryset=AgreementCondition.objects.order_by("kind", "valid_from", "pk")),
        Prefetch("stages", queryset=AgreementStage.objects.order_by("reached_on", "pk")),
        Prefetch("locations", queryset=locations if locations is not None else Location.objects.all()),
    )


def _describe(condition: AgreementCondition, children: bool) -> str:
    kind = ConditionKind(condition.kind)
    n = condition.quantity or 0
    if kind is ConditionKind.MAX_PLACES:
        return ngettext("maximum %(n)d place", "maximum %(n)d places", n) % {"n": n}
    if kind is ConditionKind.MAX_PERSONS:
        return ngettext("maximum %(n)d person", "maximum %(n)d persons", n) % {"n": n}
    if kind is ConditionKind.TARGET_GROUP:
        return _("target group: %(group)s") % {"group": TargetGroup.dutch_name(condition.target_group)}
    if kind is ConditionKind.TARGET_GROUP_CHANGE:
        return ngettext(
            "first %(years)d year %(group)s, then %(next)s",
            "first %(years)d years %(group)s, then %(next)s",
            condition.years or 0,
        ) % {
            "years": condition.years or 0,
            "group": TargetGroup.dutch_name(condition.target_group)
            if condition.target_group
            else _("this target group"),
            "next": condition.next_target_group,
        }
    if kind is ConditionKind.NOTICE_PERIOD:
        return ngettext(
            "notice of %(months)d month before a change",
            "notice of %(months)d months before a change",
            condition.months or 0,
        ) % {"months": condition.months or 0}
    if kind is ConditionKind.AGE_RANGE:
        if condition.min_age is not None and condition.max_age is not None:
            return _("residents aged %(low)d to %(high)d") % {"low": condition.min_age, "high": condition.max_age}
        if condition.min_age is not None:
            return _("residents aged %(low)d or over") % {"low": condition.min_age}
        return _("residents aged up to %(high)d") % {"high": condition.max_age}
    weeks = condition.weeks or 0
    if children:
        text = ngettext(
            "evaluation condition (%(n)d children for %(weeks)d weeks)",
            "evaluation condition (%(n)d children for %(weeks)d weeks)",
            n,
        )
    else:
        text = ngettext(
            "evaluation condition (%(n)d person for %(weeks)d weeks)",
            "evaluation condition (%(n)d persons for %(weeks)d weeks)",
            n,
        )
    return text % {"n": n, "weeks": weeks}


def _change_date(condition: AgreementCondition) -> date | None:
    if condition.change_on is not None:
        return condition.change_on
    if ConditionKind(condition.kind) is ConditionKind.TARGET_GROUP_CHANGE and condition.years:
        return rules.target_group_change_date(condition.valid_from, condition.years)
    return None


def _maximum(limit: int, actual: int | None, on: date, *, places: bool) -> tuple[str, Verdict]:
    check = rules.check_maximum(limit=limit, actual=actual, on=on)
    if check.actual is None:
        text = _("no capacity known on %(day)s") if places else _("no count on or before %(day)s")
        return text % {"day": _day(on)}, check.verdict
    counted = (
        ngettext("%(n)d place on %(day)s", "%(n)d places on %(day)s", check.actual)
        if places
        else ngettext("%(n)d person on %(day)s", "%(n)d persons on %(day)s", check.actual)
    ) % {"n": check.actual, "day": _day(on)}
    if check.verdict is Verdict.WITHIN:
        return _("%(counted)s — within the agreement") % {"counted": counted}, check.verdict
    return _("%(counted)s — more than agreed") % {"counted": counted}, check.verdict


def _check(
    condition: AgreementCondition, location: Location | None, agreement: Agreement, on: date
) -> tuple[str, Verdict]:
    """The result of one condition in force on ``on`` for ``location`` (None: the agreement names none)."""
    kind = ConditionKind(condition.kind)
    if kind is ConditionKind.TARGET_GROUP_CHANGE:
        change = _change_date(condition)
        assert change is not None
        return _("change of target group on %(day)s") % {"day": _day(change)}, Verdict.INFORMATION
    if kind is ConditionKind.NOTICE_PERIOD:
        change = condition.change_on or next(
            (
                day
                for other in agreement.conditions.all()
                if ConditionKind(other.kind) is ConditionKind.TARGET_GROUP_CHANGE
                and (day := _change_date(other)) is not None
            ),
            None,
        )
        if change is None:
            return _("no change date set"), Verdict.INFORMATION
        deadline = rules.notice_deadline(change, condition.months or 1)
        return _("for a change on %(change)s notice must be given by %(deadline)s") % {
            "change": _day(change),
            "deadline": _day(deadline),
        }, Verdict.INFORMATION
    if kind is ConditionKind.AGE_RANGE:
        return _("cannot be checked without ages"), Verdict.UNKNOWN  # counts in the register hold no ages
    if location is None:
        return _("no location linked to this agreement"), Verdict.UNKNOWN
    if kind is ConditionKind.TARGET_GROUP:
        ok = location.target_group == condition.target_group
        if ok:
            return _("the location is for this target group"), Verdict.WITHIN
        return _("the location is for %(group)s") % {
            "group": TargetGroup.dutch_name(location.target_group)
        }, Verdict.BROKEN
    snapshots = list(location.snapshots.all())
    if kind is ConditionKind.MAX_PLACES:
        places = rules.in_force([(c.effective_date, c.places) for c in location.capacity_changes.all()], on)
        return _maximum(condition.quantity or 0, places, on, places=True)
    if kind is ConditionKind.MAX_PERSONS:
        persons = rules.in_force([(s.date, s.persons) for s in snapshots], on)
        return _maximum(condition.quantity or 0, persons, on, places=False)
    met = rules.first_met(
        [rules.Dated(s.date, s.persons) for s in snapshots],
        minimum=condition.quantity or 0,
        weeks=condition.weeks or 1,
        until=on,
    )
    if met is None:
        return _("not yet met"), Verdict.INFORMATION
    return _("first met on %(day)s") % {"day": _day(met)}, Verdict.INFORMATION


DATES_AHEAD = frozenset({ConditionKind.TARGET_GROUP_CHANGE.value, ConditionKind.NOTICE_PERIOD.value})


def agreement_view(agreement: Agreement, location: Location | None, on: date) -> AgreementView:
    """An agreement (prefetched) with each condition described and, when in force on ``on``, checked."""
    in_force = (agreement.in_force_from is None or agreement.in_force_from <= on) and (
        agreement.ends_on is None or on <= agreement.ends_on
    )
    conditions = list(agreement.conditions.all())
    current: dict[str, AgreementCondition] = {}
    for condition in conditions:  # ordered by kind and date: the last one on or before ``on`` is in force
        if condition.valid_from <= on:
            current[condition.kind] = condition
    children = location is not None and location.target_group == TargetGroup.AMV.value
    rows = []
    for condition in conditions:
        description = _describe(condition, children)
        applies = in_force and current.get(condition.kind) is condition
        if applies:
            result, verdict = _check(condition, location, agreement, on)
        elif condition.valid_from > on and condition.kind in DATES_AHEAD:
            result, verdict = _check(condition, location, agreement, on)  # a date to know ahead, e.g. Princehof's
        elif condition.valid_from > on:
            result, verdict = _("applies from %(day)s") % {"day": _day(condition.valid_from)}, Verdict.INFORMATION
        elif not in_force:
            result, verdict = _("agreement not in force on %(day)s") % {"day": _day(on)}, Verdict.INFORMATION
        else:
            result, verdict = _("replaced by a later condition"), Verdict.INFORMATION
        replaced = condition.valid_from <= on and current.get(condition.kind) is not condition
        rows.append(ConditionRow(condition, description, result, verdict, applies, replaced))
    return AgreementView(agreement, rows, list(agreement.stages.all()), in_force)


@dataclass(frozen=True, slots=True)
class LocationAgreements:
    location: Location
    agreements: list[AgreementView]
    can_edit: bool


def location_agreements(*, actor: Any, location_id: int, on: date) -> LocationAgreements:
    """A location's agreements checked on ``on``, if the actor may read the location (otherwise 404)."""
    location = location_get(actor=actor, location_id=location_id)
    agreements = with_conditions(Agreement.objects.filter(locations=location)).order_by("in_force_from", "pk")
    return LocationAgreements(
        location,
        [agreement_view(agreement, location, on) for agreement in agreements],
        agreement_editable(actor=actor, municipality=location.municipality, locations=[location]),
    )


@dataclass(frozen=True, slots=True)
class MunicipalityAgreement:
    """An agreement of a municipality, checked per location it names (once without a location when none)."""

    agreement: Agreement
    views: list[tuple[Location | None, AgreementView]]


def municipality_agreements(*, actor: Any, municipality: Municipality, on: date) -> list[MunicipalityAgreement]:
    """The municipality's agreements (its readers only: the caller got ``municipality`` through
    organisations.scope.municipality_readable), each checked on ``on`` for the locations it names."""
    require(scope_for(actor).reads_municipality(municipality.pk))
    agreements = with_conditions(
        Agreement.objects.filter(municipality=municipality).order_by("in_force_from", "pk"),
        locations=with_history(Location.objects.order_by("name")),
    )
    result = []
    for agreement in agreements:
        locations: list[Location | None] = [*agreement.locations.all()] or [None]
        result.append(
            MunicipalityAgreement(
                agreement, [(location, agreement_view(agreement, location, on)) for location in locations]
            )
        )
    return result


def agreement_warnings(*, municipality_ids: Iterable[int], on: date) -> list[AgreementWarning]:
    """Every condition in force on ``on`` that a location of these municipalities breaks (the caller has
    checked that the reader may see these municipalities). A bounded number of queries."""
    agreements = with_conditions(
        Agreement.objects.filter(municipality_id__in=list(municipality_ids)),
        locations=with_history(Location.objects.all()),
    )
    warnings: list[AgreementWarning] = []
    for agreement in agreements:
        for location in agreement.locations.all():
            view = agreement_view(agreement, location, on)
            warnings += [
                AgreementWarning(location, agreement, row.condition, f"{row.description}: {row.result}")
                for row in view.warnings
            ]
    return warnings


def agreements_for_locations(locations: Sequence[Location]) -> list[Agreement]:
    """The agreements that name any of ``locations`` (for choosing one in a form)."""
    return list(Agreement.objects.filter(locations__in=locations).distinct().order_by("in_force_from", "pk"))


@dataclass(frozen=True, slots=True)
class NoticeDue:
    """A change of a location that an agreement says must be announced ``months`` months ahead."""

    location: Location
    agreement: Agreement
    change: date
    months: int


def agreement_notices(*, locations: Sequence[Location]) -> list[NoticeDue]:
    """Every notice period with a known change date (its own, or the agreement's change of target group) of
    the agreements about ``locations`` (which the caller may read); one per location. Bounded queries."""
    by_pk = {location.pk: location for location in locations}
    agreements = with_conditions(Agreement.objects.filter(locations__in=list(by_pk)).distinct())
    notices = []
    for agreement in agreements:
        changes = [day for c in agreement.conditions.all() if (day := _change_date(c)) is not None]
        for condition in agreement.conditions.all():
            if ConditionKind(condition.kind) is not ConditionKind.NOTICE_PERIOD or not condition.months:
                continue
            change = condition.change_on or (changes[0] if changes else None)
            if change is None:
                continue
            notices += [
                NoticeDue(by_pk[location.pk], agreement, change, condition.months)
                for location in agreement.locations.all()
                if location.pk in by_pk
            ]
    return notices
