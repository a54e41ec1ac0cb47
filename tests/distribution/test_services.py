"""Distribution runs, reproducibility, the SES fallback, published tasks, counted places, regional
plans and exchanges, and who may not."""

from __future__ import annotations

from datetime import date

import pytest

from opvangregie.areas.models import Municipality, Province, Region
from opvangregie.core.errors import NotFound, PermissionDenied, ValidationError
from opvangregie.core.spreiding import KeyKind
from opvangregie.core.target_groups import TargetGroup
from opvangregie.distribution import selectors, services
from opvangregie.distribution.models import DistributionRun, Exchange, PublishedTask, SesDataset
from opvangregie.ui.imports import ImportRefused

pytestmark = pytest.mark.django_db


def municipality(name: str) -> Municipality:
    return Municipality.objects.get(name=name)


def adopted() -> DistributionRun:
    run = selectors.adopted_run(2024)
    assert run is not None
    return run


def test_the_2024_run_preserves_96000_and_8140_and_reproduces(users: dict) -> None:
    run = adopted()
    results = list(run.results.all())
    assert len(results) == 342
    assert sum(r.places for r in results) == 96_000
    assert sum(r.amv_places for r in results) == 8_140
    assert services.run_reproduce(run) == {r.municipality_id: (r.places, r.amv_places) for r in results}


def test_without_ses_the_run_falls_back_to_population_and_says_so() -> None:
    run = adopted()
    assert (run.key, run.key_used) == ("population_ses", "population")
    assert "alleen naar het aantal inwoners" in run.notice


def test_with_a_ses_data_set_the_key_uses_it(users: dict) -> None:
    codes = list(Municipality.objects.values_list("code", flat=True))
    content = "code,score\n" + "".join(f"{code},{'0.3' if code == 'GM0397' else '0'}\n" for code in codes)
    dataset = services.ses_dataset_load(
        actor=users["beheerder"], name="test", year=2022, file_name="ses.csv", content=content.encode()
    )
    run = services.run_create(
        actor=users["beheerder"],
        data=services.RunInput(
            cycle=2026,
            label="met SES",
            needed_on=date(2027, 1, 1),
            total=96_000,
            amv_total=8_140,
            key=KeyKind.POPULATION_SES,
            ses_dataset_id=dataset.pk,
        ),
    )
    assert (run.key_used, run.notice) == ("population_ses", "")
    heemstede = run.results.get(municipality__code="GM0397")
    plain = adopted().results.get(municipality__code="GM0397")
    assert heemstede.places > plain.places * 1.25
    assert services.run_reproduce(run)[heemstede.municipality_id] == (heemstede.places, heemstede.amv_places)


def test_a_bad_ses_file_loads_nothing(users: dict) -> None:
    with pytest.raises(ImportRefused) as refused:
        services.ses_dataset_load(
            actor=users["beheerder"],
            name="fout",
            year=2022,
            file_name="ses.csv",
            content=b"code,score\nGM0397,0.3\nGM9999,0.1\nGM0392,veel\n",
        )
    assert [e.line for e in refused.value.row_errors] == [3, 4]
    assert not SesDataset.objects.filter(name="fout").exists()


def test_only_national_editors_compute_runs(users: dict) -> None:
    data = services.RunInput(cycle=2026, label="x", needed_on=date(2027, 1, 1), total=10, amv_total=0)
    for username in ("heemstede", "noordholland", "kennemerland", "rijk", "coa"):
        with pytest.raises(PermissionDenied):
            services.run_create(actor=users[username], data=data)
    assert not DistributionRun.objects.filter(cycle=2026).exists()


def test_noord_holland_in_the_2024_run(users: dict) -> None:
    table = selectors.run_table(
        actor=users["noordholland"], run=adopted(), on=date(2025, 1, 1), province=Province.objects.get(code="PV27")
    )
    assert len(table.rows) == 44
    [province] = table.provinces
    assert (province.municipalities, province.hosting) == (44, 17)
    haarlem = next(r for r in table.rows if r.municipality.name == "Haarlem")
    assert (haarlem.published.places, haarlem.exchanged, haarlem.task) == (963, 40, 1003)
    assert province.task == sum(r.task for r in table.rows)
    zandvoort = next(r for r in table.rows if r.municipality.name == "Zandvoort")
    assert zandvoort.existing.counted == 25  # decided, in use within 12 months of 1 January 2025


def test_counting_rules_are_configurable(users: dict) -> None:
    services.counting_rules_set(actor=users["beheerder"], cycle=2024, min_places=10, min_years=0, pipeline_months=0)
    table = selectors.run_table(
        actor=users["noordholland"], run=adopted(), on=date(2025, 1, 1), province=Province.objects.get(code="PV27")
    )
    heemstede = next(r for r in table.rows if r.municipality.code == "GM0397")
    assert heemstede.existing.counted == 16  # the AMV location now counts


