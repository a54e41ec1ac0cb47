"""Importing a municipality's BAG file: started by an editor (or the command), read by a task with progress,
and written all at once: a successful import replaces the municipality's previous buildings and units in one
transaction, a broken file leaves them as they were and the import records what went wrong and where."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task

from opvangregie.areas.models import Municipality
from opvangregie.audit import audited_save
from opvangregie.core.errors import ApplicationError, NotFound, ValidationError
from opvangregie.organisations.scope import require, scope_for
from opvangregie.progress import record_progress
from opvangregie.sites.bag import BagFormatError
from opvangregie.sites.bag_files import BagData, file_format, read_bag_file
from opvangregie.sites.models import BagBuilding, BagImport, BagUnit, ImportStatus

logger = logging.getLogger(__name__)
NO_IMPORT = "Alleen de eigen medewerkers van de gemeente lezen haar BAG-gegevens in."
BATCH = 2_000


def _require_editor(actor: Any, municipality: Municipality) -> None:
    require(scope_for(actor).edits_municipality(municipality.pk), NO_IMPORT)


def bag_imports(*, actor: Any, municipality: Municipality) -> QuerySet[BagImport]:
    """The municipality's imports, newest first (without the uploaded files), for its own editors."""
    if not scope_for(actor).edits_municipality(municipality.pk):
        raise NotFound("Geen BAG-gegevens gevonden.")
    return BagImport.objects.filter(municipality=municipality).select_related("created_by").defer("content")


def bag_import_start(*, actor: Any, municipality: Municipality, file_name: str, content: bytes) -> BagImport:
    """Queue the import of an uploaded BAG 2.0 extract (.xml/.zip) or BAG GeoPackage; the task reads it."""
    _require_editor(actor, municipality)
    if not content:
        raise ValidationError("Het bestand is leeg.")
    if len(content) > settings.BAG_IMPORT_MAX_BYTES:
        raise ValidationError(f"Het bestand is groter dan {settings.BAG_IMPORT_MAX_BYTES // (1024 * 1024)} MB.")
    try:
        fmt = file_format(content[:64])
    except BagFormatError as error:
        raise ValidationError(str(error)) from None
    bag_import = BagImport(
        municipality=municipality,
        file_name=file_name[-200:],
        format=fmt,
        content=content,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        stage="In de wachtrij",
    )
    audited_save(bag_import, actor=actor)
    bag_import_task.enqueue(bag_import.pk)
    return bag_import


def _check_municipality(data: BagData, municipality: Municipality) -> None:
    if data.municipality and f"GM{data.municipality}" != municipality.code:
        raise BagFormatError(f"Dit extract is van gemeente GM{data.municipality}, niet van {municipality.code}.")


def _replace(bag_import: BagImport, data: BagData) -> None:
    """The municipality's buildings and units become ``data``'s, in one transaction."""
    municipality = bag_import.municipality
    buildings = [
        BagBuilding(
            municipality=municipality,
            bag_import=bag_import,
            identification=row.identification,
            status=row.status[:60],
            construction_year=row.construction_year,
            footprint_area_m2=row.footprint_area_m2,
            rd_x=Decimal(str(row.rd_x)),
            rd_y=Decimal(str(row.rd_y)),
            footprint=row.footprint,
        )
        for row in data.buildings
    ]
    units = [
        BagUnit(
            municipality=municipality,
            bag_import=bag_import,
            identification=row.identification[:16],
            building_identification=row.building_identification,
            functions=",".join(row.functions)[:300],
            floor_area_m2=row.floor_area_m2,
            status=row.status[:60],
            rd_x=Decimal(str(row.rd_x)),
            rd_y=Decimal(str(row.rd_y)),
        )
        for row in data.units
    ]
    with transaction.atomic():
        BagUnit.objects.filter(municipality=municipality).delete()
        BagBuilding.objects.filter(municipality=municipality).delete()
        BagBuilding.objects.bulk_create(buildings, batch_size=BATCH)
        BagUnit.objects.bulk_create(units, batch_size=BATCH)


def bag_import_run(
    bag_import: BagImport, *, path: Path | None = None, echo: Callable[[str], None] | None = None
) -> BagImport:
    """Read ``bag_import``'s file (its upload, or ``path``) and replace the municipality's data with it.

    A failure is recorded on the import (status failed, the message with where), never raised."""
    bag_import.status = ImportStatus.RUNNING
    record_progress(bag_import, 5, "Bestand lezen")

    def progress(read: int, stage: str) -> None:
        bag_import.objects_read = read
        BagImport.objects.filter(pk=bag_import.pk).update(objects_read=read)
        record_progress(bag_import, min(70, 5 + read // 500), stage)
        if echo is not None:
            echo(stage)

    try:
        if path is None:
            with tempfile.NamedTemporaryFile(suffix=f".{bag_import.format}") as upload:
                upload.write(bytes(bag_import.content))
                upload.flush()
                data = read_bag_file(Path(upload.name), progress)
        else:
            data = read_bag_file(path, progress)
        _check_municipality(data, bag_import.municipality)
        record_progress(bag_import, 80, "Opslaan")
        if echo is not None:
            echo(f"Opslaan: {len(data.buildings)} panden, {len(data.units)} verblijfsobjecten")
        _replace(bag_import, data)
    except (BagFormatError, ApplicationError) as error:
        message = error.message if isinstance(error, ApplicationError) else str(error)
        bag_import.status, bag_import.stage = ImportStatus.FAILED, "Mislukt"
        bag_import.error = f"{message} De vorige gegevens zijn ongewijzigd."[:1000]
    except Exception as error:  # the task must end in a state the page can show, whatever went wrong
        logger.exception("BAG import %s failed", bag_import.pk)
        bag_import.status, bag_import.stage = ImportStatus.FAILED, "Mislukt"
        bag_import.error = (
            f"Het bestand kon niet worden ingelezen ({type(error).__name__}: {error}). "
            "De vorige gegevens zijn ongewijzigd."
        )[:1000]
    else:
        bag_import.status, bag_import.progress, bag_import.stage = ImportStatus.DONE, 100, "Klaar"
        bag_import.buildings, bag_import.units = len(data.buildings), len(data.units)
        bag_import.data_date = data.data_date
    bag_import.content = b""
    bag_import.finished_at = timezone.now()
    audited_save(bag_import, actor=None)
    return bag_import


@task()
def bag_import_task(import_id: int) -> None:
    """The task behind ``bag_import_start``."""
    bag_import = (
        BagImport.objects.select_related("municipality").filter(pk=import_id, status=ImportStatus.QUEUED).first()
    )
    if bag_import is not None:
        bag_import_run(bag_import)


def bag_import_file(*, actor: Any, municipality: Municipality, path: Path, echo: Callable[[str], None]) -> BagImport:
    """Import a file on disk at once (the command): recorded like an upload, read without storing it."""
    _require_editor(actor, municipality)
    with path.open("rb") as stream:
        head = stream.read(64)
    try:
        fmt = file_format(head)
    except BagFormatError as error:
        raise ValidationError(str(error)) from None
    bag_import = BagImport(
        municipality=municipality,
        file_name=path.name[-200:],
        format=fmt,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audited_save(bag_import, actor=actor)
    return bag_import_run(bag_import, path=path, echo=echo)
