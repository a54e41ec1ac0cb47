"""The agreements of the demo (Heemstede council letter of 11 November 2025 and news reports).

- Heemsteedse Dreef (AMV, COA): administrative agreement with working arrangements — ages 13–14, widened to
  15; COA may take 15- to 17-year-olds with three months' notice; at most 16 places; the evaluation of 20
  places postponed to July 2026 and held only when 14 to 16 children stayed "for a longer period", which the
  demo reads as 8 consecutive weeks.
- Bloemendaal: an agreement of 30 AMV places (council and residents); COA's later wish for 50 not accepted.
- Kerklaan 61: intention agreement with Elan Wonen (December 2024), then starting points, then a
  cooperation agreement (SOK) for decision.
- Princehof: the first five years for displaced persons from Ukraine, then a target group of the Wonen & Zorg vision.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from opvangregie.agreements.models import AgreementKind, StageChoices
from opvangregie.agreements.services import AgreementInput, ConditionInput, agreement_create, condition_add, stage_set
from opvangregie.areas.models import Municipality
from opvangregie.core.agreements import ConditionKind
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations.models import Location

LETTER = "Raadsinformatiebericht Heemstede, 11 november 2025"


def _heemsteedse_dreef(admin: Any, heemstede: Municipality) -> None:
    dreef = Location.objects.get(municipality=heemstede, name="Heemsteedse Dreef")
    agreement = agreement_create(
        actor=admin,
        municipality=heemstede,
        data=AgreementInput(
            kind=AgreementKind.ADMINISTRATIVE,
            title="Bestuursovereenkomst AMV-opvang Heemsteedse Dreef met werkafspraken",
            parties="Gemeente Heemstede, COA",
            in_force_from=date(2024, 6, 1),
            document_reference=LETTER,
            notes="Bestuursovereenkomst met COA, aangevuld met werkafspraken. Ingangsdatum is een voorbeeld "
            "(de datum van ingebruikname in de demo).",
        ),
        locations=[dreef],
    )
    conditions = [
        ConditionInput(
            ConditionKind.MAX_PLACES, date(2024, 6, 1), quantity=16, note="Werkafspraak: maximaal 16 plekken."
        ),
        ConditionInput(ConditionKind.TARGET_GROUP, date(2024, 6, 1), target_group=TargetGroup.AMV),
        ConditionInput(
            ConditionKind.AGE_RANGE, date(2024, 6, 1), min_age=13, max_age=14, note="Kinderen van 13-14 jaar."
        ),
        ConditionInput(
            ConditionKind.AGE_RANGE,
            date(2025, 11, 11),
            min_age=13,
            max_age=15,
            note="De leeftijdsgroep wordt verbreed naar 15 jaar (datum van het raadsinformatiebericht als voorbeeld).",
        ),
        ConditionInput(
            ConditionKind.NOTICE_PERIOD,
            date(2024, 6, 1),
            months=3,
            note="COA mag 15-, 16- en 17-jarigen plaatsen als het dat drie maanden van tevoren aankondigt.",
        ),
        ConditionInput(
            ConditionKind.EVALUATION_WINDOW,
            date(2024, 6, 1),
            quantity=14,
            weeks=8,
            note="Evaluatie van uitbreiding van 16 naar 20 plekken, uitgesteld tot juli 2026; alleen als 14 tot 16 "
            "kinderen 'voor langere periode' verblijven. De demo leest dat als 8 aaneengesloten weken.",
        ),
    ]
    for condition in conditions:
        condition_add(actor=admin, agreement=agreement, data=condition)


def _bloemendaal(admin: Any) -> None:
    bloemendaal = Municipality.objects.get(name="Bloemendaal")
    agreement = agreement_create(
        actor=admin,
        municipality=bloemendaal,
        data=AgreementInput(
            kind=AgreementKind.ADMINISTRATIVE,
            title="Afspraak 30 AMV-plekken Bloemendaal",
            parties="Gemeente Bloemendaal (raad en omwonenden), COA",
            notes="Afgesproken met de raad en de omwonenden: 30 plekken voor AMV. De latere wens van COA voor "
            "50 plekken is niet aanvaard.",
        ),
    )
    condition_add(
        actor=admin,
        agreement=agreement,
        data=ConditionInput(
            ConditionKind.MAX_PLACES, date(2024, 1, 1), quantity=30, note="COA vroeg later 50 plekken: niet aanvaard."
        ),
    )


def _kerklaan(admin: Any, heemstede: Municipality) -> None:
    kerklaan = Location.objects.get(municipality=heemstede, name="Kerklaan")
    agreement = agreement_create(
        actor=admin,
        municipality=heemstede,
        data=AgreementInput(
            kind=AgreementKind.INTENTION,
            title="Kerklaan 61: intentieovereenkomst met Elan Wonen",
            parties="Gemeente Heemstede, Elan Wonen",
            signed_on=date(2024, 12, 1),
            document_reference=LETTER,
            notes="Intentieovereenkomst december 2024 (dag als voorbeeld); daarna uitgangspunten en een "
            "samenwerkingsovereenkomst (SOK) ter besluitvorming.",
        ),
        locations=[kerklaan],
    )
    stage_set(actor=admin, agreement=agreement, stage=StageChoices.INTENTION, reached_on=date(2024, 12, 1))
    stage_set(
        actor=admin,
        agreement=agreement,
        stage=StageChoices.STARTING_POINTS,
        reached_on=date(2025, 6, 1),
        note="datum als voorbeeld",
    )


def _princehof(admin: Any, heemstede: Municipality) -> None:
    princehof = Location.objects.get(municipality=heemstede, name="Princehof")
    agreement = agreement_create(
        actor=admin,
        municipality=heemstede,
        data=AgreementInput(
            kind=AgreementKind.STARTING_POINTS,
            title="Princehof: doelgroep en vervolggebruik",
            parties="Gemeente Heemstede",
            document_reference=LETTER,
        ),
        locations=[princehof],
    )
    condition_add(
        actor=admin,
        agreement=agreement,
        data=ConditionInput(
            ConditionKind.TARGET_GROUP_CHANGE,
            date(2027, 6, 1),
            years=5,
            target_group=TargetGroup.UKRAINIAN,
            next_target_group="een doelgroep uit de visie Wonen & Zorg",
            note="De vijf jaar tellen vanaf de verwachte ingebruikname (1 juni 2027).",
        ),
    )


def load_agreements_demo(admin: Any) -> None:
    """The demo's agreements; after the locations are loaded."""
    heemstede = Municipality.objects.get(code="GM0397")
    _heemsteedse_dreef(admin, heemstede)
    _bloemendaal(admin)
    _kerklaan(admin, heemstede)
    _princehof(admin, heemstede)
