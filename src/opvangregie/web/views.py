"""Pages of the web interface. Thin: they parse input and call services and selectors only."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from opvangregie import clock
from opvangregie.agreements.selectors import agreement_warnings
from opvangregie.areas.models import Municipality, Region
from opvangregie.core.errors import ApplicationError, PermissionDenied
from opvangregie.core.lifecycle import LocationStatus
from opvangregie.core.target_groups import TargetGroup
from opvangregie.households import selectors as household_selectors
from opvangregie.locations import exports, selectors, services
from opvangregie.locations.forms import (
    SnapshotForm,
)
from opvangregie.locations.models import StatusChoices, TargetGroupChoices
from opvangregie.organisations.scope import (
    municipality_readable,
    province_readable,
    readable_municipalities,
    region_readable,
    scope_for,
)
from opvangregie.placement.usable_report import usable_report
from opvangregie.quotas import selectors as quota_selectors
from opvangregie.reports.agenda import area_agenda
from opvangregie.reports.choropleth import area_map
from opvangregie.reports.forward import forward_look
from opvangregie.reports.forward_views import group_tables
from opvangregie.reports.key_figures import area_key_figures, national_key_figures
from opvangregie.reports.map_views import area_map_settings
from opvangregie.reports.site_coverage import site_coverage
from opvangregie.ui.maps import target_group_legend
from opvangregie.ui.params import download, reference_date, target_group


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Start page per role: a municipality's, region's or province's own page when the user has just that one;
    the national key figures with a table of provinces for national readers; COA's locations and what it may do."""
    scope = scope_for(request.user)
    municipalities = list(readable_municipalities(scope)[:400])
    regions = list(selectors.regions_readable(scope))
    provinces = list(selectors.provinces_readable(scope))
    national = scope.is_superuser or scope.reads_all
    if not national and not scope.coa_reader:
        if len(municipalities) == 1 and not regions and not provinces:
            return redirect("web:municipality", code=municipalities[0].code)
        if len(regions) == 1 and not provinces and not _own_municipalities(request):
            return redirect("web:region", slug=regions[0].slug)
        if len(provinces) == 1 and not regions and not _own_municipalities(request):
            return redirect("web:province", code=provinces[0].code)
    context: dict[str, Any] = {"municipalities": municipalities, "regions": regions, "provinces": provinces}
    if national:
        on = reference_date(request)
        country, per_province = national_key_figures(actor=request.user, on=on)
        choropleth = area_map(country)
        context |= {
            "figures": country,
            "province_figures": per_province,
            "on": on,
            "national": True,
            "area_map": choropleth,
            "map_settings": area_map_settings(area={}, area_map=choropleth),
            "map_target_groups": target_group_legend(TargetGroupChoices.choices),
        }
    if scope.coa_reader:
        context |= {
            "coa_locations": list(
                selectors.locations_readable(scope)
                .filter(target_group__in=[TargetGroup.ASYLUM.value, TargetGroup.AMV.value])
                .select_related("municipality")
                .order_by("municipality__name", "name")
            ),
            "coa_editor": scope.coa_editor,
            "all_municipalities": list(Municipality.objects.order_by("name").values_list("code", "name")),
        }
    return render(request, "web/home.html", context)


def _own_municipalities(request: HttpRequest) -> bool:
    """Whether the user is a member of a municipality's organisation (then the overview lists it too)."""
    user_id = request.user.pk
    return user_id is not None and Municipality.objects.filter(organisation__memberships__user_id=user_id).exists()


def _household_counts(municipality: Municipality, on: date) -> household_selectors.MonthCounts | None:
    """The Ukrainian household counts of the month; None when no leefgeld rates apply on that date."""
    try:
        return household_selectors.month_counts(municipality=municipality, on=on)
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
        "waiting": household_selectors.waiting_list(actor=request.user, municipality=municipality, now=clock.now()),
        "household_officer": scope.reads_households(municipality.pk),
        "usable": usable_report(actor=request.user, municipalities=[municipality], now=clock.midday(on)),
        "snapshot_form": snapshot_form or (SnapshotForm(locations=in_use, initial={"date": on}) if can_edit else None),
        **_forward(request, municipality, on, group),
        "upcoming": area_agenda(actor=request.user, municipalities=[municipality], today=on).upcoming(),
        "agreement_warnings": agreement_warnings(municipality_ids=[municipality.pk], on=on),
    }


def _forward(request: HttpRequest, municipality: Municipality, on: date, group: TargetGroup) -> dict[str, Any]:
    """The next quarters of the chosen target group on the dashboard (None when the group has no data here),
    and what the candidate sites cover of the shortfall at the projection's end."""
    look = forward_look(actor=request.user, municipality_ids=[municipality.pk], today=on)
    tables = group_tables(look, [group]) if group in look.base.target_groups else []
    coverage = site_coverage(actor=request.user, municipality_ids=[municipality.pk], look=look)
    return {"forward": tables[0] if tables else None, "coverage": coverage}


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
            saved = _("Saved: count of %(persons)s persons for %(name)s on %(day)s.") % {
                "persons": form.cleaned_data["persons"],
                "name": location.name,
                "day": date_format(form.cleaned_data["date"], "j F Y"),
            }
            if not request.htmx:
                messages.success(request, saved)
            context = _dashboard_context(request, code) | {"saved": saved}
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


def _area_page(
    request: HttpRequest,
    overview: selectors.AreaOverview,
    *,
    area_name: str,
    area_code: str,
    kind: str,
    municipalities: list[Municipality],
) -> HttpResponse:
    figures = area_key_figures(
        actor=request.user,
        name=area_name,
        code=area_code,
        municipalities=municipalities,
        on=overview.on,
        ukrainian=overview,
    )
    choropleth = area_map(figures)
    return render(
        request,
        "web/area.html",
        {
            "figures": figures,
            "overview": overview,
            "area_name": area_name,
            "area_code": area_code,
            "kind": kind,
            "on": overview.on,
            "target_group": overview.target_group,
            "target_groups": TargetGroupChoices.choices,
            "area_map": choropleth,
            "map_settings": area_map_settings(area={kind: area_code}, area_map=choropleth),
            "map_target_groups": target_group_legend(TargetGroupChoices.choices),
        },
    )


def _region(request: HttpRequest, slug: str) -> Region:
    return region_readable(scope_for(request.user), slug)


@login_required
def region_overview(request: HttpRequest, slug: str) -> HttpResponse:
    region = _region(request, slug)
    overview = selectors.region_overview(
        actor=request.user, region=region, on=reference_date(request), target_group=target_group(request)
    )
    if request.GET.get("export") == "xlsx":
        return download(exports.area_xlsx(region.name, overview), f"opvang-{slug}-{overview.on:%Y-%m-%d}.xlsx")
    members = [row.municipality for row in overview.rows]
    return _area_page(
        request, overview, area_name=region.name, area_code=region.slug, kind="region", municipalities=members
    )


@login_required
def province_overview(request: HttpRequest, code: str) -> HttpResponse:
    province = province_readable(scope_for(request.user), code)
    overview = selectors.province_overview(
        actor=request.user, province=province, on=reference_date(request), target_group=target_group(request)
    )
    if request.GET.get("export") == "xlsx":
        return download(exports.area_xlsx(province.name, overview), f"opvang-{code}-{overview.on:%Y-%m-%d}.xlsx")
    members = [row.municipality for row in overview.rows]
    return _area_page(
        request, overview, area_name=province.name, area_code=province.code, kind="province", municipalities=members
    )
