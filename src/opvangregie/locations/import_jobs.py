"""Count files too large to read while the officer waits (more rows than ``IMPORT_TASK_ROWS``): the upload is
kept, a task imports it as the page does (all rows or none, checked against data loaded once, written in bulk
with history) and records how far it is, then the counts written or the report per row of a refused file.

Only the municipality's own editors start an import and see its jobs; the task writes with the rights of the
officer who uploaded the file, and the job's history names them.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task

from opvangregie.areas.models import Municipality
from opvangregie.audit import audited_save
from opvangregie.core.errors import ApplicationError, NotFound, ValidationError
from opvangregie.locations.importers import ImportRefused, snapshots_import
from opvangregie.locations.models import CountImport, ImportJobStatus
from opvangregie.locations.services import NO_EDIT
from opvangregie.organisations.scope import require, scope_for
from opvangregie.progress import record_progress
from opvangregie.ui.tables import more_rows_than, too_large_message

logger = logging.getLogger(__name__)
READ, CHECKED, WRITING = 5, 80, 85  # percent of the bar when the file is read, its rows checked, writing begun


def needs_task(file_name: str, content: bytes) -> bool:
    """Whether a file goes to a task: more rows than ``IMPORT_TASK_ROWS`` (told without reading its cells)."""
    return more_rows_than(file_name, content, settings.IMPORT_TASK_ROWS)


def count_import_start(*, actor: Any, municipality: Municipality, file_name: str, content: bytes) -> CountImport:
    """Keep the uploaded count file and queue the task that imports it; the job's page shows how far it is."""
    require(scope_for(actor).edits_municipality(municipality.pk), NO_EDIT)
    if not content:
        raise ValidationError("Het bestand is leeg.")
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise ValidationError(too_large_message(settings.IMPORT_MAX_BYTES))
    job = CountImport(
        municipality=municipality,
        file_name=file_name[-200:],
        content=content,
        created_by=actor,
        stage="In de wachtrij",
    )
    audited_save(job, actor=actor)
    count_import_task.enqueue(job.pk)
    return job


def count_imports(*, actor: Any, municipality: Municipality) -> QuerySet[CountImport]:
    """The municipality's count imports by task, newest first (without the files), for its own editors."""
    if not scope_for(actor).edits_municipality(municipality.pk):
        raise NotFound("Geen import gevonden.")
    return CountImport.objects.filter(municipality=municipality).select_related("created_by").defer("content")


def count_import_get(*, actor: Any, import_id: int) -> CountImport:
    """An import of a municipality the caller edits; others get NotFound (no hint that it exists)."""
    job = CountImport.objects.select_related("municipality", "created_by").defer("content").filter(pk=import_id).first()
    if job is None or not scope_for(actor).edits_municipality(job.municipality_id):
        raise NotFound("Import niet gevonden.")
    return job


class _JobProgress:
    """Records the import's progress on the job as the page polls it (outside the writing transaction)."""

    def __init__(self, job: CountImport) -> None:
        self.job = job

    def read(self, rows: int) -> None:
        self.job.rows_total = rows
        CountImport.objects.filter(pk=self.job.pk).update(rows_total=rows)
        record_progress(self.job, READ, f"Regels controleren: 0 van {rows}")

    def checked(self, rows: int) -> None:
        self.job.rows_checked = rows
        CountImport.objects.filter(pk=self.job.pk).update(rows_checked=rows)
        total = max(self.job.rows_total, 1)
        record_progress(self.job, READ + (CHECKED - READ) * rows // total, f"Regels controleren: {rows} van {total}")

    def writing(self, counts: int) -> None:
        record_progress(self.job, WRITING, f"Opslaan: {counts} tellingen")


def count_import_run(job: CountImport) -> CountImport:
    """Import ``job``'s file with the rights of the officer who uploaded it and record the outcome on the job:
    the counts written, or why nothing was (a report per row); never raises."""
    job.status = ImportJobStatus.RUNNING
    record_progress(job, 1, "Bestand lezen")
    content = bytes(CountImport.objects.filter(pk=job.pk).values_list("content", flat=True).get())
    try:
        if job.created_by is None or not job.created_by.is_active:
            raise ValidationError("De medewerker die het bestand aanbood, heeft geen account meer.")
        written = snapshots_import(
            actor=job.created_by,
            municipality=job.municipality,
            file_name=job.file_name,
            content=content,
            progress=_JobProgress(job),
        )
    except ImportRefused as refusal:
        job.status, job.stage, job.error = ImportJobStatus.REFUSED, "Geweigerd", refusal.message[:1000]
        job.row_errors = refusal.details["errors"]
    except ApplicationError as error:
        job.status, job.stage, job.error = ImportJobStatus.REFUSED, "Geweigerd", error.message[:1000]
    except Exception as error:  # the task must end in a state the page can show, whatever went wrong
        logger.exception("Count import %s failed", job.pk)
        job.status, job.stage = ImportJobStatus.FAILED, "Mislukt"
        job.error = f"Het bestand kon niet worden ingelezen ({type(error).__name__}); er is niets opgeslagen."
    else:
        job.status, job.stage, job.progress, job.rows_written = ImportJobStatus.DONE, "Klaar", 100, written
    job.content = b""
    job.finished_at = timezone.now()
    audited_save(job, actor=job.created_by)
    return job


@task()
def count_import_task(import_id: int) -> None:
    """The task behind ``count_import_start``."""
    job = (
        CountImport.objects.select_related("municipality", "created_by")
        .defer("content")
        .filter(pk=import_id, status=ImportJobStatus.QUEUED)
        .first()
    )
    if job is not None:
        count_import_run(job)
