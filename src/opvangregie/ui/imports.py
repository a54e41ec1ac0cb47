"""All-or-nothing imports: every row is written, or none, with a report of what is wrong per row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from opvangregie.core.errors import ApplicationError, ValidationError
from opvangregie.ui.tables import TableRow, too_large_message


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    message: str


REPORTED_ERRORS = 200  # rows named in a refusal; the message gives the total


class ImportRefused(ValidationError):
    """The file was refused as a whole; ``row_errors`` says what is wrong per line (the first 200)."""

    def __init__(self, row_errors: list[RowError]) -> None:
        total = len(row_errors)
        shown = row_errors[:REPORTED_ERRORS]
        errors = "1 fout" if total == 1 else f"{total} fouten"
        more = f" De eerste {REPORTED_ERRORS} staan hieronder." if total > REPORTED_ERRORS else ""
        super().__init__(
            f"Het bestand is niet ingelezen: {errors} gevonden. Er is niets opgeslagen.{more}",
            details={"errors": [{"regel": e.line, "melding": e.message} for e in shown], "total": total},
        )
        self.row_errors = shown


def upload_content(upload: Any) -> bytes:
    """The bytes of an uploaded file, refused before reading when it is larger than ``IMPORT_MAX_BYTES``."""
    from django.conf import settings

    if upload.size is not None and upload.size > settings.IMPORT_MAX_BYTES:
        raise ValidationError(too_large_message(settings.IMPORT_MAX_BYTES))
    content: bytes = upload.read(settings.IMPORT_MAX_BYTES + 1)
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise ValidationError(too_large_message(settings.IMPORT_MAX_BYTES))
    return content


def all_rows_checked(
    rows: Sequence[TableRow], check: Callable[[TableRow], object], *, progress: Callable[[int], None] | None = None
) -> None:
    """Call ``check`` for every row; when any row's check fails, refuse the file with every bad row named.

    Every row is tried, so the report names all bad rows at once, not only the first. ``progress`` hears the
    number of rows checked now and then (about every 2%) and at the end. Opens no transaction: a check that
    writes belongs in :func:`all_rows_or_none`.
    """
    errors: list[RowError] = []
    every = max(len(rows) // 50, 500)
    for number, row in enumerate(rows, start=1):
        try:
            check(row)
        except ApplicationError as exc:
            errors.append(RowError(row.line, exc.message))
        if progress is not None and number % every == 0:
            progress(number)
    if progress is not None:
        progress(len(rows))
    if errors:
        raise ImportRefused(errors)


def all_rows_or_none(rows: Sequence[TableRow], record: Callable[[TableRow], object]) -> None:
    """Call ``record`` for every row in one transaction; any row's error rolls back all of them.

    Every row is tried, so the report names all bad rows at once, not only the first.
    """
    with transaction.atomic():  # the refusal raised inside rolls back what the good rows wrote
        all_rows_checked(rows, record)
