"""API for usable places and placement proposals: start (a task), read, and confirm once.

Usable places are counts (everyone who reads the municipality); proposals are for the municipality's
own officers, or the region's coordinator for a regional proposal.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from opvangregie import clock
from opvangregie.areas.models import Region
from opvangregie.core.errors import NotFound
from opvangregie.organisations.scope import municipality_readable, scope_for
from opvangregie.placement import proposals
from opvangregie.placement.models import PlacementRun
from opvangregie.placement.usable_report import UsableReport, usable_report
from opvangregie.ui.api_errors import errors

router = Router(tags=["Placement"])


class UsableOut(Schema):
    location: str
    places: int
    persons: int
    usable_free_places: int
    beds: int
    residents_in_rooms: int
    free_beds: int
    unusable_beds: int
    single_men: int
    single_women: int
    families_2: int
    families_3: int
    families_4: int
    families_5_or_more: int


class GainOut(Schema):
    moves: int
    persons_placed: int
    gain: int


class ReportOut(Schema):
    on: date
    places: int
    persons: int
    usable_free_places: int
    waiting_households: int
    waiting_persons: int
    locations: list[UsableOut]
    gains: list[GainOut]
    hypothetical: bool


class ProposalIn(Schema):
    max_moves: int = 0


class ConfirmIn(Schema):
    accepted: list[str] | None = None


class ProposalRunOut(Schema):
    id: int
    status: str
    progress: int
    stage: str
    max_moves: int
    error: str
    result: dict[str, Any]


def _report_out(report: UsableReport) -> ReportOut:
    return ReportOut(
        on=report.on,
        places=report.places,
        persons=report.persons,
        usable_free_places=report.usable_free,
        waiting_households=report.waiting_households,
        waiting_persons=report.waiting_persons,
        locations=[
            UsableOut(
                location=row.location.name,
                places=row.places,
                persons=row.figures.persons,
                usable_free_places=row.figures.free_places,
                beds=row.usable.beds,
                residents_in_rooms=row.usable.persons,
                free_beds=row.usable.free_beds,
                unusable_beds=row.usable.unusable_beds,
                single_men=row.usable.single_men,
                single_women=row.usable.single_women,
                families_2=row.usable.families[0],
                families_3=row.usable.families[1],
                families_4=row.usable.families[2],
                families_5_or_more=row.usable.families[3],
            )
            for row in report.rows
        ],
        gains=[GainOut(moves=g.moves, persons_placed=g.persons_placed, gain=g.gain) for g in report.gains],
        hypothetical=report.hypothetical,
    )


def _run_out(run: PlacementRun) -> ProposalRunOut:
    return ProposalRunOut(
        id=run.pk,
        status=run.status,
        progress=run.progress,
        stage=run.stage,
        max_moves=run.max_moves,
        error=run.error,
        result=run.result,
    )


@router.get("/{code}/usable-places", response={200: ReportOut, **errors(404, 422)})
def usable_places(request: HttpRequest, code: str, gains: bool = False) -> ReportOut:
    """Usable places per location today; with ``gains=true`` also what each move of residents gains."""
    municipality = municipality_readable(scope_for(request.user), code)
    report = usable_report(actor=request.user, municipalities=[municipality], now=clock.now(), with_gains=gains)
    return _report_out(report)


@router.post("/{code}/proposals", response={201: ProposalRunOut, **errors(400, 403, 404, 422)})
def proposal_start(request: HttpRequest, code: str, data: ProposalIn) -> Status[ProposalRunOut]:
    """Start a proposal for the municipality (computed by a task; poll it with GET)."""
    municipality = municipality_readable(scope_for(request.user), code)
    run = proposals.proposal_start(actor=request.user, municipality=municipality, max_moves=data.max_moves)
    run.refresh_from_db()
    return Status(201, _run_out(run))


@router.post("/regions/{slug}/proposals", response={201: ProposalRunOut, **errors(400, 403, 404, 422)})
def region_proposal_start(request: HttpRequest, slug: str, data: ProposalIn) -> Status[ProposalRunOut]:
    """Start a proposal across the region's municipalities (the region's coordinator)."""
    region = Region.objects.filter(slug=slug).first()
    if region is None or not scope_for(request.user).reads_region(region.pk):
        raise NotFound("Regio niet gevonden.")
    run = proposals.proposal_start(actor=request.user, region=region, max_moves=data.max_moves)
    run.refresh_from_db()
    return Status(201, _run_out(run))


@router.get("/proposals/{run_id}", response={200: ProposalRunOut, **errors(404, 422)})
def proposal_get(request: HttpRequest, run_id: int) -> ProposalRunOut:
    return _run_out(proposals.run_get(actor=request.user, run_id=run_id))


@router.post("/proposals/{run_id}/confirm", response={200: ProposalRunOut, **errors(400, 403, 404, 409, 422)})
def proposal_confirm(request: HttpRequest, run_id: int, data: ConfirmIn) -> ProposalRunOut:
    """Confirm the proposal, or the ``a:<household>`` placements and ``m:<household>`` moves in ``accepted``."""
    return _run_out(proposals.proposal_confirm(actor=request.user, run_id=run_id, accepted=data.accepted))
