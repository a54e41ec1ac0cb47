"""``opvangregie bench letter [--json]``: how long the council letter takes in-process, as html, docx and pdf
(issue 20 item 5; targets 1 s for html and docx, 1.5 s for pdf), on the demo's Heemstede 2025-Q4 by default;
and the national batch: every letter of a province (Noord-Holland's 44 by default) as pdf and as docx in one
process, as ``opvangregie report council-letter --province`` makes them."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opvangregie.areas.models import Municipality, Province
from opvangregie.core.periods import Quarter
from opvangregie.reports.batch import council_letter_batch
from opvangregie.reports.documents import council_letter_docx, council_letter_html, council_letter_pdf
from opvangregie.reports.selectors import council_letter

TARGETS = {"html": 1.0, "docx": 1.0, "pdf": 1.5}
RENDER: dict[str, Callable[[Any], Any]] = {
    "html": council_letter_html,
    "docx": council_letter_docx,
    "pdf": council_letter_pdf,
}


BATCH_FORMATS = ("pdf", "docx")


def batch(*, actor: Any, province: str, quarter: str) -> dict[str, Any]:
    """Seconds to write every letter of ``province`` as pdf and as docx (files in a directory removed after)."""
    area = Province.objects.get(code=province)
    result: dict[str, Any] = {"province": province, "formats": {}}
    for fmt in BATCH_FORMATS:
        with tempfile.TemporaryDirectory() as directory:
            start = time.perf_counter()
            written = council_letter_batch(
                actor=actor, province=area, quarter=Quarter.parse(quarter), fmt=fmt, output=Path(directory)
            )
            seconds = time.perf_counter() - start
            assert all(letter.path.stat().st_size > 0 for letter in written)
        result["letters"] = len(written)
        result["formats"][fmt] = {
            "seconds": round(seconds, 2),
            "seconds_per_letter": round(seconds / max(len(written), 1), 3),
            "slowest_letter": round(max((letter.seconds for letter in written), default=0.0), 3),
        }
    return result


def run(
    *, municipality: str = "GM0397", quarter: str = "2025-Q4", repeat: int = 3, province: str | None = "PV27"
) -> dict[str, Any]:
    """The best of ``repeat`` runs per format: assembling the letter from the data and rendering it; then the
    batch of ``province`` (None: no batch)."""
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
    if province is not None:
        result["batch"] = batch(actor=actor, province=province, quarter=quarter)
    return result


def table(result: dict[str, Any]) -> str:
    lines = [f"Council letter {result['municipality']} {result['quarter']} in-process (best of 3):"]
    for name, figures in result["formats"].items():
        verdict = "met" if figures["seconds"] <= figures["target"] else "NOT met"
        lines.append(
            f"  {name:<5} {figures['seconds']:6.3f} s  {figures['queries']:4d} queries  (target {figures['target']} s: "
            f"{verdict})"
        )
    if "batch" in result:
        figures = result["batch"]
        lines.append(f"  batch: all {figures['letters']} letters of {figures['province']} in one process:")
        for name, timing in figures["formats"].items():
            lines.append(
                f"  {name:<5} {timing['seconds']:6.1f} s  ({timing['seconds_per_letter']:.3f} s a letter, slowest "
                f"{timing['slowest_letter']:.3f} s)"
            )
    return "\n".join(lines)
