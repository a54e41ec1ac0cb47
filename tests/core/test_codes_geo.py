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
