"""Pages of the web interface. Thin: they parse input and call services and selectors only."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from opvangregie.areas.models import Municipality, Region
from opvangregie.core.errors import ApplicationError, NotFound, PermissionDenied
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.rooms import SharingRule
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations import selectors, services
from opvangregie.locations.importers import snapshots_import
from opvangregie.locations.models import EventKind, Location, StatusChoices, TargetGroupChoices
from opvangregie.organisations.scope import (
    municipality_readable,
    province_readable,
    readable_municipalities,
    scope_for,
)
from opvangregie.placement import selectors as placement_selectors
from opvangregie.placement.usable_report import usable_report
from opvangregie.quotas import selectors as quota_selectors
from opvangregie.web import exports
from opvangregie.web.charts import occupancy_chart_svg
from opvangregie.web.forms import (
    EventForm,
    LocationCreateForm,
    LocationForm,
    RoomForm,
    SnapshotForm,
    StatusForm,
)
from opvangregie.web.params import download, reference_date, target_group
from opvangregie.web.uploads import import_page


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Start page: straight to the dashboard when the user belongs to one municipality."""
    scope = scope_for(request.user)
    municipalities = list(readable_municipalities(scope)[:400])
    regions = list(selectors.regions_readable(scope))
    provinces = list(selectors.provinces_readable(scope))
    if len(municipalities) == 1 and not regions and not provinces and not scope.coa_reader:
        return redirect("web:municipality", code=municipalities[0].code)
    coa_locations: list[Location] = []
    if scope.coa_reader:
        coa_locations = list(
            selectors.locations_readable(scope)
            .filter(target_group__in=[TargetGroup.ASYLUM.value, TargetGroup.AMV.value])
            .select_related("municipality")
        )
    return render(
        request,
        "web/home.html",
        {
            "municipalities": municipalities,
            "regions": regions,
            "provinces": provinces,
            "coa_locations": coa_locations,
        },
    )


def _household_counts(municipality: Municipality, on: date) -> placement_selectors.MonthCounts | None:
    """The Ukrainian household counts of the month; None when no leefgeld rates apply on that date."""
    try:
        return placement_selectors.month_counts(municipality=municipality, on=on)
    except ApplicationError:
        return None


def _dashboard_context(request: HttpRequest, code: str, *, snapshot_form: SnapshotForm | None = None) -> dict[str, Any]:
    scope = scope_for(request.user)
    municipality = municipality_readable(scope, code)
    on, group = reference_date(request), target_group(request)
    overview = selectors.municipality_overview(actor=request.user, municipality=municipality, on=on, target_group=group)
    register = (
        selectors.locations_readable(scope)
        .filter(municipality=municipality)
        .exclude(status__in=[StatusChoices.IN_USE, StatusChoices.OUT_OF_USE, StatusChoices.CLOSED])
        .order_by("name")
    )
    can_edit = scope.edits_municipality(municipality.pk)
    in_use = [
        (row.location.pk, row.location.name) for row in overview.rows if row.figures.status is LocationStatus.IN_USE
    ]
    return {
        "municipality": municipality,
        "overview": overview,
        "on": on,
        "target_group": group,
        "target_groups": TargetGroupChoices.choices,
        "register": register,
        "can_edit": can_edit,
        "quota_book": quota_selectors.quota_ledger(actor=request.user, municipality=municipality, on=on),
        "household_counts": _household_counts(municipality, on),
        "waiting": placement_selectors.waiting_list(actor=request.user, municipality=municipality, now=timezone.now()),
        "household_officer": scope.reads_households(municipality.pk),
        "usable": usable_report(actor=request.user, municipalities=[municipality], now=timezone.now()),
        "snapshot_form": snapshot_form or (SnapshotForm(locations=in_use, initial={"date": on}) if can_edit else None),
    }


@login_required
def municipality_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    """The municipality's locations with places, persons and target on a chosen date."""
    return render(request, "web/municipality.html", _dashboard_context(request, code))


