"""The demo's decisions and communications: Heemstede's October 2025 round as its council letter of
11 November 2025 tells it. Where the letter gives no day or street, the value is an example and says so."""

from __future__ import annotations

from datetime import date
from typing import Any

from opvangregie.areas.models import Municipality
from opvangregie.communication.models import Audience, Channel, DecisionBody, DecisionKind, Delivery
from opvangregie.communication.services import (
    CommunicationInput,
    DecisionInput,
    communication_record,
    decision_record,
)
from opvangregie.locations.models import Location

LETTER = "Raadsinformatiebericht Heemstede, 11 november 2025"
EXAMPLE = "datum als voorbeeld"


def _kerklaan(admin: Any, heemstede: Municipality) -> None:
    """The college's decision of 30 September, made public on 6 October 2025, and how it was told."""
    kerklaan = Location.objects.get(municipality=heemstede, name="Kerklaan")
    decision = decision_record(
        actor=admin,
        municipality=heemstede,
        data=DecisionInput(
            body=DecisionBody.COLLEGE,
            title="Besluit over de opvang aan de Kerklaan 61",
            decided_on=date(2025, 9, 30),
            made_public_on=date(2025, 10, 6),
            document_reference=LETTER,
            notes="De koppeling van dit besluit aan de Kerklaan is een voorbeeld.",
        ),
        locations=[kerklaan],
    )
    for channel, audience, subject, day, until, detail, delivery, note in (
        (Channel.PRESS_RELEASE, Audience.PRESS, "Persbericht over het besluit", date(2025, 10, 6), None, "", None, ""),
        (Channel.WEBSITE, Audience.RESIDENTS, "Nieuwsbericht op de website", date(2025, 10, 6), None, "", None, ""),
        (
            Channel.LETTER,
            Audience.NEIGHBOURHOOD,
            "Brief aan omwonenden",
            date(2025, 10, 6),
            date(2025, 10, 7),
            "twee buurten rond de locatie (straten als voorbeeld)",
            Delivery.DELIVERED,
            "",
        ),
        (Channel.PHONE, Audience.STAKEHOLDERS, "Belanghebbenden gebeld", date(2025, 10, 6), None, "", None, ""),
        (
            Channel.PRESS_QUESTIONS,
            Audience.PRESS,
            "Vragen van de pers beantwoord",
            date(2025, 10, 7),
            None,
            "",
            None,
            EXAMPLE,
        ),
        (
            Channel.LOCAL_PAPER,
            Audience.RESIDENTS,
            "Gemeentepagina in de Heemsteder",
            date(2025, 10, 8),
            None,
            "",
            None,
            EXAMPLE,
        ),
        (Channel.NEWSLETTER, Audience.RESIDENTS, "Digitale inwonersbrief", date(2025, 10, 9), None, "", None, EXAMPLE),
    ):
        communication_record(
            actor=admin,
            municipality=heemstede,
            data=CommunicationInput(
                channel=channel,
                audience=audience,
                subject=subject,
                sent_on=day,
                sent_until=until,
                audience_detail=detail,
                delivery=delivery,
                notes=note,
            ),
            locations=[kerklaan],
            decision=decision,
        )


def _princehof(admin: Any, heemstede: Municipality) -> None:
    """The sounding board (sign-up until the end of February 2025, meetings on 24 September and 22 October),
    the letter of 13-14 October that not everyone received and was sent again, and the council's binding
    advice asked on the permit."""
    princehof = Location.objects.get(municipality=heemstede, name="Princehof")
    for channel, audience, subject, day, until, delivery, participants, note in (
        (
            Channel.WEBSITE,
            Audience.RESIDENTS,
            "Aanmelden voor de klankbordgroep",
            date(2025, 2, 1),
            date(2025, 2, 28),
            None,
            None,
            "Aanmelden kon tot eind februari 2025 (begindatum als voorbeeld).",
        ),
        (
            Channel.MEETING,
            Audience.SOUNDING_BOARD,
            "Klankbordgroep, eerste bijeenkomst",
            date(2025, 9, 24),
            None,
            None,
            12,
            "Aantal leden als voorbeeld.",
        ),
        (
            Channel.LETTER,
            Audience.NEIGHBOURHOOD,
            "Brief aan omwonenden over de nieuwbouw",
            date(2025, 10, 13),
            date(2025, 10, 14),
            Delivery.SENT_AGAIN,
            None,
            "Niet iedereen heeft de brief ontvangen; hij is opnieuw verstuurd.",
        ),
        (
            Channel.MEETING,
            Audience.SOUNDING_BOARD,
            "Klankbordgroep, tweede bijeenkomst",
            date(2025, 10, 22),
            None,
            None,
            12,
            "Aantal leden als voorbeeld.",
        ),
    ):
        communication_record(
            actor=admin,
            municipality=heemstede,
            data=CommunicationInput(
                channel=channel,
                audience=audience,
                subject=subject,
                sent_on=day,
                sent_until=until,
                audience_detail="Glipperweg e.o." if audience == Audience.NEIGHBOURHOOD else "",
                delivery=delivery,
                participants=participants,
                notes=note,
            ),
            locations=[princehof],
        )
    decision_record(
        actor=admin,
        municipality=heemstede,
        data=DecisionInput(
            body=DecisionBody.COUNCIL,
            kind=DecisionKind.BINDING_ADVICE_REQUESTED,
            title="Bindend advies van de raad gevraagd over de omgevingsvergunning",
            decided_on=date(2025, 11, 11),
            document_reference=LETTER,
        ),
        locations=[princehof],
    )


def load_communication_demo(admin: Any) -> None:
    """The demo's decisions and communications; after the locations are loaded."""
    heemstede = Municipality.objects.get(code="GM0397")
    _kerklaan(admin, heemstede)
    _princehof(admin, heemstede)
