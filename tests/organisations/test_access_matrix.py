"""The authorisation matrix as tests: every route of the URL configuration and every API operation, requested
as every demo role on the Heemstede side and on another organisation's side, against the table in
``opvangregie.organisations.access_matrix``. Refused writes must leave every table as it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from opvangregie.organisations.access_matrix import ADMIN_SITE, API, LOGIN, ROLES, WEB, Access
from opvangregie.organisations.services import api_token_issue
from tests.organisations.routes import (
    Subjects,
    WebRoute,
    admin_routes,
    api_operations,
    api_path,
    make_subjects,
    parameters_for,
    web_routes,
)

# Who may see and change what is decided by the scope rules in Python before a query runs: the matrix runs
# once, on SQLite; the PostgreSQL run tests what the engine decides (constraints, locks, queries).
pytestmark = [pytest.mark.django_db, pytest.mark.engine_agnostic]
SIDES = ("heemstede", "elsewhere")

# Query strings some routes need to get past reading their parameters.
QUERY: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "locations:location-new-choose": lambda v: {"gemeente": v["code"]},
    "distribution:compare": lambda v: {"a": v["run_id"], "b": v["run_id"]},
    "GET /api/distribution/compare": lambda v: {"a": v["run_id"], "b": v["run_id"]},
    "GET /api/quotas/provinces/{code}/supervision": lambda v: {"period": "2025-H1"},
    # A letter is for a closed half-year with data (the default, the running one, may have none yet).
    "quotas:letter": lambda v: {"periode": "2025-H1"},
    "quotas:letters": lambda v: {"periode": "2025-H1"},
    "POST /api/distribution/ses": lambda v: {"name": "SES 2025", "year": 2025},
}

CSV = b"gemeentecode;plekken\nGM0397;10\n"


def _file(name: str = "upload.csv", content: bytes = CSV) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/csv")


# A body each API write accepts, so a refused role is refused for who it is, not for what it sent.
BODIES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "POST /api/locations": lambda v: {
        "municipality": v["code"],
        "name": "Nieuwe locatie",
        "target_group": v["own_group"],
        "status_date": "2025-11-01",
    },
    "POST /api/locations/{location_id}/status": lambda v: {"status": "out_of_use", "effective_date": "2025-11-05"},
    "POST /api/locations/{location_id}/snapshots": lambda v: {"date": "2025-11-05", "persons": 1, "households": 1},
    "PUT /api/locations/{location_id}/capacity/{effective_date}": lambda v: {"places": 5, "reason": "matrix"},
    "DELETE /api/locations/{location_id}/capacity/{effective_date}": lambda v: {},
    "PUT /api/locations/{location_id}/expected/{status}": lambda v: {"expected_date": "2031-01-01"},
    "DELETE /api/locations/{location_id}/expected/{status}": lambda v: {},
    "POST /api/quotas/periods": lambda v: {"period": "2026-H1", "national_total": 10_000, "published_on": "2025-11-01"},
    "POST /api/quotas/periods/{period}/revisions": lambda v: {"national_total": 10_500, "published_on": "2025-11-02"},
    "POST /api/quotas/periods/{period}/arrangements": lambda v: {
        "agreed_on": "2025-11-01",
        "description": "ruil",
        "changes": {"GM0397": 1, "GM0392": -1},
    },
    "POST /api/quotas/municipalities/{code}/realisations": lambda v: {"date": "2025-11-01", "persons": 1},
    "POST /api/quotas/provinces/{code}/supervision/letters": lambda v: {
        "municipality": v["municipality_code"],
        "period": "2025-H1",
        "sent_on": "2025-08-01",
    },
    "PUT /api/quotas/municipalities/{code}/supervision-replies/{period}": lambda v: {"status": "in_preparation"},
    "POST /api/distribution/runs": lambda v: {
        "cycle": 2026,
        "label": "proef",
        "needed_on": "2026-01-01",
        "total": 1000,
        "key": "population",
    },
    "POST /api/distribution/plans": lambda v: {"region": v["slug"], "cycle": 2027, "target_places": 10},
    "PUT /api/distribution/plans/{plan_id}/contributions": lambda v: {
        "municipality": v["code"],
        "target_group": "asylum",
        "places": 5,
    },
    "POST /api/distribution/plans/{plan_id}/exchanges": lambda v: {
        "agreed_on": "2025-11-01",
        "description": "ruil",
        "lines": [{"municipality": v["code"], "target_group": "asylum", "delta": 0}],
    },
    "POST /api/placement/{code}/households": lambda v: {
        "registered_on": "2025-11-01",
        "members": [{"year_of_birth": 1990}],
        "reception": "private",
    },
    "POST /api/placement/{code}/requests/{request_id}/steps": lambda v: {
        "kind": "offer_hotel",
        "at": "2025-11-01T10:00:00+01:00",
    },
    "POST /api/placement/contribution": lambda v: {"month": "2025-10-01", "adult_incomes": [1500]},
    "POST /api/placement/{code}/proposals": lambda v: {"max_moves": 0},
    "POST /api/placement/regions/{slug}/proposals": lambda v: {"max_moves": 0},
    "POST /api/placement/proposals/{run_id}/confirm": lambda v: {"accepted": []},
}


def _capacity_change_to_remove(values: dict[str, Any]) -> None:
    from opvangregie.locations.models import CapacityChange

    CapacityChange.objects.get_or_create(
        location_id=values["location_id"], effective_date=values["effective_date"], defaults={"places": 5}
    )


# Made again before each role's request, so every allowed role finds something to remove.
PREPARE: dict[str, Callable[[dict[str, Any]], None]] = {
    "DELETE /api/locations/{location_id}/capacity/{effective_date}": _capacity_change_to_remove,
}

UPLOADS = {
    "POST /api/quotas/periods/{period}/published",
    "POST /api/distribution/published/{cycle}",
    "POST /api/distribution/ses",
    "POST /api/placement/{code}/households/import",
    "POST /api/placement/{code}/incomes/import",
}


def row_counts() -> dict[str, int]:
    """The number of rows of every table of the application (with the audit history and the task queue), in one
    query. Not counted: derived figures kept for the next reader, which any page that
    shows them may store, whoever reads it (households.month_counts, placement.usable_kept)."""
    tables = sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in {"sessions", "axes", "admin", "contenttypes"}
        and model._meta.db_table not in {"organisations_apitoken", "households_monthcountskept", "placement_usablekept"}
    )
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT '{table}', COUNT(*) FROM {quote(table)}" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


@pytest.fixture
def world(users: dict[str, Any]) -> dict[str, Any]:
    """The subjects, a logged-in web client and an API client per role."""
    subjects: Subjects = make_subjects(users["beheerder"])
    web: dict[str, Client] = {"anonymous": Client()}
    api: dict[str, Client] = {"anonymous": Client()}
    for role in ROLES[1:]:
        web[role] = Client()
        web[role].force_login(users[role])
        _, raw = api_token_issue(user=users[role], name="matrix")
        api[role] = Client(headers={"Authorization": f"Bearer {raw}"})
    return {"subjects": subjects, "web": web, "api": api}


def _sides(access: Access) -> tuple[str, ...]:
    return SIDES if access.elsewhere is not None else SIDES[:1]


def _expect_get(access: Access, side: str, role: str, response: Any) -> str | None:
    """A description of what is wrong with ``response``, or None."""
    status = response.status_code
    location = response.get("Location", "")
    if role == "anonymous":
        if access.anonymous == LOGIN:
            return None if status == 302 and location.startswith("/inloggen/") else "expected the login page"
        return None if status == access.anonymous else f"expected {access.anonymous}"
    rule = access.side(side)
    if role in rule.ok:
        return None if 200 <= status < 300 else "expected 2xx"
    if role in rule.redirect:
        return None if status == 302 and not location.startswith("/inloggen/") else "expected a redirect"
    if role in rule.forbidden:
        return None if status == 403 else "expected 403"
    return None if status == rule.others else f"expected {rule.others}"


# --- the table and the routes agree -------------------------------------------------------------------------


def test_every_route_has_a_declared_access_rule_and_every_rule_a_route() -> None:
    routes, operations = set(web_routes()), set(api_operations())
    undeclared = sorted((routes - set(WEB)) | (operations - set(API)))
    assert not undeclared, f"new route without a declared access rule: {undeclared}"
    dangling = sorted((set(WEB) - routes) | (set(API) - operations))
    assert not dangling, f"access rule without a route: {dangling}"
    assert admin_routes(), ADMIN_SITE
    assert all(route.name.startswith("admin:") for route in admin_routes())


def test_the_matrix_check_fails_on_a_wrong_declaration() -> None:
    """The comparison itself can fail: a 404 where the table promises 200 is reported."""

    class Response(dict[str, str]):
        status_code = 404

    assert _expect_get(WEB["web:municipality"], "heemstede", "raadslid", Response()) == "expected 2xx"
    assert _expect_get(WEB["web:municipality"], "elsewhere", "heemstede", Response()) is None


# --- the web pages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(WEB))
def test_web_route(name: str, world: dict[str, Any]) -> None:
    route: WebRoute = web_routes()[name]
    access = WEB[name]
    problems: list[str] = []
    for side in _sides(access):
        values = parameters_for(route.pattern, world["subjects"].side(side))
        path = route.path(values)
        query = QUERY[name](values) if name in QUERY else {}
        for role in ROLES:
            response = world["web"][role].get(path, query)
            problem = _expect_get(access, side, role, response)
            if problem:
                problems.append(f"GET {path} as {role}: {response.status_code}, {problem}")
        if not access.writers:
            continue
        writers = access.writers.get(side, frozenset())
        for role in ROLES:
            before = row_counts()
            response = world["web"][role].post(path, {})
            status, location = response.status_code, response.get("Location", "")
            if role == "anonymous":
                if not (status == 302 and location.startswith("/inloggen/")):
                    problems.append(f"POST {path} as anonymous: {status}, expected the login page")
            elif role in writers:
                if status in (401, 403, 404, 405) or status >= 500:
                    problems.append(f"POST {path} as {role}: {status}, expected the form to be taken")
                continue
            elif status not in (403, 404):
                problems.append(f"POST {path} as {role}: {status}, expected 403 or 404")
            changed = _changed(before)
            if changed:
                problems.append(f"POST {path} as {role} wrote rows: {changed}")
    assert not problems, "\n".join(problems)


def test_admin_site_is_for_administrators_only(world: dict[str, Any]) -> None:
    """Every page of the admin site: the administrator opens it; everyone else is sent to the admin's login."""
    from django.contrib.auth import get_user_model

    values = {"object_id": get_user_model().objects.get(username="heemstede").pk, "id": 1, "content_type_id": 1}
    problems = []
    for route in admin_routes():
        path = route.path(values)
        for role in ROLES:
            response = world["web"][role].get(path)
            status, location = response.status_code, response.get("Location", "")
            if route.name in ("admin:login", "admin:logout"):
                if status not in (200, 302, 405) or "/beheer/login/" in location:
                    problems.append(f"GET {path} as {role}: {status}, expected the page or a redirect")
            elif role == "beheerder":
                # 403: the admin allows no adding there (audit logs, task results) or wants parameters
                if status >= 500 or status == 401 or location.startswith("/beheer/login/"):
                    problems.append(f"GET {path} as beheerder: {status}")
            elif not (status == 302 and location.startswith("/beheer/login/")):
                problems.append(f"GET {path} as {role}: {status}, expected the admin's login page")
    assert not problems, "\n".join(problems)


