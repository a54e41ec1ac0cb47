"""Provincial supervision of the status-holder quota: the intervention ladder.

Interbestuurlijk toezicht (Gemeentewet art. 124–124b, Wet revitalisering generiek toezicht): the
province escalates step by step, from signalling to substitution (indeplaatsstelling), the province
housing status holders itself at the municipality's cost. The bestuurlijke interventieladder has six
phases (answer to Kamervragen 2021Z15037); Zuid-Holland intervenes after four consecutive missed
half-years. Which phase follows how many missed half-years is a provincial choice, so the ladder is
data: :data:`DEFAULT_LADDER` is the starting point, a province may configure its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LadderStage:
    """A phase of the intervention ladder, reached after ``periods_behind`` missed half-years in a row."""

    number: int
    name: str
    periods_behind: int


DEFAULT_LADDER: tuple[LadderStage, ...] = (
    LadderStage(1, "Signaleren", 1),
    LadderStage(2, "Bestuurlijk gesprek", 2),
    LadderStage(3, "Plan van aanpak gevraagd", 3),
    LadderStage(4, "Aanschrijving (laatste waarschuwing)", 4),
    LadderStage(5, "Besluit tot indeplaatsstelling", 5),
    LadderStage(6, "Uitvoering indeplaatsstelling", 6),
)


def ladder_stage(periods_behind: int, ladder: Sequence[LadderStage] = DEFAULT_LADDER) -> LadderStage | None:
    """The highest phase reached after ``periods_behind`` missed half-years in a row (None: no phase)."""
    reached = [stage for stage in ladder if periods_behind >= stage.periods_behind]
    return max(reached, key=lambda stage: stage.number, default=None)
