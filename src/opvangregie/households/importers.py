"""Imports of households (one row per member) and of incomes from Excel or CSV: all rows or none."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation
from typing import Any

from opvangregie.areas.models import Municipality
from opvangregie.core.contribution import ReceptionType
from opvangregie.core.errors import ValidationError
from opvangregie.households import services
from opvangregie.households.models import Household, IncomeSource, amount_problem
from opvangregie.households.services import NO_EDIT
from opvangregie.organisations.scope import require, scope_for
from opvangregie.ui.imports import all_rows_or_none
from opvangregie.ui.tables import CellValue, TableRow, cell_date, cell_int, quoted, read_table

RECEPTION = {"gemeentelijk": ReceptionType.MUNICIPAL, "particulier": ReceptionType.PRIVATE}
SOURCES = {
    "werk": IncomeSource.WORK,
    "pensioen": IncomeSource.PENSION,
    "uitkering": IncomeSource.BENEFIT,
    "toeslagen": IncomeSource.ALLOWANCES,
    "anders": IncomeSource.OTHER,
}
HOUSEHOLD_COLUMNS = ("kenmerk", "geregistreerd", "geboortejaar")
HOUSEHOLD_OPTIONAL = ("geslacht", "inkomen", "inkomensbron", "inkomen_vanaf", "opvang", "locatie", "kamer")
INCOME_COLUMNS = ("kenmerk", "lid", "inkomen", "vanaf")
INCOME_OPTIONAL = ("inkomensbron",)
ALIASES = {"reference": "kenmerk", "registered": "geregistreerd", "year_of_birth": "geboortejaar", "member": "lid"}


def cell_amount(value: CellValue, column: str) -> Decimal:
    """A non-negative amount in euros (empty: 0); accepts 1500, 1500.50 and 1500,50."""
    if value is None or str(value).strip() == "":
        return Decimal(0)
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(f"{column}: {quoted(value)} is geen bedrag.") from None
    problem = amount_problem(amount.quantize(Decimal("0.01")) if amount.is_finite() else amount)
    if problem:
        raise ValidationError(f"{column}: {problem}.")
    return amount.quantize(Decimal("0.01"))


def _choice(value: CellValue, options: dict[str, Any], column: str, default: Any) -> Any:
    text = str(value or "").strip().casefold()
    if not text:
        return default
    if text not in options:
        raise ValidationError(f"{column}: {quoted(value)} is onbekend; kies uit {', '.join(options)}.")
    return options[text]


def _placement(municipality: Municipality, row: TableRow) -> services.Placement:
    reception = _choice(row.values.get("opvang"), RECEPTION, "opvang", ReceptionType.MUNICIPAL)
    return services.placement_by_names(
        municipality, reception, str(row.values.get("locatie") or ""), str(row.values.get("kamer") or "")
    )


def households_import(*, actor: Any, municipality: Municipality, file_name: str, content: bytes) -> int:
    """Register households from a file with one row per member; rows with the same ``kenmerk`` form one household.

    The household's fields (date, reception, location, room) come from its first row; it is registered
    at its last row. Any error refuses the whole file: nothing is written. Returns the number of households.
    """
    require(scope_for(actor).reads_households(municipality.pk), NO_EDIT)
    rows = read_table(
        file_name=file_name, content=content, required=HOUSEHOLD_COLUMNS, optional=HOUSEHOLD_OPTIONAL, aliases=ALIASES
    )
    references = [str(row.values.get("kenmerk") or "").strip() for row in rows]
    remaining = Counter(references)
    members: dict[str, list[services.MemberInput]] = {}
    first_rows: dict[str, TableRow] = {}

    def record(row: TableRow) -> None:
        reference = str(row.values.get("kenmerk") or "").strip()
        if not reference:
            raise ValidationError("kenmerk is verplicht.")
        first_rows.setdefault(reference, row)
        remaining[reference] -= 1
        year = cell_int(row.values.get("geboortejaar"), "geboortejaar")
        if year is None:
            raise ValidationError("geboortejaar is verplicht.")
        members.setdefault(reference, []).append(
            services.MemberInput(
                year_of_birth=year,
                sex=str(row.values.get("geslacht") or "").strip().upper()[:1],
                income=cell_amount(row.values.get("inkomen"), "inkomen"),
                income_source=_choice(row.values.get("inkomensbron"), SOURCES, "inkomensbron", IncomeSource.WORK),
                income_from=cell_date(row.values.get("inkomen_vanaf"), "inkomen_vanaf"),
            )
        )
        if remaining[reference]:
            return
        first = first_rows[reference]
        registered = cell_date(first.values.get("geregistreerd"), "geregistreerd")
        if registered is None:
            raise ValidationError(f"{reference}: geregistreerd is verplicht.")
        try:
            services.household_create(
                actor=actor,
                municipality=municipality,
                data=services.HouseholdInput(
                    members=members[reference],
                    registered_on=registered,
                    reference=reference,
                    placement=_placement(municipality, first),
                ),
            )
        except ValidationError as exc:
            raise ValidationError(f"{reference}: {exc.message}") from exc

    all_rows_or_none(rows, record)
    return len(members)


def incomes_import(*, actor: Any, municipality: Municipality, file_name: str, content: bytes) -> int:
    """Record incomes (``kenmerk``, ``lid``, ``inkomen``, ``vanaf``, optional ``inkomensbron``); all rows or none."""
    require(scope_for(actor).reads_households(municipality.pk), NO_EDIT)
    rows = read_table(
        file_name=file_name, content=content, required=INCOME_COLUMNS, optional=INCOME_OPTIONAL, aliases=ALIASES
    )

    def record(row: TableRow) -> None:
        reference = str(row.values.get("kenmerk") or "").strip()
        household = Household.objects.filter(municipality=municipality, reference=reference).first()
        if household is None:
            raise ValidationError(f"onbekend huishouden {quoted(reference)}.")
        number = cell_int(row.values.get("lid"), "lid")
        member = household.members.filter(number=number).first() if number is not None else None
        if member is None:
            raise ValidationError(f"{reference} heeft geen lid {number}.")
        valid_from = cell_date(row.values.get("vanaf"), "vanaf")
        if valid_from is None:
            raise ValidationError("vanaf is verplicht.")
        services.income_set(
            actor=actor,
            member=member,
            monthly_amount=cell_amount(row.values.get("inkomen"), "inkomen"),
            source=_choice(row.values.get("inkomensbron"), SOURCES, "inkomensbron", IncomeSource.WORK),
            valid_from=valid_from,
        )

    all_rows_or_none(rows, record)
    return len(rows)
