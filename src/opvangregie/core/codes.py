"""Value types for CBS area codes (Centraal Bureau voor de Statistiek, "Gebieden in Nederland")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from opvangregie.core.errors import ValidationError

_MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")
_PROVINCE_CODE = re.compile(r"^PV\d{2}$")


@dataclass(frozen=True, order=True, slots=True)
class MunicipalityCode:
    """A CBS municipality code such as ``GM0397`` (Heemstede)."""

    value: str

    def __post_init__(self) -> None:
        if not _MUNICIPALITY_CODE.match(self.value):
            raise ValidationError(f"Ongeldige gemeentecode {self.value!r}: verwacht GM gevolgd door 4 cijfers.")

    @classmethod
    def parse(cls, raw: str) -> MunicipalityCode:
        """Accept ``GM0397``, ``gm0397``, ``0397`` or ``397`` and normalise to ``GM0397``."""
        text = raw.strip().upper()
        if text.startswith("GM"):
            text = text[2:]
        if not text.isdigit() or len(text) > 4:
            raise ValidationError(f"Ongeldige gemeentecode {raw!r}: verwacht bijvoorbeeld GM0397.")
        return cls(f"GM{int(text):04d}")

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True, slots=True)
class ProvinceCode:
    """A CBS province code such as ``PV27`` (Noord-Holland)."""

    value: str

    def __post_init__(self) -> None:
        if not _PROVINCE_CODE.match(self.value):
            raise ValidationError(f"Ongeldige provinciecode {self.value!r}: verwacht PV gevolgd door 2 cijfers.")

    def __str__(self) -> str:
        return self.value
