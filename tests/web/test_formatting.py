"""Dutch formatting through Django's localisation: figures with a thousands separator, money, dates and
plural forms; identifiers and form values stay plain."""

from __future__ import annotations

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import ngettext

from opvangregie.distribution.models import DistributionRun
from opvangregie.locations.forms import SnapshotForm
from opvangregie.ui.templatetags.opvang import signed

pytestmark = pytest.mark.django_db

ABBREVIATED_CAPITALISED_MONTH = re.compile(r"\d (Jan|Feb|Mrt|Apr|Mei|Jun|Jul|Aug|Sep|Okt|Nov|Dec)\b")


def test_figures_have_a_thousands_separator_but_identifiers_do_not(login) -> None:
    run = DistributionRun.objects.order_by("pk").first()
    assert run is not None
    run.pk = 1234  # a copy of a run with an id above 999
    run.save(force_insert=True)
    html = login("rijk").get("/spreiding/").content.decode()
    assert "96.000" in html
    assert "96000" not in html
    assert 'href="/spreiding/berekening/1234/"' in html
    assert 'data-run="1234"' in html
    assert '<option value="1234">' in html
    assert "1.234" not in html
    assert ">2025<" in html or ">2024<" in html  # the cycle is a year: no "2.024"
    assert "2.024" not in html
    assert "2.025" not in html


def test_compare_links_keep_plain_ids(login) -> None:
    first = DistributionRun.objects.order_by("pk").first()
    second = DistributionRun.objects.order_by("pk").last()
    assert first is not None
    assert second is not None
    assert first.pk != second.pk
    html = login("rijk").get("/spreiding/vergelijken/", {"a": first.pk, "b": second.pk}).content.decode()
    assert f"?a={first.pk}&amp;b={second.pk}" in html


def test_form_values_stay_plain() -> None:
    with translation.override("nl"):
        form = SnapshotForm(locations=[(1234, "Kerklaan")], initial={"persons": 1500, "households": 1079})
        html = str(form)
    assert 'value="1500"' in html
    assert 'value="1079"' in html
    assert '<option value="1234" selected>' in html
    assert "1.500" not in html
    assert "1.079" not in html


def test_money_and_signed_figures_in_dutch(login) -> None:
    html = login("heemstede").get("/gemeente/GM0397/leefgeld/", {"maand": "2025-10"}).content.decode()
    assert re.search(r"€ \d{1,3}\.\d{3},\d{2}", html), "money as € 1.400,00"
    with translation.override("nl"):
        assert signed(1079) == "+1.079"
        assert signed(-96000) == "-96.000"
        assert signed(0) == "0"
    with translation.override("en"):
        assert signed(1079) == "+1,079"


@pytest.mark.parametrize(
    "path",
    [
        "/gemeente/GM0397/?datum=2025-11-01",
        "/gemeente/GM0397/wachtlijst/",
        "/gemeente/GM0397/huishoudens/?datum=2025-11-01&vertrokken=1",
        "/gemeente/GM0397/statushouders/",
    ],
)
def test_dates_never_abbreviate_with_a_capital(login, path: str) -> None:
    html = login("heemstede").get(path).content.decode()
    assert not ABBREVIATED_CAPITALISED_MONTH.search(html)


def test_glipperweg_out_of_use_since_27_october(login) -> None:
    html = login("heemstede").get("/gemeente/GM0397/", {"datum": "2025-11-01"}).content.decode()
    assert "vanaf 27 oktober 2025" in html


def _usable(persons: int = 1, **total: int) -> SimpleNamespace:
    figures = {
        "beds": 3,
        "persons": 1,
        "free_beds": 1,
        "unusable_beds": 1,
        "empty_rooms": 1,
        "single_men": 1,
        "single_women": 1,
        "rooms": 1,
        "families": [1, 0, 0, 0],
    }
    figures.update(total)
    report = {"places": 1, "persons": persons, "usable_free": 1, "on": None, "gains": [], "rows": []}
    return SimpleNamespace(total=SimpleNamespace(**figures), **report)


def test_counted_sentences_take_the_singular_for_one() -> None:
    with translation.override("nl"):
        html = render_to_string("placement/partials/usable.html", {"report": _usable()})
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "1 plek en 1 persoon, 1 bruikbare vrije plek. In de kamers is 1 bed vrij." in text
    assert "1 vrij bed staat in een kamer" in text
    assert "Nu plaatsbaar: 1 alleenstaande man en 1 alleenstaande vrouw" in text
    assert "gezinnen in 1 lege kamer (2 personen)" in text
    assert "alleenstaande mannen" not in text


def test_counted_sentences_take_the_plural_otherwise() -> None:
    with translation.override("nl"):
        html = render_to_string(
            "placement/partials/usable.html",
            {"report": _usable(persons=1079, free_beds=2, single_men=0, single_women=3, families=[2, 0, 0, 0])},
        )
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "1 plek en 1.079 personen, 1 bruikbare vrije plek. In de kamers zijn 2 bedden vrij." in text
    assert "Nu plaatsbaar: 0 alleenstaande mannen en 3 alleenstaande vrouwen" in text


def test_plural_forms_are_translated() -> None:
    with translation.override("nl"):
        assert ngettext("%(count)d row imported.", "%(count)d rows imported.", 1) % {"count": 1} == "1 regel ingelezen."
        assert (
            ngettext("%(count)d row imported.", "%(count)d rows imported.", 2) % {"count": 2} == "2 regels ingelezen."
        )
        assert ngettext("%(n)s single man", "%(n)s single men", 1) % {"n": 1} == "1 alleenstaande man"


def test_amounts_keep_two_decimals() -> None:
    with translation.override("nl"):
        html = render_to_string(
            "households/calculator.html",
            {
                "result": SimpleNamespace(
                    month=None, leefgeld=Decimal("1400"), own_contribution=Decimal("0"), explanation=[]
                )
            },
        )
    assert "€ 1.400,00" in html
    assert "€ 0,00" in html
