"""Pages of the vacant-building list: the list (filtered, paginated), the BAG upload with its progress, and
making a candidate site from a row. Thin: they parse input and call the vacancy selectors and services."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opvangregie.areas.models import Municipality
from opvangregie.core.errors import ApplicationError, ValidationError
from opvangregie.core.vacancy import QUALIFYING_FUNCTIONS, VACANT_STATUSES
from opvangregie.organisations.scope import municipality_readable, scope_for
from opvangregie.sites import bag_import, vacancy
from opvangregie.sites.forms import BagUploadForm
from opvangregie.sites.models import ImportStatus
from opvangregie.ui.params import InvalidParameter

PAGE_SIZE = 50


def _officer_municipality(request: HttpRequest, code: str) -> Municipality:
    municipality = municipality_readable(scope_for(request.user), code)
    vacancy.require_officer(request.user, municipality)
    return municipality


def _choice(request: HttpRequest, name: str, allowed: frozenset[str] | tuple[str, ...]) -> str:
    value = (request.GET.get(name) or "").strip()
    if value and value not in allowed:
        raise InvalidParameter(_("Choose one of the listed values for %(name)s.") % {"name": name}, name=name)
    return value


def _page_number(request: HttpRequest) -> int:
    raw = (request.GET.get("pagina") or "1").strip()
    if not raw.isdigit() or not 1 <= int(raw) <= 1_000_000:
        raise InvalidParameter(_("The page number is a whole number from 1."), name="pagina")
    return int(raw)


@login_required
def vacant_buildings(request: HttpRequest, code: str) -> HttpResponse:
    """Buildings and units of the municipality worth a look, from its last BAG import (its editors only)."""
    municipality = _officer_municipality(request, code)
    status = _choice(request, "status", VACANT_STATUSES)
    function = _choice(request, "functie", QUALIFYING_FUNCTIONS)
    listing = vacancy.vacant_list(actor=request.user, municipality=municipality, status=status, function=function)
    page = Paginator(listing.rows, PAGE_SIZE).get_page(_page_number(request))
    rows = list(page.object_list)
    sites = vacancy.sites_from_bag(municipality=municipality, identifications=[r.building_identification for r in rows])
    lines = [
        {"row": row, "constraint": vacancy.nearest_constraint(row), "site_id": sites.get(row.building_identification)}
        for row in rows
    ]
    query = "&".join(f"{name}={value}" for name, value in (("status", status), ("functie", function)) if value)
    return render(
        request,
        "sites/vacant.html",
        {
            "municipality": municipality,
            "listing": listing,
            "page": page,
            "lines": lines,
            "status": status,
            "function": function,
            "statuses": sorted(VACANT_STATUSES),
            "functions": QUALIFYING_FUNCTIONS,
            "query": query,
            "any_footprint": any(row.from_footprint for row in rows),
        },
    )


@login_required
@require_POST
def vacant_site(request: HttpRequest, code: str, identification: str) -> HttpResponse:
    """Make a candidate site from a listed building or unit; a second click opens the site made before."""
    municipality = _officer_municipality(request, code)
    site, made = vacancy.site_from_bag(actor=request.user, municipality=municipality, identification=identification)
    if made:
        messages.success(request, _("Candidate site made from the BAG; it stays confidential until made public."))
    else:
        messages.info(request, _("A candidate site was made from this building before."))
    return redirect("sites:site", site_id=site.pk)


@login_required
def vacant_import(request: HttpRequest, code: str) -> HttpResponse:
    """Upload a BAG file; the import runs as a task whose progress the page shows (polled by htmx)."""
    municipality = _officer_municipality(request, code)
    imports = bag_import.bag_imports(actor=request.user, municipality=municipality)
    latest = imports.first()
    poll_url = reverse("sites:vacant-import", args=[municipality.code]) + "?voortgang=1"
    if getattr(request, "htmx", False) and request.GET.get("voortgang") and latest is not None:
        response = render(request, "ui/partials/progress.html", {"job": latest, "poll_url": poll_url})
        if latest.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
            response["HX-Refresh"] = "true"
        return response
    form = BagUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size is not None and upload.size > settings.BAG_IMPORT_MAX_BYTES:
                    raise ValidationError(_("The file is too large."))
                bag_import.bag_import_start(
                    actor=request.user, municipality=municipality, file_name=upload.name, content=upload.read()
                )
            except ApplicationError as error:
                form.add_error("file", error.message)
            else:
                messages.success(request, _("The file is being read; this page shows how far it is."))
                return redirect("sites:vacant-import", code=municipality.code)
    return render(
        request,
        "sites/vacant_import.html",
        {"municipality": municipality, "form": form, "imports": imports[:10], "latest": latest, "poll_url": poll_url},
        status=status,
    )
