"""The JSON API (django-ninja): token or session authentication, OpenAPI at /api/openapi.json."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from ninja.security import HttpBearer, django_auth

from opvangregie.areas.api import router as areas_router
from opvangregie.core.errors import ApplicationError
from opvangregie.distribution.api import router as distribution_router
from opvangregie.households.api import router as placement_router
from opvangregie.locations.api import router as locations_router
from opvangregie.locations.area_api import router as area_overview_router
from opvangregie.organisations.services import api_token_authenticate
from opvangregie.placement.proposal_api import router as proposal_router
from opvangregie.quotas.api import router as quotas_router
from opvangregie.reports.forward_api import router as forward_router
from opvangregie.reports.map_api import router as map_router
from opvangregie.sites.api import router as sites_router
from opvangregie.sites.layers_api import router as layers_router
from opvangregie.sites.vacancy_api import router as vacancy_router
from opvangregie.support.api import router as support_router
from opvangregie.ui.nul import REFUSED, nul_places


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>`` with a token issued by ``opvangregie create_api_token``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(raw=token)
        if user is not None:
            request.user = user
        return user


class TextParser(Parser):
    """Reads query strings, forms and JSON bodies as django-ninja does, but refuses text with a NUL character
    (0x00), as Django's form fields do (``ProhibitNullCharactersValidator``): no text column of PostgreSQL can
    hold one, and it is never meant. The answer is the schema's 422 with the place of each such value."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        body: dict[str, Any] = json.loads(request.body)
        _refuse_nul("body", body)
        return body

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        parsed = super().parse_querydict(data, list_fields, request)
        _refuse_nul("query" if data is request.GET else "form", parsed)
        return parsed


def _refuse_nul(where: str, value: Any) -> None:
    places = list(nul_places(value, (where,)))
    if places:
        raise ValidationError([{"type": "nul_character", "loc": list(place), "msg": str(REFUSED)} for place in places])


class OpvangregieAPI(NinjaAPI):
    """The API, whose OpenAPI document is built once per process and language: it follows from the code alone,
    and building it takes a third of a second."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._schemas: dict[tuple[str | None, str | None], OpenAPISchema] = {}

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        key = (path_prefix if path_prefix is not None else self.get_root_path(path_params or {}), get_language())
        if key not in self._schemas:
            self._schemas[key] = super().get_openapi_schema(path_prefix=key[0])
        return self._schemas[key]


api = OpvangregieAPI(
    title="Opvangregie API",
    version="1",
    description=(
        "Reception locations, occupancy and aggregates per municipality, region and province; "
        "status-holder quotas, realisations, ledgers and provincial supervision."
    ),
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
    parser=TextParser(),
)
api.add_router("/", areas_router)
api.add_router("/", area_overview_router)
api.add_router("/", forward_router)
api.add_router("/sites", sites_router)
api.add_router("/map", map_router)
api.add_router("/layers", layers_router)
api.add_router("/", vacancy_router)
api.add_router("/", support_router)
api.add_router("/locations", locations_router)
api.add_router("/quotas", quotas_router)
api.add_router("/distribution", distribution_router)
api.add_router("/placement", placement_router)
api.add_router("/placement", proposal_router)


@api.exception_handler(ApplicationError)
def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    """Every rule violation becomes a 4xx answer with a message, never a 500."""
    return api.create_response(request, {"detail": exc.message, **exc.details}, status=exc.status_code)
