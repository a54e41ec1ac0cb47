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
from datetime import date, timedelta
from enum import StrEnum


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


# --- the follow-up of the province's letters (issue 18, item 4) -----------------------------------------------

REPLY_WEEKS = 6
"""Weeks the province gives a municipality to answer its half-yearly letter. No law fixes this period: the
Gemeentewet (art. 124) and the Wet revitalisering generiek toezicht leave the steps of interbestuurlijk toezicht
to the province. Six weeks is what the letters ask ("binnen zes weken", quotas.letters): a choice, as long as
the objection period of the Awb (art. 6:7) but not taken from it; a province that asks another term changes
this constant."""


class FollowUp(StrEnum):
    """Where the follow-up of a letter stands on a date."""

    NOT_SENT = "not_sent"  # no letter recorded for the half-year
    AWAITING = "awaiting"  # sent, no reply yet, within the reply period
    OVERDUE = "overdue"  # sent, no reply and none in preparation, the reply period has passed
    IN_PREPARATION = "in_preparation"  # the municipality says it is preparing its reply
    RECEIVED = "received"  # the reply was received


def reply_due(sent_on: date) -> date:
    """The last day of the reply period: ``REPLY_WEEKS`` weeks after the letter was sent."""
    return sent_on + timedelta(weeks=REPLY_WEEKS)


def follow_up(*, sent_on: date | None, received_on: date | None, in_preparation: bool, on: date) -> FollowUp:
    """The status of a letter's follow-up on ``on``: a received reply wins, then a reply in preparation; a
    letter without either is overdue from the day after :func:`reply_due`."""
    if sent_on is None:
        return FollowUp.NOT_SENT
    if received_on is not None:
        return FollowUp.RECEIVED
    if in_preparation:
        return FollowUp.IN_PREPARATION
    return FollowUp.OVERDUE if on > reply_due(sent_on) else FollowUp.AWAITING


def past_due(*, sent_on: date | None, received_on: date | None, on: date) -> bool:
    """Whether on ``on`` the reply period has passed without a reply received (also while one is in preparation)."""
    return sent_on is not None and received_on is None and on > reply_due(sent_on)
