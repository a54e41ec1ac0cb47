"""Spreidingswet pages: runs, a run per province with the fallback notice, comparison, the regional plan, Excel."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from opvangregie.distribution.models import DistributionRun, RegionalPlan

pytestmark = pytest.mark.django_db


def adopted() -> DistributionRun:
    return DistributionRun.objects.get(cycle=2024, is_adopted=True)


def test_province_user_sees_the_2024_run_for_noord_holland(login) -> None:
    client = login("noordholland")
    assert adopted().label in client.get("/spreiding/").content.decode()
    html = client.get(f"/spreiding/berekening/{adopted().pk}/", {"provincie": "PV27"}).content.decode()
    assert 'id="ses-notice"' in html
    assert len(re.findall(r'data-code="GM\d{4}"', html)) == 44
    assert re.search(r'data-province="PV27">.*?data-field="hosting">17 van 44<', html, re.S)
    heemstede = re.search(r'data-code="GM0397">(.*?)</tr>', html, re.S).group(1)
    assert 'data-field="published">191<' in heemstede


def test_run_excel_opens_again(login) -> None:
    response = login("noordholland").get(
        f"/spreiding/berekening/{adopted().pk}/", {"provincie": "PV27", "export": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows(values_only=True) if row and str(row[0]).startswith("GM")]
    assert len(rows) == 44
    assert sheet["A2"].value == "Peildatum"
    haarlem = next(row for row in rows if row[1] == "Haarlem")
    assert (haarlem[7], haarlem[8], haarlem[9]) == (963, 40, 1003)


def test_comparison_page(login) -> None:
    first, second = DistributionRun.objects.filter(cycle=2024).order_by("pk")
    html = login("rijk").get("/spreiding/vergelijken/", {"a": first.pk, "b": second.pk}).content.decode()
    differences = [
        int(d)
        for d in re.findall(r'id="compare-provinces".*?</table>', html, re.S)[0]
        and re.findall(r'data-field="difference">([-+\d]+)<', html)
    ]
    assert len(differences) == 12 + 342
    assert login("rijk").get("/spreiding/vergelijken/", {"a": "x"}).status_code == 404


def test_regional_plan_page_and_who_may_not_see_it(login) -> None:
    plan = RegionalPlan.objects.get(cycle=2024)
    html = login("kennemerland").get(f"/spreiding/plan/{plan.pk}/").content.decode()
    assert re.search(r'id="plan-target">2.100<', html)
    assert re.search(r'id="plan-total">2.100<', html)
    assert 'id="proposals-warning"' in html
    assert "Haarlem neemt 40 asielplekken over" in html
    assert login("heemstede").get(f"/spreiding/plan/{plan.pk}/").status_code == 200  # member municipality reads
    assert login("coa").get(f"/spreiding/plan/{plan.pk}/").status_code == 404
    assert login("coa").get(f"/spreiding/plan/{plan.pk}/", {"formaat": "xlsx"}).status_code == 404


def test_regional_plan_as_excel_adds_up_to_the_plan_total(login) -> None:
    plan = RegionalPlan.objects.get(cycle=2024)
    response = login("kennemerland").get(f"/spreiding/plan/{plan.pk}/", {"formaat": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == "CBS-code")
    header, body = rows[start], rows[start + 1 : -1]
    total_column = header.index("Totaal (plekken)")
    assert rows[-1][total_column] == 2100
    assert sum(row[total_column] for row in body) == 2100
    for row in body:
        assert row[total_column] == sum(row[2:total_column])


def _exchange_post(velsen: int, uitgeest: int) -> dict[str, object]:
    data: dict[str, object] = {
        "exchange-agreed_on": "2024-10-01",
        "exchange-description": "Velsen neemt asielplekken over van Uitgeest",
        "line-TOTAL_FORMS": "4",
        "line-INITIAL_FORMS": "0",
        "line-MIN_NUM_FORMS": "0",
        "line-MAX_NUM_FORMS": "12",
        "line-0-municipality": "GM0453",
        "line-0-target_group": "asylum",
        "line-0-delta": str(velsen),
        "line-1-municipality": "GM0450",
        "line-1-target_group": "asylum",
        "line-1-delta": str(uitgeest),
    }
    return data


def test_coordinator_records_an_exchange_and_a_broken_one_is_refused(login) -> None:
    from opvangregie.distribution.models import Exchange

    plan = RegionalPlan.objects.get(cycle=2024)
    url = f"/spreiding/plan/{plan.pk}/"
    client = login("kennemerland")
    assert 'id="exchange-form"' in client.get(url).content.decode()
    before = Exchange.objects.count()
    refused = client.post(url, _exchange_post(20, -15))
    assert refused.status_code == 422
    assert "totaal per doelgroep" in refused.content.decode()
    assert Exchange.objects.count() == before
    assert client.post(url, _exchange_post(20, -20)).status_code == 302
    assert Exchange.objects.count() == before + 1
    html = client.get(url).content.decode()
    velsen = re.search(r'data-code="GM0453">(.*?)</tr>', html, re.S).group(1)
    assert "(+20)" in velsen


def test_who_may_not_record_an_exchange(login) -> None:
    from opvangregie.distribution.models import Exchange

    plan = RegionalPlan.objects.get(cycle=2024)
    url = f"/spreiding/plan/{plan.pk}/"
    before = Exchange.objects.count()
    assert 'id="exchange-form"' not in login("heemstede").get(url).content.decode()
    assert login("heemstede").post(url, _exchange_post(20, -20)).status_code == 403
    assert login("noordholland").post(url, _exchange_post(20, -20)).status_code == 403
    assert login("coa").post(url, _exchange_post(20, -20)).status_code == 404
    assert Exchange.objects.count() == before
