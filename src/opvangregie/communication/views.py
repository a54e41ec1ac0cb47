"""The decision and communication log of a municipality: what was decided and told to whom, and forms to add.

Thin: it parses input and calls services and selectors only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opvangregie.areas.models import Municipality
from opvangregie.communication import selectors, services
from opvangregie.communication.forms import CommunicationForm, DecisionForm
from opvangregie.communication.models import Communication, Decision
from opvangregie.core.errors import ApplicationError, NotFound, PermissionDenied
from opvangregie.locations.models import Location
from opvangregie.organisations.scope import municipality_readable, scope_for
from opvangregie.sites.models import CandidateSite
from opvangregie.sites.selectors import sites_readable

FORMS = ("decision", "communication")
Subjects = tuple[dict[int, Location], dict[int, CandidateSite]]


def _subjects(actor: Any, municipality: Municipality) -> Subjects:
    """What an entry may name: the municipality's locations and the candidate sites its officers see."""
    locations = {loc.pk: loc for loc in Location.objects.filter(municipality=municipality).order_by("name")}
    sites = {site.pk: site for site in sites_readable(actor=actor, municipality=municipality)}
    return locations, sites


def _forms(log: selectors.MunicipalityLog, subjects: Subjects, data: Any = None) -> dict[str, Any]:
    locations = [(pk, loc.name) for pk, loc in subjects[0].items()]
    sites = [(pk, site.name) for pk, site in subjects[1].items()]
    decisions = [(d.pk, f"{d.decided_on:%d-%m-%Y} {d.title}") for d in log.decisions]
    return {
        "decision": DecisionForm(data, locations=locations, sites=sites, prefix="decision"),
        "communication": CommunicationForm(
            data, locations=locations, sites=sites, decisions=decisions, prefix="communication"
        ),
    }


@login_required
def municipality_log(request: HttpRequest, code: str) -> HttpResponse:
    """The municipality's decisions and communications, newest first; its editors record new ones."""
    municipality = municipality_readable(scope_for(request.user), code)
    log = selectors.municipality_log(actor=request.user, municipality=municipality)
    subjects = _subjects(request.user, municipality) if log.can_edit else ({}, {})
    forms = _forms(log, subjects) if log.can_edit else {}
    status = 200
    if request.method == "POST":
        if not log.can_edit:
            raise PermissionDenied(services.NO_EDIT)
        which = request.POST.get("form", "communication")
        if which == "delete":
            return _delete(request, log)
        if which not in FORMS:
            raise NotFound("Onbekend formulier.")
        form = _forms(log, subjects, request.POST)[which]
        if form.is_valid():
            try:
                _save(request, which, form, municipality=municipality, subjects=subjects, log=log)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("communication:municipality", code=municipality.code)
        forms[which] = form
        status = 422
    return render(
        request,
        "communication/municipality.html",
        {"municipality": municipality, "log": log, **{f"{k}_form": f for k, f in forms.items()}},
        status=status,
    )


def _save(
    request: HttpRequest,
    which: str,
    form: Any,
    *,
    municipality: Municipality,
    subjects: Subjects,
    log: selectors.MunicipalityLog,
) -> None:
    data = form.cleaned_data
    locations = [subjects[0][pk] for pk in data.get("location_ids", [])]  # choices: only what may be named
    sites = [subjects[1][pk] for pk in data.get("site_ids", [])]
    if which == "decision":
        services.decision_record(
            actor=request.user, municipality=municipality, data=form.decision_input(), locations=locations, sites=sites
        )
        return
    decision = next((d for d in log.decisions if d.pk == data["decision_id"]), None)
    services.communication_record(
        actor=request.user,
        municipality=municipality,
        data=form.communication_input(),
        locations=locations,
        sites=sites,
        decision=decision,
    )


def _delete(request: HttpRequest, log: selectors.MunicipalityLog) -> HttpResponse:
    entries: dict[str, Decision | Communication] = {f"decision-{d.pk}": d for d in log.decisions}
    entries.update({f"communication-{c.pk}": c for c in log.communications})
    entry = entries.get(request.POST.get("entry", ""))
    if entry is None:
        raise NotFound("Dat besluit of die communicatie bestaat niet (meer).")
    services.entry_delete(actor=request.user, entry=entry)
    messages.success(request, _("Removed."))
    return redirect("communication:municipality", code=log.municipality.code)
