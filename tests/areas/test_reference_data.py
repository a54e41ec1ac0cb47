from pathlib import Path

import pytest

from opvangregie.areas.models import Municipality, MunicipalityYear, Province, Region, SafetyRegion
from opvangregie.areas.reference_data import municipality_file
from opvangregie.areas.services import reference_data_load, region_define
from opvangregie.core.errors import PermissionDenied, ValidationError

pytestmark = pytest.mark.django_db


def test_the_2025_division_is_loaded_completely() -> None:
    years = MunicipalityYear.objects.filter(reference_year=2025)
    assert years.count() == 342
    assert sum(years.values_list("population", flat=True)) == 17_942_942
    assert Province.objects.count() == 12
    assert SafetyRegion.objects.count() == 25
    heemstede = MunicipalityYear.objects.get(municipality__code="GM0397", reference_year=2025)
    assert (heemstede.name, heemstede.population, heemstede.province.code) == ("Heemstede", 27_593, "PV27")
    assert heemstede.safety_region.name == "Kennemerland"
    assert Municipality.objects.filter(province__code="PV27").count() == 44
    assert Municipality.objects.get(code="GM0080").province.name == "Fryslân"  # Leeuwarden


def test_loading_again_changes_nothing() -> None:
    report = reference_data_load(year=2025)
    assert (report.municipalities, report.population) == (342, 17_942_942)
    assert Municipality.objects.count() == 342
    assert MunicipalityYear.objects.count() == 342


def test_next_year_is_stored_beside_this_year(tmp_path: Path) -> None:
    text = municipality_file(2025).read_text(encoding="utf-8")
    next_year = tmp_path / "municipalities-2026.csv"
    next_year.write_text(
        text.replace(
            "GM0397,Heemstede,Noord-Holland,27593,2024-01-01", "GM0397,Heemstede,Noord-Holland,27700,2025-01-01"
        ),
        encoding="utf-8",
    )
    reference_data_load(year=2026, path=next_year)
    populations = dict(
        MunicipalityYear.objects.filter(municipality__code="GM0397").values_list("reference_year", "population")
    )
    assert populations == {2025: 27_593, 2026: 27_700}


def test_a_bad_file_is_refused_whole(tmp_path: Path) -> None:
    lines = municipality_file(2025).read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(lines[5].split(",")[3], "-12x")
    bad = tmp_path / "municipalities-2027.csv"
    bad.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        reference_data_load(year=2027, path=bad)
    assert "regel 6" in str(caught.value.details["errors"])
    assert not MunicipalityYear.objects.filter(reference_year=2027).exists()


def test_missing_year_file_is_a_clear_error() -> None:
    with pytest.raises(ValidationError, match="2031"):
        reference_data_load(year=2031)


def test_kennemerland_has_its_nine_municipalities(users: dict) -> None:
    region = Region.objects.get(slug="kennemerland")
    assert region.members.count() == 9
    assert set(region.members.values_list("safety_region__name", flat=True)) == {"Kennemerland"}


def test_only_an_administrator_defines_regions(users: dict) -> None:
    with pytest.raises(PermissionDenied):
        region_define(actor=users["noordholland"], name="Zuid-Kennemerland", municipality_codes=["GM0397"])
    with pytest.raises(ValidationError, match="GM9999"):
        region_define(actor=users["beheerder"], name="Fout", municipality_codes=["GM0397", "GM9999"])
    region = region_define(actor=users["beheerder"], name="Zuid-Kennemerland", municipality_codes=["GM0397"])
    assert region.history.first().history_user == users["beheerder"]
