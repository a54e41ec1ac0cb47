"""Reads of the candidate sites: confidential until made public, checked against the constraint layers."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from shapely.geometry import Point

from opvangregie.areas.models import Municipality
from opvangregie.core.constraints import Hit, check
from opvangregie.core.errors import NotFound
from opvangregie.organisations.scope import Scope, scope_for
from opvangregie.sites.layers import active_layers
from opvangregie.sites.models import PUBLIC_STATUSES, CandidateSite

CHECK_RADIUS_M = 1_000.0


def site_filter(scope: Scope) -> Q:
    """Before it is made public a site is seen only by its municipality's editors (the officers preparing the
    college's decision); from then on by whoever reads the municipality, and by COA."""
    if scope.is_superuser or (scope.reads_all and not scope.readable_municipalities and scope.national_editor):
        return Q()
    public = Q(status__in=[status.value for status in PUBLIC_STATUSES])
    own = Q(municipality_id__in=scope.editable_municipalities)
    readers = Q(municipality_id__in=scope.readable_municipalities)
    if scope.reads_all or scope.coa_reader:
        return own | public
    return own | (public & readers)


def sites_readable(*, actor: Any, municipality: Municipality) -> QuerySet[CandidateSite]:
    return CandidateSite.objects.filter(site_filter(scope_for(actor)), municipality=municipality).order_by("name")


def site_get(*, actor: Any, site_id: int) -> CandidateSite:
    site = (
        CandidateSite.objects.filter(site_filter(scope_for(actor)), pk=site_id)
        .select_related("municipality", "location")
        .prefetch_related("steps")
        .first()
    )
    if site is None:
        raise NotFound("Kandidaatlocatie niet gevonden.")
    return site


def site_constraints(site: CandidateSite) -> list[Hit]:
    """The constraint-layer areas the site lies in or within 1 km of, nearest first."""
    return check(Point(float(site.rd_x), float(site.rd_y)), active_layers(), CHECK_RADIUS_M)
