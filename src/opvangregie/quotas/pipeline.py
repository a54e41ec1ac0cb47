"""The status-holder pipeline in words, as the council letter says it: what is planned after the reference date
in the running half-year, and what is still to be housed before it ends (Huisvestingswet 2014 art. 28-29).

"In november staat een koppeling voor 4 personen gepland en een plaatsing van 1 persoon op de
doorstroomlocatie aan de Glipperweg. Voor 1 januari 2026 dient er nog huisvesting gerealiseerd te worden
voor 6 personen."
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import groupby

from opvangregie.core.target_groups import TargetGroup
from opvangregie.quotas.letters import MONTHS, dutch_date
from opvangregie.quotas.models import Realisation
from opvangregie.quotas.selectors import MunicipalityLedger


def _persons(count: int) -> str:
    return f"{count} persoon" if count == 1 else f"{count} personen"


def _street(address: str) -> str:
    """ "Glipperweg 55-57" -> "Glipperweg": the street of an address, without its number."""
    return re.sub(r"\s+\d.*$", "", address.strip())


def _item(realisation: Realisation) -> str:
    """A match (koppeling: a household matched to a home) or a placement at a location (plaatsing)."""
    location = realisation.location
    if location is None:
        return f"een koppeling voor {_persons(realisation.persons)}"
    if location.target_group == TargetGroup.STATUS_HOLDER and location.address:
        where = f"de doorstroomlocatie aan de {_street(location.address)}"
    else:
        where = location.name
    return f"een plaatsing van {_persons(realisation.persons)} op {where}"


def pipeline_sentences(ledger: MunicipalityLedger) -> str:
    """The planned realisations after ``ledger.on`` in its running half-year, per month, and the persons still
    to be housed after them before the half-year ends; empty when no half-year is running."""
    current = ledger.current
    if current is None:
        return ""
    planned = Realisation.objects.filter(
        municipality=ledger.municipality, planned=True, date__gt=ledger.on, date__lte=current.period.end
    ).select_related("location")
    sentences = []
    for month, items in groupby(planned.order_by("date", "pk"), key=lambda r: (r.date.year, r.date.month)):
        first, *rest = [_item(r) for r in items]
        sentences.append(
            f"In {MONTHS[month[1] - 1]} staat {first} gepland" + "".join(f" en {item}" for item in rest) + "."
        )
    deadline: date = current.period.end + timedelta(days=1)
    if current.still_to_find:
        sentences.append(
            f"Voor {dutch_date(deadline)} dient er nog huisvesting gerealiseerd te worden voor "
            f"{_persons(current.still_to_find)}."
        )
    return " ".join(sentences)
