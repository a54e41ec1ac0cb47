"""BAG 2.0 extracts: the voorkomen in force per building, counted once, from worked XML and the real
Doesburg extract (src/opvangregie/data/bag, Kadaster, CC0)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from opvangregie.sites.bag import BagFormatError, current_versions, read_versions, summarise

DOESBURG = Path(__file__).resolve().parents[2] / "src/opvangregie/data/bag/0221PND15092020.zip"
NS = (
    'xmlns:Objecten="www.kadaster.nl/schemas/lvbag/imbag/objecten/v20200601" '
    'xmlns:Historie="www.kadaster.nl/schemas/lvbag/imbag/historie/v20200601" '
    'xmlns:gml="http://www.opengis.net/gml/3.2"'
)


def pand(identification: str, version: int, status: str, *, ended: bool = False, inactive: bool = False) -> str:
    end = "<Historie:eindGeldigheid>2020-01-01</Historie:eindGeldigheid>" if ended else ""
    withdrawn = "<Historie:tijdstipInactief>2020-02-01T10:00:00.000</Historie:tijdstipInactief>" if inactive else ""
    return (
        f"<Objecten:Pand><Objecten:identificatie>{identification}</Objecten:identificatie>"
        '<Objecten:geometrie><gml:Polygon srsDimension="3"><gml:exterior><gml:LinearRing>'
        "<gml:posList>1.0 2.0 0.0 3.0 2.0 0.0 3.0 4.0 0.0 1.0 2.0 0.0</gml:posList>"
        "</gml:LinearRing></gml:exterior></gml:Polygon></Objecten:geometrie>"
        f"<Objecten:oorspronkelijkBouwjaar>1975</Objecten:oorspronkelijkBouwjaar><Objecten:status>{status}</Objecten:status>"
        f"<Objecten:voorkomen><Historie:Voorkomen><Historie:voorkomenidentificatie>{version}</Historie:voorkomenidentificatie>"
        f"<Historie:beginGeldigheid>2010-01-01</Historie:beginGeldigheid>{end}{withdrawn}"
        "</Historie:Voorkomen></Objecten:voorkomen></Objecten:Pand>"
    )


def extract(tmp_path: Path, *panden: str) -> Path:
    path = tmp_path / "extract.xml"
    path.write_text(f"<root {NS}>{''.join(panden)}</root>", encoding="utf-8")
    return path


def test_the_voorkomen_in_force_is_neither_ended_nor_withdrawn(tmp_path: Path) -> None:
    path = extract(
        tmp_path,
        pand("A", 1, "Pand in gebruik", ended=True),
        pand("A", 2, "Pand buiten gebruik"),  # in force
        pand("B", 1, "Pand in gebruik"),
        pand("B", 2, "Sloopvergunning verleend", inactive=True),  # withdrawn by a correction
        pand("C", 1, "Pand gesloopt", ended=True),  # nothing in force
    )
    current = current_versions(read_versions(path))
    assert {key: v.status for key, v in current.items()} == {"A": "Pand buiten gebruik", "B": "Pand in gebruik"}
    assert current["A"].footprint == ((1.0, 2.0), (3.0, 2.0), (3.0, 4.0), (1.0, 2.0))
    assert current["A"].construction_year == 1975
    summary = summarise(read_versions(path))
    assert (summary.buildings, summary.without_current, summary.vacant) == (3, 1, 1)
    assert summary.by_status == {"Pand buiten gebruik": 1, "Pand in gebruik": 1}


def test_the_real_doesburg_extract_counts_every_building_once() -> None:
    summary = summarise(read_versions(DOESBURG))
    with zipfile.ZipFile(DOESBURG) as archive:
        raw = b"".join(archive.read(name) for name in archive.namelist())
    identifications = set(re.findall(rb'domein="NL\.IMBAG\.Pand">(\d{16})<', raw))
    assert summary.buildings == len(identifications)  # counted independently of the parser
    assert sum(summary.by_status.values()) + summary.without_current == summary.buildings
    assert summary.by_status["Pand in gebruik"] > summary.buildings / 2
    assert summary.vacant == sum(
        summary.by_status.get(s, 0) for s in ("Pand buiten gebruik", "Sloopvergunning verleend", "Verbouwing pand")
    )


def test_the_command_prints_json_and_refuses_what_is_no_extract(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("bag", "summary", str(DOESBURG), "--json", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed["buildings"] == summarise(read_versions(DOESBURG)).buildings
    junk = tmp_path / "junk.xml"
    junk.write_text("<not-closed>")
    with pytest.raises(CommandError, match="onleesbaar"):
        call_command("bag", "summary", str(junk))
    broken = extract(tmp_path, "<Objecten:Pand><Objecten:status>x</Objecten:status></Objecten:Pand>")
    with pytest.raises(BagFormatError, match=r"geen BAG 2\.0-extract"):
        summarise(read_versions(broken))


@pytest.mark.django_db
def test_sites_check_finds_kennemerland_zuid() -> None:
    out = io.StringIO()
    call_command("sites", "check", "--point", "4.56,52.40", "--json", stdout=out)
    hits = json.loads(out.getvalue())["hits"]
    assert [(h["feature"], h["inside"]) for h in hits] == [("Kennemerland-Zuid", True)]
    out = io.StringIO()
    call_command("sites", "check", "--point", "4.6203,52.3533", "--radius", "3000", stdout=out)
    assert "ligt op 1.603 m van Natura 2000-gebied Kennemerland-Zuid" in out.getvalue()
    with pytest.raises(CommandError, match="LON,LAT"):
        call_command("sites", "check", "--point", "Heemstede")
