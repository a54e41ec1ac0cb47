"""The agenda pages of a municipality, region and province (with filters), their subscriptions, and the
read-only .ics feed a calendar app subscribes to."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from opvangregie import clock
from opvangregie.core.agenda import AgendaKind
from opvangregie.reports import feeds
from opvangregie.reports.agenda import area_agenda
from opvangregie.reports.models import AreaKind
from opvangregie.ui.forms import DateInput, nlds_style
from opvangregie.ui.params import InvalidParameter, reference_date

MAX_DAYS = 3 * 366


class AgendaFilter(forms.Form):
    soort = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    vanaf = forms.DateField(label=gettext_lazy("From"), widget=DateInput(), required=False)
    dagen = forms.IntegerField(label=gettext_lazy("Days"), min_value=1, max_value=MAX_DAYS, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["soort"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("all")), *((kind.value, kind.label_nl) for kind in AgendaKind)]
        nlds_style(self)


def _back_url(area: feeds.Area) -> str:
    names = {
        AreaKind.MUNICIPALITY: "web:municipality",
        AreaKind.REGION: "web:region",
        AreaKind.PROVINCE: "web:province",
    }
    return reverse(names[area.kind], args=[area.code])


def _page(request: HttpRequest, kind: AreaKind, code: str) -> HttpResponse:
    area = feeds.area_readable(request.user, kind, code)
    if request.method == "POST":
        if "revoke" in request.POST:
            feed_id = request.POST.get("revoke", "")
            feeds.feed_revoke(actor=request.user, feed_id=int(feed_id) if feed_id.isdigit() else 0)
            messages.success(request, _("The subscription has been stopped."))
        else:
            raw = feeds.feed_create(actor=request.user, area=area)[1]
            request.session["new_feed"] = request.build_absolute_uri(reverse("reports:agenda-feed", args=[raw]))
        return redirect(request.path)
    today = reference_date(request)
    form = AgendaFilter(request.GET or None)
    if form.is_bound and not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        raise InvalidParameter(f"{form.fields[name].label}: {' '.join(map(str, errors))}", name=name)
    data = form.cleaned_data if form.is_bound else {}
    start, days = data.get("vanaf") or today, data.get("dagen") or 365
    agenda = area_agenda(actor=request.user, municipalities=area.municipalities, today=today)
    items = [
        item
        for item in agenda.items
        if (start <= item.day < start + timedelta(days=days) or (item.overdue and item.day < start))
        and (not data.get("soort") or item.kind.value == data["soort"])
    ]
    items.sort(key=lambda item: (not (item.overdue and item.day < start), item.day, item.kind.value))
    return render(
        request,
        "reports/agenda.html",
        {
            "area": area,
            "back_url": _back_url(area),
            "items": items,
            "form": form,
            "on": today,
            "start": start,
            "end": start + timedelta(days=days - 1),
            "feeds": feeds.feeds_of(request.user, area),
            "new_feed": request.session.pop("new_feed", None),
        },
    )


@login_required
def municipality_agenda(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, AreaKind.MUNICIPALITY, code)


@login_required
def region_agenda(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, AreaKind.REGION, slug)


@login_required
def province_agenda(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, AreaKind.PROVINCE, code)


@never_cache
def agenda_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The .ics feed (no login: the secret address is the key; read-only)."""
    user, area = feeds.feed_area(token)
    today = clock.today()
    start, days = feeds.feed_window(today)
    agenda = area_agenda(actor=user, municipalities=area.municipalities, today=today)
    items = tuple(item for item in agenda.items if start <= item.day < start + timedelta(days=days))
    content = feeds.to_ics(items, calendar_name=f"Opvangregie – {area.name}", now=clock.now())
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")
