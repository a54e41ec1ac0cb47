"""The analyst command-line tools ``opvangregie apportion`` and ``opvangregie ledger``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from opvangregie.areas.reference_data import DATA_DIR


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def municipalities_csv(tmp_path: Path) -> Path:
    """The 342 municipalities of 2025 with their population as key,weight."""
    with (DATA_DIR / "municipalities-2025.csv").open(encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    path = tmp_path / "weights.csv"
    path.write_text("key,weight\n" + "".join(f"{r['code']},{r['population']}\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("method", ["hamilton", "dhondt", "sainte_lague", "huntington_hill"])
def test_apportion_the_342_municipalities_to_the_exact_total(municipalities_csv: Path, method: str) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(run("apportion", "--method", method, "--total", "15000", "--csv", str(municipalities_csv)))
        )
    )
    assert len(rows) == 342
    assert sum(int(r["seats"]) for r in rows) == 15_000
    heemstede = next(r for r in rows if r["key"] == "GM0397")
    assert heemstede["weight"] == "27593"  # CBS KWB 2024 (SOURCES.md: Wikipedia says 27,589)
    assert heemstede["quota"] == "23.0673"


def test_statutory_ceiling_on_the_342_municipalities(municipalities_csv: Path) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(
                run("apportion", "--method", "statutory_ceiling", "--total", "13000", "--csv", str(municipalities_csv))
            )
        )
    )
    assert next(r for r in rows if r["key"] == "GM0397")["seats"] == "20"
    assert 13_000 <= sum(int(r["seats"]) for r in rows) < 13_000 + 342


def test_apportion_prints_a_table_with_a_summary(municipalities_csv: Path) -> None:
    text = run("apportion", "--method", "hamilton", "--total", "15000", "--minimum", "5", str(municipalities_csv))
    assert text.splitlines()[0].split() == ["key", "weight", "quota", "seats"]
    assert "342 units, total 15000, handed out 15000 (hamilton, minimum 5)." in text


def test_apportion_refuses_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("key,weight\nA,10\nA,20\n", encoding="utf-8")
    with pytest.raises(CommandError, match="regel 3: sleutel 'A' komt twee keer voor"):
        run("apportion", "--method", "hamilton", "--total", "3", str(bad))
    bad.write_text("key,weight\nA,-1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="negatief"):
        run("apportion", "--method", "hamilton", "--total", "3", str(bad))
    bad.write_text("name,size\nA,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Verplichte kolommen ontbreken: key, weight"):
        run("apportion", "--method", "hamilton", "--total", "3", str(bad))
    with pytest.raises(CommandError, match="niet gevonden"):
        run("apportion", "--method", "hamilton", "--total", "3", str(tmp_path / "missing.csv"))


def test_ledger_of_heemstede(tmp_path: Path) -> None:
    path = tmp_path / "heemstede.csv"
    path.write_text("period,quota,realised\n2025-H2,21,18\n2025-H1,22,21\n", encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(run("ledger", "--opening", "-7", "--csv", str(path)))))
    assert [(r["period"], r["carried_in"], r["demand"], r["balance"]) for r in rows] == [
        ("2025-H1", "-7", "29", "-8"),
        ("2025-H2", "-8", "29", "-11"),
    ]
    table = run("ledger", "--opening", "-7", str(path)).splitlines()
    assert table[0].split() == ["period", "quota", "carried_in", "demand", "realised", "balance"]
    assert table[2].split() == ["2025-H1", "22", "-7", "29", "21", "-8"]


def test_ledger_refuses_a_gap(tmp_path: Path) -> None:
    path = tmp_path / "gap.csv"
    path.write_text("period,quota,realised\n2024-H1,10,10\n2025-H1,22,21\n", encoding="utf-8")
    with pytest.raises(CommandError, match="ontbreken tussen 2024-H1 en 2025-H1"):
        run("ledger", str(path))
    path.write_text("period,quota,realised\n2025-Q1,10,10\n", encoding="utf-8")
    with pytest.raises(CommandError, match="regel 2"):
        run("ledger", str(path))
