"""Target groups (doelgroepen) of reception, as used across the three reception duties."""

from __future__ import annotations

from enum import StrEnum


class TargetGroup(StrEnum):
    """Who a location or task is for.

    - ``ukrainian``: displaced persons from Ukraine (Wet verplaatsing bevolking art. 2c; RooO).
    - ``asylum``: asylum seekers in COA reception (Spreidingswet).
    - ``amv``: unaccompanied minor foreign nationals (alleenstaande minderjarige vreemdelingen).
    - ``status_holder``: transit housing for status holders (Huisvestingswet 2014 art. 28-29).
    - ``emergency``: emergency or crisis reception (noodopvang).
    """

    UKRAINIAN = "ukrainian"
    ASYLUM = "asylum"
    AMV = "amv"
    STATUS_HOLDER = "status_holder"
    EMERGENCY = "emergency"

    @property
    def label_nl(self) -> str:
        """The group's Dutch name, for messages of the core (which has no translation machinery)."""
        return _DUTCH_LABELS[self]

    @classmethod
    def dutch_name(cls, value: str) -> str:
        """The Dutch name of a target group given by its code, or the code quoted when it is unknown."""
        try:
            return cls(value).label_nl
        except ValueError:
            return repr(value)

    @property
    def is_coa_managed(self) -> bool:
        """Asylum and AMV reception is the COA's task (Wet COA art. 3)."""
        return self in (TargetGroup.ASYLUM, TargetGroup.AMV)


_DUTCH_LABELS = {
    TargetGroup.UKRAINIAN: "Oekraïense ontheemden",
    TargetGroup.ASYLUM: "asielzoekers",
    TargetGroup.AMV: "amv",
    TargetGroup.STATUS_HOLDER: "statushouders",
    TargetGroup.EMERGENCY: "noodopvang",
}
