"""The demo's council letter header: Heemstede's raadsinformatiebericht of 11 November 2025."""

from __future__ import annotations

from datetime import date
from typing import Any

from opvangregie.areas.models import Municipality
from opvangregie.core.periods import Quarter
from opvangregie.reports.models import DEFAULT_SUBJECT
from opvangregie.reports.services import SettingsInput, letter_quarter_save, letter_settings_save


def load_letter_demo(admin: Any) -> None:
    """The header as in the seed letter: meeting of 11 November 2025, case 1343959, team Welzijnszaken,
    "Actief openbaar", for information. The portfolio holders are named by their portfolios (the names are not
    part of the demo's sources)."""
    heemstede = Municipality.objects.get(code="GM0397")
    letter_settings_save(
        actor=admin,
        municipality=heemstede,
        data=SettingsInput(
            subject=DEFAULT_SUBJECT,
            team="Welzijnszaken",
            portfolio_holders="burgemeester (openbare orde en veiligheid); wethouder Sociaal Domein; wethouder Wonen",
            publicity="Actief openbaar",
        ),
    )
    letter_quarter_save(
        actor=admin,
        municipality=heemstede,
        quarter=Quarter.parse("2025-Q4"),
        texts={},
        meeting_date=date(2025, 11, 11),
        case_number="1343959",
        letter_types={"type_information"},
    )
