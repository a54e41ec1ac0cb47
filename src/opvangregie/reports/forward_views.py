"""The forward-look pages of a municipality, region and province: places expected per quarter against the
target, with a what-if scenario that changes nothing in the data (GET form)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opvangregie.core.errors import ApplicationError
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations.models import TargetGroupChoices
from opvangregie.organisations.scope import municipality_readable, province_readable, region_readable, scope_for
from opvangregie.reports.forward import (
    MAX_QUARTERS,
    MAX_SHIFT_MONTHS,
    QUARTERS,
    ForwardLook,
    ScenarioRequest,
    forward_look,
    scenario_locations,
)
from opvangregie.reports.site_coverage import site_coverage
from opvangregie.ui.charts import ProjectionBar, inline_svg, projection_chart
from opvangregie.ui.forms import DateInput, LongSelect, nlds_style
from opvangregie.ui.params import InvalidParameter, reference_date


class ScenarioForm(forms.Form):
    """What if one location comes later or earlier, not at all, or with other places (nothing is saved)."""

    kwartalen = forms.IntegerField(
        label=gettext_lazy("Quarters"), min_value=1, max_value=MAX_QUARTERS, initial=QUARTERS, required=False
    )
    locatie = forms.TypedChoiceField(
        label=gettext_lazy("Location"), coerce=int, required=False, empty_value=None, widget=LongSelect()
    )
    verschuif = forms.IntegerField(
        label=gettext_lazy("Move expected dates (months)"),
        min_value=-MAX_SHIFT_MONTHS,
        max_value=MAX_SHIFT_MONTHS,
        required=False,
    )
    weglaten = forms.BooleanField(label=gettext_lazy("Leave the location out"), required=False)
    plekken = forms.IntegerField(label=gettext_lazy("Places"), min_value=0, max_value=10_000, required=False)
    vanaf = forms.DateField(label=gettext_lazy("Places from"), widget=DateInput(), required=False)

    def __init__(self, *args: Any, locations: tuple[tuple[int, str], ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["locatie"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "–"), *locations]
        nlds_style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        asked = any(data.get(name) not in (None, False) for name in ("verschuif", "weglaten", "plekken", "vanaf"))
        if asked and data.get("locatie") is None:
            self.add_error("locatie", _("Choose the location the scenario changes."))
        return data

    def request(self) -> ScenarioRequest | None:
        data = self.cleaned_data
        if data["locatie"] is None:
            return None
        return ScenarioRequest(
            data["locatie"],
            shift_months=data["verschuif"],
            drop=data["weglaten"],
            capacity=data["plekken"],
            capacity_from=data["vanaf"],
        )


def group_tables(look: ForwardLook, groups: Iterable[TargetGroup] | None = None) -> list[dict[str, Any]]:
    """Per target group (all of the projection's, or ``groups``) its rows and chart, as the templates show them."""
    tables = []
    labels = dict(TargetGroupChoices.choices)
    for group in look.base.target_groups if groups is None else groups:
        rows = look.rows(group)
        scenario = look.scenario_rows(group)
        bars = [
            ProjectionBar(str(line.period), line.places, line.target, scenario[i].scenario_places if scenario else None)
            for i, line in enumerate(rows)
        ]
        chart = projection_chart(
            bars, places_label=_("Places expected"), target_label=_("Target"), scenario_label=_("Scenario")
        )
        tables.append(
            {
                "group": group.value,
                "label": labels[group.value],
                "rows": [(line, scenario[i] if scenario else None) for i, line in enumerate(rows)],
                "chart": inline_svg(chart),
            }
        )
    return tables


def _page(request: HttpRequest, *, area_name: str, municipality_ids: list[int], back_url: str) -> HttpResponse:
    today = reference_date(request)
    locations = scenario_locations(actor=request.user, municipality_ids=municipality_ids)
    form = ScenarioForm(request.GET or None, locations=locations)
    if request.GET and not form.is_valid():
        raise InvalidParameter(
            " ".join(
                f"{form.fields[name].label}: {' '.join(map(str, errors))}" for name, errors in form.errors.items()
            ),
            name=next(iter(form.errors)),
        )
    scenario = form.request() if form.is_bound else None
    quarters = (form.cleaned_data.get("kwartalen") if form.is_bound else None) or QUARTERS
    try:
        look = forward_look(
            actor=request.user, municipality_ids=municipality_ids, today=today, quarters=quarters, scenario=scenario
        )
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        look = forward_look(actor=request.user, municipality_ids=municipality_ids, today=today, quarters=quarters)
    return render(
        request,
        "reports/forward.html",
        {
            "area_name": area_name,
            "back_url": back_url,
            "look": look,
            "tables": group_tables(look),
            "coverage": site_coverage(actor=request.user, municipality_ids=municipality_ids, look=look),
            "form": form,
            "on": today,
        },
        status=422 if form.errors else 200,
    )


@login_required
def municipality_forward(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_readable(scope_for(request.user), code)
    return _page(
        request,
        area_name=municipality.name,
        municipality_ids=[municipality.pk],
        back_url=reverse("web:municipality", kwargs={"code": municipality.code}),
    )


@login_required
def region_forward(request: HttpRequest, slug: str) -> HttpResponse:
    region = region_readable(scope_for(request.user), slug)
    ids = list(region.members.values_list("pk", flat=True))
    return _page(request, area_name=region.name, municipality_ids=ids, back_url=reverse("web:region", args=[slug]))


@login_required
def province_forward(request: HttpRequest, code: str) -> HttpResponse:
    province = province_readable(scope_for(request.user), code)
    ids = list(province.municipalities.values_list("pk", flat=True))
    return _page(
        request, area_name=province.name, municipality_ids=ids, back_url=reverse("web:province", args=[province.code])
    )
