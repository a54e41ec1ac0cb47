"""Reading uploaded tables (Excel .xlsx or CSV) and writing Excel exports with their metadata."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO, cast

from opvangregie.core.errors import ValidationError

CellValue = str | int | float | date | datetime | None
QUOTED = 100  # characters of a refused value repeated in an error message
MAX_CELL_CHARACTERS = 32_767  # Excel's own limit for one cell; longer text is not a spreadsheet cell


def quoted(value: object) -> str:
    """A value for an error message: quoted, and cut to ``QUOTED`` characters so a huge cell stays small."""
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= QUOTED else text[:QUOTED] + "…"


def _limits() -> tuple[int, int]:
    from django.conf import settings

    return settings.IMPORT_MAX_BYTES, settings.IMPORT_MAX_ROWS


@dataclass(frozen=True, slots=True)
class TableRow:
    """One data row with its line number in the file (header = line 1)."""

    line: int
    values: dict[str, CellValue]


def _normalise_header(value: Any) -> str:
    return str(value or "").strip().lower().replace(" ", "_").replace("-", "_")


def _rows_from_xlsx(content: bytes, max_bytes: int) -> list[list[CellValue]]:
    from openpyxl import load_workbook

    refused = ValidationError("Het bestand is geen geldig Excel-bestand (.xlsx).")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise refused from exc
    if unpacked > 20 * max_bytes:  # a small archive that unpacks into gigabytes (a zip bomb)
        raise ValidationError("Het Excel-bestand is uitgepakt te groot om in te lezen.")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows: list[list[CellValue]] = [
            [cell if isinstance(cell, (str, int, float, date, datetime)) or cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        workbook.close()
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; all mean the same to the user
        raise refused from exc
    return rows


def _decoded(content: bytes) -> str:
    """CSV text in UTF-8 (with or without BOM) or, as Dutch Excel saves it, Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError("Het CSV-bestand is niet in UTF-8 of Windows-1252 opgeslagen.")


def _rows_from_csv(content: bytes) -> list[list[CellValue]]:
    text = _decoded(content)
    if "\x00" in text:
        raise ValidationError("Het bestand is geen tekstbestand (CSV).")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    csv.field_size_limit(MAX_CELL_CHARACTERS + 1)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise ValidationError(
            f"Het CSV-bestand kan niet worden gelezen: een veld is langer dan {MAX_CELL_CHARACTERS} tekens "
            "of een aanhalingsteken staat verkeerd."
        ) from exc


_XLSX_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")  # a row element, with or without a namespace prefix
_CHUNK = 1 << 20


def more_rows_than(file_name: str, content: bytes, limit: int) -> bool:
    """Whether the file has more than ``limit`` data rows (below its header), told without reading its cells
    (milliseconds, also for 100,000 rows): the lines of a CSV, the row elements of an .xlsx file's worksheets
    (empty lines and every sheet counted: an estimate on the high side). A file that cannot be told is not:
    its import says why."""
    lower = file_name.lower()
    if lower.endswith(".csv"):
        lines = content.count(b"\n") + (0 if content.endswith(b"\n") else 1)
        return lines - 1 > limit
    if not lower.endswith(".xlsx"):
        return False
    found = -1  # the header
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for name in archive.namelist():
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                with archive.open(name) as sheet:
                    tail = b""
                    while chunk := sheet.read(_CHUNK):
                        block = tail + chunk
                        cut = max(len(block) - 64, 0)  # an element split over two chunks: counted in the next
                        found += sum(1 for match in _XLSX_ROW.finditer(block) if match.start() < cut)
                        tail = block[cut:]
                        if found > limit:
                            return True
                    found += len(_XLSX_ROW.findall(tail))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return found > limit


def too_large_message(max_bytes: int) -> str:
    return f"Het bestand is groter dan {max_bytes // (1024 * 1024)} MB; splits het in kleinere bestanden."


