"""The attachments (bijlagen) of a quarter's council letter: listed in the letter, their files downloadable by
the municipality's officers who make it. Thin: it parses input and calls services only."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from opvangregie.core.errors import ApplicationError, NotFound
from opvangregie.reports import services
from opvangregie.reports.models import LetterAttachment
from opvangregie.reports.selectors import letter_municipality
from opvangregie.ui.forms import nlds_style
from opvangregie.ui.params import download, query_quarter


class AttachmentForm(forms.Form):
    """A title, and optionally the file (limits: the service's)."""

    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=LetterAttachment._meta.get_field("title").max_length
    )
    file = forms.FileField(label=gettext_lazy("File"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        nlds_style(self)


def _attachment(request: HttpRequest, code: str, pk: int) -> LetterAttachment | None:
    """The municipality's attachment ``pk`` (None when it is gone), for its letter's editors only."""
    municipality = letter_municipality(request.user, code)
    return LetterAttachment.objects.filter(municipality=municipality, pk=pk).first()


@login_required
@require_POST
def attachment_add(request: HttpRequest, code: str) -> HttpResponse:
    """Add an attachment to the quarter's letter (title, optional file); back to the letter page."""
    municipality = letter_municipality(request.user, code)
    quarter = query_quarter(request)
    form = AttachmentForm(request.POST, request.FILES)
    url = f"{reverse('reports:letter', args=[municipality.code])}?kwartaal={quarter}#attachments"
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(url)
    upload = form.cleaned_data["file"]
    file = (
        services.AttachmentFile(upload.name, upload.content_type or "application/octet-stream", upload.read())
        if upload
        else None
    )
    try:
        services.attachment_add(
            actor=request.user, municipality=municipality, quarter=quarter, title=form.cleaned_data["title"], file=file
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)  # nothing was added; the message says why
    else:
        messages.success(request, _("Attachment added."))
    return redirect(url)


@login_required
def attachment_file(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The attachment's file (GET), or its removal from the letter (POST)."""
    attachment = _attachment(request, code, pk)
    if request.method == "POST":
        if attachment is None:  # removed a moment ago (a second click, a colleague): nothing left to do
            messages.info(request, _("The attachment had already been removed."))
            return redirect(reverse("reports:letter", args=[code]))
        quarter = attachment.quarter
        services.attachment_remove(actor=request.user, attachment=attachment)
        messages.success(request, _("Removed."))
        return redirect(f"{reverse('reports:letter', args=[code])}?kwartaal={quarter}#attachments")
    if attachment is None:
        raise NotFound("Die bijlage bestaat niet (meer).")
    if not attachment.has_file:
        raise NotFound("Bij deze bijlage hoort geen bestand.")
    return download(bytes(attachment.content), attachment.file_name, attachment.content_type)
