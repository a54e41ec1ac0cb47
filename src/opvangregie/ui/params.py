"""Query parameters shared by the pages, read in one place: the reference date (``datum``), the month
(``maand``), the quarter (``kwartaal``), the half-year (``periode``) and the target group (``doelgroep``).

A parameter that is absent takes its default from the business clock; one that is present but cannot be
read is refused with ``InvalidParameter`` (400 and a message that says which value and why), never
silently replaced by today.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from typing import BinaryIO

from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from opvangregie import clock
from opvangregie.core.errors import ApplicationError
from opvangregie.core.periods import HalfYear, Quarter
from opvangregie.core.target_groups import TargetGroup

EARLIEST = date(2000, 1, 1)  # no reception data before this; later dates up to LATEST allow planning ahead
LATEST = date(2100, 12, 31)
QUOTED = 40  # characters of a refused value repeated in the message


class InvalidParameter(ApplicationError):
    """A query parameter that cannot be read: the page answers 400 and names the value and the form wanted."""

    status_code = 400

    def __init__(self, message: str, *, name: str) -> None:
        super().__init__(message, details={"parameter": name})
        self.name = name


def _raw(request: HttpRequest, name: str) -> str:
    return (request.GET.get(name) or "").strip()


def _quoted(raw: str) -> str:
    return raw if len(raw) <= QUOTED else raw[:QUOTED] + "…"


def _in_range(day: date, raw: str, name: str) -> date:
    if not EARLIEST <= day <= LATEST:
        raise InvalidParameter(
            _("The date %(value)s lies outside %(first)s to %(last)s.")
            % {"value": _quoted(raw), "first": EARLIEST.year, "last": LATEST.year},
            name=name,
        )
    return day


def reference_date(request: HttpRequest, default: date | None = None) -> date:
    """The ``datum`` of the query string (YYYY-MM-DD), else ``default``, else today."""
    raw = _raw(request, "datum")
    if not raw:
        return default or clock.today()
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise InvalidParameter(
            _("'%(value)s' is not a date: use the form YYYY-MM-DD, for example 2025-11-01.") % {"value": _quoted(raw)},
            name="datum",
        ) from None
    return _in_range(day, raw, "datum")


def query_month(request: HttpRequest, default: date) -> date:
    """The first day of the ``maand`` of the query string (YYYY-MM), else of ``default``'s month."""
    raw = _raw(request, "maand")
    if not raw:
        return default.replace(day=1)
    try:
        year, month = (int(part) for part in raw.split("-"))
        day = date(year, month, 1)
    except ValueError:
        raise InvalidParameter(
            _("'%(value)s' is not a month: use the form YYYY-MM, for example 2025-10.") % {"value": _quoted(raw)},
            name="maand",
        ) from None
    return _in_range(day, raw, "maand")


def query_quarter(request: HttpRequest, default: Quarter | None = None) -> Quarter:
    """The ``kwartaal`` of the query string or form (e.g. 2025-Q4), else ``default``, else the current quarter."""
    raw = _raw(request, "kwartaal") or (request.POST.get("kwartaal") or "").strip()
    if not raw:
        return default or Quarter.containing(clock.today())
    try:
        quarter = Quarter.parse(raw)
    except ApplicationError:
        raise InvalidParameter(
            _("'%(value)s' is not a quarter: use for example 2025-Q4.") % {"value": _quoted(raw)}, name="kwartaal"
        ) from None
    _in_range(quarter.start, raw, "kwartaal")
    return quarter


def query_half_year(request: HttpRequest) -> HalfYear | None:
    """The ``periode`` of the query string (e.g. 2025-H2), or None when absent."""
    raw = _raw(request, "periode")
    if not raw:
        return None
    try:
        period = HalfYear.parse(raw)
    except ApplicationError:
        raise InvalidParameter(
            _("'%(value)s' is not a half-year: use for example 2025-H1 or 2025-H2.") % {"value": _quoted(raw)},
            name="periode",
        ) from None
    _in_range(period.start, raw, "periode")
    return period


def target_group(request: HttpRequest) -> TargetGroup:
    """The ``doelgroep`` of the query string, Ukrainian by default."""
    raw = _raw(request, "doelgroep")
    if not raw:
        return TargetGroup.UKRAINIAN
    try:
        return TargetGroup(raw)
    except ValueError:
        raise InvalidParameter(
            _("'%(value)s' is not a target group.") % {"value": _quoted(raw)}, name="doelgroep"
        ) from None


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def xlsx_download(file_name: str, write: Callable[[BinaryIO], None]) -> FileResponse:
    """An Excel attachment that ``write`` writes row by row to a temporary file, sent in blocks (FileResponse):
    a full national list is never held in memory, as a whole workbook or as a response body."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it once sent)
    try:
        write(spool)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=file_name, content_type=XLSX)


def download(content: bytes, file_name: str, content_type: str = XLSX) -> HttpResponse:
    """An attachment response."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
