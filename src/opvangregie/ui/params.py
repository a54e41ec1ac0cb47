"""Query parameters shared by the pages: the reference date (``datum``) and the target group (``doelgroep``)."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from opvangregie.core.target_groups import TargetGroup
from opvangregie.ui.forms import DateChoiceForm


def reference_date(request: HttpRequest) -> date:
    """The ``datum`` of the query string, or today."""
    form = DateChoiceForm(request.GET)
    if form.is_valid() and form.cleaned_data["datum"]:
        return form.cleaned_data["datum"]
    return timezone.localdate()


def target_group(request: HttpRequest) -> TargetGroup:
    """The ``doelgroep`` of the query string, Ukrainian by default."""
    try:
        return TargetGroup(request.GET.get("doelgroep", TargetGroup.UKRAINIAN.value))
    except ValueError:
        return TargetGroup.UKRAINIAN


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(content: bytes, file_name: str, content_type: str = XLSX) -> HttpResponse:
    """An attachment response."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
