"""Shared plumbing of the analyst command-line tools: reading a CSV file and printing a result table."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from django.core.management.base import CommandError

from opvangregie.core.errors import ApplicationError
from opvangregie.ui.tables import TableRow, read_table


class Writer(Protocol):
    def write(self, text: str, /) -> object: ...


def read_csv_file(path: str, *, required: Sequence[str], optional: Sequence[str] = ()) -> list[TableRow]:
    """The rows of a CSV (or .xlsx) file; a clear CommandError when it is missing or malformed."""
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"Bestand niet gevonden: {path}")
    try:
        return read_table(file_name=file.name, content=file.read_bytes(), required=required, optional=optional)
    except ApplicationError as exc:
        raise CommandError(f"{path}: {exc.message}") from exc


def row_error(row: TableRow, message: str) -> CommandError:
    return CommandError(f"regel {row.line}: {message}")


def write_result(stream: Writer, headers: Sequence[str], rows: Sequence[Sequence[object]], *, as_csv: bool) -> None:
    """Print ``rows`` as CSV or as an aligned text table (numbers right-aligned)."""
    if as_csv:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)
        return
    cells = [[str(value) for value in row] for row in rows]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]
    numeric = [all(_is_number(row[i]) for row in rows) and bool(rows) for i in range(len(headers))]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            value.rjust(width) if is_number else value.ljust(width)
            for value, width, is_number in zip(values, widths, numeric, strict=True)
        ).rstrip()

    stream.write(line(list(headers)) + "\n")
    stream.write("  ".join("-" * width for width in widths) + "\n")
    for row in cells:
        stream.write(line(row) + "\n")


def _is_number(value: object) -> bool:
    if isinstance(value, (int, float)):
        return True
    text = str(value).lstrip("-+")
    return text.replace(".", "", 1).replace(",", "").isdigit()
