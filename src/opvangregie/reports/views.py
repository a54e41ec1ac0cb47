"""The council letter page: preview, the officer's texts per section, and the Word download."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from opvangregie.core.errors import ApplicationError
from opvangregie.core.periods import Quarter
from opvangregie.organisations.scope import municipality_readable, scope_for
from opvangregie.reports import services
from opvangregie.reports.documents import council_letter_docx, council_letter_html
from opvangregie.reports.models import Section
from opvangregie.reports.selectors import council_letter
from opvangregie.web.forms import nlds_style
from opvangregie.web.params import DOCX, download


class TextsForm(forms.Form):
    def __init__(self, *args: object, initial_texts: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for value, label in Section.choices:
            self.fields[value] = forms.CharField(
                label=label, required=False, max_length=services.MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4})
            )
            self.initial[value] = initial_texts.get(value, "")
        nlds_style(self)


def _quarter(request: HttpRequest) -> Quarter:
    raw = request.GET.get("kwartaal")
    if raw:
        try:
            return Quarter.parse(raw)
        except ApplicationError:
            pass
    today = timezone.localdate()
    return Quarter(today.year, (today.month - 1) // 3 + 1)


@login_required
def letter_page(request: HttpRequest, code: str) -> HttpResponse:
    """Preview of the quarter's letter with the texts to write; the municipality's editors only."""
    municipality = municipality_readable(scope_for(request.user), code)
    quarter = _quarter(request)
    letter = council_letter(actor=request.user, municipality=municipality, quarter=quarter)
    form = TextsForm(request.POST or None, initial_texts=letter.texts)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.text_blocks_save(
                    actor=request.user, municipality=municipality, quarter=quarter, texts=form.cleaned_data
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Texts saved."))
                return redirect(f"{request.path}?kwartaal={quarter}")
        status = 422
    return render(
        request,
        "reports/letter_page.html",
        {
            "municipality": municipality,
            "quarter": quarter,
            "letter": letter,
            "form": form,
            "preview": council_letter_html(letter),
        },
        status=status,
    )


@login_required
def letter_docx(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_readable(scope_for(request.user), code)
    quarter = _quarter(request)
    letter = council_letter(actor=request.user, municipality=municipality, quarter=quarter)
    return download(council_letter_docx(letter), f"raadsinformatiebericht-{code}-{quarter}.docx", DOCX)
