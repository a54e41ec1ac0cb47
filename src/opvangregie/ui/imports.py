"""All-or-nothing imports: every row is written, or none, with a report of what is wrong per row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction

from opvangregie.core.errors import ApplicationError, ValidationError
from opvangregie.ui.tables import TableRow


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    message: str


class ImportRefused(ValidationError):
    """The file was refused as a whole; ``row_errors`` says what is wrong per line."""

    def __init__(self, row_errors: list[RowError]) -> None:
        super().__init__(
            f"Het bestand is niet ingelezen: {len(row_errors)} fout(en) gevonden. Er is niets opgeslagen.",
            details={"errors": [{"regel": e.line, "melding": e.message} for e in row_errors]},
        )
        self.row_errors = row_errors


class _Rollback(Exception):
    pass


def all_rows_or_none(rows: Sequence[TableRow], record: Callable[[TableRow], object]) -> None:
    """Call ``record`` for every row in one transaction; any row's error rolls back all of them.

    Every row is tried, so the report names all bad rows at once, not only the first.
    """
    errors: list[RowError] = []
    try:
        with transaction.atomic():
            for row in rows:
                try:
                    record(row)
                except ApplicationError as exc:
                    errors.append(RowError(row.line, exc.message))
            if errors:
                raise _Rollback
    except _Rollback:
        raise ImportRefused(errors) from None
