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
