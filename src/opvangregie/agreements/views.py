"""The agreements page of a location: its agreements, each condition checked, and forms to add to them.

Thin: it parses input and calls services and selectors only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opvangregie import clock
from opvangregie.agreements import selectors, services
from opvangregie.agreements.forms import AgreementForm, ConditionForm, StageForm
from opvangregie.core.errors import ApplicationError, NotFound, PermissionDenied
from opvangregie.organisations.scope import municipality_readable, scope_for

FORMS = ("agreement", "condition", "stage")


def _forms(agreements: list[Any], data: Any = None) -> dict[str, Any]:
    return {
        "agreement": AgreementForm(data, prefix="agreement"),
        "condition": ConditionForm(data, agreements=agreements, prefix="condition"),
        "stage": StageForm(data, agreements=agreements, prefix="stage"),
    }


@login_required
def location_agreements(request: HttpRequest, location_id: int) -> HttpResponse:
    """A location's agreements with each condition checked today; its editors add agreements, conditions, stages."""
    today = clock.today()
    page = selectors.location_agreements(actor=request.user, location_id=location_id, on=today)
    agreements = [view.agreement for view in page.agreements]
    forms = _forms(agreements) if page.can_edit else {}
    status = 200
    if request.method == "POST":
        if not page.can_edit:
            raise PermissionDenied(services.NO_EDIT)
        which = request.POST.get("form", "agreement")
        if which not in FORMS:
            raise NotFound("Onbekend formulier.")
        form = _forms(agreements, request.POST)[which]
        if form.is_valid():
            try:
                _save(request, which, form, page.location, {a.pk: a for a in agreements})
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("agreements:location", location_id=location_id)
        forms[which] = form
        status = 422
    return render(
        request,
        "agreements/location.html",
        {"page": page, "location": page.location, "today": today, **{f"{k}_form": f for k, f in forms.items()}},
        status=status,
    )


def _save(request: HttpRequest, which: str, form: Any, location: Any, agreements: dict[int, Any]) -> None:
    if which == "agreement":
        services.agreement_create(
            actor=request.user,
            municipality=location.municipality,
            data=form.agreement_input(),
            locations=[location],
        )
        return
    agreement = agreements[form.cleaned_data["agreement_id"]]  # one of the choices: the location's own
    if which == "condition":
        services.condition_add(actor=request.user, agreement=agreement, data=form.condition_input())
    else:
        services.stage_set(
            actor=request.user,
            agreement=agreement,
            stage=form.stage,
            reached_on=form.cleaned_data["reached_on"],
            note=form.cleaned_data["note"],
        )


@login_required
def municipality_agreements(request: HttpRequest, code: str) -> HttpResponse:
    """Every agreement of the municipality, also those naming no location (e.g. a number of places agreed)."""
    municipality = municipality_readable(scope_for(request.user), code)
    today = clock.today()
    agreements = selectors.municipality_agreements(actor=request.user, municipality=municipality, on=today)
    return render(
        request,
        "agreements/municipality.html",
        {"municipality": municipality, "agreements": agreements, "today": today},
    )
