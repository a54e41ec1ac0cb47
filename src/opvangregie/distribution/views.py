"""Spreidingswet pages: runs, a run per province with counted places and gaps, two runs side by side,
and regional plans with contributions, proposals and exchanges."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from opvangregie import clock
from opvangregie.areas.models import Province
from opvangregie.core.errors import ApplicationError, NotFound, PermissionDenied
from opvangregie.core.target_groups import TargetGroup
from opvangregie.distribution import exports, selectors, services
from opvangregie.distribution.forms import ExchangeForm, ExchangeLineFormSet
from opvangregie.locations.models import TargetGroupChoices
from opvangregie.organisations.scope import scope_for
from opvangregie.ui.params import download, reference_date

SORTS = {
    "naam": lambda row: row.municipality.name,
    "opgave": lambda row: (-row.task, row.municipality.name),
    "tekort": lambda row: (row.gap, row.municipality.name),
}


def _province(request: HttpRequest) -> Province | None:
    code = request.GET.get("provincie")
    if not code:
        return None
    province = Province.objects.filter(code=code).first()
    if province is None:
        raise NotFound("Provincie niet gevonden.")
    return province


@login_required
def runs(request: HttpRequest) -> HttpResponse:
    """All distribution runs, the adopted one per cycle first, and the regional plans."""
    return render(
        request,
        "distribution/runs.html",
        {
            "runs": list(selectors.runs_list(actor=request.user)),
            "plans": selectors.plans_readable(actor=request.user),
            "provinces": list(Province.objects.order_by("name")),
        },
    )


@login_required
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    """A run: per municipality the computed and published task, exchanges, counted places and the gap."""
    run = selectors.run_get(actor=request.user, run_id=run_id)
    province = _province(request)
    table = selectors.run_table(
        actor=request.user, run=run, on=reference_date(request, run.needed_on), province=province
    )
    sort = request.GET.get("sort", "naam")
    rows = sorted(table.rows, key=SORTS.get(sort, SORTS["naam"]))
    if request.GET.get("export") == "xlsx":
        name = province.code if province else "NL"
        return download(exports.run_xlsx(table, rows), f"spreiding-{run.cycle}-{run.pk}-{name}.xlsx")
    hosting = sum(p.hosting for p in table.provinces)
    return render(
        request,
        "distribution/run.html",
        {
            "run": run,
            "table": table,
            "rows": rows,
            "province": province,
            "sort": sort,
            "hosting": hosting,
            "provinces": list(Province.objects.order_by("name")),
        },
    )


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    """Two runs side by side (what-if) with the differences per municipality and province."""
    try:
        first_id, second_id = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError as exc:
        raise NotFound("Kies twee verdeelberekeningen.") from exc
    first = selectors.run_get(actor=request.user, run_id=first_id)
    second = selectors.run_get(actor=request.user, run_id=second_id)
    comparison = selectors.runs_compare(actor=request.user, first=first, second=second)
    changed_only = request.GET.get("verschil") == "1"
    rows = [r for r in comparison.municipalities if r.difference] if changed_only else comparison.municipalities
    if request.GET.get("formaat") == "xlsx":
        on = clock.today()
        content = exports.comparison_xlsx(comparison, rows, on)
        return download(content, f"spreiding-vergelijking-{first.pk}-{second.pk}-{on:%Y-%m-%d}.xlsx")
    return render(
        request,
        "distribution/compare.html",
        {"comparison": comparison, "rows": rows, "changed_only": changed_only},
    )


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    """A regional plan: contributions and exchanges per municipality and target group, proposals checked;
    the region's coordinators record exchanges of tasks here."""
    plan = selectors.plan_get(actor=request.user, plan_id=plan_id)
    can_edit = scope_for(request.user).edits_region(plan.region_id)
    members = {m.code: m for m in plan.region.members.order_by("name")}
    choices = [(code, m.name) for code, m in members.items()]
    form, lines, status = None, None, 200
    if can_edit:
        form = ExchangeForm(request.POST or None, prefix="exchange")
        lines = ExchangeLineFormSet(request.POST or None, prefix="line", form_kwargs={"members": choices})
    elif request.method == "POST":
        raise PermissionDenied(_("Only the region's coordinators change its plan."))
    if request.method == "POST" and form is not None and lines is not None:
        if form.is_valid() and lines.is_valid():
            entries = [
                services.ExchangeInput(members[d["municipality"]], TargetGroup(d["target_group"]), d["delta"])
                for d in lines.cleaned_data
                if d.get("municipality") and d.get("delta")
            ]
            try:
                services.exchange_record(
                    actor=request.user,
                    plan=plan,
                    agreed_on=form.cleaned_data["agreed_on"],
                    description=form.cleaned_data["description"],
                    lines=entries,
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Exchange recorded."))
                return redirect("distribution:plan", plan_id=plan.pk)
        status = 422
    run = selectors.adopted_run(plan.cycle)
    overview = selectors.plan_overview(
        actor=request.user, plan=plan, on=reference_date(request, run.needed_on if run else clock.today())
    )
    groups = [g for g in TargetGroup if g is not TargetGroup.EMERGENCY]
    labels = dict(TargetGroupChoices.choices)
    if request.GET.get("formaat") == "xlsx":
        columns = [(g.value, str(labels[g.value])) for g in groups]
        content = exports.plan_xlsx(overview, columns)
        return download(content, f"regioplan-{plan.region.slug}-{plan.cycle}-{overview.on:%Y-%m-%d}.xlsx")
    return render(
        request,
        "distribution/plan.html",
        {
            "overview": overview,
            "plan": plan,
            "groups": [(g.value, labels[g.value]) for g in groups],
            "min_sizes": [(labels.get(group, group), size) for group, size in plan.min_location_size.items()],
            "run": run,
            "form": form,
            "lines": lines,
        },
        status=status,
    )
