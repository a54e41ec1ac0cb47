"""Quota services and selectors: Heemstede's ledger, revisions, published figures, joint changes,
realisations, imports that write nothing, supervision and permissions."""

from __future__ import annotations

from datetime import date

import pytest

from opvangregie.areas.models import Municipality, Province
from opvangregie.core.errors import NotFound, PermissionDenied, ValidationError
from opvangregie.core.ledger import PaceStatus
from opvangregie.core.periods import HalfYear
from opvangregie.quotas import selectors, services
from opvangregie.quotas.models import MunicipalQuota, QuotaArrangement, QuotaPeriod, Realisation
from opvangregie.ui.imports import ImportRefused

pytestmark = pytest.mark.django_db
H1, H2 = HalfYear(2025, 1), HalfYear(2025, 2)


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


def test_heemstede_ledger_as_in_the_council_letter(users: dict) -> None:
    book = selectors.quota_ledger(actor=users["heemstede"], municipality=municipality("GM0397"), on=date(2025, 11, 4))
    rows = [
        (str(line.period), line.quota, line.backlog_in, line.demand, line.realised, -line.balance)
        for line in book.lines
    ]
    assert rows == [("2025-H1", 22, 7, 29, 21, 8), ("2025-H2", 21, 8, 29, 18, 11)]
    assert book.current is not None
    assert (book.current.status, book.current.planned, book.current.still_to_find) == (PaceStatus.BEHIND, 5, 6)
    assert book.versions[H1].computed == 24  # ceil(15,000 × 27,593 / 17,942,942): published 22 wins
    assert book.versions[H1].published_difference == -2
    assert book.periods_behind == 2  # 2025-H1 and, by the opening backlog of 7, 2024-H2


def test_a_realisation_changes_the_ledger_and_is_audited(users: dict) -> None:
    heemstede = municipality("GM0397")
    realisation = services.realisation_record(
        actor=users["heemstede"],
        municipality=heemstede,
        data=services.RealisationInput(on=date(2025, 11, 3), persons=3, household_ref="H-77"),
    )
    book = selectors.quota_ledger(actor=users["heemstede"], municipality=heemstede, on=date(2025, 11, 4))
    assert (book.lines[-1].realised, book.lines[-1].balance) == (21, -8)
    assert realisation.history.get().history_user == users["heemstede"]


def test_a_surplus_carries_into_the_next_half_year(users: dict) -> None:
    haarlem = municipality("GM0392")
    before = selectors.quota_ledger(actor=users["haarlem"], municipality=haarlem, on=date(2025, 12, 31))
    shortfall = -before.lines[0].balance
    extra = shortfall + 3
    while extra > 0:
        step = min(extra, 30)
        services.realisation_record(
            actor=users["haarlem"],
            municipality=haarlem,
            data=services.RealisationInput(on=date(2025, 6, 29), persons=step),
        )
        extra -= step
    after = selectors.quota_ledger(actor=users["haarlem"], municipality=haarlem, on=date(2025, 12, 31))
    assert after.lines[0].balance == 3
    assert after.lines[1].carried_in == after.lines[0].balance
    assert after.lines[1].demand == after.lines[1].quota - after.lines[0].balance
    assert after.status_of(after.lines[0]) is PaceStatus.AHEAD


def test_a_revision_mid_period_recomputes_and_keeps_the_old_versions(users: dict) -> None:
    period = QuotaPeriod.objects.get(period="2025-H2")
    zandvoort = municipality("GM0473")
    before = selectors.effective_quotas(period, [zandvoort.pk])[zandvoort.pk]
    services.national_total_revise(
        actor=users["beheerder"], quota_period=period, national_total=26_000, published_on=date(2025, 9, 1)
    )
    after = selectors.effective_quotas(period, [zandvoort.pk])[zandvoort.pk]
    assert after in (2 * before - 1, 2 * before, 2 * before + 1)
    assert MunicipalQuota.objects.filter(period=period, municipality=zandvoort, kind="computed").count() == 2
    with pytest.raises(ValidationError, match="eerder"):
        services.national_total_revise(
            actor=users["beheerder"], quota_period=period, national_total=1, published_on=date(2025, 1, 1)
        )


