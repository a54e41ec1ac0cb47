"""Status-holder pages: the municipality's ledger and realisations, the province's supervision and letters."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opvangregie import clock
from opvangregie.areas.models import Municipality, Province
from opvangregie.core.errors import ApplicationError, NotFound, PermissionDenied
from opvangregie.core.ledger import PaceStatus
from opvangregie.core.periods import HalfYear
from opvangregie.core.supervision import REPLY_WEEKS
from opvangregie.locations.models import Location
from opvangregie.organisations.scope import municipality_readable, province_readable, scope_for
from opvangregie.quotas import exports, selectors, services
from opvangregie.quotas.forms import LetterSentForm, RealisationForm, reply_forms, reply_input
from opvangregie.quotas.letters import supervision_letter_docx
from opvangregie.ui.params import DOCX, download, query_half_year, reference_date
from opvangregie.ui.tables import ImportTemplate
from opvangregie.ui.uploads import import_page

SORT_KEYS = {
    "naam": lambda row: row.municipality.name,
    "saldo": lambda row: (row.line.balance if row.line else 0, row.municipality.name),
    "achter": lambda row: (-row.periods_behind, row.municipality.name),
    "gerealiseerd": lambda row: (-(row.line.realised if row.line else 0), row.municipality.name),
}


def _locations(municipality: Municipality) -> list[tuple[int, str]]:
    return list(Location.objects.filter(municipality=municipality).order_by("name").values_list("pk", "name"))


def _period(request: HttpRequest, on: date) -> HalfYear:
    """The ``periode`` of the query string, else the half-year running on the reference date
    (:func:`selectors.default_half_year`, the same default as the provincial overview)."""
    return query_half_year(request) or selectors.default_half_year(on)


@login_required
def municipality_quota(request: HttpRequest, code: str) -> HttpResponse:
    """The municipality's ledger per half-year, the early warning, and its realisations."""
    scope = scope_for(request.user)
    municipality = municipality_readable(scope, code)
    on = reference_date(request)
    can_edit = scope.edits_municipality(municipality.pk)
    form = RealisationForm(request.POST or None, locations=_locations(municipality)) if can_edit else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise NotFound(_("You may not change this data."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.realisation_record(
                    actor=request.user,
                    municipality=municipality,
                    data=services.RealisationInput(
                        on=data["date"],
                        persons=data["persons"],
                        household_ref=data["household_ref"],
                        location_id=data["location"],
                        planned=data["planned"],
                        note=data["note"],
                    ),
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Realisation recorded."))
                return redirect(request.get_full_path())
        status = 422
    book = selectors.quota_ledger(actor=request.user, municipality=municipality, on=on)
    period = _period(request, on)
    follow_ups = selectors.municipality_follow_up(actor=request.user, municipality=municipality, on=on)
    can_reply = services.reply_editable(actor=request.user, municipality=municipality)
    context: dict[str, Any] = {
        "follow_ups": follow_ups,
        "reply_forms": reply_forms(None, follow_ups[0]) if follow_ups and can_reply else None,
        "municipality": municipality,
        "on": on,
        "book": book,
        "period": period,
        "realisations": selectors.realisations_list(actor=request.user, municipality=municipality, period=period),
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "quotas/municipality.html", context, status=status)


@login_required
def municipality_export(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_readable(scope_for(request.user), code)
    on = reference_date(request)
    book = selectors.quota_ledger(actor=request.user, municipality=municipality, on=on)
    return download(exports.ledger_xlsx(book), f"statushouders-{code}-{on:%Y-%m-%d}.xlsx")


@login_required
def realisations_import(request: HttpRequest, code: str) -> HttpResponse:
    """Upload realisations from Excel/CSV: all rows are recorded, or none with a report per row (editors only)."""
    scope = scope_for(request.user)
    municipality = municipality_readable(scope, code)
    if not scope.edits_municipality(municipality.pk):
        raise PermissionDenied(services.NO_EDIT)
    return import_page(
        request,
        template="quotas/import.html",
        context={"municipality": municipality},
        run_import=lambda name, content: services.realisations_import(
            actor=request.user, municipality=municipality, file_name=name, content=content
        ),
        success=lambda count: (
            ngettext("%(count)d realisation imported.", "%(count)d realisations imported.", count) % {"count": count}
        ),
        done_url=reverse("quotas:municipality", kwargs={"code": code}),
        columns=ImportTemplate(
            f"realisaties-{code}-sjabloon.xlsx", services.REALISATION_COLUMNS, services.REALISATION_OPTIONAL
        ),
    )


def _supervision(request: HttpRequest, code: str) -> selectors.Supervision:
    province = Province.objects.filter(code=code).first()
    if province is None:
        raise NotFound("Provincie niet gevonden.")
    on = reference_date(request)
    return selectors.province_supervision(actor=request.user, province=province, period=_period(request, on), on=on)


@login_required
def supervision(request: HttpRequest, code: str) -> HttpResponse:
    """The province's supervision table: every municipality's ledger line, status and ladder phase."""
    view = _supervision(request, code)
    follow_ups = selectors.supervision_follow_up(
        actor=request.user, province=view.province, period=view.period, on=reference_date(request)
    )
    rows = view.rows
    wanted = request.GET.get("status", "")
    if wanted in {s.value for s in PaceStatus}:
        rows = [row for row in rows if row.status and row.status.value == wanted]
    sort = request.GET.get("sort", "naam")
    rows = sorted(rows, key=SORT_KEYS.get(sort, SORT_KEYS["naam"]))
    if request.GET.get("export") == "xlsx":
        return download(exports.supervision_xlsx(view, rows), f"toezicht-{code}-{view.period}.xlsx")
    return render(
        request,
        "quotas/supervision.html",
        {
            "view": view,
            "rows": rows,
            "status": wanted,
            "sort": sort,
            "statuses": [(s.value, exports.STATUS_LABELS[s]) for s in PaceStatus],
            "periods": [str(p) for p in selectors.half_years_to_choose(view.period)],
            "follow_ups": {follow.municipality.code: follow for follow in follow_ups.values()},
            "reply_weeks": REPLY_WEEKS,
            "can_record_letters": services.letters_editable(actor=request.user, province_id=view.province.pk),
        },
    )


def _behind_rows(view: selectors.Supervision) -> list[selectors.SupervisionRow]:
    return [row for row in view.behind if row.line is not None and view.closed]


@login_required
def supervision_letter(request: HttpRequest, code: str, municipality_code: str) -> HttpResponse:
    """The half-yearly letter (.docx) to one municipality behind on its quota."""
    view = _supervision(request, code)
    row = next((r for r in _behind_rows(view) if r.municipality.code == municipality_code), None)
    if row is None:
        raise NotFound(_("No letter: this municipality is not behind in a closed half-year."))
    content = supervision_letter_docx(view, row, written_on=clock.today())
    return download(content, f"brief-taakstelling-{view.period}-{municipality_code}.docx", DOCX)


@login_required
def supervision_letters(request: HttpRequest, code: str) -> HttpResponse:
    """All letters of the half-year in one .zip, one .docx per municipality behind."""
    view = _supervision(request, code)
    rows = _behind_rows(view)
    if not rows:
        raise NotFound(_("No letters: no municipality is behind in a closed half-year."))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for row in rows:
            archive.writestr(
                f"brief-taakstelling-{view.period}-{row.municipality.code}-{row.municipality.name}.docx",
                supervision_letter_docx(view, row, written_on=clock.today()),
            )
    return download(buffer.getvalue(), f"brieven-taakstelling-{view.period}-{code}.zip", "application/zip")


def _letter_periods(today: date) -> list[str]:
    """The half-years a letter may be about: the opened ones that have ended, the latest first."""
    return [str(p) for p in reversed(selectors.half_years_to_choose(HalfYear.containing(today))) if p.end < today]


@login_required
def letter_sent(request: HttpRequest, code: str, municipality_code: str) -> HttpResponse:
    """The province's editors record that the letter about a half-year was sent (downloading records nothing)."""
    scope = scope_for(request.user)
    province = province_readable(scope, code)
    municipality = Municipality.objects.filter(code=municipality_code, province=province).first()
    if municipality is None:
        raise NotFound(_("This municipality is not in the province."))
    if not services.letter_editable(actor=request.user, municipality=municipality):
        raise PermissionDenied(services.NO_LETTER_EDIT)
    today = clock.today()
    period = query_half_year(request) or HalfYear.containing(today).previous()
    current = selectors.letter_follow_up(actor=request.user, municipality=municipality, period=period, on=today)
    initial = {"period": str(period), "sent_on": current.letter.sent_on if current.letter else today}
    if current.letter:
        initial["document_reference"] = current.letter.document_reference
    data = request.POST if request.method == "POST" else None
    form = LetterSentForm(data, initial=initial, periods=_letter_periods(today) or [str(period)])
    status = 200
    if request.method == "POST":
        if form.is_valid():
            chosen = HalfYear.parse(form.cleaned_data["period"])
            try:
                services.letter_record(
                    actor=request.user,
                    municipality=municipality,
                    period=chosen,
                    sent_on=form.cleaned_data["sent_on"],
                    document_reference=form.cleaned_data["document_reference"],
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Letter recorded as sent."))
                return redirect(f"{reverse('quotas:supervision', kwargs={'code': code})}?periode={chosen}")
        status = 422
    return render(
        request,
        "quotas/letter_sent.html",
        {"province": province, "municipality": municipality, "form": form, "current": current, "period": period},
        status=status,
    )


@login_required
def reply(request: HttpRequest, code: str, period: str) -> HttpResponse:
    """The municipality's own editors record its reply to the province's letter about ``period``."""
    municipality = municipality_readable(scope_for(request.user), code)
    if not services.reply_editable(actor=request.user, municipality=municipality):
        raise PermissionDenied(services.NO_REPLY_EDIT)
    half_year = HalfYear.parse(period)
    row = selectors.letter_follow_up(actor=request.user, municipality=municipality, period=half_year, on=clock.today())
    form, measures = reply_forms(request.POST if request.method == "POST" else None, row)
    status = 200
    if request.method == "POST":
        if form.is_valid() and measures.is_valid():
            try:
                services.reply_record(
                    actor=request.user, municipality=municipality, period=half_year, data=reply_input(form, measures)
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Reply recorded."))
                return redirect("quotas:municipality", code=code)
        status = 422
    return render(
        request,
        "quotas/reply.html",
        {"municipality": municipality, "follow": row, "reply_forms": (form, measures)},
        status=status,
    )
