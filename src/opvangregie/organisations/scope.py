"""Who may see and change what: the one place where organisation and role become permissions.

Rules (foundation issue, "Organisations and roles"):
- a municipality's members read their municipality; its editors change its data;
- region and province members read the municipalities of their region or province;
- COA members read asylum and AMV locations everywhere; COA editors change them;
- national members read everything; superusers (administrators) may do everything.
Council members are viewers of their municipality (read-only).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from opvangregie.areas.models import Municipality, Province, Region
from opvangregie.core.errors import NotFound, PermissionDenied
from opvangregie.core.target_groups import TargetGroup
from opvangregie.organisations.models import Membership, OrganisationKind, Role

COA_GROUPS = frozenset(g for g in TargetGroup if g.is_coa_managed)


@dataclass(frozen=True, slots=True)
class Scope:
    """The permissions of one user, computed once per request from the memberships."""

    user_id: int | None
    is_superuser: bool = False
    reads_all: bool = False
    national_editor: bool = False
    coa_reader: bool = False
    coa_editor: bool = False
    readable_municipalities: frozenset[int] = frozenset()
    editable_municipalities: frozenset[int] = frozenset()
    region_ids: frozenset[int] = frozenset()
    editable_region_ids: frozenset[int] = frozenset()
    province_ids: frozenset[int] = frozenset()
    editable_province_ids: frozenset[int] = frozenset()

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def reads_municipality(self, municipality_id: int) -> bool:
        return self.is_superuser or self.reads_all or municipality_id in self.readable_municipalities

    def edits_municipality(self, municipality_id: int) -> bool:
        return self.is_superuser or municipality_id in self.editable_municipalities

    def reads_location(self, *, municipality_id: int, target_group: str) -> bool:
        if self.reads_municipality(municipality_id):
            return True
        return self.coa_reader and target_group in COA_GROUPS

    def edits_location(self, *, municipality_id: int, target_group: str) -> bool:
        if self.edits_municipality(municipality_id):
            return True
        return self.coa_editor and target_group in COA_GROUPS

    def registrable_groups(self, municipality_id: int) -> frozenset[TargetGroup]:
        """The target groups whose locations this scope may register in the municipality: every group for its
        own editors, asylum and AMV for COA's editors (who run those locations in any municipality)."""
        if self.edits_municipality(municipality_id):
            return frozenset(TargetGroup)
        return COA_GROUPS if self.coa_editor else frozenset()

    def reads_households(self, municipality_id: int) -> bool:
        """Households are personal data: only the municipality's own officers (editors) see them.

        Viewers (council members), regions, provinces, the COA and national users see counts only
        (AVG art. 5(1)(c), data minimisation).
        """
        return self.edits_municipality(municipality_id)

    @property
    def edits_national(self) -> bool:
        """National figures (e.g. the half-year total of status holders) are set by national editors."""
        return self.is_superuser or self.national_editor

    def reads_region(self, region_id: int) -> bool:
        return self.is_superuser or self.reads_all or region_id in self.region_ids

    def edits_region(self, region_id: int) -> bool:
        """A region's editors (its coordinators) change the region's joint plan."""
        return self.is_superuser or region_id in self.editable_region_ids

    def reads_province(self, province_id: int) -> bool:
        return self.is_superuser or self.reads_all or province_id in self.province_ids

    @property
    def uploads_layers(self) -> bool:
        """Constraint layers (Natura 2000, a province's protected landscape) are the provinces' and the State's:
        their editors upload them, municipalities and readers do not (issue 17)."""
        return self.is_superuser or self.national_editor or bool(self.editable_province_ids)

    def location_filter(self, prefix: str = "") -> Q:
        """A query filter selecting the locations this scope may read."""
        if self.is_superuser or self.reads_all:
            return Q()
        condition = Q(**{f"{prefix}municipality_id__in": self.readable_municipalities})
        if self.coa_reader:
            condition |= Q(**{f"{prefix}target_group__in": sorted(COA_GROUPS)})
        return condition


ANONYMOUS = Scope(user_id=None)


