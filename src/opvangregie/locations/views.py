"""Pages of a location: its lifecycle, timeline, rooms and counts; registering and editing; importing counts.

Thin: they parse input and call services and selectors only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from opvangregie import clock
from opvangregie.core.errors import ApplicationError, NotFound, PermissionDenied
from opvangregie.core.lifecycle import ALLOWED_TRANSITIONS, LocationStatus
from opvangregie.core.occupancy import location_figures
from opvangregie.core.rooms import SharingRule
from opvangregie.locations import capacity_import, exports, import_jobs, selectors, services
from opvangregie.locations.forms import (
    CapacityForm,
    CapacityRemoveForm,
    EventForm,
    ExpectedForm,
    LocationCreateForm,
    LocationForm,
    RoomForm,
    SnapshotForm,
    StatusForm,
)
from opvangregie.locations.importers import OPTIONAL, REQUIRED, snapshots_import
from opvangregie.locations.models import EventKind, ImportJobStatus
from opvangregie.locations.timeline import location_timeline
from opvangregie.organisations.scope import municipality_for_registration, municipality_readable, scope_for
from opvangregie.ui.charts import occupancy_chart_svg
from opvangregie.ui.params import download
from opvangregie.ui.tables import ImportTemplate
from opvangregie.ui.templatetags.opvang import old_count
from opvangregie.ui.uploads import import_page


def _editable_municipality(request: HttpRequest, code: str) -> Any:
    scope = scope_for(request.user)
    municipality = municipality_readable(scope, code)
    if not scope.edits_municipality(municipality.pk):
        raise PermissionDenied(services.NO_EDIT)
    return municipality


def _municipality_import(
    request: HttpRequest,
    code: str,
    *,
    title: str,
    run_import: Callable[..., int],
    success: Callable[[int], str],
    template: ImportTemplate,
    by_task: bool = False,
) -> HttpResponse:
    """An all-or-nothing import page of one of the municipality's registers (its editors only); ``by_task``: a
    file of more rows than ``IMPORT_TASK_ROWS`` is imported by a task (counts), whose page the officer is sent to."""
    municipality = _editable_municipality(request, code)

    def queue(name: str, content: bytes) -> str | None:
        if not import_jobs.needs_task(name, content):
            return None
        job = import_jobs.count_import_start(
            actor=request.user, municipality=municipality, file_name=name, content=content
        )
        return reverse("locations:count-import", args=[job.pk])

    jobs = list(import_jobs.count_imports(actor=request.user, municipality=municipality)[:5]) if by_task else []
    return import_page(
        request,
        template="locations/import.html",
        context={
            "municipality": municipality,
            "title": title,
            "columns": ", ".join(template.required),
            "optional_columns": ", ".join(template.optional),
            "jobs": jobs,
        },
        run_import=lambda name, content: run_import(
            actor=request.user, municipality=municipality, file_name=name, content=content
        ),
        success=success,
        done_url=reverse("web:municipality", kwargs={"code": code}),
        columns=template,
        queue=queue if by_task else None,
    )


def _imported(count: int) -> str:
    return ngettext("%(count)d count imported.", "%(count)d counts imported.", count) % {"count": count}


@login_required
def municipality_import(request: HttpRequest, code: str) -> HttpResponse:
    """Upload counts from Excel/CSV: all rows are recorded, or none with a report per row."""
    return _municipality_import(
        request,
        code,
        title=_("Import counts"),
        run_import=snapshots_import,
        success=_imported,
        template=ImportTemplate(f"tellingen-{code}-sjabloon.xlsx", REQUIRED, OPTIONAL),
        by_task=True,
    )


@login_required
def count_import(request: HttpRequest, import_id: int) -> HttpResponse:
    """A count file imported by a task: its progress (polled by htmx while it runs), then the counts written or
    the report per row of a refused file. Only the municipality's own editors see it (others: 404)."""
    job = import_jobs.count_import_get(actor=request.user, import_id=import_id)
    poll_url = reverse("locations:count-import", args=[job.pk]) + "?voortgang=1"
    context = {"job": job, "municipality": job.municipality, "poll_url": poll_url, "progress_id": "import-progress"}
    if job.status == ImportJobStatus.DONE:
        context["summary"] = _imported(job.rows_written)
    if request.GET.get("voortgang"):
        response = render(request, "ui/partials/progress.html", context)
        if not job.busy:
            response["HX-Refresh"] = "true"
        return response
    return render(request, "locations/count_import.html", context)


@login_required
def capacity_import_page(request: HttpRequest, code: str) -> HttpResponse:
    """Upload dated capacity changes (past or expected) from Excel/CSV: all rows or none."""
    return _municipality_import(
        request,
        code,
        title=_("Import capacity changes"),
        run_import=capacity_import.capacity_import,
        success=lambda count: (
            ngettext("%(count)d capacity change imported.", "%(count)d capacity changes imported.", count)
            % {"count": count}
        ),
        template=ImportTemplate(f"capaciteit-{code}-sjabloon.xlsx", capacity_import.REQUIRED, capacity_import.OPTIONAL),
    )


# The location page holds four forms; each gets its own element ids (two of them have a "date" field).
AUTO_IDS = {action: f"{action}_%s" for action in ("snapshot", "status", "event", "room", "capacity", "expected")}


def _next_stage(location: Any) -> str | None:
    """The first stage the location may move to next (core.lifecycle), as the status form's default."""
    allowed = ALLOWED_TRANSITIONS[LocationStatus(location.status)]
    return next((stage.value for stage in LocationStatus if stage in allowed), None)