def test_only_national_editors_set_national_totals(users: dict) -> None:
    for username in ("heemstede", "noordholland", "rijk", "coa"):
        with pytest.raises(PermissionDenied):
            services.period_open(
                actor=users[username], period=HalfYear(2026, 1), national_total=10_000, published_on=date(2025, 9, 1)
            )
    assert not QuotaPeriod.objects.filter(period="2026-H1").exists()


def test_opening_a_half_year_computes_342_quotas_from_the_population_of_the_year_before(users: dict) -> None:
    with pytest.raises(ValidationError, match="inwonertallen van 01-01-2025"):
        services.period_open(
            actor=users["beheerder"], period=HalfYear(2026, 1), national_total=10_000, published_on=date(2025, 9, 1)
        )
    assert (
        QuotaPeriod.objects.get(period="2025-H1")
        .quotas.filter(kind="computed")
        .values("municipality")
        .distinct()
        .count()
        == 342
    )


def test_published_quotas_import_lists_differences(users: dict) -> None:
    period = QuotaPeriod.objects.get(period="2025-H2")
    content = b"gemeentecode;taakstelling\nGM0392;120\n0473;9\n"
    differences = services.published_quotas_import(
        actor=users["beheerder"], quota_period=period, file_name="bijlage-a.csv", content=content
    )
    assert [(d.code, d.published, d.difference) for d in differences] == [
        ("GM0392", 120, 120 - differences[0].computed),
        ("GM0473", 9, 9 - differences[1].computed),
    ]
    assert selectors.effective_quotas(period, [municipality("GM0473").pk])[municipality("GM0473").pk] == 9


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"gemeentecode,taakstelling\nGM0392,12\nGM9999,5\n", "onbekende gemeentecode GM9999"),
        (b"gemeentecode,taakstelling\nGM0392,12\nGM0392,13\n", "staat ook op regel 2"),
        (b"gemeentecode,taakstelling\nGM0392,-3\n", "0 of meer"),
    ],
)
def test_a_bad_published_file_writes_nothing(users: dict, content: bytes, message: str) -> None:
    period = QuotaPeriod.objects.get(period="2025-H2")
    before = MunicipalQuota.objects.count()
    with pytest.raises(ImportRefused) as refused:
        services.published_quotas_import(
            actor=users["beheerder"], quota_period=period, file_name="a.csv", content=content
        )
    assert any(message in e.message for e in refused.value.row_errors)
    assert MunicipalQuota.objects.count() == before


def test_joint_change_keeps_the_sum_or_is_refused(users: dict) -> None:
    period = QuotaPeriod.objects.get(period="2025-H2")
    heemstede, haarlem = municipality("GM0397"), municipality("GM0392")
    before = selectors.effective_quotas(period, [heemstede.pk, haarlem.pk])
    with pytest.raises(ValidationError, match=r"tellen op tot \+1"):
        services.arrangement_record(
            actor=users["beheerder"],
            quota_period=period,
            agreed_on=date(2025, 9, 1),
            description="ruil",
            changes={heemstede: 3, haarlem: -2},
        )
    with pytest.raises(PermissionDenied, match="Haarlem"):
        services.arrangement_record(
            actor=users["heemstede"],
            quota_period=period,
            agreed_on=date(2025, 9, 1),
            description="ruil",
            changes={heemstede: 3, haarlem: -3},
        )
    assert not QuotaArrangement.objects.exists()
    services.arrangement_record(
        actor=users["beheerder"],
        quota_period=period,
        agreed_on=date(2025, 9, 1),
        description="Heemstede neemt 3 over",
        changes={heemstede: 3, haarlem: -3},
    )
    after = selectors.effective_quotas(period, [heemstede.pk, haarlem.pk])
    assert after[heemstede.pk] == before[heemstede.pk] + 3
    assert sum(after.values()) == sum(before.values())


