"""Every route of the site, read from the URL configuration and the API object, and the demo objects that fill
their path parameters: one on the Heemstede side (the municipality, Kennemerland, Noord-Holland) and one elsewhere
(Utrecht: another municipality, region and province, with an asylum location that COA runs)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from opvangregie.api import api

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True, slots=True)
class WebRoute:
    name: str  # namespaced URL name, e.g. "web:municipality"
    pattern: str  # e.g. "gemeente/<str:code>/"

    @property
    def parameters(self) -> list[str]:
        return [m["name"] for m in PARAMETER.finditer(self.pattern)]

    def path(self, values: dict[str, Any]) -> str:
        return "/" + PARAMETER.sub(lambda m: str(values[m["name"]]), self.pattern)


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, Any]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner or "")
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else entry.name or ""
            yield prefix + str(entry.pattern), name, entry.callback


def url_patterns() -> list[tuple[str, str, Any]]:
    """(pattern, namespaced name, view) of every URL pattern of the site."""
    return list(_walk(get_resolver().url_patterns))


def is_api_operation(view: Any) -> bool:
    """django-ninja's operations answer through one wrapper per path; the API's own views (schema, docs) do not."""
    return getattr(view, "__module__", "") == "ninja.operation"


def web_routes() -> dict[str, WebRoute]:
    """Every page and form of the site (the admin site and the API's operations apart), by URL name."""
    routes: dict[str, WebRoute] = {}
    for pattern, name, view in url_patterns():
        if is_api_operation(view) or name.startswith("admin:"):
            continue
        assert name, f"URL pattern {pattern!r} has no name"
        assert name not in routes, f"URL name {name!r} is used twice"
        routes[name] = WebRoute(name, pattern)
    return routes


def admin_routes() -> list[WebRoute]:
    """The admin site's URL patterns (regular-expression ones and the catch-all apart)."""
    return [
        WebRoute(name, pattern)
        for pattern, name, _ in url_patterns()
        if pattern.startswith("beheer/") and "^" not in pattern and "(?P" not in pattern
    ]


def api_operations() -> dict[str, Any]:
    """Every operation of the JSON API as ``"METHOD /api/path/{parameter}"``, read from the NinjaAPI object."""
    operations: dict[str, Any] = {}
    for bound in api._get_bound_routers():
        for path, path_view in bound.path_operations.items():
            full = "/api/" + re.sub(r"/+", "/", f"{bound.prefix}/{path}").strip("/")
            full = PARAMETER.sub(lambda m: "{" + m["name"] + "}", full)
            for operation in path_view.operations:
                for method in operation.methods:
                    key = f"{method} {full}"
                    assert key not in operations, f"two API operations answer {key}"
                    operations[key] = operation
    return operations


def api_path(key: str, values: dict[str, Any]) -> tuple[str, str]:
    method, path = key.split(" ", 1)
    return method, re.sub(r"\{(\w+)\}", lambda m: str(values[m[1]]), path)


# --- the demo objects behind the path parameters ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subjects:
    """Path parameter values per side: ``"heemstede"`` (the demo's municipality, its region Kennemerland and
    province Noord-Holland) and ``"elsewhere"`` (Utrecht, its own region and the province of Utrecht)."""

    heemstede: dict[str, Any]
    elsewhere: dict[str, Any]

    def side(self, name: str) -> dict[str, Any]:
        return self.heemstede if name == "heemstede" else self.elsewhere


def make_subjects(admin: Any) -> Subjects:
    """Objects the demo lacks are made here (inside the test's transaction): Utrecht's asylum location, household,
    request, region and regional plan, and for both sides a placement proposal, a council letter document and a
    count import by task."""
    from opvangregie.areas.models import Municipality
    from opvangregie.areas.services import region_define
    from opvangregie.core.target_groups import TargetGroup
    from opvangregie.distribution.models import DistributionRun, RegionalPlan
    from opvangregie.distribution.services import plan_create
    from opvangregie.households.models import Household, ReceptionRequest
    from opvangregie.households.services import HouseholdInput, MemberInput, household_create, request_create
    from opvangregie.locations.models import CountImport, ImportJobStatus, Location, LocationStatus
    from opvangregie.locations.services import LocationInput, location_create
    from opvangregie.placement.models import PlacementRun, RunStatus
    from opvangregie.reports.models import DocumentStatus, LetterAttachment, LetterDocument
    from opvangregie.sites.models import CandidateSite, ConstraintLayer, SiteStatus
    from opvangregie.support.models import Programme, ProgrammeKind, ProgrammeTarget

    heemstede = Municipality.objects.get(code="GM0397")
    utrecht = Municipality.objects.get(code="GM0344")
    utrecht_site = CandidateSite.objects.create(
        municipality=utrecht,
        name="Kantoor Utrecht",
        rd_x=136000,
        rd_y=455800,
        owner="private",
        kind="office",
        status=SiteStatus.PUBLIC,
    )
    confidential_site = CandidateSite.objects.get(municipality=heemstede, status=SiteStatus.IDEA)
    buildings = {m.code: _vacant_building(m, admin) for m in (heemstede, utrecht)}
    region = region_define(actor=admin, name="Regio Utrecht", municipality_codes=["GM0344"])
    plan = plan_create(
        actor=admin,
        region=region,
        cycle=2026,
        target_places=100,
        ratios={"asylum": "1"},
        min_location_size={"asylum": 50},
    )
    location = location_create(
        actor=admin,
        municipality=utrecht,
        data=LocationInput(name="Azc Utrecht", target_group=TargetGroup.ASYLUM, address="Joost Banckertsplaats 40"),
        status=LocationStatus.IN_USE,
        status_date=date(2024, 1, 1),
        places=400,
    )
    household = household_create(
        actor=admin,
        municipality=utrecht,
        data=HouseholdInput(members=[MemberInput(year_of_birth=1980)], registered_on=date(2025, 10, 1)),
    )
    request = request_create(actor=admin, household=household, received_at=timezone.make_aware(datetime(2025, 10, 2)))
    runs = {
        m.code: PlacementRun.objects.create(municipality=m, status=RunStatus.DONE, created_by=admin)
        for m in (heemstede, utrecht)
    }
    documents = {
        m.code: LetterDocument.objects.create(
            municipality=m, quarter="2025-Q4", format="html", status=DocumentStatus.DONE, content=b"<p>brief</p>"
        )
        for m in (heemstede, utrecht)
    }
    count_imports = {
        m.code: CountImport.objects.create(
            municipality=m, file_name="tellingen.csv", status=ImportJobStatus.DONE, created_by=admin
        )
        for m in (heemstede, utrecht)
    }
    attachments = {
        m.code: LetterAttachment.objects.create(
            municipality=m, quarter="2025-Q4", title="bijlage", file_name="bijlage.pdf", content=b"%PDF"
        )
        for m in (heemstede, utrecht)
    }
    utrecht_programme = Programme.objects.create(
        municipality=utrecht, name="Taalcafé Utrecht", kind=ProgrammeKind.LANGUAGE, target_group=ProgrammeTarget.ALL
    )
    own_request = ReceptionRequest.objects.filter(municipality=heemstede).order_by("pk").first()
    assert own_request is not None
    adopted = DistributionRun.objects.get(is_adopted=True)
    shared = {
        "effective_date": "2030-01-01",  # a capacity change the matrix test makes before each request
        "status": "out_of_use",  # an expected stage
        "token": "not-a-subscription",
        "period": "2025-H2",
        "cycle": adopted.cycle,
        "month": "2025-10",
        "content_type_id": 1,
        "object_id": 1,
        "layer_id": ConstraintLayer.objects.get(is_shipped=True).pk,  # Natura 2000, read by every signed-in user
    }
    return Subjects(
        heemstede={
            **shared,
            "code": "GM0397",
            "municipality_code": "GM0397",
            "slug": "kennemerland",
            "province": "PV27",
            "location_id": Location.objects.get(municipality=heemstede, name="Kerklaan").pk,
            "site_id": confidential_site.pk,
            "identification": buildings["GM0397"],
            "action": "snapshot",
            "reference": Household.objects.filter(municipality=heemstede).order_by("pk").first().reference,  # type: ignore[union-attr]
            "request_id": own_request.pk,
            "request_pk": own_request.pk,
            "proposal_id": runs["GM0397"].pk,
            "document_id": documents["GM0397"].pk,
            "import_id": count_imports["GM0397"].pk,
            "attachment_id": attachments["GM0397"].pk,
            "plan_id": RegionalPlan.objects.get(region__slug="kennemerland").pk,
            "run_id": adopted.pk,
            "programme_id": Programme.objects.get(municipality=heemstede, name="Work4Ukraine").pk,
        },
        elsewhere={
            **shared,
            "code": "GM0344",
            "municipality_code": "GM0344",
            "slug": region.slug,
            "province": "PV26",
            "location_id": location.pk,
            "site_id": utrecht_site.pk,
            "identification": buildings["GM0344"],
            "action": "snapshot",
            "reference": household.reference,
            "request_id": request.pk,
            "request_pk": request.pk,
            "proposal_id": runs["GM0344"].pk,
            "document_id": documents["GM0344"].pk,
            "import_id": count_imports["GM0344"].pk,
            "attachment_id": attachments["GM0344"].pk,
            "plan_id": plan.pk,
            "run_id": adopted.pk,
            "programme_id": utrecht_programme.pk,
        },
    )


def _vacant_building(municipality: Any, admin: Any) -> str:
    """A building out of use in the municipality's BAG data (a vacant-list row to make a site from)."""
    from opvangregie.sites.models import BagBuilding, BagImport

    bag_import = BagImport.objects.create(
        municipality=municipality, file_name="matrix.xml", format="xml", status="done", created_by=admin
    )
    identification = f"{municipality.code[2:]}100000999999"
    BagBuilding.objects.create(
        municipality=municipality,
        bag_import=bag_import,
        identification=identification,
        status="Pand buiten gebruik",
        footprint_area_m2=800,
        rd_x=101000 if municipality.code == "GM0397" else 136000,
        rd_y=484000 if municipality.code == "GM0397" else 455800,
    )
    return identification


def parameters_for(pattern: str, side: dict[str, Any]) -> dict[str, Any]:
    """The values of a route's path parameters on one side (the same name means different things on some routes)."""
    values = dict(side)
    if pattern.startswith(("provincie/", "/api/provinces/", "/api/quotas/provinces/")):
        values["code"] = side["province"]
    if "wachtlijst/" in pattern:
        values["pk"] = side["request_pk"]
    elif "voorstel/" in pattern or "/proposals/" in pattern:
        values["pk"] = values["run_id"] = side["proposal_id"]
    elif "document/" in pattern:
        values["pk"] = side["document_id"]
    elif "bijlagen/" in pattern:
        values["pk"] = side["attachment_id"]
    return values
