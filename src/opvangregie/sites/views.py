"""Pages of the candidate sites: a municipality's list with the form to add one, and a site's page with its
steps and what constrains it. Thin: they parse input and call services and selectors only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opvangregie.areas.boundaries import BOUNDARIES_ATTRIBUTION
from opvangregie.core.errors import ApplicationError, PermissionDenied, ValidationError
from opvangregie.core.site_areas import RD_NEW
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations.timeline import registered_entries
from opvangregie.organisations.scope import municipality_readable, scope_for
from opvangregie.sites import layer_selectors, layer_services, selectors, services
from opvangregie.sites.forms import LayerUploadForm, SiteForm, StepForm
from opvangregie.sites.models import LayerKind, OwnerKind, SiteKind, SiteStatus
from opvangregie.ui.maps import map_settings


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
                        area=data["area_text"],
                        area_crs=data["area_crs"] or RD_NEW,
                    ),
                    on=data["on"],
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("sites:site", site_id=site.pk)
    sites = selectors.sites_readable(actor=request.user, municipality=municipality)
    fractions = layer_selectors.municipality_constraint_shares([municipality.code]).get(municipality.code)
    shares = tuple(100 * fraction for fraction in fractions) if fractions is not None else None
    return render(
        request,
        "sites/municipality.html",
        {
            "municipality": municipality,
            "sites": sites,
            "form": form,
            "can_edit": can_edit,
            "shares": shares,
            "boundaries_attribution": BOUNDARIES_ATTRIBUTION,
            "map_settings": map_settings(
                area={"municipality": municipality.code},
                focus=[municipality.code],
                attribution=[BOUNDARIES_ATTRIBUTION],
                layers_on=True,
                pick={"x": "id_rd_x", "y": "id_rd_y"},
            )
            if form is not None
            else None,
        },
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
    checks = layer_selectors.site_checks(site=site)
    return render(
        request,
        "sites/site.html",
        {
            "site": site,
            "steps": list(site.steps.all()),
            "timeline": registered_entries(actor=request.user, subject=site),
            "checks": checks,
            "attributions": sorted({check.attribution for check in checks if check.attribution}),
            "form": form,
        },
        status=422 if form is not None and form.is_bound else 200,
    )


@login_required
def layers(request: HttpRequest) -> HttpResponse:
    """The constraint layers in force (every signed-in user reads them), with a link to upload for those who may."""
    return render(
        request,
        "sites/layers.html",
        {"layers": layer_selectors.layers_in_force(), "can_upload": scope_for(request.user).uploads_layers},
    )


@login_required
def layer_upload(request: HttpRequest) -> HttpResponse:
    """Upload a constraint layer, or a new version of one: province and national editors only."""
    if not scope_for(request.user).uploads_layers:
        raise PermissionDenied(layer_services.NO_UPLOAD)
    editable = layer_services.layers_editable(actor=request.user)
    form = LayerUploadForm(request.POST or None, request.FILES or None, layers=editable)
    if request.method == "POST" and form.is_valid():
        data, upload = form.cleaned_data, form.cleaned_data["file"]
        try:
            if upload.size is not None and upload.size > layer_services.LAYER_MAX_BYTES:
                raise ValidationError(_("The file is larger than 25 MB."))
            version = layer_services.layer_upload(
                actor=request.user,
                data=layer_services.LayerInput(
                    name=data["name"],
                    kind=LayerKind(data["kind"]),
                    source=data["source"],
                    licence=data["licence"],
                    valid_on=data["valid_on"],
                    description=data["description"],
                    attribution=data["attribution"],
                    is_demo=data["is_demo"],
                    name_field=data["name_field"],
                    layer=data["layer"],
                ),
                file_name=upload.name or "",
                content=upload.read(layer_services.LAYER_MAX_BYTES + 1),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Layer %(name)s saved as version %(version)s with %(count)s areas.")
                % {"name": version.layer.name, "version": version.number, "count": version.feature_count},
            )
            return redirect("sites:layers")
    return render(request, "sites/layer_upload.html", {"form": form}, status=422 if form.is_bound else 200)
