"""Reading the shipped CBS reference files (see ``opvangregie/data/SOURCES.md``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from opvangregie.core.codes import MunicipalityCode, ProvinceCode
from opvangregie.core.errors import ValidationError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MUNICIPALITY_COLUMNS = ("code", "name", "province", "population", "population_date", "safety_region", "ses_woa")


@dataclass(frozen=True, slots=True)
class ProvinceRow:
    code: ProvinceCode
    name: str
    alias: str


@dataclass(frozen=True, slots=True)
class SafetyRegionRow:
    code: str
    name: str
    province: ProvinceCode


@dataclass(frozen=True, slots=True)
class MunicipalityRow:
    code: MunicipalityCode
    name: str
    province: str
    population: int
    population_date: date
    safety_region: str
    ses_score: Decimal | None


def municipality_file(year: int) -> Path:
    """The shipped division file of a reference year."""
    return DATA_DIR / f"municipalities-{year}.csv"


def read_provinces() -> list[ProvinceRow]:
    with (DATA_DIR / "provinces.csv").open(encoding="utf-8", newline="") as handle:
        return [ProvinceRow(ProvinceCode(r["code"]), r["name"], r["alias"]) for r in csv.DictReader(handle)]


def read_safety_regions() -> list[SafetyRegionRow]:
    with (DATA_DIR / "safety-regions.csv").open(encoding="utf-8", newline="") as handle:
        return [SafetyRegionRow(r["code"], r["name"], ProvinceCode(r["province"])) for r in csv.DictReader(handle)]


def read_municipalities(path: Path) -> list[MunicipalityRow]:
    """Parse a municipal division file; any bad row refuses the whole file with its line number."""
    rows: list[MunicipalityRow] = []
    errors: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(MUNICIPALITY_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValidationError(f"{path.name}: kolommen ontbreken: {', '.join(sorted(missing))}.")
        for line, raw in enumerate(reader, start=2):
            try:
                ses = raw["ses_woa"].strip()
                rows.append(
                    MunicipalityRow(
                        code=MunicipalityCode(raw["code"].strip()),
                        name=raw["name"].strip(),
                        province=raw["province"].strip(),
                        population=int(raw["population"]),
                        population_date=date.fromisoformat(raw["population_date"]),
                        safety_region=raw["safety_region"].strip(),
                        ses_score=Decimal(ses) if ses else None,
                    )
                )
            except (ValueError, InvalidOperation, ValidationError) as exc:
                errors.append(f"regel {line}: {exc}")
    if errors:
        raise ValidationError(f"{path.name} bevat fouten; niets is ingelezen.", details={"errors": errors})
    return rows