def scope_for(user: Any) -> Scope:
    """The scope of ``user`` (cached on the user object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_opvangregie_scope", None)
    if isinstance(cached, Scope):
        return cached
    readable: set[int] = set()
    editable: set[int] = set()
    regions: set[int] = set()
    editable_regions: set[int] = set()
    provinces: set[int] = set()
    editable_provinces: set[int] = set()
    reads_all = national_editor = coa_reader = coa_editor = False
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    for membership in memberships:
        organisation, is_editor = membership.organisation, membership.role == Role.EDITOR
        match organisation.kind:
            case OrganisationKind.MUNICIPALITY:
                assert organisation.municipality_id is not None
                readable.add(organisation.municipality_id)
                if is_editor:
                    editable.add(organisation.municipality_id)
            case OrganisationKind.REGION:
                assert organisation.region_id is not None
                regions.add(organisation.region_id)
                if is_editor:
                    editable_regions.add(organisation.region_id)
                readable.update(
                    Municipality.objects.filter(regions=organisation.region_id).values_list("pk", flat=True)
                )
            case OrganisationKind.PROVINCE:
                assert organisation.province_id is not None
                provinces.add(organisation.province_id)
                if is_editor:
                    editable_provinces.add(organisation.province_id)
                readable.update(
                    Municipality.objects.filter(province=organisation.province_id).values_list("pk", flat=True)
                )
            case OrganisationKind.COA:
                coa_reader = True
                coa_editor = coa_editor or is_editor
            case OrganisationKind.NATIONAL:
                reads_all = True
                national_editor = national_editor or is_editor
    scope = Scope(
        user_id=user.pk,
        is_superuser=bool(user.is_superuser),
        reads_all=reads_all,
        national_editor=national_editor,
        coa_reader=coa_reader,
        coa_editor=coa_editor,
        readable_municipalities=frozenset(readable),
        editable_municipalities=frozenset(editable),
        region_ids=frozenset(regions),
        editable_region_ids=frozenset(editable_regions),
        province_ids=frozenset(provinces),
        editable_province_ids=frozenset(editable_provinces),
    )
    user._opvangregie_scope = scope
    return scope


def require(allowed: bool, message: str = "U heeft geen toegang tot deze gegevens.") -> None:
    """Raise :class:`PermissionDenied` unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(message)


def readable_municipalities(scope: Scope) -> QuerySet[Municipality]:
    """The municipalities whose dashboards this scope may open."""
    queryset = Municipality.objects.select_related("province", "safety_region")
    if scope.is_superuser or scope.reads_all:
        return queryset
    return queryset.filter(pk__in=scope.readable_municipalities)


def municipality_readable(scope: Scope, code: str) -> Municipality:
    """A municipality by code if this scope may read it; unknown and forbidden look alike (404)."""
    municipality = Municipality.objects.select_related("province", "safety_region").filter(code=code).first()
    if municipality is None or not scope.reads_municipality(municipality.pk):
        raise NotFound(f"Gemeente {code} niet gevonden.")
    return municipality


def municipality_for_registration(scope: Scope, code: str) -> Municipality:
    """A municipality in which this scope may register locations (its own editors; COA's editors anywhere).

    Unknown and unreadable municipalities look alike (404); readers who may not register get 403.
    """
    municipality = Municipality.objects.select_related("province", "safety_region").filter(code=code).first()
    if municipality is None or not (scope.reads_municipality(municipality.pk) or scope.coa_editor):
        raise NotFound(f"Gemeente {code} niet gevonden.")
    if not scope.registrable_groups(municipality.pk):
        raise PermissionDenied("U mag in deze gemeente geen locaties registreren.")
    return municipality


def province_readable(scope: Scope, code: str) -> Province:
    """A province by code if this scope may read it; unknown and forbidden look alike (404)."""
    province = Province.objects.filter(code=code).first()
    if province is None or not scope.reads_province(province.pk):
        raise NotFound("Provincie niet gevonden.")
    return province


def region_readable(scope: Scope, slug: str) -> Region:
    """A region (partnership) by slug if this scope may read it; unknown and forbidden look alike (404)."""
    region = Region.objects.filter(slug=slug).first()
    if region is None or not scope.reads_region(region.pk):
        raise NotFound("Regio niet gevonden.")
    return region