def test_a_municipality_sees_only_its_own_row(users: dict) -> None:
    table = selectors.run_table(actor=users["heemstede"], run=adopted(), on=date(2025, 1, 1))
    assert [r.municipality.code for r in table.rows] == ["GM0397"]
    with pytest.raises(NotFound):
        selectors.run_table(
            actor=users["heemstede"], run=adopted(), on=date(2025, 1, 1), province=Province.objects.get(code="PV27")
        )


def test_two_runs_side_by_side(users: dict) -> None:
    runs = list(DistributionRun.objects.filter(cycle=2024).order_by("pk"))
    comparison = selectors.runs_compare(actor=users["rijk"], first=runs[0], second=runs[1])
    assert len(comparison.municipalities) == 342
    assert sum(r.difference for r in comparison.municipalities) == 0
    assert sum(r.difference for r in comparison.provinces) == 0


def test_published_tasks_import_all_or_nothing(users: dict) -> None:
    before = PublishedTask.objects.count()
    with pytest.raises(ImportRefused):
        services.published_tasks_import(
            actor=users["beheerder"],
            cycle=2024,
            file_name="s.csv",
            content=b"gemeentecode,plekken,amv\nGM0392,900,80\nGM0392,5,9\n",
        )
    assert PublishedTask.objects.count() == before
    assert (
        services.published_tasks_import(
            actor=users["beheerder"],
            cycle=2024,
            file_name="s.csv",
            content=b"gemeentecode,plekken,amv\nGM0394,1000,80\n",
        )
        == 1
    )
    assert PublishedTask.objects.get(cycle=2024, municipality__code="GM0394").places == 1000


def test_kennemerland_plan_with_exchanges(users: dict) -> None:
    plan = Region.objects.get(name="Kennemerland").plans.get(cycle=2024)
    overview = selectors.plan_overview(actor=users["kennemerland"], plan=plan, on=date(2025, 1, 1))
    assert (plan.target_places, overview.total) == (2_100, 2_100)
    assert len(overview.exchanges) == 2
    zandvoort = next(r for r in overview.rows if r.municipality.name == "Zandvoort")
    assert zandvoort.exchanged == {"asylum": -40, "ukrainian": 40}
    assert [c.location.name for c in zandvoort.small_candidates] == ["Kleinschalige opvang Zandvoort (voorbeeld)"]
    assert "Heemstede" in [r.municipality.name for r in overview.missing_proposals]


def test_an_unbalanced_exchange_is_refused_and_nothing_is_written(users: dict) -> None:
    plan = Region.objects.get(name="Kennemerland").plans.get(cycle=2024)
    before = Exchange.objects.count()
    with pytest.raises(ValidationError, match=r"\(asielzoekers \+5\)"):
        services.exchange_record(
            actor=users["kennemerland"],
            plan=plan,
            agreed_on=date(2024, 10, 1),
            description="scheef",
            lines=[
                services.ExchangeInput(municipality("Velsen"), TargetGroup.ASYLUM, 25),
                services.ExchangeInput(municipality("Uitgeest"), TargetGroup.ASYLUM, -20),
            ],
        )
    with pytest.raises(ValidationError, match="hoort niet bij"):
        services.exchange_record(
            actor=users["kennemerland"],
            plan=plan,
            agreed_on=date(2024, 10, 1),
            description="buiten de regio",
            lines=[
                services.ExchangeInput(municipality("Velsen"), TargetGroup.ASYLUM, 20),
                services.ExchangeInput(municipality("Amsterdam"), TargetGroup.ASYLUM, -20),
            ],
        )
    assert Exchange.objects.count() == before


def test_only_the_regions_coordinators_change_its_plan(users: dict) -> None:
    plan = Region.objects.get(name="Kennemerland").plans.get(cycle=2024)
    lines = [
        services.ExchangeInput(municipality("Velsen"), TargetGroup.ASYLUM, 20),
        services.ExchangeInput(municipality("Uitgeest"), TargetGroup.ASYLUM, -20),
    ]
    for username in ("heemstede", "haarlem", "noordholland", "rijk", "coa"):
        with pytest.raises(PermissionDenied):
            services.exchange_record(
                actor=users[username], plan=plan, agreed_on=date(2024, 10, 1), description="x", lines=lines
            )
    services.exchange_record(
        actor=users["kennemerland"], plan=plan, agreed_on=date(2024, 10, 1), description="x", lines=lines
    )
    with pytest.raises(NotFound):
        selectors.plan_overview(actor=users["coa"], plan=plan, on=date(2025, 1, 1))
