"""Council letters of every municipality of a province in one process: ``opvangregie report council-letter
--province PV27 --quarter 2025-Q4 --format pdf --output DIR`` (and the batch figures of ``opvangregie bench
letter``). One file per municipality, named as the letter page names its documents; a municipality without
data gets its letter too (it says so where figures are missing). Figures the letters share are computed once."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from opvangregie.areas.models import Municipality, Province
from opvangregie.core.periods import Quarter
from opvangregie.reports.documents import council_letter_docx, council_letter_html, council_letter_pdf
from opvangregie.reports.models import letter_file_name
from opvangregie.reports.selectors import CouncilLetter, council_letter, require_letter_editor


def _html(letter: CouncilLetter) -> bytes:
    return council_letter_html(letter).encode()


RENDERERS: dict[str, Callable[[CouncilLetter], bytes]] = {
    "docx": council_letter_docx,
    "pdf": council_letter_pdf,
    "html": _html,
}


@dataclass(frozen=True, slots=True)
class BatchLetter:
    municipality: Municipality
    path: Path
    seconds: float


def council_letter_batch(
    *,
    actor: Any,
    province: Province,
    quarter: Quarter,
    fmt: str,
    output: Path,
    on: date | None = None,
    echo: Callable[[BatchLetter], None] | None = None,
) -> list[BatchLetter]:
    """Write the letter of every municipality of ``province`` as ``fmt`` into the directory ``output`` (made
    when missing), in the order of their codes; ``echo`` hears of each file written. Refused as a whole (nothing
    written) when ``actor`` may not write one of them."""
    render = RENDERERS[fmt]
    municipalities = list(Municipality.objects.filter(province=province).select_related("province").order_by("code"))
    for municipality in municipalities:  # one the actor may not write stops the batch before any file is made
        require_letter_editor(actor, municipality)
    output.mkdir(parents=True, exist_ok=True)
    shared: dict[Any, Any] = {}
    written = []
    for municipality in municipalities:
        start = time.perf_counter()
        letter = council_letter(actor=actor, municipality=municipality, quarter=quarter, on=on, shared=shared)
        path = output / letter_file_name(municipality.code, str(quarter), fmt)
        path.write_bytes(render(letter))
        done = BatchLetter(municipality, path, time.perf_counter() - start)
        written.append(done)
        if echo is not None:
            echo(done)
    return written