@login_required
@require_POST
def municipality_snapshot(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """Record a count from the dashboard form (htmx); answers with the refreshed table and form."""
    context = _dashboard_context(request, code)
    if context["snapshot_form"] is None:
        raise PermissionDenied(_("You may not change this data."))
    choices = [(row.location.pk, row.location.name) for row in context["overview"].rows]
    form = SnapshotForm(request.POST, locations=choices)
    status = 200
    if form.is_valid():
        try:
            location = selectors.location_get(actor=request.user, location_id=form.cleaned_data["location"])
            services.occupancy_record(
                actor=request.user,
                location=location,
                data=services.OccupancyInput(
                    on=form.cleaned_data["date"],
                    persons=form.cleaned_data["persons"],
                    households=form.cleaned_data["households"],
                    usable_free_places=form.cleaned_data["usable_free_places"],
                    note=form.cleaned_data["note"],
                ),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            status = 422 if not request.htmx else 200
        else:
            messages.success(request, _("Count recorded for %(name)s.") % {"name": location.name})
            context = _dashboard_context(request, code)
            form = None  # type: ignore[assignment]
    if form is not None:
        context["snapshot_form"] = form
    template = "web/partials/occupancy.html" if request.htmx else "web/municipality.html"
    return render(request, template, context, status=status)


@login_required
def municipality_export(request: HttpRequest, code: str) -> HttpResponse:
    context = _dashboard_context(request, code)
    content = exports.municipality_xlsx(context["municipality"], context["overview"])
    return download(content, f"opvang-{code}-{context['on']:%Y-%m-%d}.xlsx")


@login_required
def municipality_import(request: HttpRequest, code: str) -> HttpResponse:
    """Upload counts from Excel/CSV: all rows are recorded, or none with a report per row."""
    municipality = municipality_readable(scope_for(request.user), code)
    return import_page(
        request,
        template="web/import.html",
        context={"municipality": municipality},
        run_import=lambda name, content: snapshots_import(
            actor=request.user, municipality=municipality, file_name=name, content=content
        ),
        success=lambda count: _("%(count)d counts imported.") % {"count": count},
        done_url=reverse("web:municipality", kwargs={"code": code}),
    )


def _location_context(request: HttpRequest, location_id: int) -> dict[str, Any]:
    location = selectors.location_get(actor=request.user, location_id=location_id)
    today = timezone.localdate()
    can_edit = selectors.location_editable(actor=request.user, location=location)
    points = selectors.occupancy_series(location, until=today)
    figures = selectors.location_history(location)
    from opvangregie.core.occupancy import location_figures

    return {
        "location": location,
        "figures": location_figures(figures, today),
        "status_changes": list(location.status_changes.all()),
        "snapshots": list(reversed(location.snapshots.all())),
        "events": selectors.location_timeline(location),
        "rooms": list(location.rooms.all()),
        "chart": occupancy_chart_svg(points, places_label=_("Places"), persons_label=_("Persons")),
        "can_edit": can_edit,
        "snapshot_form": SnapshotForm(locations=[(location.pk, location.name)]) if can_edit else None,
        "status_form": StatusForm() if can_edit else None,
        "event_form": EventForm() if can_edit else None,
        "room_form": RoomForm() if can_edit else None,
        "permit_granted": EventKind.PERMIT_GRANTED.value,
    }


@login_required
def location_detail(request: HttpRequest, location_id: int) -> HttpResponse:
    """A location: its lifecycle, timeline, rooms and occupancy chart; its counts as Excel."""
    context = _location_context(request, location_id)
    if request.GET.get("formaat") == "xlsx":
        location = context["location"]
        content = exports.location_counts_xlsx(location, context["snapshots"], timezone.localdate())
        return download(content, f"tellingen-{location.pk}-{slugify(location.name)}.xlsx")
    return render(request, "web/location.html", context)


@login_required
@require_POST
def location_action(request: HttpRequest, location_id: int, action: str) -> HttpResponse:
    """Record a snapshot, a status change or an event from the location page (htmx or plain POST)."""
    context = _location_context(request, location_id)
    location = context["location"]
    if not context["can_edit"]:
        raise PermissionDenied(_("You may not change this location."))
    forms_by_action: dict[str, Any] = {
        "snapshot": SnapshotForm(request.POST, locations=[(location.pk, location.name)]),
        "status": StatusForm(request.POST),
        "event": EventForm(request.POST),
        "room": RoomForm(request.POST),
    }
    if action not in forms_by_action:
        raise NotFound("Onbekende actie.")
    form = forms_by_action[action]
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "snapshot":
                services.occupancy_record(
                    actor=request.user,
                    location=location,
                    data=services.OccupancyInput(
                        on=data["date"],
                        persons=data["persons"],
                        households=data["households"],
                        usable_free_places=data["usable_free_places"],
                        note=data["note"],
                    ),
                )
            elif action == "status":
                services.location_status_change(
                    actor=request.user,
                    location=location,
                    status=LocationStatus(data["status"]),
                    effective_date=data["effective_date"],
                    reason=data["reason"],
                )
            elif action == "room":
                services.room_add(
                    actor=request.user,
                    location=location,
                    name=data["name"],
                    beds=data["beds"],
                    floor=data["floor"],
                    accessible=data["accessible"],
                    sharing_rule=SharingRule(data["sharing_rule"]),
                )
            else:
                services.event_add(
                    actor=request.user,
                    location=location,
                    kind=EventKind(data["kind"]),
                    on=data["date"],
                    title=data["title"],
                    description=data["description"],
                )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("web:location", location_id=location_id)
    context[f"{action}_form"] = form
    return render(request, "web/location.html", context, status=422)


@login_required
def location_new(request: HttpRequest, code: str) -> HttpResponse:
    """Register a location of the municipality with its first lifecycle stage and capacity."""
    scope = scope_for(request.user)
    municipality = municipality_readable(scope, code)
    if not scope.edits_municipality(municipality.pk):
        raise PermissionDenied(_("You may not register locations in this municipality."))
    form = LocationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            location = services.location_create(
                actor=request.user,
                municipality=municipality,
                data=form.location_input(),
                status=LocationStatus(form.cleaned_data["status"]),
                status_date=form.cleaned_data["status_date"],
                places=form.cleaned_data["places"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Location %(name)s registered.") % {"name": location.name})
            return redirect("web:location", location_id=location.pk)
    return render(
        request,
        "web/location_form.html",
        {"municipality": municipality, "form": form, "location": None},
        status=422 if form.is_bound else 200,
    )


@login_required
def location_edit(request: HttpRequest, location_id: int) -> HttpResponse:
    """Change a location's name, address, operator, coordinates, follow-up use and notes."""
    location = selectors.location_get(actor=request.user, location_id=location_id)
    if not selectors.location_editable(actor=request.user, location=location):
        raise PermissionDenied(_("You may not change this location."))
    form = LocationForm(request.POST) if request.method == "POST" else LocationForm.for_location(location)
    if request.method == "POST" and form.is_valid():
        try:
            services.location_update(
                actor=request.user, location=location, data=form.location_input(is_example=location.is_example)
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("web:location", location_id=location.pk)
    return render(
        request,
        "web/location_form.html",
        {"municipality": location.municipality, "form": form, "location": location},
        status=422 if form.is_bound else 200,
    )


def _area_page(
    request: HttpRequest, overview: selectors.AreaOverview, *, area_name: str, area_code: str, kind: str
) -> HttpResponse:
    return render(
        request,
        "web/area.html",
        {
            "overview": overview,
            "area_name": area_name,
            "area_code": area_code,
            "kind": kind,
            "on": overview.on,
            "target_group": overview.target_group,
            "target_groups": TargetGroupChoices.choices,
        },
    )


def _region(request: HttpRequest, slug: str) -> Region:
    region = Region.objects.filter(slug=slug).first()
    if region is None or not scope_for(request.user).reads_region(region.pk):
        raise NotFound("Regio niet gevonden.")
    return region


@login_required
def region_overview(request: HttpRequest, slug: str) -> HttpResponse:
    region = _region(request, slug)
    overview = selectors.region_overview(
        actor=request.user, region=region, on=reference_date(request), target_group=target_group(request)
    )
    if request.GET.get("export") == "xlsx":
        return download(exports.area_xlsx(region.name, overview), f"opvang-{slug}-{overview.on:%Y-%m-%d}.xlsx")
    return _area_page(request, overview, area_name=region.name, area_code=region.slug, kind="region")


@login_required
def province_overview(request: HttpRequest, code: str) -> HttpResponse:
    province = province_readable(scope_for(request.user), code)
    overview = selectors.province_overview(
        actor=request.user, province=province, on=reference_date(request), target_group=target_group(request)
    )
    if request.GET.get("export") == "xlsx":
        return download(exports.area_xlsx(province.name, overview), f"opvang-{code}-{overview.on:%Y-%m-%d}.xlsx")
    return _area_page(request, overview, area_name=province.name, area_code=province.code, kind="province")
