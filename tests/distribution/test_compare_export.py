"""The comparison of two runs as Excel, opened again: every row the reader may see, A, B and B minus A."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from opvangregie.distribution.models import DistributionResult, DistributionRun

pytestmark = pytest.mark.django_db


def export(client, runs: list[DistributionRun]) -> list[tuple]:
    response = client.get("/spreiding/vergelijken/", {"a": runs[0].pk, "b": runs[1].pk, "formaat": "xlsx"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == "CBS-code")
    return rows[start + 1 :]


def test_comparison_export_matches_the_results(login) -> None:
    runs = list(DistributionRun.objects.filter(cycle=2024).order_by("pk"))
    body = export(login("rijk"), runs)
    assert len(body) == 342
    heemstede = next(row for row in body if row[0] == "GM0397")
    first, second = (DistributionResult.objects.get(run=run, municipality__code="GM0397").places for run in runs)
    assert heemstede[2:] == (first, second, second - first)


def test_a_municipality_exports_only_its_own_row(login) -> None:
    runs = list(DistributionRun.objects.filter(cycle=2024).order_by("pk"))
    assert [row[0] for row in export(login("heemstede"), runs)] == ["GM0397"]