def read_table(
    *,
    file_name: str,
    content: bytes,
    required: Sequence[str],
    optional: Sequence[str] = (),
    aliases: dict[str, str] | None = None,
) -> list[TableRow]:
    """Rows of the first sheet (or the CSV) as dicts keyed by normalised column name.

    Refuses the file as a whole when it is unreadable, empty or lacks a required column.
    """
    if not content:
        raise ValidationError("Het bestand is leeg.")
    max_bytes, max_rows = _limits()
    if len(content) > max_bytes:
        raise ValidationError(too_large_message(max_bytes))
    lower = file_name.lower()
    if lower.endswith(".xlsx"):
        rows = _rows_from_xlsx(content, max_bytes)
    elif lower.endswith(".csv"):
        rows = _rows_from_csv(content)
    else:
        raise ValidationError("Alleen Excel (.xlsx) en CSV (.csv) kunnen worden ingelezen.")
    rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise ValidationError("Het bestand is leeg.")
    if len(rows) - 1 > max_rows:
        raise ValidationError(
            f"Het bestand heeft {len(rows) - 1} regels; er kunnen er ten hoogste {max_rows} tegelijk."
        )
    too_long = next(
        (
            line
            for line, row in enumerate(rows, start=1)
            for cell in row
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARACTERS
        ),
        None,
    )
    if too_long is not None:
        raise ValidationError(f"Regel {too_long} heeft een veld van meer dan {MAX_CELL_CHARACTERS} tekens.")
    mapping = aliases or {}
    header = [mapping.get(_normalise_header(cell), _normalise_header(cell)) for cell in rows[0]]
    missing = [column for column in required if column not in header]
    if missing:
        raise ValidationError(
            f"Verplichte kolommen ontbreken: {', '.join(missing)}. "
            f"Gevonden: {quoted(', '.join(h for h in header if h))}."
        )
    unknown = [h for h in header if h and h not in (*required, *optional)]
    if unknown:
        raise ValidationError(f"Onbekende kolommen: {quoted(', '.join(unknown))}.")
    data = [
        TableRow(line=index, values={name: row[i] if i < len(row) else None for i, name in enumerate(header) if name})
        for index, row in enumerate(rows[1:], start=2)
    ]
    if not data:
        raise ValidationError("Het bestand bevat geen gegevensregels, alleen een kopregel.")
    return data


def cell_int(value: CellValue, column: str) -> int | None:
    """A whole number from a cell (None when empty); refuses fractions and text."""
    if value is None or value == "":
        return None
    if isinstance(value, (bool, date, datetime)):
        raise ValidationError(f"{column}: {quoted(value)} is geen geheel getal.")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValidationError(f"{column}: {value} is geen geheel getal.")
        return int(value)
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError as exc:
        raise ValidationError(f"{column}: {quoted(value)} is geen geheel getal.") from exc


_DATE_PATTERNS = (
    (re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"), (1, 2, 3)),
    (re.compile(r"([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})"), (3, 2, 1)),
    (re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})"), (3, 2, 1)),
)


def cell_date(value: CellValue, column: str) -> date | None:
    """A date from a cell: an Excel date, ``2025-11-01`` or ``1-11-2025``."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern, order in _DATE_PATTERNS:  # the usual spellings without strptime (an import of 100,000 rows)
        match = pattern.fullmatch(text)
        if match is not None:
            try:
                return date(*(int(match[index]) for index in order))
            except ValueError:
                break
    for spelling in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):  # the unusual ones (" 5" as a day, other digits)
        try:
            return datetime.strptime(text, spelling).date()
        except ValueError:
            continue
    raise ValidationError(f"{column}: {quoted(text)} is geen datum (gebruik bijvoorbeeld 2025-11-01 of 1-11-2025).")


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV/formula injection: cells starting with these
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def safe_text(value: str) -> str:
    """A user's text as Excel will keep it as text: characters Excel cannot hold removed, and a leading
    ``=``, ``+``, ``-``, ``@``, tab or carriage return neutralised with an apostrophe (OWASP, CSV injection)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cleaned = ILLEGAL_CHARACTERS_RE.sub("", value)
    return "'" + cleaned if cleaned.startswith(FORMULA_TRIGGERS) else cleaned