# --- the API ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(API))
def test_api_operation(key: str, world: dict[str, Any]) -> None:
    access = API[key]
    method, pattern = key.split(" ", 1)
    problems: list[str] = []
    for side in _sides(access):
        values = parameters_for(pattern, world["subjects"].side(side))
        values["own_group"] = "ukrainian" if side == "heemstede" else "asylum"
        _, path = api_path(key, values)
        query = QUERY[key](values) if key in QUERY else {}
        for role in ROLES:
            client = world["api"][role]
            if key in PREPARE:
                PREPARE[key](values)
            before = row_counts() if method != "GET" else {}
            if method == "GET":
                response = client.get(path, query)
            elif key in UPLOADS:
                response = client.post(f"{path}?{_encode(query)}", {"file": _file()})
            else:
                response = client.generic(
                    method, path, data=_json(BODIES[key](values)), content_type="application/json"
                )
            status = response.status_code
            rule = access.side(side)
            if role == "anonymous":
                ok = status == 401
            elif role in rule.ok:
                ok = 200 <= status < 300 if method == "GET" else status not in (401, 403, 404) and status < 500
            elif role in rule.forbidden:
                ok = status == 403
            else:
                ok = status == rule.others
            if not ok:
                problems.append(f"{method} {path} ({side}) as {role}: {status} {response.content[:160]!r}")
            if before and role not in rule.ok:
                changed = _changed(before)
                if changed:
                    problems.append(f"{method} {path} as {role} wrote rows: {changed}")
    assert not problems, "\n".join(problems)


def _changed(before: dict[str, int]) -> dict[str, tuple[int, int]]:
    after = row_counts()
    return {table: (count, after[table]) for table, count in before.items() if after[table] != count}


def _json(body: dict[str, Any]) -> str:
    import json

    return json.dumps(body)


def _encode(query: dict[str, Any]) -> str:
    from urllib.parse import urlencode

    return urlencode(query)
