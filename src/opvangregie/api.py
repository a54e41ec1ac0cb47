"""The JSON API (django-ninja): token or session authentication, OpenAPI at /api/openapi.json."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
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


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>`` with a token issued by ``opvangregie create_api_token``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(raw=token)
        if user is not None:
            request.user = user
        return user


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
