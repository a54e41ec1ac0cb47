"""The programme pages of a municipality: the list with a form to add one, a programme with its figures per
quarter and a form to enter a quarter's figures, and the import of figures. Thin: services and selectors only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opvangregie.core.errors import ApplicationError, PermissionDenied
from opvangregie.organisations.scope import municipality_readable, scope_for
from opvangregie.support import selectors, services
from opvangregie.support.forms import FiguresForm, ProgrammeForm
from opvangregie.ui.tables import ImportTemplate
from opvangregie.ui.uploads import import_page


@login_required
def programmes(request: HttpRequest, code: str) -> HttpResponse:
    """The municipality's support programmes; its editors add one."""
    municipality = municipality_readable(scope_for(request.user), code)
    page = selectors.municipality_programmes(actor=request.user, municipality=municipality)
    form = ProgrammeForm(request.POST if request.method == "POST" else None) if page.can_edit else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(services.NO_EDIT)
        if form.is_valid():
            try:
                programme = services.programme_create(
                    actor=request.user, municipality=municipality, data=form.programme_input()
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Programme saved."))
                return redirect("support:programme", code=code, programme_id=programme.pk)
        status = 422
    return render(
        request, "support/programmes.html", {"municipality": municipality, "page": page, "form": form}, status=status
    )


@login_required
def programme(request: HttpRequest, code: str, programme_id: int) -> HttpResponse:
    """A programme with its figures per quarter; the municipality's editors enter a quarter's figures."""
    municipality = municipality_readable(scope_for(request.user), code)
    view = selectors.programme_get(actor=request.user, municipality=municipality, programme_id=programme_id)
    can_edit = services.programme_editable(actor=request.user, municipality=municipality)
    data = request.POST if request.method == "POST" else None
    form = FiguresForm(data, programme=view.programme) if can_edit else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(services.NO_EDIT)
        if form.is_valid():
            try:
                services.figures_record(actor=request.user, programme=view.programme, data=form.figures_input())
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Figures saved."))
                return redirect("support:programme", code=code, programme_id=programme_id)
        status = 422
    return render(
        request,
        "support/programme.html",
        {"municipality": municipality, "view": view, "form": form, "can_edit": can_edit},
        status=status,
    )


@login_required
def figures_import(request: HttpRequest, code: str) -> HttpResponse:
    """Upload quarterly figures from Excel/CSV: all rows are recorded, or none with a report per row."""
    municipality = municipality_readable(scope_for(request.user), code)
    if not services.programme_editable(actor=request.user, municipality=municipality):
        raise PermissionDenied(services.NO_EDIT)
    return import_page(
        request,
        template="support/import.html",
        context={"municipality": municipality},
        run_import=lambda name, content: services.figures_import(
            actor=request.user, municipality=municipality, file_name=name, content=content
        ),
        success=lambda count: (
            ngettext("%(count)d row of figures imported.", "%(count)d rows of figures imported.", count)
            % {"count": count}
        ),
        done_url=reverse("support:programmes", kwargs={"code": code}),
        columns=ImportTemplate(
            f"programmacijfers-{code}-sjabloon.xlsx", services.FIGURE_COLUMNS, services.FIGURE_OPTIONAL
        ),
    )
