"""How the JSON API answers a refusal, for its OpenAPI document: every operation lists the 4xx answers it can
give with this body (``opvangregie.api`` renders every ``ApplicationError`` so; django-ninja renders a request
that does not fit the schema as 422 with a list of problems, and a missing or wrong token as 401)."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import ConfigDict


class ErrorOut(Schema):
    """``detail``: the message, or for a request that does not fit the schema the list of problems; some
    refusals add fields (e.g. the rows of a refused import)."""

    model_config = ConfigDict(extra="allow")

    detail: str | list[dict[str, Any]]


def errors(*codes: int) -> dict[int, type[ErrorOut]]:
    """The refusals of an operation: 401 (no valid token or session) and ``codes`` — 403 (the role may not),
    404 (unknown, or not the caller's to see), 409 (clashes with the current state), 422 (invalid input)."""
    return dict.fromkeys(sorted({401, *codes}), ErrorOut)
