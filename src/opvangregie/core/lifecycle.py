"""The lifecycle of a reception location: from candidate site to closure, with dated transitions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from opvangregie.core.errors import ValidationError


class LocationStatus(StrEnum):
    """Stages of a location. Only ``in_use`` counts places toward capacity."""

    PLANNED = "planned"
    DECIDED = "decided"
    PERMIT = "permit"
    UNDER_CONSTRUCTION = "under_construction"
    IN_USE = "in_use"
    OUT_OF_USE = "out_of_use"
    CLOSED = "closed"

    @property
    def label_nl(self) -> str:
        """The stage's Dutch name, for messages of the core (which has no translation machinery)."""
        return _DUTCH_LABELS[self]

    @property
    def counts_places(self) -> bool:
        """A location out of use counts 0 places from its transition date."""
        return self is LocationStatus.IN_USE


_DUTCH_LABELS = {
    LocationStatus.PLANNED: "gepland",
    LocationStatus.DECIDED: "besloten",
    LocationStatus.PERMIT: "vergunning",
    LocationStatus.UNDER_CONSTRUCTION: "in aanbouw",
    LocationStatus.IN_USE: "in gebruik",
    LocationStatus.OUT_OF_USE: "buiten gebruik",
    LocationStatus.CLOSED: "gesloten",
}


ALLOWED_TRANSITIONS: dict[LocationStatus, frozenset[LocationStatus]] = {
    LocationStatus.PLANNED: frozenset({LocationStatus.DECIDED, LocationStatus.CLOSED}),
    LocationStatus.DECIDED: frozenset(
        {LocationStatus.PERMIT, LocationStatus.UNDER_CONSTRUCTION, LocationStatus.IN_USE, LocationStatus.CLOSED}
    ),
    LocationStatus.PERMIT: frozenset({LocationStatus.UNDER_CONSTRUCTION, LocationStatus.IN_USE, LocationStatus.CLOSED}),
    LocationStatus.UNDER_CONSTRUCTION: frozenset({LocationStatus.IN_USE, LocationStatus.CLOSED}),
    LocationStatus.IN_USE: frozenset({LocationStatus.OUT_OF_USE, LocationStatus.CLOSED}),
    LocationStatus.OUT_OF_USE: frozenset(
        {LocationStatus.IN_USE, LocationStatus.UNDER_CONSTRUCTION, LocationStatus.CLOSED}
    ),
    LocationStatus.CLOSED: frozenset(),
}


@dataclass(frozen=True, slots=True)
class Transition:
    """A dated status change of one location."""

    status: LocationStatus
    effective: date
    reason: str = ""


def check_transition(history: Sequence[Transition], new: Transition) -> None:
    """Refuse a transition that the lifecycle does not allow.

    Rules: the first status may be any; later ones must follow ``ALLOWED_TRANSITIONS`` and may not be
    dated before the last one; going out of use needs a reason (e.g. demolition).
    """
    if new.status is LocationStatus.OUT_OF_USE and not new.reason.strip():
        raise ValidationError("Geef een reden op voor het buiten gebruik stellen (bijvoorbeeld sloop).")
    if not history:
        return
    last = _latest(history)
    if new.effective < last.effective:
        raise ValidationError(
            f"De ingangsdatum {new.effective:%d-%m-%Y} ligt vóór de laatste statuswijziging "
            f"({last.effective:%d-%m-%Y})."
        )
    if new.status not in ALLOWED_TRANSITIONS[last.status]:
        raise ValidationError(
            f"Van '{last.status.label_nl}' naar '{new.status.label_nl}' is geen toegestane overgang.",
            details={"from": last.status.value, "to": new.status.value},
        )


def _latest(history: Sequence[Transition]) -> Transition:
    """The latest transition; of several on the same date the one recorded last (history in recorded order)."""
    return sorted(history, key=lambda t: t.effective)[-1]


def status_on(history: Sequence[Transition], on: date) -> LocationStatus | None:
    """The status in force on ``on``: the latest transition dated on or before it (None before the first).

    Of several transitions on the same date the one recorded last counts (decided and in use on one day:
    in use), as ``check_transition`` allows a transition on the date of the last one.
    """
    effective = [t for t in history if t.effective <= on]
    if not effective:
        return None
    return _latest(effective).status
