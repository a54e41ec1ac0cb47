"""The duty of result for Ukrainian reception requests and its 72-hour clock.

- Richtlijn tijdelijke bescherming (2001/55/EG) art. 13 with the Wet verplaatsing bevolking art. 2c:
  the municipality must realise reception; being full is no ground for refusal
  (Rechtbank Noord-Nederland 6 October 2025, ECLI:NL:RBNNE:2025:4074).
- RooO art. 3 alternatives: reception in another municipality, a hotel financed by the State,
  private reception with costs reimbursed, or money to arrange shelter oneself.
- Rechtbank Rotterdam 22 December 2025: an offer is expected within 72 hours of the request.

The clock stops at the first offer (a place or an alternative), whether or not it is accepted;
escalations to the regional (RCVS) and national (LCVS) coordination do not stop it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

OFFER_WITHIN = timedelta(hours=72)


class StepKind(StrEnum):
    """A step of the alternatives workflow; ``is_offer`` steps stop the 72-hour clock."""

    PLACED = "placed"
    OFFER_OTHER_MUNICIPALITY = "offer_other_municipality"
    OFFER_HOTEL = "offer_hotel"
    OFFER_PRIVATE = "offer_private"
    OFFER_MONEY = "offer_money"
    ESCALATED_RCVS = "escalated_rcvs"
    ESCALATED_LCVS = "escalated_lcvs"
    NOTE = "note"

    @property
    def is_offer(self) -> bool:
        return self in (
            StepKind.PLACED,
            StepKind.OFFER_OTHER_MUNICIPALITY,
            StepKind.OFFER_HOTEL,
            StepKind.OFFER_PRIVATE,
            StepKind.OFFER_MONEY,
        )


class ClockState(StrEnum):
    RUNNING = "running"
    OVERDUE = "overdue"
    OFFERED_IN_TIME = "offered_in_time"
    OFFERED_LATE = "offered_late"


@dataclass(frozen=True, slots=True)
class Clock:
    """Where a request stands against the 72-hour limit at ``now``."""

    received_at: datetime
    deadline: datetime
    first_offer_at: datetime | None
    state: ClockState
    hours_left: float

    @property
    def is_overdue(self) -> bool:
        return self.state is ClockState.OVERDUE


def clock(received_at: datetime, steps: Iterable[tuple[StepKind, datetime]], now: datetime) -> Clock:
    """The 72-hour clock of a request received at ``received_at`` with the given steps, seen at ``now``."""
    deadline = received_at + OFFER_WITHIN
    offers = sorted(at for kind, at in steps if kind.is_offer and at <= now)
    first = offers[0] if offers else None
    if first is not None:
        state = ClockState.OFFERED_IN_TIME if first <= deadline else ClockState.OFFERED_LATE
        left = (deadline - first).total_seconds() / 3600
    else:
        state = ClockState.RUNNING if now <= deadline else ClockState.OVERDUE
        left = (deadline - now).total_seconds() / 3600
    return Clock(received_at, deadline, first, state, round(left, 1))
