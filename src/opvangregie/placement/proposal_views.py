"""The placement pages: usable places with the consolidation what-if, proposals as tasks, and confirming."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opvangregie import clock
from opvangregie.areas.models import Municipality, Region
from opvangregie.core.errors import ApplicationError, NotFound, PermissionDenied
from opvangregie.organisations.scope import municipality_readable, scope_for
from opvangregie.placement import exports, proposals
from opvangregie.placement.forms import ProposalForm
from opvangregie.placement.models import PlacementRun, RunStatus
from opvangregie.placement.usable_report import region_usable_report, usable_report
from opvangregie.ui.params import download


def _page(
    request: HttpRequest,
    *,
    municipality: Municipality | None,
    region: Region | None,
    may_run: bool,
) -> HttpResponse:
    now = clock.now()
    if municipality is not None:
        report = usable_report(actor=request.user, municipalities=[municipality], now=now, with_gains=True)
        runs = PlacementRun.objects.filter(municipality=municipality)
    else:
        assert region is not None
        report = region_usable_report(actor=request.user, region=region, now=now, with_gains=True)
        runs = PlacementRun.objects.filter(region=region)
    if request.GET.get("formaat") == "xlsx":
        name = municipality.code if municipality else (region.slug if region else "")
        area_name = municipality.name if municipality else (region.name if region else "")
        on = timezone.localdate(now)
        return download(exports.usable_xlsx(report, area_name, on), f"bruikbare-plekken-{name}-{on:%Y-%m-%d}.xlsx")
    if request.method == "POST" and not may_run:
        raise PermissionDenied(_("Only the municipality's own officers (or the region's coordinator) make proposals."))
    form = ProposalForm(request.POST or None) if may_run else None
    status = 200
    if request.method == "POST" and form is not None:
        if form.is_valid():
            try:
                run = proposals.proposal_start(
                    actor=request.user,
                    municipality=municipality,
                    region=region,
                    max_moves=form.cleaned_data["max_moves"],
                )
                return redirect(reverse("placement:proposal", args=[run.pk]))
            except ApplicationError as error:
                form.add_error(None, error.message)
        status = 422
    return render(
        request,
        "placement/placement.html",
        {
            "municipality": municipality,
            "region": region,
            "area_name": municipality.name if municipality else (region.name if region else ""),
            "report": report,
            "form": form,
            "runs": runs.select_related("created_by")[:10] if may_run else [],
        },
        status=status,
    )


@login_required
def municipality_placement(request: HttpRequest, code: str) -> HttpResponse:
    """Usable places of the municipality for everyone who reads it; proposals for its own officers."""
    scope = scope_for(request.user)
    municipality = municipality_readable(scope, code)
    return _page(request, municipality=municipality, region=None, may_run=scope.reads_households(municipality.pk))


@login_required
def region_placement(request: HttpRequest, slug: str) -> HttpResponse:
    """Usable places across the region; proposals for the region's coordinator."""
    region = Region.objects.filter(slug=slug).first()
    scope = scope_for(request.user)
    if region is None or not scope.reads_region(region.pk):
        raise NotFound(_("Region not found."))
    return _page(request, municipality=None, region=region, may_run=scope.edits_region(region.pk))


@login_required
def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    """A proposal: progress while the task runs (polled by htmx), then per location and room, to confirm."""
    run = proposals.run_get(actor=request.user, run_id=pk)
    busy = run.status in (RunStatus.QUEUED, RunStatus.RUNNING)
    if getattr(request, "htmx", False) and request.GET.get("progress"):
        response = render(request, "ui/partials/progress.html", {"job": run, "poll_url": _poll_url(run)})
        if not busy:
            response["HX-Refresh"] = "true"
        return response
    return render(request, "placement/proposal.html", _context(request, run))


def _context(request: HttpRequest, run: PlacementRun) -> dict[str, Any]:
    view = proposals.run_view(actor=request.user, run=run)
    return {
        "view": view,
        "run": run,
        "busy": run.status in (RunStatus.QUEUED, RunStatus.RUNNING),
        "poll_url": _poll_url(run),
    }


def _poll_url(run: PlacementRun) -> str:
    return reverse("placement:proposal", args=[run.pk]) + "?progress=1"


@login_required
@require_POST
def proposal_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm the ticked placements and moves; refused twice or after the data changed, with the reason."""
    run = proposals.run_get(actor=request.user, run_id=pk)
    try:
        proposals.proposal_confirm(actor=request.user, run_id=run.pk, accepted=set(request.POST.getlist("accepted")))
    except ApplicationError as error:
        messages.error(request, error.message)
        run.refresh_from_db()
        return render(request, "placement/proposal.html", _context(request, run), status=error.status_code)
    messages.success(request, _("The proposal is confirmed: households, rooms and counts are updated."))
    return redirect(reverse("placement:proposal", args=[run.pk]))