def test_a_municipality_cannot_record_another_municipalitys_realisations(users: dict) -> None:
    before = Realisation.objects.count()
    for username in ("haarlem", "raadslid", "noordholland", "kennemerland", "rijk", "coa"):
        with pytest.raises(PermissionDenied):
            services.realisation_record(
                actor=users[username],
                municipality=municipality("GM0397"),
                data=services.RealisationInput(on=date(2025, 11, 1), persons=2),
            )
    assert Realisation.objects.count() == before


def test_realisations_are_validated(users: dict) -> None:
    heemstede = municipality("GM0397")
    for data, message in [
        (services.RealisationInput(on=date(2025, 11, 1), persons=0), "minstens één"),
        (services.RealisationInput(on=date(2099, 1, 1), persons=2), "toekomst"),
        (
            services.RealisationInput(
                on=date(2025, 11, 1), persons=2, location_id=municipality("GM0392").locations.first().pk
            ),
            "hoort niet bij",
        ),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.realisation_record(actor=users["heemstede"], municipality=heemstede, data=data)


def test_realisations_import_all_or_nothing(users: dict) -> None:
    heemstede = municipality("GM0397")
    before = Realisation.objects.count()
    bad = b"datum,personen,huishouden\n2025-11-01,2,A\n2025-11-02,-1,B\n2025-11-03,1,A\n2099-01-01,1,C\n"
    with pytest.raises(ImportRefused) as refused:
        services.realisations_import(actor=users["heemstede"], municipality=heemstede, file_name="r.csv", content=bad)
    assert [e.line for e in refused.value.row_errors] == [3, 4, 5]
    assert Realisation.objects.count() == before
    good = b"datum,personen,huishouden,gepland\n2025-11-01,2,A,\n2025-12-01,3,B,ja\n"
    assert (
        services.realisations_import(actor=users["heemstede"], municipality=heemstede, file_name="r.csv", content=good)
        == 2
    )
    assert Realisation.objects.filter(household_ref="B", planned=True).exists()
    with pytest.raises(PermissionDenied):
        services.realisations_import(actor=users["haarlem"], municipality=heemstede, file_name="r.csv", content=good)


def test_province_supervision_of_noord_holland(users: dict) -> None:
    province = Province.objects.get(code="PV27")
    view = selectors.province_supervision(
        actor=users["noordholland"], province=province, period=H1, on=date(2025, 11, 4)
    )
    assert len(view.rows) == 44
    assert len(view.behind) == 36
    heemstede = next(r for r in view.rows if r.municipality.code == "GM0397")
    assert (heemstede.line.demand, heemstede.line.realised, heemstede.backlog, heemstede.stage.number) == (29, 21, 8, 2)
    running = selectors.province_supervision(
        actor=users["noordholland"], province=province, period=H2, on=date(2025, 11, 4)
    )
    assert next(r for r in running.rows if r.municipality.code == "GM0397").projected_shortfall == 3


def test_who_may_not_see_the_supervision_or_a_ledger(users: dict) -> None:
    province = Province.objects.get(code="PV27")
    for username in ("heemstede", "kennemerland", "coa"):
        with pytest.raises(NotFound):
            selectors.province_supervision(actor=users[username], province=province, period=H1, on=date(2025, 11, 4))
    with pytest.raises(PermissionDenied):
        selectors.quota_ledger(actor=users["haarlem"], municipality=municipality("GM0397"), on=date(2025, 11, 4))
    with pytest.raises(PermissionDenied):
        selectors.national_ledger(actor=users["noordholland"], on=date(2025, 11, 4))


def test_national_ledger_sums_the_municipalities(users: dict) -> None:
    lines = selectors.national_ledger(actor=users["rijk"], on=date(2025, 12, 31))
    assert [(str(line.period), line.national_total) for line in lines] == [("2025-H1", 15_000), ("2025-H2", 13_000)]
    assert lines[0].quota >= 15_000 - 200
