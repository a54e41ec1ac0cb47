"""The support programmes of the demo, from Heemstede's council letter of 11 November 2025.

- Work guidance by the Werkgeversservicepunt (employer service point), with a job fair on 8 October 2025.
- The pilot Circles of Change, ending 12 November 2025 and nominated for the LOOP award (section Mentaal welzijn).
- Work4Ukraine: from November 2025 an intake for every resident of the municipal locations (Werk en inkomen).
- The project evaluation "Verhoogde Betrokkenheid Oekraïne-locaties" by CJG, location management, WIJ Heemstede
  and the municipality.

The letter gives no figures; the quarterly figures below are illustrative (marked "voorbeeld" in their note).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from opvangregie.areas.models import Municipality
from opvangregie.core.periods import Quarter
from opvangregie.support.models import LetterSectionKind, ProgrammeKind, ProgrammeTarget
from opvangregie.support.services import FiguresInput, ProgrammeInput, figures_record, programme_create

LETTER = "Raadsinformatiebericht Heemstede, 11 november 2025"
Q3, Q4 = Quarter(2025, 3), Quarter(2025, 4)
EXAMPLE = "voorbeeldcijfers"


def load_support_demo(admin: Any) -> None:
    heemstede = Municipality.objects.get(code="GM0397")
    werkgevers = programme_create(
        actor=admin,
        municipality=heemstede,
        data=ProgrammeInput(
            name="Werkbegeleiding Werkgeversservicepunt",
            kind=ProgrammeKind.WORK_GUIDANCE,
            target_group=ProgrammeTarget.UKRAINIAN,
            partner="Werkgeversservicepunt",
            letter_section=LetterSectionKind.WORK_AND_INCOME,
            description="Begeleiding naar werk door het Werkgeversservicepunt, met een banenmarkt op 8 oktober "
            f"2025. Bron: {LETTER}.",
        ),
    )
    figures_record(actor=admin, programme=werkgevers, data=FiguresInput(Q3, in_guidance=14, found_work=3, note=EXAMPLE))
    figures_record(
        actor=admin,
        programme=werkgevers,
        data=FiguresInput(
            Q4, in_guidance=16, found_work=2, participants=22, note=f"banenmarkt 8 oktober 2025; {EXAMPLE}"
        ),
    )
    circles = programme_create(
        actor=admin,
        municipality=heemstede,
        data=ProgrammeInput(
            name="Circles of Change",
            kind=ProgrammeKind.PILOT,
            target_group=ProgrammeTarget.UKRAINIAN,
            ends_on=date(2025, 11, 12),
            letter_section=LetterSectionKind.MENTAL_WELLBEING,
            description=f"Pilot, loopt af op 12 november 2025; genomineerd voor de LOOP-prijs. Bron: {LETTER}.",
        ),
    )
    figures_record(actor=admin, programme=circles, data=FiguresInput(Q3, participants=12, note=EXAMPLE))
    figures_record(
        actor=admin, programme=circles, data=FiguresInput(Q4, participants=10, note=f"tot 12 november; {EXAMPLE}")
    )
    work4ukraine = programme_create(
        actor=admin,
        municipality=heemstede,
        data=ProgrammeInput(
            name="Work4Ukraine",
            kind=ProgrammeKind.INTAKES,
            target_group=ProgrammeTarget.UKRAINIAN,
            partner="Work4Ukraine",
            starts_on=date(2025, 11, 1),
            for_municipal_residents=True,
            letter_section=LetterSectionKind.WORK_AND_INCOME,
            description="Vanaf november 2025 een intake voor iedere bewoner van de gemeentelijke locaties. "
            f"Bron: {LETTER}.",
        ),
    )
    figures_record(
        actor=admin, programme=work4ukraine, data=FiguresInput(Q4, intakes=23, note=f"tot 11 november; {EXAMPLE}")
    )
    programme_create(
        actor=admin,
        municipality=heemstede,
        data=ProgrammeInput(
            name="Projectevaluatie Verhoogde Betrokkenheid Oekraïne-locaties",
            kind=ProgrammeKind.OTHER,
            target_group=ProgrammeTarget.UKRAINIAN,
            partner="CJG, locatiemanagement, WIJ Heemstede, gemeente Heemstede",
            letter_section=LetterSectionKind.MENTAL_WELLBEING,
            description=f"Evaluatie van het project Verhoogde Betrokkenheid Oekraïne-locaties. Bron: {LETTER}.",
        ),
    )
