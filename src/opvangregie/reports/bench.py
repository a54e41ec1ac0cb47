"""``opvangregie bench letter [--json]``: how long the council letter takes in-process, as html, docx and pdf
(issue 20 item 5; targets 1 s for html and docx, 1.5 s for pdf), on the demo's Heemstede 2025-Q4 by default."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opvangregie.areas.models import Municipality
from opvangregie.core.periods import Quarter
from opvangregie.reports.documents import council_letter_docx, council_letter_html, council_letter_pdf
from opvangregie.reports.selectors import council_letter

TARGETS = {"html": 1.0, "docx": 1.0, "pdf": 1.5}
RENDER: dict[str, Callable[[Any], Any]] = {
    "html": council_letter_html,
    "docx": council_letter_docx,
    "pdf": council_letter_pdf,
}


def run(*, municipality: str = "GM0397", quarter: str = "2025-Q4", repeat: int = 3) -> dict[str, Any]:
    """The best of ``repeat`` runs per format: assembling the letter from the data and rendering it."""
    place = Municipality.objects.get(code=municipality)
    actor = get_user_model().objects.filter(is_superuser=True).first() or get_user_model()(is_superuser=True)
    period = Quarter.parse(quarter)
    result: dict[str, Any] = {"municipality": municipality, "quarter": quarter, "formats": {}}
    for name, render in RENDER.items():
        best, queries = float("inf"), 0
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                render(council_letter(actor=actor, municipality=place, quarter=period))
                best = min(best, time.perf_counter() - start)
            queries = len(captured)
        result["formats"][name] = {"seconds": round(best, 3), "queries": queries, "target": TARGETS[name]}
    result["targets_met"] = all(f["seconds"] <= f["target"] for f in result["formats"].values())
    return result


def table(result: dict[str, Any]) -> str:
    lines = [f"Council letter {result['municipality']} {result['quarter']} in-process (best of 3):"]
    for name, figures in result["formats"].items():
        verdict = "met" if figures["seconds"] <= figures["target"] else "NOT met"
        lines.append(
            f"  {name:<5} {figures['seconds']:6.3f} s  {figures['queries']:4d} queries  (target {figures['target']} s: "
            f"{verdict})"
        )
    return "\n".join(lines)
