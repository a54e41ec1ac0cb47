"""Household pages: the register, one household, the waiting list with the 72-hour clock, the monthly
leefgeld and own contribution, and the calculator. Household data is for the municipality's officers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opvangregie import clock as business_clock
from opvangregie.areas.models import Municipality, Region
from opvangregie.core.contribution import HouseholdMonth, ReceptionType, month_calculate
from opvangregie.core.errors import ApplicationError, NotFound, ValidationError
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.reception_duty import StepKind, clock
from opvangregie.core.target_groups import TargetGroup
from opvangregie.households import exports, importers, selectors, services
from opvangregie.households.forms import (
    PRIVATE,
    WAITING,
    CalculatorForm,
    CloseForm,
    HouseholdForm,
    IncomeForm,
    LeaveForm,
    MemberFormSet,
    MoveForm,
    RequestForm,
    StepForm,
)
from opvangregie.households.models import Household, RequestStatus
from opvangregie.locations.models import Location, Room
from opvangregie.organisations.scope import municipality_readable, require, scope_for
from opvangregie.ui.paging import page_of
from opvangregie.ui.params import download, query_month, reference_date, xlsx_download
from opvangregie.ui.tables import ImportTemplate
from opvangregie.ui.uploads import import_page


def _own_municipality(request: HttpRequest, code: str) -> Municipality:
    """The municipality, if the user is one of its officers; others get 404 (they may not know it holds households)."""
    municipality = municipality_readable(scope_for(request.user), code)
    if not scope_for(request.user).reads_households(municipality.pk):
        raise NotFound(_("Households are visible only to the municipality's own officers."))
    return municipality


def _places(municipality: Municipality) -> list[tuple[str, str]]:
    """Choices of the municipality's Ukrainian locations in use and their rooms."""
    locations = Location.objects.filter(
        municipality=municipality, target_group=TargetGroup.UKRAINIAN, status=LocationStatus.IN_USE
    )
    choices: list[tuple[str, str]] = []
    for location in locations.prefetch_related("rooms"):
        choices.append((f"location:{location.pk}", _("%(location)s (no room)") % {"location": location.name}))
        choices += [
            (
                f"room:{room.pk}",
                ngettext(
                    "%(location)s – room %(room)s (%(beds)d bed)",
                    "%(location)s – room %(room)s (%(beds)d beds)",
                    room.beds,
                )
                % {"location": location.name, "room": room.name, "beds": room.beds},
            )
            for room in location.rooms.all()
        ]
    return choices


def _placement(municipality: Municipality, value: str) -> services.Placement | None:
    if value == WAITING:
        return None
    if value == PRIVATE:
        return services.Placement(ReceptionType.PRIVATE)
    kind, _sep, key = value.partition(":")
    if kind == "room":
        room = Room.objects.select_related("location").filter(pk=key, location__municipality=municipality).first()
        if room is None:
            raise ValidationError(_("Unknown room."))
        return services.Placement(ReceptionType.MUNICIPAL, room.location, room)
    location = Location.objects.filter(pk=key, municipality=municipality).first()
    if kind != "location" or location is None:
        raise ValidationError(_("Unknown location."))
    return services.Placement(ReceptionType.MUNICIPAL, location)


@login_required
def households(request: HttpRequest, code: str) -> HttpResponseBase:
    """The municipality's households on the reference date with the month's leefgeld and contribution."""
    municipality = _own_municipality(request, code)
    on = reference_date(request)
    show_left = request.GET.get("vertrokken") == "1"
    households = selectors.households_on(actor=request.user, municipality=municipality, on=on, include_left=show_left)
    if request.GET.get("formaat") == "xlsx":
        rows = selectors.iter_household_rows(households, on)
        return xlsx_download(
            f"huishoudens-{code}-{on:%Y-%m-%d}.xlsx", lambda target: exports.write_households(target, rows, on)
        )
    page, query = page_of(request, households)
    context = {
        "municipality": municipality,
        "on": on,
        "rows": selectors.household_rows(page.object_list, on),
        "page": page,
        "query": query,
        "show_left": show_left,
    }
    return render(request, "households/households.html", context)


