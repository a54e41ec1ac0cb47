"""Progress of a long-running task (a placement proposal, a council letter) as the page polls it."""

from __future__ import annotations

from typing import Any


def record_progress(job: Any, percent: int, stage: str) -> None:
    """Store ``job``'s progress, stage and status at once, without touching its other fields or history.

    ``job`` is a model instance with ``progress``, ``stage`` and ``status`` fields.
    """
    job.progress, job.stage = percent, stage
    type(job).objects.filter(pk=job.pk).update(progress=percent, stage=stage, status=job.status)
