"""Pages of the candidate sites: a municipality's list with the form to add one, and a site's page with its
steps and what constrains it. Thin: they parse input and call services and selectors only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opvangregie.core.errors import ApplicationError, PermissionDenied
from opvangregie.core.target_groups import TargetGroup
from opvangregie.organisations.scope import municipality_readable, scope_for
from opvangregie.sites import selectors, services
from opvangregie.sites.forms import SiteForm, StepForm
from opvangregie.sites.layers import NATURA2000_ATTRIBUTION
from opvangregie.sites.models import OwnerKind, SiteKind, SiteStatus


@login_required
def municipality_sites(request: HttpRequest, code: str) -> HttpResponse:
    """The municipality's candidate sites the user may see; its editors add new ones."""
    scope = scope_for(request.user)
    municipality = municipality_readable(scope, code)
    can_edit = scope.edits_municipality(municipality.pk)
    form = SiteForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(services.NO_EDIT)
        if form.is_valid():
            data = form.cleaned_data
            try:
                site = services.site_create(
                    actor=request.user,
                    municipality=municipality,
                    data=services.SiteInput(
                        name=data["name"],
                        address=data["address"],
                        rd_x=data["rd_x"],
                        rd_y=data["rd_y"],
                        approximate=data["approximate"],
                        owner=OwnerKind(data["owner"]),
                        kind=SiteKind(data["kind"]),
                        target_group=TargetGroup(data["target_group"]),
                        estimated_places=data["estimated_places"],
                        notes=data["notes"],
                    ),
                    on=data["on"],
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("sites:site", site_id=site.pk)
    sites = selectors.sites_readable(actor=request.user, municipality=municipality)
    return render(
        request,
        "sites/municipality.html",
        {"municipality": municipality, "sites": sites, "form": form, "can_edit": can_edit},
        status=422 if form is not None and form.is_bound else 200,
    )


@login_required
def site_detail(request: HttpRequest, site_id: int) -> HttpResponse:
    """A site: its steps, and the constraint-layer areas it lies in or near (Natura 2000)."""
    site = selectors.site_get(actor=request.user, site_id=site_id)
    can_edit = scope_for(request.user).edits_municipality(site.municipality_id)
    form = StepForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(services.NO_EDIT)
        if form.is_valid():
            try:
                services.site_step(
                    actor=request.user,
                    site=site,
                    status=SiteStatus(form.cleaned_data["status"]),
                    on=form.cleaned_data["effective_date"],
                    reason=form.cleaned_data["reason"],
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("sites:site", site_id=site.pk)
    return render(
        request,
        "sites/site.html",
        {
            "site": site,
            "steps": list(site.steps.all()),
            "hits": selectors.site_constraints(site),
            "radius": int(selectors.CHECK_RADIUS_M),
            "attribution": NATURA2000_ATTRIBUTION,
            "form": form,
        },
        status=422 if form is not None and form.is_bound else 200,
    )
