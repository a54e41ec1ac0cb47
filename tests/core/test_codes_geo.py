import pytest

from opvangregie.core.codes import MunicipalityCode, ProvinceCode
from opvangregie.core.errors import ValidationError
from opvangregie.core.geo import RDPoint
from opvangregie.core.target_groups import TargetGroup


@pytest.mark.parametrize("raw", ["GM0397", "gm0397", "0397", "397", " GM0397 "])
def test_municipality_code_normalises(raw: str) -> None:
    assert MunicipalityCode.parse(raw) == MunicipalityCode("GM0397")


@pytest.mark.parametrize("raw", ["", "GM", "GM12345", "Heemstede", "PV27"])
def test_bad_municipality_codes_are_refused(raw: str) -> None:
    with pytest.raises(ValidationError):
        MunicipalityCode.parse(raw)


def test_province_code() -> None:
    assert str(ProvinceCode("PV27")) == "PV27"
    with pytest.raises(ValidationError):
        ProvinceCode("27")


def test_rd_point_inside_and_outside_the_netherlands() -> None:
    RDPoint(102_000, 484_000)  # Heemstede
    with pytest.raises(ValidationError, match="buiten het RD-stelsel"):
        RDPoint(4.6, 52.3)  # WGS84 degrees entered by mistake


def test_coa_groups() -> None:
    assert {g for g in TargetGroup if g.is_coa_managed} == {TargetGroup.ASYLUM, TargetGroup.AMV}


def test_municipality_code_messages_and_its_four_digits() -> None:
    assert MunicipalityCode.parse("1") == MunicipalityCode("GM0001")
    assert str(MunicipalityCode.parse("gm1980")) == "GM1980"
    with pytest.raises(ValidationError, match=r"Ongeldige gemeentecode '12345': verwacht bijvoorbeeld GM0397\."):
        MunicipalityCode.parse("12345")
    with pytest.raises(ValidationError, match=r"verwacht GM gevolgd door 4 cijfers"):
        MunicipalityCode("GM397")
    with pytest.raises(ValidationError, match=r"verwacht PV gevolgd door 2 cijfers"):
        ProvinceCode("PV270")


@pytest.mark.parametrize(
    ("x", "y"),
    [(-7_000, 289_000), (300_000, 629_000), (-7_000, 629_000), (300_000, 289_000)],
)
def test_rd_point_on_the_corners_of_the_area_of_use(x: float, y: float) -> None:
    """EPSG:28992's area of use: x −7,000..300,000, y 289,000..629,000, bounds included."""
    assert (RDPoint(x, y).x, RDPoint(x, y).y) == (x, y)


@pytest.mark.parametrize(
    ("x", "y"),
    [(-7_001, 400_000), (300_001, 400_000), (100_000, 288_999), (100_000, 629_001)],
)
def test_rd_point_just_outside_the_area_of_use(x: float, y: float) -> None:
    with pytest.raises(ValidationError, match=r"\(x -7000\.\.300000, y 289000\.\.629000\)"):
        RDPoint(x, y)


def test_target_group_names_and_the_coa() -> None:
    assert [(g.value, g.label_nl, g.is_coa_managed) for g in TargetGroup] == [
        ("ukrainian", "Oekraïense ontheemden", False),
        ("asylum", "asielzoekers", True),
        ("amv", "amv", True),
        ("status_holder", "statushouders", False),
        ("emergency", "noodopvang", False),
    ]
    assert TargetGroup.dutch_name("asylum") == "asielzoekers"
    assert TargetGroup.dutch_name("elders") == "'elders'"
