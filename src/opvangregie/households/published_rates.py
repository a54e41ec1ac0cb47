"""The published rates with their sources (ADR 0004); loaded by migration 0002 and, after a flush, by the demo.

Administrators add later rates in the admin; :func:`published_rates_load` adds nothing when rates exist.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

RIJK_2023 = "https://avres.nl/leefgeld-oekraiense-vluchtelingen-verandert-vanaf-1-april"
RIJK_2025 = (
    "Rijksoverheid, leefgeld vanaf 1 januari 2025; bedragen afgeleid uit de drempels van Hilversum / 1,15 "
    "(1 volwassene plus minderjarigen; zakgeld aangenomen gelijk aan 2023)"
)
LEEFGELD = [
    (
        date(2022, 3, 1),
        D("55.00"),
        "https://www.heusden.nl/oorlog-in-oekraine/vluchtelingen-thuis-opvangen/iban-tbv-leefgeldregeling/",
        [(1, D("0"), D("0"), D("205.00"), D("205.00"))],
    ),
    (
        date(2023, 4, 1),
        D("56.12"),
        RIJK_2023,
        [
            (1, D("0"), D("0"), D("215.06"), D("178.36")),
            (3, D("0"), D("0"), D("171.99"), D("142.57")),
            (4, D("0"), D("0"), D("150.45"), D("124.97")),
        ],
    ),
    (
        date(2025, 1, 1),
        D("56.12"),
        RIJK_2025,
        [
            (1, D("258.72"), D("0"), D("0"), D("0")),
            (2, D("475.31"), D("0"), D("0"), D("0")),
            (3, D("590.97"), D("0"), D("0"), D("0")),
            (4, D("688.12"), D("0"), D("0"), D("0")),
            (5, D("852.27"), D("0"), D("0"), D("0")),
            (6, D("1016.42"), D("0"), D("0"), D("0")),
            (7, D("1180.57"), D("164.15"), D("0"), D("0")),
        ],
    ),
]
CONTRIBUTION = [
    (
        date(2024, 7, 1),
        D("105.00"),
        D("242.48"),
        "https://www.rijksoverheid.nl/actueel/nieuws/2024/06/26/vluchtelingen-uit-oekraine-met-een-inkomen-gaan-eigen-bijdrage-betalen",
    ),
    (
        date(2025, 10, 1),
        D("244.22"),
        D("252.18"),
        "https://www.rijksoverheid.nl/actueel/nieuws/2025/07/04/verhoging-eigen-bijdrage-per-1-oktober-2025",
    ),
]
REIMBURSEMENT = [
    (date(2022, 3, 1), D("100.00"), "https://vng.nl/nieuws/normbedrag-gemeentelijke-opvang-oekrainers-vastgesteld"),
    (
        date(2022, 10, 15),
        D("83.00"),
        "https://www.rijksoverheid.nl/actueel/nieuws/2022/10/14/wijziging-bekostigingsregeling-opvang-oekrainers",
    ),
    (
        date(2024, 1, 1),
        D("61.00"),
        "https://nos.nl/artikel/2530636-overijsselse-gemeenten-houden-tientallen-miljoenen-over-aan-opvang-oekrainers",
    ),
    (
        date(2025, 1, 1),
        D("44.00"),
        "https://www.welingelichtekringen.nl/samenleving/faber-halverwege-2025-minder-opvangplekken-oekrainers-nodig",
    ),
]


def published_rates_load(scale_model: Any, band_model: Any, contribution_model: Any, reimbursement_model: Any) -> None:
    """Create the published rates with the given model classes (real or historical), if there are none."""
    if not scale_model.objects.exists():
        for valid_from, personal, source, bands in LEEFGELD:
            scale = scale_model.objects.create(valid_from=valid_from, personal_per_person=personal, source=source)
            for size, household, extra, adult, minor in bands:
                band_model.objects.create(
                    scale=scale,
                    household_size=size,
                    per_household=household,
                    per_extra_person=extra,
                    per_adult=adult,
                    per_minor=minor,
                )
    if not contribution_model.objects.exists():
        for valid_from, per_adult, catering, source in CONTRIBUTION:
            contribution_model.objects.create(
                valid_from=valid_from, per_adult=per_adult, catering_per_adult=catering, source=source
            )
    if not reimbursement_model.objects.exists():
        for valid_from, per_day, source in REIMBURSEMENT:
            reimbursement_model.objects.create(valid_from=valid_from, per_place_per_day=per_day, source=source)
