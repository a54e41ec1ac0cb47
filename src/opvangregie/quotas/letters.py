"""The province's half-yearly letter to a municipality behind on its status-holder quota (.docx).

Noord-Holland writes every half-year to each municipality that did not meet its quota (Heemstede
council letter, 11 November 2025); the phase of the intervention ladder (Gemeentewet art. 124,
interbestuurlijk toezicht) says what follows. Every figure comes from the ledger.
"""

from __future__ import annotations

import io
from datetime import date

from opvangregie.quotas.selectors import Supervision, SupervisionRow
from opvangregie.ui.word import add_table, new_document

MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip


def dutch_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _next_step(view: Supervision, row: SupervisionRow) -> str:
    later = [stage for stage in view.ladder if row.stage is None or stage.number > row.stage.number]
    if not later:
        return "Dit is de laatste fase van de interventieladder."
    following = min(later, key=lambda stage: stage.number)
    return (
        f"Blijft de gemeente ook na het volgende halfjaar achter, dan volgt fase {following.number} "
        f"({following.name.lower()})."
    )


def supervision_letter_docx(view: Supervision, row: SupervisionRow, *, written_on: date) -> bytes:
    """A Word letter from the province to the college of ``row.municipality`` about ``view.period``."""
    line = row.line
    if line is None:
        raise ValueError("No ledger line for this municipality in this half-year.")
    document = new_document(
        author=f"Provincie {view.province.name}",
        title=f"Taakstelling huisvesting vergunninghouders {view.period}: gemeente {row.municipality.name}",
    )
    document.add_paragraph(f"Provincie {view.province.name}")
    document.add_paragraph(f"Aan het college van burgemeester en wethouders van de gemeente {row.municipality.name}")
    document.add_paragraph(f"Datum: {dutch_date(written_on)}")
    document.add_heading(f"Huisvesting vergunninghouders: taakstelling {view.period}", level=1)
    document.add_paragraph(
        f"Geacht college,\n\nAls toezichthouder (interbestuurlijk toezicht, Gemeentewet artikel 124) volgt de "
        f"provincie de realisatie van de taakstelling huisvesting vergunninghouders (Huisvestingswet 2014, "
        f"artikel 28 en 29). Over het halfjaar {view.period} ({dutch_date(view.period.start)} tot en met "
        f"{dutch_date(view.period.end)}) heeft uw gemeente de taakstelling niet gehaald."
    )
    add_table(
        document,
        ["Onderdeel", "Aantal personen"],
        [
            ["Taakstelling", line.quota],
            ["Achterstand (+) of voorsprong (−) uit het vorige halfjaar", -line.carried_in],
            ["Opgave inclusief achterstand", line.demand],
            ["Gehuisvest", line.realised],
            ["Achterstand aan het eind van het halfjaar", max(0, -line.balance)],
        ],
    )
    stage = row.stage
    document.add_paragraph(
        f"Uw gemeente loopt {row.periods_behind} halfja{'ar' if row.periods_behind == 1 else 'ren'} op rij achter. "
        + (
            f"Daarmee bevindt zij zich in fase {stage.number} van de interventieladder: {stage.name.lower()}. "
            if stage
            else ""
        )
        + _next_step(view, row)
    )
    document.add_paragraph(
        f"De achterstand van {max(0, -line.balance)} personen schuift door naar het volgende halfjaar. Wij vragen u "
        "ons binnen zes weken te laten weten met welke maatregelen u de achterstand inloopt."
    )
    document.add_paragraph(f"Met vriendelijke groet,\n\nGedeputeerde Staten van {view.province.name}")
    document.add_paragraph(f"Cijfers per {dutch_date(view.on)}, uit Opvangregie.").runs[0].italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
