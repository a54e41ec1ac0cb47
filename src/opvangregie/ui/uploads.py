"""The upload page shared by every all-or-nothing import: the form, the row report, the redirect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opvangregie.core.errors import ApplicationError
from opvangregie.ui.forms import ImportForm
from opvangregie.ui.imports import ImportRefused, upload_content
from opvangregie.ui.params import download
from opvangregie.ui.tables import ImportTemplate


def import_page(
    request: HttpRequest,
    *,
    template: str,
    context: dict[str, Any],
    run_import: Callable[[str, bytes], int],
    success: Callable[[int], str],
    done_url: str,
    columns: ImportTemplate | None = None,
    queue: Callable[[str, bytes], str | None] | None = None,
) -> HttpResponse:
    """Show the upload form; on POST call ``run_import(file_name, content)``; ``?sjabloon=xlsx`` hands out an
    empty spreadsheet with the import's ``columns``.

    ``queue(file_name, content)``, when given, is asked first: for a file too large to import while the officer
    waits it starts a task and returns the address of the page that follows it (the officer is sent there),
    for others None. A refused file answers 422 with its message and the report per row; nothing was written then.
    """
    if columns is not None and request.GET.get("sjabloon") == "xlsx":
        return download(columns.xlsx(), columns.file_name)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[dict[str, object]] = []
    message = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            content = upload_content(upload)
            queued = queue(upload.name, content) if queue is not None else None
            if queued is not None:
                messages.success(
                    request, _("The file is large: it is being imported in the background. This page shows how far.")
                )
                return redirect(queued)
            count = run_import(upload.name, content)
        except ImportRefused as exc:
            message, errors = exc.message, exc.details["errors"]  # type: ignore[assignment]
        except ApplicationError as exc:
            message = exc.message
        else:
            messages.success(request, success(count))
            return redirect(done_url)
    return render(
        request,
        template,
        {**context, "form": form, "errors": errors, "message": message, "has_template": columns is not None},
        status=422 if message else 200,
    )
