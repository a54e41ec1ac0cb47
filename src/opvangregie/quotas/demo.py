"""Demo data of the status-holder quota: Heemstede's 2025 ledger exactly as in its council letter of
11 November 2025, and the other Noord-Holland municipalities with computed quotas and example
realisations (marked as examples).

National totals: 2025-H1 17,700, revised to 15,000; 2025-H2 13,000 (gemeente.nu, April 2025). The
publication dates are approximations. In 2025-H1 only 8 of the 44 Noord-Holland municipalities met
their quota (Alkmaar, Beverwijk, Ouder-Amstel, Uitgeest, Uithoorn, Waterland, Wormerland, Zaanstad);
the example realisations follow that outcome.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from opvangregie.areas.models import Municipality
from opvangregie.core.periods import HalfYear
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations.models import Location
from opvangregie.quotas import services
from opvangregie.quotas.models import QuotaPeriod, ReplyStatus
from opvangregie.quotas.selectors import effective_quotas

LETTER = "Raadsinformatiebericht Heemstede, 11 november 2025"
SOURCE_TOTALS = "gemeente.nu, april 2025 (publicatiedatum bij benadering)"
MET_QUOTA_2025_H1 = {
    "Alkmaar",
    "Beverwijk",
    "Ouder-Amstel",
    "Uitgeest",
    "Uithoorn",
    "Waterland",
    "Wormerland",
    "Zaanstad",
}
H1, H2 = HalfYear(2025, 1), HalfYear(2025, 2)
LAST_FIGURES = date(2025, 10, 31)  # example realisations of 2025-H2 run to the end of October


def _households(persons: int, rng: random.Random) -> list[int]:
    """Split ``persons`` into household sizes typical of status holders (many singles, some families)."""
    sizes = []
    while persons:
        size = min(persons, rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 5, 6]))
        sizes.append(size)
        persons -= size
    return sizes


def _spread(
    admin: Any, municipality: Municipality, persons: int, *, start: date, end: date, rng: random.Random
) -> None:
    sizes = _households(persons, rng)
    span = (end - start).days
    days = sorted(start + timedelta(days=rng.randint(0, span)) for _ in sizes)
    for number, (day, size) in enumerate(zip(days, sizes, strict=True), start=1):
        services.realisation_record(
            actor=admin,
            municipality=municipality,
            data=services.RealisationInput(
                on=day,
                persons=size,
                household_ref=f"{municipality.code}-{day:%y%m}-{number:03d}",
                note="voorbeeld",
                is_example=True,
            ),
        )


def load_quota_demo(admin: Any, rng: random.Random) -> None:
    first = services.period_open(
        actor=admin, period=H1, national_total=17_700, published_on=date(2024, 9, 30), source="Staatscourant"
    )
    services.national_total_revise(
        actor=admin, quota_period=first, national_total=15_000, published_on=date(2025, 4, 1), source=SOURCE_TOTALS
    )
    second = services.period_open(
        actor=admin, period=H2, national_total=13_000, published_on=date(2025, 4, 1), source=SOURCE_TOTALS
    )
    heemstede = Municipality.objects.get(code="GM0397")
    _heemstede(admin, heemstede, first, second, rng)
    for municipality in Municipality.objects.filter(province__code="PV27").exclude(pk=heemstede.pk):
        _example(admin, municipality, first, second, rng)


def _heemstede(
    admin: Any, heemstede: Municipality, first: QuotaPeriod, second: QuotaPeriod, rng: random.Random
) -> None:
    """22 + 7 backlog = 29, 21 realised; 21 + 8 = 29, 18 realised until 4 November 2025; 5 planned."""
    services.ledger_opening_set(actor=admin, municipality=heemstede, period=H1, balance=-7, source=LETTER)
    for period, value in ((first, 22), (second, 21)):
        services.quota_publish(actor=admin, quota_period=period, municipality=heemstede, value=value, source=LETTER)
    _spread(admin, heemstede, 21, start=H1.start, end=H1.end, rng=rng)
    _spread(admin, heemstede, 18, start=H2.start, end=date(2025, 10, 28), rng=rng)
    transit = Location.objects.filter(municipality=heemstede, target_group=TargetGroup.STATUS_HOLDER).first()
    for day, persons, location, note in (
        (date(2025, 11, 17), 4, None, "Match voor vier personen (raadsinformatiebericht)"),
        (date(2025, 11, 24), 1, transit, "Plaatsing op de doorstroomlocatie Glipperweg (raadsinformatiebericht)"),
    ):
        services.realisation_record(
            actor=admin,
            municipality=heemstede,
            data=services.RealisationInput(
                on=day, persons=persons, planned=True, note=note, location_id=location.pk if location else None
            ),
        )
    # The province's letter about 2025-H1 and the reply: the council letter says the college "bereidt een reactie
    # voor" but gives no date of the province's letter; 28 July 2025 (four weeks after the half-year) is illustrative.
    services.letter_record(
        actor=admin,
        municipality=heemstede,
        period=H1,
        sent_on=date(2025, 7, 28),
        document_reference="brief taakstelling 2025-H1, voorbeeld",
    )
    services.reply_record(
        actor=admin,
        municipality=heemstede,
        period=H1,
        data=services.ReplyInput(
            status=ReplyStatus.IN_PREPARATION,
            summary="Het college bereidt een reactie voor (raadsinformatiebericht 11 november 2025).",
        ),
    )


def _example(
    admin: Any, municipality: Municipality, first: QuotaPeriod, second: QuotaPeriod, rng: random.Random
) -> None:
    quota_h1 = effective_quotas(first, [municipality.pk])[municipality.pk]
    if municipality.name in MET_QUOTA_2025_H1:
        realised_h1 = quota_h1 + rng.randint(0, max(1, quota_h1 // 10))
    else:
        realised_h1 = int(quota_h1 * rng.uniform(0.45, 0.95))
    _spread(admin, municipality, realised_h1, start=H1.start, end=H1.end, rng=rng)
    demand_h2 = effective_quotas(second, [municipality.pk])[municipality.pk] + quota_h1 - realised_h1
    _spread(admin, municipality, int(demand_h2 * rng.uniform(0.35, 0.8)), start=H2.start, end=LAST_FIGURES, rng=rng)
