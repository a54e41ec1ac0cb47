"""The decision and communication log (issue 18, item 2): who records and sees what, the rules of an entry,
the location's and the site's timeline, the council letter's location news, the demo's October 2025 round."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.test import Client
from docx import Document

from opvangregie.areas.models import Municipality
from opvangregie.communication import selectors
from opvangregie.communication.models import Audience, Channel, Communication, Decision, DecisionBody, Delivery
from opvangregie.communication.services import (
    CommunicationInput,
    DecisionInput,
    communication_record,
    decision_record,
    delivery_set,
    entry_delete,
)
from opvangregie.core.errors import PermissionDenied, ValidationError
from opvangregie.core.periods import Quarter
from opvangregie.locations.models import Location
from opvangregie.locations.timeline import location_timeline
from opvangregie.reports.documents import council_letter_docx, council_letter_html
from opvangregie.reports.selectors import council_letter
from opvangregie.sites.models import CandidateSite, SiteStatus

pytestmark = pytest.mark.django_db

LETTER = CommunicationInput(
    channel=Channel.LETTER,
    audience=Audience.NEIGHBOURHOOD,
    subject="Brief aan de Binnenweg",
    sent_on=date(2025, 11, 3),
    audience_detail="Binnenweg 150-170",
)


def _heemstede() -> Municipality:
    return Municipality.objects.get(code="GM0397")


def _location(name: str) -> Location:
    return Location.objects.get(municipality__code="GM0397", name=name)


def test_the_officer_records_a_decision_and_its_letter_with_history(users: dict[str, Any]) -> None:
    heemstede, kerklaan = _heemstede(), _location("Kerklaan")
    decision = decision_record(
        actor=users["heemstede"],
        municipality=heemstede,
        data=DecisionInput(body=DecisionBody.COLLEGE, title="Uitbreiding", decided_on=date(2025, 11, 4)),
        locations=[kerklaan],
    )
    letter = communication_record(
        actor=users["heemstede"], municipality=heemstede, data=LETTER, locations=[kerklaan], decision=decision
    )
    assert decision.history.first().history_user == users["heemstede"]
    assert letter.history.first().history_user == users["heemstede"]
    delivery_set(actor=users["heemstede"], communication=letter, delivery=Delivery.PROBLEMS)
    assert Communication.objects.get(pk=letter.pk).delivery == "problems"
    assert letter.history.first().delivery == "problems"  # the change is in the history, with who made it
    assert letter.history.first().history_user == users["heemstede"]
    letter_id = letter.pk
    entry_delete(actor=users["heemstede"], entry=letter)
    assert not Communication.objects.filter(pk=letter_id).exists()
    assert Communication.history.filter(id=letter_id, history_type="-").exists()  # the history keeps it


@pytest.mark.parametrize("role", ["raadslid", "haarlem", "kennemerland", "noordholland", "coa", "rijk"])
def test_only_the_municipalitys_own_editors_record_its_log(users: dict[str, Any], role: str) -> None:
    heemstede = _heemstede()
    before = (Decision.objects.count(), Communication.objects.count())
    with pytest.raises(PermissionDenied):
        communication_record(actor=users[role], municipality=heemstede, data=LETTER)
    with pytest.raises(PermissionDenied):
        decision_record(
            actor=users[role],
            municipality=heemstede,
            data=DecisionInput(body=DecisionBody.COUNCIL, title="x", decided_on=date(2025, 11, 4)),
        )
    existing = Communication.objects.filter(municipality=heemstede).first()
    with pytest.raises(PermissionDenied):
        delivery_set(actor=users[role], communication=existing, delivery=Delivery.DELIVERED)
    with pytest.raises(PermissionDenied):
        entry_delete(actor=users[role], entry=existing)
    assert (Decision.objects.count(), Communication.objects.count()) == before


def test_haarlem_records_its_own_but_cannot_name_heemsteedse_locations(users: dict[str, Any]) -> None:
    haarlem = Municipality.objects.get(name="Haarlem")
    own = communication_record(actor=users["haarlem"], municipality=haarlem, data=LETTER)
    assert own.municipality == haarlem
    with pytest.raises(ValidationError, match="eigen gemeente"):
        communication_record(
            actor=users["haarlem"], municipality=haarlem, data=LETTER, locations=[_location("Kerklaan")]
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sent_until": date(2025, 11, 2)}, "vóór de begindatum"),
        ({"subject": "  "}, "onderwerp"),
        ({"channel": Channel.WEBSITE, "delivery": Delivery.DELIVERED}, "alleen bij een brief"),
        ({"sent_on": date(1999, 12, 31)}, "niet aannemelijk"),
    ],
)
def test_a_communication_that_cannot_be_is_refused(users: dict[str, Any], change: dict[str, Any], message: str) -> None:
    data = _with(LETTER, change)
    with pytest.raises(ValidationError, match=message):
        communication_record(actor=users["heemstede"], municipality=_heemstede(), data=data)


def _with(data: CommunicationInput, change: dict[str, Any]) -> CommunicationInput:
    from dataclasses import replace

    return replace(data, **change)


def test_a_decision_is_not_made_public_before_it_is_taken(users: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="vóór het genomen"):
        decision_record(
            actor=users["heemstede"],
            municipality=_heemstede(),
            data=DecisionInput(
                body=DecisionBody.COLLEGE, title="x", decided_on=date(2025, 10, 1), made_public_on=date(2025, 9, 30)
            ),
        )


def test_the_demo_round_of_october_2025_is_on_the_locations_timelines(users: dict[str, Any]) -> None:
    kerklaan = location_timeline(actor=users["raadslid"], location=_location("Kerklaan"))
    lines = [(entry.on, entry.title) for entry in kerklaan]
    assert (date(2025, 9, 30), "Besluit over de opvang aan de Kerklaan 61") in lines
    assert [on for on, title in lines if title == "Brief aan omwonenden"] == [date(2025, 10, 6)]
    letter = next(entry for entry in kerklaan if entry.title == "Brief aan omwonenden")
    assert letter.until == date(2025, 10, 7)
    princehof = location_timeline(actor=users["raadslid"], location=_location("Princehof"))
    resent = next(entry for entry in princehof if entry.title == "Brief aan omwonenden over de nieuwbouw")
    assert (resent.on, resent.until) == (date(2025, 10, 13), date(2025, 10, 14))
    assert any("sent again" in line or "opnieuw verstuurd" in line for line in resent.details)
    log = selectors.municipality_log(actor=users["heemstede"], municipality=_heemstede())
    assert log.sounding_board_members == 12


def test_an_entry_about_a_confidential_site_is_seen_by_its_officers_only(users: dict[str, Any]) -> None:
    heemstede = _heemstede()
    idea = CandidateSite.objects.get(municipality=heemstede, status=SiteStatus.IDEA)
    communication_record(
        actor=users["heemstede"],
        municipality=heemstede,
        data=CommunicationInput(
            channel=Channel.PHONE, audience=Audience.STAKEHOLDERS, subject="Eigenaar gebeld", sent_on=date(2025, 11, 5)
        ),
        sites=[idea],
    )

    def subjects(role: str) -> list[str]:
        log = selectors.municipality_log(actor=users[role], municipality=heemstede)
        return [c.subject for c in log.communications]

    assert "Eigenaar gebeld" in subjects("heemstede")
    assert "Eigenaar gebeld" not in subjects("raadslid")
    assert "Eigenaar gebeld" not in subjects("noordholland")
    assert [e.title for e in selectors.timeline_entries(users["heemstede"], idea)] == ["Eigenaar gebeld"]
    assert selectors.timeline_entries(users["raadslid"], idea) == []


def test_the_q4_letter_carries_the_communications_in_its_location_news(users: dict[str, Any]) -> None:
    letter = council_letter(actor=users["heemstede"], municipality=_heemstede(), quarter=Quarter.parse("2025-Q4"))
    news = {item.location.name: [line.text for line in item.log] for item in letter.news}
    # The decision of 30 September counts in Q4: it was made public on 6 October.
    assert news["Kerklaan"][0] == (
        "Besluit (college van burgemeester en wethouders): Besluit over de opvang aan de Kerklaan 61; "
        "openbaar gemaakt op 6 oktober 2025"
    )
    assert (
        "brief — Brief aan omwonenden over de nieuwbouw, aan buurtbewoners (Glipperweg e.o.) (opnieuw verstuurd)"
        in (news["Princehof"])
    )
    html = council_letter_html(letter)
    assert "6 oktober 2025 – 7 oktober 2025: brief — Brief aan omwonenden" in html
    document = Document(io.BytesIO(council_letter_docx(letter)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "13 oktober 2025 – 14 oktober 2025: brief — Brief aan omwonenden over de nieuwbouw" in text
    assert "klankbordgroep; 12 deelnemers" in text


def test_the_page_lists_the_log_and_takes_a_decision_from_its_form(login: Any) -> None:
    client: Client = login("heemstede")
    url = "/gemeente/GM0397/communicatie/"
    page = client.get(url).content.decode()
    assert "Persbericht over het besluit" in page
    assert 'id="decision-form"' in page
    kerklaan = _location("Kerklaan")
    response = client.post(
        url,
        {
            "form": "decision",
            "decision-body": "council",
            "decision-kind": "binding_advice",
            "decision-title": "Bindend advies omgevingsvergunning",
            "decision-decided_on": "2025-11-06",
            "decision-location_ids": [kerklaan.pk],
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(title="Bindend advies omgevingsvergunning")
    assert list(decision.locations.all()) == [kerklaan]
    refused = client.post(url, {"form": "decision", "decision-body": "council", "decision-title": "x"})
    assert refused.status_code == 422
    assert login("raadslid").post(url, {"form": "decision"}).status_code == 403
    reader_page = login("raadslid").get(url).content.decode()
    assert "Persbericht over het besluit" in reader_page
    assert 'id="decision-form"' not in reader_page
