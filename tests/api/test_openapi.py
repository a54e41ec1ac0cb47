"""The OpenAPI document describes every operation with its own schemas: no two schemas share a name (one
would silently document the other's endpoint)."""

from __future__ import annotations

import pytest

import opvangregie.api  # noqa: F401 - every router and its schemas loaded

pytestmark = pytest.mark.django_db


def test_schema_names_are_unique_and_every_reference_resolves(client) -> None:
    document = client.get("/api/openapi.json").json()
    schemas = document["components"]["schemas"]
    classes: dict[str, set[str]] = {}
    from ninja import Schema

    def walk(cls: type) -> None:
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("opvangregie."):
                classes.setdefault(sub.__name__, set()).add(sub.__module__)
            walk(sub)

    walk(Schema)
    duplicated = {name: modules for name, modules in classes.items() if len(modules) > 1}
    assert duplicated == {}  # ninja names a schema by its class: a second class of that name replaces the first
    text = str(document)
    for reference in {part.split("'")[0] for part in text.split("#/components/schemas/")[1:]}:
        assert reference in schemas, reference


def test_every_operation_documents_its_refusals(client) -> None:
    """Every operation lists its real 4xx answers with the error body: 401 (token or session), 422 where it reads
    a body or parameters, 400 where the body must be JSON, 404 where its path names an object, 403 where it
    changes data."""
    document = client.get("/api/openapi.json").json()
    missing: list[str] = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            codes = {int(code) for code in operation["responses"]}
            expected = {401}
            if operation.get("parameters") or operation.get("requestBody"):
                expected.add(422)
            if "application/json" in operation.get("requestBody", {}).get("content", {}):
                expected.add(400)  # a body that is not JSON at all (found by schemathesis)
            # a path parameter names an object, except a distribution cycle (a year)
            if any(p["in"] == "path" and p["name"] != "cycle" for p in operation.get("parameters", [])):
                expected.add(404)
            if method != "get" and path != "/api/placement/contribution":  # the calculator changes nothing
                expected.add(403)
            if not expected <= codes:
                missing.append(f"{method.upper()} {path}: {sorted(expected - codes)}")
            for code in codes - {200, 201, 204}:
                schema = operation["responses"][str(code)]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path, code)
    assert not missing, "\n".join(missing)


def test_a_body_that_is_not_json_answers_the_documented_400(client, django_user_model) -> None:
    from opvangregie.organisations.services import api_token_issue

    _, raw = api_token_issue(user=django_user_model.objects.get(username="heemstede"), name="test")
    response = client.post(
        "/api/placement/contribution",
        b"\x00",
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert (response.status_code, response.json()) == (400, {"detail": "Cannot parse request body"})
    documented = client.get("/api/openapi.json").json()["paths"]["/api/placement/contribution"]["post"]["responses"]
    assert "400" in documented
