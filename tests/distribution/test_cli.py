"""``opvangregie distribute`` on the shipped 342 municipalities."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("distribute", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_distribute_96000_with_8140_amv_over_342_municipalities() -> None:
    out, err = run("--total", "96000", "--amv", "8140", "--key", "population_ses", "--csv")
    assert "alleen het aantal inwoners" in err  # no SES shipped: the fallback is said plainly
    rows = list(csv.DictReader(io.StringIO(out)))
    municipalities = [r for r in rows if r["code"].startswith("GM")]
    provinces = [r for r in rows if r["code"].startswith("PV")]
    assert (len(municipalities), len(provinces)) == (342, 12)
    assert sum(int(r["places"]) for r in municipalities) == sum(int(r["places"]) for r in provinces) == 96_000
    assert sum(int(r["amv_places"]) for r in municipalities) == 8_140
    schiermonnikoog = next(r for r in municipalities if r["name"] == "Schiermonnikoog")
    assert (schiermonnikoog["province"], schiermonnikoog["places"]) == ("Friesland", "5")


def test_distribute_with_an_ses_file_and_a_table(tmp_path: Path) -> None:
    from opvangregie.areas.reference_data import municipality_file, read_municipalities

    codes = [str(r.code) for r in read_municipalities(municipality_file(2025))]
    ses = tmp_path / "ses.csv"
    ses.write_text(
        "code,score\n" + "".join(f"{c},{'0.30' if c == 'GM0397' else '0'}\n" for c in codes), encoding="utf-8"
    )
    out, err = run("--total", "96000", "--key", "population_ses", "--ses", str(ses), "--method", "sainte_lague")
    assert err == ""
    heemstede = next(line for line in out.splitlines() if line.startswith("GM0397"))
    assert heemstede.split()[-2] == str(round(96_000 * 27_593 * 1.3 / (17_942_942 + 0.3 * 27_593)))
    assert "342 municipalities, 96000 places of which 0 AMV (key population_ses, method sainte_lague)." in out


def test_distribute_refuses_bad_input(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="AMV"):
        run("--total", "10", "--amv", "11", "--key", "population")
    ses = tmp_path / "ses.csv"
    ses.write_text("code,score\nGM0397,veel\n", encoding="utf-8")
    with pytest.raises(CommandError, match="regel 2"):
        run("--total", "10", "--key", "population_ses", "--ses", str(ses))
    with pytest.raises(CommandError, match="Geen gemeentelijke indeling"):
        run("--total", "10", "--key", "population", "--year", "1999")
