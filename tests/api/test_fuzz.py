"""A bounded schemathesis run against the application in-process (its WSGI handler): every API operation, with a
municipal token (heemstede) and a national one (rijk), generated from the OpenAPI document; no answer may be a 5xx,
have a status code the document does not list, or a body that does not match the documented schema.

Cases are valid requests (with generated path parameters, or real demo objects so the operations are reached past
their 404) and invalid ones (which must be refused with a documented 4xx). Reproducible: hypothesis is
derandomised (the same cases on every run) and does not shrink. ``FUZZ_EXAMPLES=50`` runs a deeper search.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from opvangregie.organisations.services import api_token_issue

schemathesis = pytest.importorskip("schemathesis")
pytestmark = pytest.mark.postgres_only  # run once per make test, on the engine whose limits differ most

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))  # per operation and token
TOKENS = ("heemstede", "rijk")


@pytest.fixture
def application(db: None) -> Iterator[WSGIHandler]:
    """Django's WSGI handler, answering inside the test's transaction (rolled back after it, so the demo stays as
    it was). As in Django's test client, a request does not close the test's database connection when it ends.
    Foreign keys are checked at once, as a request in autocommit would have them checked, not at the end."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _real_parameters() -> dict[str, Any]:
    from opvangregie.distribution.models import DistributionRun, RegionalPlan
    from opvangregie.households.models import ReceptionRequest
    from opvangregie.locations.models import Location
    from opvangregie.placement.models import PlacementRun, RunStatus
    from opvangregie.sites.models import ConstraintLayer

    request = ReceptionRequest.objects.filter(municipality__code="GM0397").order_by("pk").first()
    assert request is not None
    return {
        "code": "GM0397",
        "slug": "kennemerland",
        "location_id": Location.objects.get(municipality__code="GM0397", name="Kerklaan").pk,
        "period": "2025-H2",
        "cycle": DistributionRun.objects.get(is_adopted=True).cycle,
        "run_id": DistributionRun.objects.get(is_adopted=True).pk,
        "plan_id": RegionalPlan.objects.get(region__slug="kennemerland").pk,
        "request_id": request.pk,
        "month": "2025-10",
        "effective_date": "2027-06-01",
        "status": "in_use",
        "layer_id": ConstraintLayer.objects.get(name__endswith="(demo)").pk,  # the small demo layer
        "proposal_id": PlacementRun.objects.create(
            municipality=Location.objects.get(name="Kerklaan").municipality, status=RunStatus.DONE
        ).pk,
    }


def _runner(strategy: Any, headers: dict[str, str], checks: list[Any], seen: Counter[tuple[str, int]]) -> Any:
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Any) -> None:
        with transaction.atomic():  # a database error fails this case, not every case after it
            response = case.call_and_validate(headers=headers, checks=checks)
        seen[case.operation.label, response.status_code] += 1

    return run


def test_every_operation_answers_as_documented(application: WSGIHandler, users: dict) -> None:
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    real = _real_parameters()
    headers = {
        role: {"Authorization": f"Bearer {api_token_issue(user=users[role], name='fuzz')[1]}"} for role in TOKENS
    }
    failures: list[str] = []
    seen: Counter[tuple[str, int]] = Counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40
    for operation in operations:
        names = {p.name for p in operation.path_parameters}
        positive, negative = schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE
        strategies = [operation.as_strategy(positive), operation.as_strategy(negative)]
        if names:
            values = {**real, "run_id": real["proposal_id"]} if "/proposals/" in operation.path else real
            strategies.append(operation.as_strategy(positive, path_parameters={n: values[n] for n in names}))
        strategy = st.one_of(*strategies)
        for role in TOKENS:
            run = _runner(strategy, headers[role], checks, seen)
            try:
                run()
            except (Exception, BaseExceptionGroup) as error:  # schemathesis raises a group of failures
                failures.append(f"{operation.label} as {role}: {error}".strip()[:2000])
    assert not failures, "\n\n".join(failures)
    # the run reached the application: answers of every kind, and every operation answered at least once
    assert {status for _, status in seen} >= {200, 201, 403, 404, 422}
    assert {label for label, _ in seen} == {operation.label for operation in operations}