def _action_forms(location: Any, data: Any = None) -> dict[str, Any]:
    """Every form of the location page by its action, bound to ``data`` when given; unbound ones start on the
    likely choice (the next stage; the expected date of coming into use)."""
    return {
        "snapshot": SnapshotForm(data, locations=[(location.pk, location.name)], auto_id=AUTO_IDS["snapshot"]),
        "status": StatusForm(data, auto_id=AUTO_IDS["status"], initial={"status": _next_stage(location)}),
        "event": EventForm(data, auto_id=AUTO_IDS["event"]),
        "room": RoomForm(data, auto_id=AUTO_IDS["room"]),
        "capacity": CapacityForm(data, auto_id=AUTO_IDS["capacity"]),
        "expected": ExpectedForm(data, auto_id=AUTO_IDS["expected"], initial={"status": LocationStatus.IN_USE.value}),
    }


def _location_context(request: HttpRequest, location_id: int) -> dict[str, Any]:
    location = selectors.location_get(actor=request.user, location_id=location_id)
    today = clock.today()
    can_edit = selectors.location_editable(actor=request.user, location=location)
    points = selectors.occupancy_series(location, until=today)
    history = selectors.location_history(location)
    figures = location_figures(history, today)
    forms = _action_forms(location) if can_edit else {}
    return {
        "location": location,
        "today": today,
        "figures": figures,
        "count_is_old": old_count(figures.snapshot_date, today),
        "capacity_changes": selectors.capacity_series(location, today),
        "expected_transitions": selectors.expected_transitions(location, today),
        "status_changes": list(location.status_changes.all()),
        "snapshots": list(reversed(location.snapshots.all())),
        "timeline": location_timeline(actor=request.user, location=location),
        "rooms": list(location.rooms.all()),
        "chart": occupancy_chart_svg(points, places_label=_("Places"), persons_label=_("Persons"))
        if any(point.places or point.persons for point in points)
        else "",  # never in use yet: no chart of zeros
        "can_edit": can_edit,
        "reads_municipality": scope_for(request.user).reads_municipality(location.municipality_id),
        **{f"{action}_form": form for action, form in forms.items()},
    }


@login_required
def location_detail(request: HttpRequest, location_id: int) -> HttpResponse:
    """A location: its lifecycle, timeline, rooms and occupancy chart; its counts as Excel."""
    context = _location_context(request, location_id)
    if request.GET.get("formaat") == "xlsx":
        location = context["location"]
        content = exports.location_counts_xlsx(location, context["snapshots"], clock.today())
        return download(content, f"tellingen-{location.pk}-{slugify(location.name)}.xlsx")
    return render(request, "locations/location.html", context)


@login_required
@require_POST
def location_action(request: HttpRequest, location_id: int, action: str) -> HttpResponse:
    """Record a snapshot, a status change or an event from the location page (htmx or plain POST)."""
    context = _location_context(request, location_id)
    location = context["location"]
    if not context["can_edit"]:
        raise PermissionDenied(_("You may not change this location."))
    forms_by_action = {**_action_forms(location, request.POST), "capacity-remove": CapacityRemoveForm(request.POST)}
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
            elif action == "capacity":
                services.location_capacity_set(
                    actor=request.user,
                    location=location,
                    places=data["places"],
                    effective_date=data["effective_date"],
                    reason=data["reason"],
                    decision_reference=data["decision_reference"],
                )
            elif action == "capacity-remove":
                services.location_capacity_remove(
                    actor=request.user, location=location, effective_date=data["effective_date"]
                )
            elif action == "expected":
                services.expected_transition_set(
                    actor=request.user,
                    location=location,
                    status=LocationStatus(data["status"]),
                    expected_date=data["expected_date"],
                    note=data["note"],
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
            messages.success(request, _("Removed.") if action == "capacity-remove" else _("Saved."))
            return redirect("locations:location", location_id=location_id)
    if action == "capacity-remove":
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()) or _("Nothing removed."))
        return redirect("locations:location", location_id=location_id)
    context[f"{action}_form"] = form
    return render(request, "locations/location.html", context, status=422)


@login_required
def location_new(request: HttpRequest, code: str) -> HttpResponse:
    """Register a location of the municipality with its first lifecycle stage and capacity.

    The municipality's editors register every kind; COA's editors register asylum and AMV locations anywhere.
    """
    scope = scope_for(request.user)
    municipality = municipality_for_registration(scope, code)
    groups = scope.registrable_groups(municipality.pk)
    form = LocationCreateForm(request.POST or None, target_groups=groups)
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
            return redirect("locations:location", location_id=location.pk)
    return render(
        request,
        "locations/location_form.html",
        {
            "municipality": municipality,
            "form": form,
            "location": None,
            "reads_municipality": scope.reads_municipality(municipality.pk),
        },
        status=422 if form.is_bound else 200,
    )


@login_required
def location_new_choose(request: HttpRequest) -> HttpResponse:
    """The start of registering a location for users who work in many municipalities (COA): pick one."""
    code = (request.GET.get("gemeente") or "").strip().upper()
    municipality = municipality_for_registration(scope_for(request.user), code)
    return redirect("locations:location-new", code=municipality.code)


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
            return redirect("locations:location", location_id=location.pk)
    return render(
        request,
        "locations/location_form.html",
        {
            "municipality": location.municipality,
            "form": form,
            "location": location,
            "reads_municipality": scope_for(request.user).reads_municipality(location.municipality_id),
        },
        status=422 if form.is_bound else 200,
    )