def safe_sheet_title(title: str) -> str:
    """A sheet title Excel accepts: no ``[ ] : * ? / \\``, no control characters, at most 31 characters."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cleaned = _SHEET_TITLE_FORBIDDEN.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", title)).strip(" '")
    return cleaned[:31].strip() or "Blad1"


@dataclass(frozen=True, slots=True)
class ImportTemplate:
    """The columns an import reads, so that its page can hand out an empty spreadsheet to fill in."""

    file_name: str
    required: Sequence[str]
    optional: Sequence[str] = ()

    def xlsx(self) -> bytes:
        """Sheet 1: the column headings only (the importer reads this sheet); sheet 2: which are required."""
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        workbook = Workbook()
        data = workbook.active
        assert data is not None
        data.title = "Gegevens"
        names = [*self.required, *self.optional]
        data.append(names)
        for index, name in enumerate(names, start=1):
            data.cell(row=1, column=index).font = Font(bold=True)
            data.column_dimensions[get_column_letter(index)].width = max(14, len(name) + 4)
        data.freeze_panes = "A2"
        notes = workbook.create_sheet("Toelichting")
        notes.append(["Kolom", "Verplicht"])
        for cell in notes[1]:
            cell.font = Font(bold=True)
        for name in self.required:
            notes.append([name, "ja"])
        for name in self.optional:
            notes.append([name, "nee"])
        notes.append([])
        notes.append(["Vul één rij per regel in op het blad 'Gegevens'. Alle rijen worden opgeslagen, of geen."])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    unit: str = ""


def _cells(sheet: Any, values: Sequence[CellValue], *, font: Any = None) -> list[Any]:
    """A row of write-only cells: every text a text cell (never a formula), numbers and dates as they are,
    dates shown as DD-MM-YYYY."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=safe_text(value) if isinstance(value, str) else cast(Any, value))
        if isinstance(value, str):
            cell.data_type = "s"
        elif isinstance(value, datetime):
            cell.number_format = "DD-MM-YYYY HH:MM"
        elif isinstance(value, date):
            cell.number_format = "DD-MM-YYYY"
        if font is not None:
            cell.font = font
        cells.append(cell)
    return cells


def write_xlsx_to(
    target: BinaryIO,
    *,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[CellValue]],
    reference_date: date,
    source: str,
    notes: Sequence[str] = (),
) -> None:
    """Write an Excel workbook with the table on sheet 1, led by its title, reference date, units and source,
    to ``target``. Written row by row (openpyxl's write-only mode): a country's list of households takes as
    little memory as a page of it, and ``rows`` may be a generator over the database."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(safe_sheet_title(title))
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, len(column.title) + len(column.unit) + 4)
    header_row = 3 + len(notes) + 2  # title, reference date, source, the notes, a blank line, then the headings
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.append(_cells(sheet, [title], font=Font(bold=True, size=14)))
    sheet.append(_cells(sheet, ["Peildatum", reference_date]))
    sheet.append(_cells(sheet, ["Bron", source]))
    for note in notes:
        sheet.append(_cells(sheet, [note]))
    sheet.append([])
    bold = Font(bold=True)
    sheet.append(_cells(sheet, [f"{c.title} ({c.unit})" if c.unit else c.title for c in columns], font=bold))
    for row in rows:
        sheet.append(_cells(sheet, list(row)))
    workbook.save(target)


def write_xlsx(
    *,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[CellValue]],
    reference_date: date,
    source: str,
    notes: Sequence[str] = (),
) -> bytes:
    """:func:`write_xlsx_to` into memory: the workbook's bytes."""
    buffer = io.BytesIO()
    write_xlsx_to(
        buffer, title=title, columns=columns, rows=rows, reference_date=reference_date, source=source, notes=notes
    )
    return buffer.getvalue()