@login_required
def household_new(request: HttpRequest, code: str) -> HttpResponse:
    """Register a household with its members, placed at once or waiting."""
    municipality = _own_municipality(request, code)
    form = HouseholdForm(request.POST or None, places=_places(municipality))
    members = MemberFormSet(request.POST or None, prefix="lid")
    if request.method == "POST" and form.is_valid() and members.is_valid():
        data = form.cleaned_data
        member_inputs = [
            services.MemberInput(
                year_of_birth=row["year_of_birth"],
                sex=row.get("sex") or "",
                income=row.get("income") or Decimal(0),
                income_source=row.get("income_source") or "work",
            )
            for row in members.cleaned_data
            if row.get("year_of_birth")
        ]
        try:
            household = services.household_create(
                actor=request.user,
                municipality=municipality,
                data=services.HouseholdInput(
                    members=member_inputs,
                    registered_on=data["registered_on"],
                    reference=data["reference"],
                    name=data["name"],
                    needs_accessible=data["needs_accessible"],
                    needs_ground_floor=data["needs_ground_floor"],
                    needs_note=data["needs_note"],
                    catering=data["catering"],
                    placement=_placement(municipality, data.get("place") or WAITING),
                ),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Household %(reference)s registered.") % {"reference": household.reference})
            return redirect("households:household", code=code, reference=household.reference)
    status = 422 if request.method == "POST" else 200
    context = {"municipality": municipality, "form": form, "members": members}
    return render(request, "households/household_new.html", context, status=status)


def _household_post(request: HttpRequest, household: Household, municipality: Municipality) -> Any:
    """Handle one of the household page's forms; returns the bound form (errors) or None on success."""
    action = request.POST.get("action")
    forms: dict[str, Callable[[], Any]] = {
        "move": lambda: MoveForm(request.POST, places=_places(municipality)),
        "leave": lambda: LeaveForm(request.POST),
        "income": lambda: IncomeForm(request.POST, members=_member_choices(household)),
    }
    if action not in forms:
        raise ValidationError(_("Unknown action."))
    form = forms[action]()
    if not form.is_valid():
        return action, form
    data = form.cleaned_data
    try:
        if action == "move":
            to = _placement(municipality, data["place"])
            assert to is not None
            services.household_move(actor=request.user, household=household, to=to, on=data["on"])
        elif action == "leave":
            services.household_leave(actor=request.user, household=household, on=data["left_on"])
        else:
            member = household.members.get(pk=data["member"])
            services.income_set(
                actor=request.user,
                member=member,
                monthly_amount=data["monthly_amount"],
                source=data["source"],
                valid_from=data["valid_from"],
            )
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return action, form
    return None


def _member_choices(household: Household) -> list[tuple[int, str]]:
    return [
        (m.pk, _("member %(number)d (born %(year)d)") % {"number": m.number, "year": m.year_of_birth})
        for m in household.members.all()
    ]


@login_required
def household_detail(request: HttpRequest, code: str, reference: str) -> HttpResponse:
    """One household: members, incomes, stays, requests, and the month's calculation explained."""
    municipality = _own_municipality(request, code)
    household = selectors.household_get(actor=request.user, municipality=municipality, reference=reference)
    bound: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        outcome = _household_post(request, household, municipality)
        if outcome is None:
            messages.success(request, _("Saved."))
            return redirect(request.get_full_path())
        action, form = outcome
        bound[action], status = form, 422
    month = query_month(request, business_clock.today())
    context = {
        "municipality": municipality,
        "household": household,
        "month": month,
        "result": selectors.household_month(household, month, selectors.rates()),
        "composition": selectors.composition(household, month),
        "current": selectors.stay_on(household, business_clock.today()),
        "move_form": bound.get("move") or MoveForm(places=_places(municipality)),
        "leave_form": bound.get("leave") or LeaveForm(),
        "income_form": bound.get("income") or IncomeForm(members=_member_choices(household)),
        "active": household.left_on is None and household.anonymised_on is None,
    }
    return render(request, "households/household.html", context, status=status)


def _import(
    request: HttpRequest, code: str, run: Callable[..., int], kind: str, columns: ImportTemplate
) -> HttpResponse:
    municipality = _own_municipality(request, code)
    return import_page(
        request,
        template="households/import.html",
        context={"municipality": municipality, "kind": kind},
        run_import=lambda name, content: run(
            actor=request.user, municipality=municipality, file_name=name, content=content
        ),
        success=lambda count: ngettext("%(count)d row imported.", "%(count)d rows imported.", count) % {"count": count},
        done_url=reverse("households:households", args=[code]),
        columns=columns,
    )


@login_required
def households_import(request: HttpRequest, code: str) -> HttpResponse:
    columns = ImportTemplate(
        f"huishoudens-{code}-sjabloon.xlsx", importers.HOUSEHOLD_COLUMNS, importers.HOUSEHOLD_OPTIONAL
    )
    return _import(request, code, importers.households_import, "households", columns)


@login_required
def incomes_import(request: HttpRequest, code: str) -> HttpResponse:
    columns = ImportTemplate(f"inkomens-{code}-sjabloon.xlsx", importers.INCOME_COLUMNS, importers.INCOME_OPTIONAL)
    return _import(request, code, importers.incomes_import, "incomes", columns)


@login_required
def waiting_list(request: HttpRequest, code: str) -> HttpResponse:
    """The municipality's open requests with the 72-hour clock; officers register new requests here."""
    scope = scope_for(request.user)
    municipality = municipality_readable(scope, code)
    can_edit = scope.reads_households(municipality.pk)
    form = None
    if can_edit:
        unplaced = Household.objects.filter(municipality=municipality, left_on__isnull=True, anonymised_on__isnull=True)
        unplaced = unplaced.exclude(stays__end__isnull=True, stays__isnull=False).exclude(
            requests__status=RequestStatus.OPEN
        )
        form = RequestForm(request.POST or None, households=[(h.pk, h.reference) for h in unplaced])
    status = 200
    if request.method == "POST":
        require(form is not None, _("You may not change this data."))
        assert form is not None
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.request_create(
                    actor=request.user,
                    household=Household.objects.get(pk=data["household"], municipality=municipality),
                    received_at=data["received_at"],
                    note=data["note"],
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Request registered; the 72-hour clock runs."))
                return redirect("households:request", code=code, pk=created.pk)
        status = 422
    now = business_clock.now()
    rows = selectors.waiting_list(actor=request.user, municipality=municipality, now=now)
    if request.GET.get("formaat") == "xlsx":
        return download(exports.waiting_list_xlsx(rows, now), f"wachtlijst-{code}-{now:%Y-%m-%d}.xlsx")
    context = {"municipality": municipality, "rows": rows, "form": form, "can_edit": can_edit}
    return render(request, "households/waiting_list.html", context, status=status)


@login_required
def region_waiting_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The waiting lists of the region's municipalities (references only for one's own municipality)."""
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise NotFound(_("Region not found."))
    now = business_clock.now()
    rows = selectors.region_waiting_list(actor=request.user, region=region, now=now)
    if request.GET.get("formaat") == "xlsx":
        return download(exports.waiting_list_xlsx(rows, now), f"wachtlijst-{slug}-{now:%Y-%m-%d}.xlsx")
    return render(request, "households/region_waiting_list.html", {"region": region, "rows": rows})


@login_required
def request_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """One request: its steps and clock; record an offer or escalation, place the household, or close it."""
    municipality = _own_municipality(request, code)
    reception_request = selectors.request_get(actor=request.user, municipality=municipality, request_id=pk)
    forms: dict[str, Any] = {
        "step": StepForm(request.POST if request.POST.get("action") == "step" else None),
        "place": MoveForm(
            request.POST if request.POST.get("action") == "place" else None, places=_places(municipality)
        ),
        "close": CloseForm(request.POST if request.POST.get("action") == "close" else None),
    }
    status = 200
    action = request.POST.get("action", "")
    if request.method == "POST" and action in forms:
        form = forms[action]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "step":
                    services.request_step_add(
                        actor=request.user,
                        request=reception_request,
                        kind=StepKind(data["kind"]),
                        at=data["at"],
                        outcome=data["outcome"],
                        note=data["note"],
                    )
                elif action == "place":
                    to = _placement(municipality, data["place"])
                    assert to is not None
                    at = timezone.make_aware(datetime.combine(data["on"], timezone.localtime().time()))
                    services.request_place(
                        actor=request.user, request=reception_request, to=to, at=min(at, business_clock.now())
                    )
                else:
                    services.request_close(
                        actor=request.user,
                        request=reception_request,
                        status=data["status"],
                        at=data["at"],
                        note=data["note"],
                    )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Saved."))
                return redirect(request.get_full_path())
        status = 422
    steps = list(reception_request.steps.all())
    context = {
        "municipality": municipality,
        "item": reception_request,
        "steps": steps,
        "clock": clock(reception_request.received_at, [(StepKind(s.kind), s.at) for s in steps], business_clock.now()),
        "composition": selectors.composition(reception_request.household, business_clock.today()),
        "forms": forms,
        "is_open": reception_request.status == RequestStatus.OPEN,
    }
    return render(request, "households/request.html", context, status=status)


@login_required
def allowances(request: HttpRequest, code: str) -> HttpResponse:
    """The month's leefgeld and own contribution totals, the council letter's counts and the reimbursement."""
    scope = scope_for(request.user)
    municipality = municipality_readable(scope, code)
    month = query_month(request, business_clock.today())
    totals = selectors.month_totals(actor=request.user, municipality=municipality, month=month, with_results=False)
    if request.GET.get("formaat") == "xlsx":
        return download(exports.month_totals_xlsx(totals, municipality.name), f"leefgeld-{code}-{month:%Y-%m}.xlsx")
    officer = scope.reads_households(municipality.pk)
    page, query = None, ""
    if officer:
        households = selectors.month_households(actor=request.user, municipality=municipality, month=month)
        page, query = page_of(request, households)
    context = {
        "municipality": municipality,
        "totals": totals,
        "results": selectors.month_results(page.object_list, month) if page else [],
        "page": page,
        "query": query,
        "month": month,
        "previous": (month.replace(day=1) - timedelta(days=1)).replace(day=1),
        "next": (month.replace(day=28) + timedelta(days=4)).replace(day=1),
        "officer": officer,
    }
    return render(request, "households/allowances.html", context)


@login_required
def calculator(request: HttpRequest) -> HttpResponse:
    """Leefgeld and own contribution of one household for a month, with the explanation to show the household."""
    form = CalculatorForm(request.GET or None)
    result, message = None, ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            result = month_calculate(
                selectors.rates(),
                HouseholdMonth(
                    adult_incomes=tuple(data["adult_incomes"]),
                    minors=data["minors"],
                    catering=data["catering"],
                    reception=ReceptionType.PRIVATE if data["private"] else ReceptionType.MUNICIPAL,
                ),
                data["month"],
            )
        except ApplicationError as exc:
            message = exc.message
    status = 422 if (form.is_bound and not form.is_valid()) or message else 200
    return render(
        request, "households/calculator.html", {"form": form, "result": result, "message": message}, status=status
    )
