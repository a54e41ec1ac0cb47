"""A corpus of bad input replayed against the web forms as an editor submits them (on SQLite and on
PostgreSQL): every value beyond what the model holds is refused with a 4xx and the form again, and nothing
is written (issue 15: bounds from one source)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import Model

from opvangregie.agreements.models import Agreement, AgreementCondition, AgreementStage
from opvangregie.communication.models import Communication, Decision
from opvangregie.households.models import Household
from opvangregie.locations.models import (
    CapacityChange,
    ExpectedTransition,
    Location,
    LocationEvent,
    OccupancySnapshot,
    Room,
)
from opvangregie.quotas.models import Realisation, ReplyMeasure, SupervisionReply
from opvangregie.sites.models import CandidateSite, SiteStep
from opvangregie.support.models import Programme, QuarterFigures

pytestmark = pytest.mark.django_db
LONG = "x" * 10_000
NEW_SITE = {
    "name": "Kantoor",
    "rd_x": "102600",
    "rd_y": "485100",
    "owner": "private",
    "kind": "office",
    "target_group": "asylum",
    "on": "2025-11-05",
}
AGREEMENTS = "/locatie/{kerklaan}/afspraken/"
NEW_AGREEMENT = {"form": "agreement", "agreement-kind": "lease", "agreement-title": "Huur"}
NEW_CONDITION = {
    "form": "condition",
    "condition-agreement_id": "{kerklaan_agreement}",
    "condition-kind": "max_places",
    "condition-valid_from": "2025-01-01",
    "condition-quantity": "10",
}
LOG = "/gemeente/GM0397/communicatie/"
NEW_DECISION = {
    "form": "decision",
    "decision-body": "college",
    "decision-kind": "decision",
    "decision-title": "Besluit",
    "decision-decided_on": "2025-11-01",
}
NEW_COMMUNICATION = {
    "form": "communication",
    "communication-channel": "letter",
    "communication-audience": "neighbourhood",
    "communication-subject": "Brief",
    "communication-sent_on": "2025-11-01",
}
PROGRAMMES = "/gemeente/GM0397/programmas/"
NEW_PROGRAMME = {"name": "Taalcafé", "kind": "language", "target_group": "all"}
FIGURES = "/gemeente/GM0397/programmas/{work4ukraine}/"
NEW_FIGURES = {"quarter": "2025-Q4", "intakes": "3"}
REPLY = "/gemeente/GM0397/statushouders/reactie/2025-H1/"
NEW_REPLY = {
    "reply-2025-H1-status": "in_preparation",
    "reply-2025-H1-measures-TOTAL_FORMS": "1",
    "reply-2025-H1-measures-INITIAL_FORMS": "0",
}
NEW_LOCATION = {"name": "Nieuw", "target_group": "ukrainian", "status": "planned", "status_date": "2025-11-01"}

# (case, url with {kerklaan} for Kerklaan's id, the form's fields, the model that must not grow)
CORPUS: list[tuple[str, str, dict[str, Any], type[Model]]] = [
    ("location name of 151", "/gemeente/GM0397/locatie/nieuw/", {**NEW_LOCATION, "name": "n" * 151}, Location),
    (
        "location notes of 10,000 in the address",
        "/gemeente/GM0397/locatie/nieuw/",
        {**NEW_LOCATION, "address": LONG},
        Location,
    ),
    ("coordinates of 1e30", "/gemeente/GM0397/locatie/nieuw/", {**NEW_LOCATION, "rd_x": "1e30", "rd_y": "1"}, Location),
    (
        "a date in the year 9999",
        "/gemeente/GM0397/locatie/nieuw/",
        {**NEW_LOCATION, "status_date": "9999-12-31"},
        Location,
    ),
    (
        "negative persons",
        "/locatie/{kerklaan}/snapshot/",
        {"location": "{kerklaan}", "date": "2025-11-05", "persons": "-1"},
        OccupancySnapshot,
    ),
    (
        "persons of 10^12",
        "/locatie/{kerklaan}/snapshot/",
        {"location": "{kerklaan}", "date": "2025-11-05", "persons": str(10**12)},
        OccupancySnapshot,
    ),
    (
        "count note of 10,000",
        "/locatie/{kerklaan}/snapshot/",
        {"location": "{kerklaan}", "date": "2025-11-05", "persons": "3", "note": LONG},
        OccupancySnapshot,
    ),
    (
        "capacity of 10,001",
        "/locatie/{kerklaan}/capacity/",
        {"effective_date": "2026-01-01", "places": "10001"},
        CapacityChange,
    ),
    (
        "capacity of NaN",
        "/locatie/{kerklaan}/capacity/",
        {"effective_date": "2026-01-01", "places": "NaN"},
        CapacityChange,
    ),
    (
        "capacity reason of 10,000",
        "/locatie/{kerklaan}/capacity/",
        {"effective_date": "2026-01-01", "places": "5", "reason": LONG},
        CapacityChange,
    ),
    (
        "decision reference of 101",
        "/locatie/{kerklaan}/capacity/",
        {"effective_date": "2026-01-01", "places": "5", "decision_reference": "d" * 101},
        CapacityChange,
    ),
    (
        "expected note of 10,000",
        "/locatie/{kerklaan}/expected/",
        {"status": "out_of_use", "expected_date": "2030-01-01", "note": LONG},
        ExpectedTransition,
    ),
    (
        "an unknown stage",
        "/locatie/{kerklaan}/expected/",
        {"status": "demolished", "expected_date": "2030-01-01"},
        ExpectedTransition,
    ),
    (
        "event title of 10,000",
        "/locatie/{kerklaan}/event/",
        {"kind": "other", "date": "2025-11-05", "title": LONG},
        LocationEvent,
    ),
    (
        "room name of 51",
        "/locatie/{kerklaan}/room/",
        {"name": "r" * 51, "beds": "2", "floor": "0", "sharing_rule": "none"},
        Room,
    ),
    (
        "a room of 51 beds",
        "/locatie/{kerklaan}/room/",
        {"name": "Z1", "beds": "51", "floor": "0", "sharing_rule": "none"},
        Room,
    ),
    (
        "household reference of 31",
        "/gemeente/GM0397/huishoudens/nieuw/",
        {
            "reference": "R" * 31,
            "registered_on": "2025-11-10",
            "lid-TOTAL_FORMS": "1",
            "lid-INITIAL_FORMS": "0",
            "lid-0-year_of_birth": "1980",
        },
        Household,
    ),
    (
        "realisation of 10^12 persons",
        "/gemeente/GM0397/statushouders/",
        {"date": "2025-11-05", "persons": str(10**12)},
        Realisation,
    ),
    (
        "realisation note of 10,000",
        "/gemeente/GM0397/statushouders/",
        {"date": "2025-11-05", "persons": "1", "note": LONG},
        Realisation,
    ),
    ("site name of 151", "/gemeente/GM0397/kandidaatlocaties/", {**NEW_SITE, "name": "s" * 151}, CandidateSite),
    ("site outside the grid", "/gemeente/GM0397/kandidaatlocaties/", {**NEW_SITE, "rd_x": "900000"}, CandidateSite),
    (
        "site outline outside the Netherlands",
        "/gemeente/GM0397/kandidaatlocaties/",
        {**NEW_SITE, "area_text": "POLYGON ((0 0, 10 0, 10 10, 0 0))", "area_crs": "EPSG:28992"},
        CandidateSite,
    ),
    (
        "site outline in WGS84 given as RD",
        "/gemeente/GM0397/kandidaatlocaties/",
        {**NEW_SITE, "area_text": "POLYGON ((4.6 52.3, 4.7 52.3, 4.7 52.4, 4.6 52.3))", "area_crs": "EPSG:28992"},
        CandidateSite,
    ),
    (
        "site outline that is a line",
        "/gemeente/GM0397/kandidaatlocaties/",
        {**NEW_SITE, "area_text": "LINESTRING (101000 482000, 101100 482100)"},
        CandidateSite,
    ),
    (
        "site outline of 200,001 characters",
        "/gemeente/GM0397/kandidaatlocaties/",
        {**NEW_SITE, "area_text": "P" * 200_001},
        CandidateSite,
    ),
    (
        "site outline in an unknown system",
        "/gemeente/GM0397/kandidaatlocaties/",
        {
            **NEW_SITE,
            "area_text": "POLYGON ((101000 482000, 101100 482000, 101100 482100, 101000 482000))",
            "area_crs": "EPSG:3857",
        },
        CandidateSite,
    ),
    (
        "site of 10,001 places",
        "/gemeente/GM0397/kandidaatlocaties/",
        {**NEW_SITE, "estimated_places": "10001"},
        CandidateSite,
    ),
    ("agreement title of 201", AGREEMENTS, {**NEW_AGREEMENT, "agreement-title": "t" * 201}, Agreement),
    ("agreement notes of 10,000", AGREEMENTS, {**NEW_AGREEMENT, "agreement-notes": LONG}, Agreement),
    ("agreement of an unknown kind", AGREEMENTS, {**NEW_AGREEMENT, "agreement-kind": "treaty"}, Agreement),
    ("agreement ending in 9999", AGREEMENTS, {**NEW_AGREEMENT, "agreement-ends_on": "9999-12-31"}, Agreement),
    (
        "agreement ending before it starts",
        AGREEMENTS,
        {**NEW_AGREEMENT, "agreement-in_force_from": "2025-01-01", "agreement-ends_on": "2024-12-31"},
        Agreement,
    ),
    ("condition of 10,001 places", AGREEMENTS, {**NEW_CONDITION, "condition-quantity": "10001"}, AgreementCondition),
    ("condition of -1 places", AGREEMENTS, {**NEW_CONDITION, "condition-quantity": "-1"}, AgreementCondition),
    ("condition of 0 weeks", AGREEMENTS, {**NEW_CONDITION, "condition-weeks": "0"}, AgreementCondition),
    ("condition age of 121", AGREEMENTS, {**NEW_CONDITION, "condition-max_age": "121"}, AgreementCondition),
    (
        "condition ages reversed",
        AGREEMENTS,
        {**NEW_CONDITION, "condition-kind": "age_range", "condition-min_age": "15", "condition-max_age": "13"},
        AgreementCondition,
    ),
    (
        "condition valid from 0001",
        AGREEMENTS,
        {**NEW_CONDITION, "condition-valid_from": "0001-01-01"},
        AgreementCondition,
    ),
    ("condition of 1e30 months", AGREEMENTS, {**NEW_CONDITION, "condition-months": "1e30"}, AgreementCondition),
    (
        "condition of an unknown agreement",
        AGREEMENTS,
        {**NEW_CONDITION, "condition-agreement_id": "999999"},
        AgreementCondition,
    ),
    (
        "stage in 9999",
        AGREEMENTS,
        {
            "form": "stage",
            "stage-agreement_id": "{kerklaan_agreement}",
            "stage-stage": "decision",
            "stage-reached_on": "9999-01-01",
        },
        AgreementStage,
    ),
    ("decision title of 201", LOG, {**NEW_DECISION, "decision-title": "t" * 201}, Decision),
    ("decision made public in 9999", LOG, {**NEW_DECISION, "decision-made_public_on": "9999-01-01"}, Decision),
    ("decision by an unknown body", LOG, {**NEW_DECISION, "decision-body": "king"}, Decision),
    ("decision about an unknown location", LOG, {**NEW_DECISION, "decision-location_ids": ["999999"]}, Decision),
    (
        "communication of 1e30 participants",
        LOG,
        {**NEW_COMMUNICATION, "communication-participants": "1e30"},
        Communication,
    ),
    (
        "communication of 10,001 participants",
        LOG,
        {**NEW_COMMUNICATION, "communication-participants": "10001"},
        Communication,
    ),
    ("communication notes of 10,000", LOG, {**NEW_COMMUNICATION, "communication-notes": LONG}, Communication),
    (
        "communication ending before it starts",
        LOG,
        {**NEW_COMMUNICATION, "communication-sent_until": "2025-10-31"},
        Communication,
    ),
    (
        "delivery of a press release",
        LOG,
        {**NEW_COMMUNICATION, "communication-channel": "press_release", "communication-delivery": "delivered"},
        Communication,
    ),
    (
        "site step in 9999",
        "/kandidaatlocatie/{site}/",
        {"status": "researched", "effective_date": "9999-01-01"},
        SiteStep,
    ),
    ("programme name of 201", PROGRAMMES, {**NEW_PROGRAMME, "name": "n" * 201}, Programme),
    ("programme description of 10,000", PROGRAMMES, {**NEW_PROGRAMME, "description": LONG}, Programme),
    ("programme of an unknown kind", PROGRAMMES, {**NEW_PROGRAMME, "kind": "work_guidance'--"}, Programme),
    (
        "programme ending before it starts",
        PROGRAMMES,
        {**NEW_PROGRAMME, "starts_on": "2025-06-01", "ends_on": "2025-05-01"},
        Programme,
    ),
    ("programme starting in 9999", PROGRAMMES, {**NEW_PROGRAMME, "starts_on": "9999-01-01"}, Programme),
    (
        "residents of municipal locations in a programme for all",
        PROGRAMMES,
        {**NEW_PROGRAMME, "for_municipal_residents": "on"},
        Programme,
    ),
    ("intakes of 10^12", FIGURES, {**NEW_FIGURES, "intakes": str(10**12)}, QuarterFigures),
    ("negative persons in guidance", FIGURES, {**NEW_FIGURES, "in_guidance": "-1"}, QuarterFigures),
    ("participants beyond the maximum", FIGURES, {**NEW_FIGURES, "participants": "100001"}, QuarterFigures),
    ("a quarter not offered", FIGURES, {**NEW_FIGURES, "quarter": "1999-Q1"}, QuarterFigures),
    ("a quarter before the programme", FIGURES, {**NEW_FIGURES, "quarter": "2025-Q3"}, QuarterFigures),
    ("figures note of 10,000", FIGURES, {**NEW_FIGURES, "note": LONG}, QuarterFigures),
    ("no figure at all", FIGURES, {"quarter": "2025-Q4"}, QuarterFigures),
    ("reply summary of 10,000", REPLY, {**NEW_REPLY, "reply-2025-H1-summary": LONG}, SupervisionReply),
    ("reply of an unknown status", REPLY, {**NEW_REPLY, "reply-2025-H1-status": "sent"}, SupervisionReply),
    (
        "reply received in 9999",
        REPLY,
        {**NEW_REPLY, "reply-2025-H1-status": "received", "reply-2025-H1-received_on": "9999-01-01"},
        SupervisionReply,
    ),
    ("measure of 301", REPLY, {**NEW_REPLY, "reply-2025-H1-measures-0-description": "m" * 301}, ReplyMeasure),
    (
        "measure due in 9999",
        REPLY,
        {
            **NEW_REPLY,
            "reply-2025-H1-measures-0-description": "m",
            "reply-2025-H1-measures-0-target_date": "9999-01-01",
        },
        ReplyMeasure,
    ),
    ("eleven measures", REPLY, {**NEW_REPLY, "reply-2025-H1-measures-TOTAL_FORMS": "11"}, ReplyMeasure),
]


@pytest.mark.parametrize(("case", "url", "fields", "model"), CORPUS, ids=[case[0] for case in CORPUS])
def test_bad_input_in_a_form_is_refused_and_nothing_is_written(
    login: Callable[[str], Any], case: str, url: str, fields: dict[str, Any], model: type[Model]
) -> None:
    kerklaan = str(Location.objects.get(name="Kerklaan").pk)
    kerklaan_agreement = str(Agreement.objects.filter(locations__name="Kerklaan").values_list("pk", flat=True)[0])
    url = url.replace("{site}", str(CandidateSite.objects.get(name="SEIN-terrein").pk))
    url = url.replace("{work4ukraine}", str(Programme.objects.get(name="Work4Ukraine").pk))
    data = {
        name: value.replace("{kerklaan}", kerklaan).replace("{kerklaan_agreement}", kerklaan_agreement)
        if isinstance(value, str)
        else value
        for name, value in fields.items()
    }
    before = model.objects.count()  # type: ignore[attr-defined]
    history = model.history.count()  # type: ignore[attr-defined]
    response = login("heemstede").post(url.replace("{kerklaan}", kerklaan), data)
    assert 400 <= response.status_code < 500, (case, response.status_code)
    assert model.objects.count() == before  # type: ignore[attr-defined]
    assert model.history.count() == history  # type: ignore[attr-defined]
    assert "<form" in response.content.decode()  # the form again, with what to correct


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "9999-12-31"])
def test_implausible_dates_are_refused_by_the_services_behind_every_form(login, day: str) -> None:
    kerklaan = Location.objects.get(name="Kerklaan").pk
    client = login("heemstede")
    before = (CapacityChange.history.count(), ExpectedTransition.history.count(), LocationEvent.history.count())
    for url, fields in (
        (f"/locatie/{kerklaan}/capacity/", {"effective_date": day, "places": "5"}),
        (f"/locatie/{kerklaan}/expected/", {"status": "out_of_use", "expected_date": day}),
        (f"/locatie/{kerklaan}/event/", {"kind": "other", "date": day, "title": "x"}),
    ):
        response = client.post(url, fields)
        assert response.status_code == 422, (url, day)
        assert "niet aannemelijk" in response.content.decode() or "geldige datum" in response.content.decode()
    after = (CapacityChange.history.count(), ExpectedTransition.history.count(), LocationEvent.history.count())
    assert after == before
