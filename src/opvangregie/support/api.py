"""API of support programmes: a municipality's programmes with their quarterly figures."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router, Schema

from opvangregie.organisations.scope import municipality_readable, scope_for
from opvangregie.support import selectors
from opvangregie.ui.api_errors import errors

router = Router(tags=["support programmes"])


class ProgrammeFiguresOut(Schema):
    quarter: str
    intakes: int | None
    in_guidance: int | None
    found_work: int | None
    participants: int | None
    note: str
    residents: int | None = Field(
        description="Residents of the municipal locations at the quarter's end (programmes for them only)."
    )
    sentence: str


class ProgrammeOut(Schema):
    id: int
    name: str
    kind: str
    partner: str
    starts_on: date | None
    ends_on: date | None
    target_group: str
    for_municipal_residents: bool
    letter_section: str | None
    description: str
    figures: list[ProgrammeFiguresOut]


@router.get("/municipalities/{code}/programmes", response={200: list[ProgrammeOut], **errors(404, 422)})
def programmes(request: HttpRequest, code: str) -> list[ProgrammeOut]:
    """The municipality's support programmes with their figures per quarter (readers of the municipality)."""
    municipality = municipality_readable(scope_for(request.user), code)
    page = selectors.municipality_programmes(actor=request.user, municipality=municipality)
    return [
        ProgrammeOut(
            id=item.programme.pk,
            name=item.programme.name,
            kind=item.programme.kind,
            partner=item.programme.partner,
            starts_on=item.programme.starts_on,
            ends_on=item.programme.ends_on,
            target_group=item.programme.target_group,
            for_municipal_residents=item.programme.for_municipal_residents,
            letter_section=item.programme.letter_section or None,
            description=item.programme.description,
            figures=[
                ProgrammeFiguresOut(
                    quarter=row.figures.quarter,
                    intakes=row.figures.intakes,
                    in_guidance=row.figures.in_guidance,
                    found_work=row.figures.found_work,
                    participants=row.figures.participants,
                    note=row.figures.note,
                    residents=row.residents if item.programme.for_municipal_residents else None,
                    sentence=row.sentence,
                )
                for row in item.figures
            ],
        )
        for item in page.programmes
    ]
