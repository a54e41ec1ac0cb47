"""Support programmes: permissions, figures as sentences with their reference period, the share of the residents
of municipal locations, the council letter's sections, the import (all or nothing), the pages and the API."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from opvangregie.areas.models import Municipality
from opvangregie.core.errors import PermissionDenied, ValidationError
from opvangregie.core.periods import Quarter
from opvangregie.core.support import MAX_FIGURE, Share, residents_share
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations.models import Location
from opvangregie.support import selectors, services
from opvangregie.support.models import LetterSectionKind, Programme, ProgrammeKind, ProgrammeTarget, QuarterFigures
from opvangregie.support.services import FiguresInput, ProgrammeInput

pytestmark = pytest.mark.django_db
Q3, Q4 = Quarter(2025, 3), Quarter(2025, 4)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The texts are checked by their English msgids (the Dutch come with the translations)."""
    with translation.override("en"):
        yield


def _heemstede() -> Municipality:
    return Municipality.objects.get(code="GM0397")


def _programme(name: str) -> Programme:
    return Programme.objects.get(municipality__code="GM0397", name=name)


def _new(users: dict[str, Any], **changes: Any) -> Programme:
    data = {"name": "Taalcafé", "kind": ProgrammeKind.LANGUAGE, "target_group": ProgrammeTarget.ALL, **changes}
    return services.programme_create(actor=users["heemstede"], municipality=_heemstede(), data=ProgrammeInput(**data))


# --- the rule ------------------------------------------------------------------------------------------------


@given(count=st.integers(0, MAX_FIGURE), residents=st.integers(0, MAX_FIGURE))
def test_a_share_needs_residents(count: int, residents: int) -> None:
    share = residents_share(count, residents)
    assert (share is None) == (residents == 0)
    assert share is None or share == Share(count, residents)
    assert residents_share(None, residents) is None


# --- the demo ------------------------------------------------------------------------------------------------


def test_the_demo_has_heemstedes_four_programmes() -> None:
    programmes = {p.name: p for p in Programme.objects.filter(municipality__code="GM0397")}
    assert len(programmes) == 4
    assert programmes["Circles of Change"].ends_on == date(2025, 11, 12)
    assert programmes["Circles of Change"].letter_section == LetterSectionKind.MENTAL_WELLBEING
    assert programmes["Work4Ukraine"].for_municipal_residents
    assert programmes["Work4Ukraine"].letter_section == LetterSectionKind.WORK_AND_INCOME


# --- who may write -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["raadslid", "haarlem", "kennemerland", "noordholland", "coa", "rijk"])
def test_only_the_municipalitys_editors_record_programmes_and_figures(users: dict[str, Any], role: str) -> None:
    programme = _programme("Work4Ukraine")
    before = (Programme.history.count(), QuarterFigures.history.count())
    with pytest.raises(PermissionDenied):
        services.programme_create(
            actor=users[role],
            municipality=_heemstede(),
            data=ProgrammeInput(name="x", kind=ProgrammeKind.OTHER, target_group=ProgrammeTarget.ALL),
        )
    with pytest.raises(PermissionDenied):
        services.figures_record(actor=users[role], programme=programme, data=FiguresInput(Q4, intakes=1))
    with pytest.raises(PermissionDenied):
        services.figures_import(actor=users[role], municipality=_heemstede(), file_name="a.csv", content=b"x")
    assert (Programme.history.count(), QuarterFigures.history.count()) == before


def test_writes_are_audited_with_the_actor(users: dict[str, Any]) -> None:
    programme = _new(users)
    figures = services.figures_record(
        actor=users["heemstede"], programme=programme, data=FiguresInput(Q4, participants=5)
    )
    services.figures_record(actor=users["heemstede"], programme=programme, data=FiguresInput(Q4, participants=6))
    assert programme.history.get().history_user == users["heemstede"]
    history = list(figures.history.order_by("history_date"))
    assert [h.participants for h in history] == [5, 6]  # a quarter entered again is corrected, not doubled
    assert {h.history_user for h in history} == {users["heemstede"]}
    assert history[-1].history_change_reason == "figures corrected"
    assert QuarterFigures.objects.filter(programme=programme).count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": " "}, "naam"),
        ({"starts_on": date(2025, 6, 1), "ends_on": date(2025, 5, 1)}, "vóór de startdatum"),
        ({"for_municipal_residents": True}, "Oekraïense ontheemden"),  # target group: all
        ({"starts_on": date(9999, 1, 1)}, "niet aannemelijk"),
    ],
)
def test_a_programme_is_refused_with_a_reason(users: dict[str, Any], changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _new(users, **changes)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (FiguresInput(Q4), "minstens één"),
        (FiguresInput(Q4, intakes=-1), "tussen 0 en"),
        (FiguresInput(Q4, participants=MAX_FIGURE + 1), "tussen 0 en"),
        (FiguresInput(Quarter(2025, 3), intakes=1), "begon pas"),  # Work4Ukraine starts 1 November 2025
    ],
)
def test_figures_are_refused_with_a_reason(users: dict[str, Any], data: FiguresInput, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        services.figures_record(actor=users["heemstede"], programme=_programme("Work4Ukraine"), data=data)


# --- figures as sentences, the denominator -------------------------------------------------------------------


def test_residents_of_municipal_locations_are_the_persons_in_ukrainian_locations() -> None:
    heemstede = _heemstede()
    assert selectors.municipal_residents(municipality=heemstede, on=date(2025, 11, 1)) == 115  # the dashboard's
    assert selectors.municipal_residents(municipality=heemstede, on=date(1999, 1, 1)) is None  # nothing counted


def test_work4ukraine_reads_against_the_residents_at_the_quarters_end(users: dict[str, Any]) -> None:
    view = selectors.programme_get(
        actor=users["raadslid"], municipality=_heemstede(), programme_id=_programme("Work4Ukraine").pk
    )
    (row,) = view.figures
    residents = selectors.municipal_residents(municipality=_heemstede(), on=Q4.end)
    assert row.residents == residents
    assert row.sentence == (
        f"Work4Ukraine: 23 intakes in the fourth quarter of 2025 (residents of municipal locations: 23 of {residents})"
    )


def test_the_denominator_follows_the_register(users: dict[str, Any]) -> None:
    from opvangregie.locations.services import OccupancyInput, occupancy_record

    location = Location.objects.get(municipality__code="GM0397", name="Kerklaan")
    assert location.target_group == TargetGroup.UKRAINIAN
    before = selectors.municipal_residents(municipality=_heemstede(), on=Q4.end)
    current = selectors.municipal_residents(municipality=_heemstede(), on=date(2025, 11, 11))
    assert before == current
    snapshot = location.snapshots.order_by("-date").first()
    assert snapshot is not None
    assert snapshot.date < date(2025, 11, 11)
    occupancy_record(
        actor=users["heemstede"],
        location=location,
        data=OccupancyInput(on=date(2025, 11, 11), persons=snapshot.persons + 5, households=snapshot.households),
    )
    assert selectors.municipal_residents(municipality=_heemstede(), on=Q4.end) == before + 5
    (row,) = selectors.programme_get(
        actor=users["heemstede"], municipality=_heemstede(), programme_id=_programme("Work4Ukraine").pk
    ).figures
    assert row.sentence.endswith(f"23 of {before + 5})")


def test_sentences_name_every_figure_and_no_share_without_residents_programme(users: dict[str, Any]) -> None:
    view = selectors.programme_get(
        actor=users["heemstede"],
        municipality=_heemstede(),
        programme_id=_programme("Werkbegeleiding Werkgeversservicepunt").pk,
    )
    assert [row.sentence for row in view.figures] == [
        "Werkbegeleiding Werkgeversservicepunt: 14 persons in guidance and 3 persons found work in the third quarter "
        "of 2025",
        "Werkbegeleiding Werkgeversservicepunt: 16 persons in guidance, 2 persons found work and 22 participants in "
        "the fourth quarter of 2025",
    ]


def test_several_figures_of_a_residents_programme_each_get_their_share(users: dict[str, Any]) -> None:
    programme = _programme("Work4Ukraine")
    services.figures_record(
        actor=users["heemstede"], programme=programme, data=FiguresInput(Q4, intakes=1234, in_guidance=12)
    )
    (row,) = selectors.programme_get(
        actor=users["heemstede"], municipality=_heemstede(), programme_id=programme.pk
    ).figures
    residents = row.residents
    assert row.sentence == (
        "Work4Ukraine: 1,234 intakes and 12 persons in guidance in the fourth quarter of 2025 (residents of municipal "
        f"locations: intakes 1,234 of {residents}, in guidance 12 of {residents})"
    )
    assert "in_guidance" not in row.sentence


# --- the council letter --------------------------------------------------------------------------------------


def test_letter_sections_of_heemstede_q4_2025() -> None:
    sections = selectors.letter_sections(municipality=_heemstede(), quarter=Q4, language="en")
    assert [s.kind for s in sections] == ["work_income", "mental_wellbeing"]
    work, mental = sections
    residents = 115  # the persons counted in Heemstede's Ukrainian locations, the letter's "Totaal Heemstede"
    assert work.lines == (
        "Werkbegeleiding Werkgeversservicepunt: 16 persons in guidance, 2 persons found work and 22 participants in "
        "the fourth quarter of 2025",
        f"Work4Ukraine: 23 intakes in the fourth quarter of 2025 (residents of municipal locations: 23 of {residents})",
    )
    assert mental.lines[0] == "Circles of Change: 10 participants in the fourth quarter of 2025"
    assert mental.lines[1].startswith("Projectevaluatie Verhoogde Betrokkenheid Oekraïne-locaties: no figures known")
    assert all("_" not in line for s in sections for line in s.lines)  # no internal codes


def test_letter_sections_look_back_to_the_latest_figures_with_their_own_period() -> None:
    q2 = Quarter(2026, 2)
    sections = {s.kind: s for s in selectors.letter_sections(municipality=_heemstede(), quarter=q2, language="en")}
    # Circles of Change ended 12 November 2025: the letter of the second quarter of 2026 (looking back to the
    # first) leaves it out
    assert not any("Circles" in line for line in sections["mental_wellbeing"].lines)
    assert sections["work_income"].lines[1].startswith("Work4Ukraine: 23 intakes in the fourth quarter of 2025")
    q3 = selectors.letter_sections(municipality=_heemstede(), quarter=Q3, language="en")
    assert not any("Work4Ukraine" in line for s in q3 for line in s.lines)  # it starts in November


def test_the_letters_sentences_are_dutch_once_translated() -> None:
    work, mental = selectors.letter_sections(municipality=_heemstede(), quarter=Q4)
    residents = 115  # the persons counted in Heemstede's Ukrainian locations, the letter's "Totaal Heemstede"
    assert (work.title, mental.title) == ("Werk en inkomen", "Mentaal welzijn")
    assert work.lines[1] == (
        f"Work4Ukraine: 23 intakes in het vierde kwartaal van 2025 (bewoners van gemeentelijke locaties: 23 van de "
        f"{residents})"
    )
    assert mental.lines[0] == "Circles of Change: 10 deelnemers in het vierde kwartaal van 2025"


def test_a_municipality_without_programmes_has_no_sections() -> None:
    assert selectors.letter_sections(municipality=Municipality.objects.get(code="GM0344"), quarter=Q4) == []


# --- the import ----------------------------------------------------------------------------------------------


def test_import_all_rows(users: dict[str, Any]) -> None:
    content = (
        b"programma;kwartaal;intakes;in_begeleiding;werk_gevonden;deelnemers;opmerking\n"
        b"Work4Ukraine;2025-Q4;30;;;;bijgewerkt\n"
        b"circles of change;2025-Q2;;;;8;\n"
    )
    count = services.figures_import(
        actor=users["heemstede"], municipality=_heemstede(), file_name="c.csv", content=content
    )
    assert count == 2
    assert QuarterFigures.objects.get(programme=_programme("Work4Ukraine"), quarter="2025-Q4").intakes == 30
    assert QuarterFigures.objects.get(programme=_programme("Circles of Change"), quarter="2025-Q2").participants == 8


def test_import_refuses_the_whole_file_with_a_report_per_row(users: dict[str, Any]) -> None:
    from opvangregie.ui.imports import ImportRefused

    content = (
        b"programma;kwartaal;intakes;deelnemers\n"
        b"Work4Ukraine;2025-Q4;30;\n"  # fine on its own
        b"Onbekend;2025-Q4;1;\n"
        b"Circles of Change;2025-Q5;;3\n"
        b"Circles of Change;2025-Q3;-4;\n"
        b"Work4Ukraine;2025-Q4;31;\n"  # twice
        b"Circles of Change;2025-Q2;;\n"  # no figure
    )
    before = QuarterFigures.history.count()
    with pytest.raises(ImportRefused) as refused:
        services.figures_import(actor=users["heemstede"], municipality=_heemstede(), file_name="c.csv", content=content)
    lines = {e["regel"]: e["melding"] for e in refused.value.details["errors"]}
    assert sorted(lines) == [3, 4, 5, 6, 7]
    assert "onbekend programma" in lines[3]
    assert "kwartaal" in lines[4].lower()
    assert "tussen 0 en" in lines[5]
    assert "regel 2" in lines[6]
    assert "minstens één" in lines[7]
    assert QuarterFigures.history.count() == before
    assert QuarterFigures.objects.get(programme=_programme("Work4Ukraine"), quarter="2025-Q4").intakes == 23


def test_import_an_xlsx(users: dict[str, Any]) -> None:
    import io

    from openpyxl import load_workbook

    from opvangregie.ui.tables import ImportTemplate

    template = ImportTemplate("t.xlsx", services.FIGURE_COLUMNS, services.FIGURE_OPTIONAL).xlsx()
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    row = {"programma": "Circles of Change", "kwartaal": "2025-Q3", "deelnemers": 13}
    sheet.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    services.figures_import(
        actor=users["heemstede"], municipality=_heemstede(), file_name="c.xlsx", content=buffer.getvalue()
    )
    assert QuarterFigures.objects.get(programme=_programme("Circles of Change"), quarter="2025-Q3").participants == 13


# --- pages and API -------------------------------------------------------------------------------------------


def test_the_list_page_and_adding_a_programme(login: Callable[[str], Any]) -> None:
    client = login("heemstede")
    page = client.get("/gemeente/GM0397/programmas/").content.decode()
    assert "Work4Ukraine" in page
    assert 'id="programme-form"' in page
    response = client.post(
        "/gemeente/GM0397/programmas/",
        {"name": "Taalmaatjes", "kind": "language", "target_group": "ukrainian", "letter_section": ""},
    )
    assert response.status_code == 302
    programme = _programme("Taalmaatjes")
    assert response["Location"] == f"/gemeente/GM0397/programmas/{programme.pk}/"
    assert programme.letter_section == ""


def test_readers_read_without_forms(login: Callable[[str], Any]) -> None:
    for role in ("raadslid", "kennemerland", "noordholland", "rijk"):
        page = login(role).get("/gemeente/GM0397/programmas/").content.decode()
        assert "Work4Ukraine" in page, role
        assert 'id="programme-form"' not in page, role
        programme = login(role).get(f"/gemeente/GM0397/programmas/{_programme('Work4Ukraine').pk}/")
        assert programme.status_code == 200
        assert 'id="figures-form"' not in programme.content.decode()
        assert login(role).post(f"/gemeente/GM0397/programmas/{_programme('Work4Ukraine').pk}/", {}).status_code == 403


def test_entering_a_quarters_figures_on_the_programme_page(login: Callable[[str], Any]) -> None:
    programme = _programme("Circles of Change")
    client = login("heemstede")
    response = client.post(
        f"/gemeente/GM0397/programmas/{programme.pk}/", {"quarter": "2025-Q4", "participants": "11", "note": "n"}
    )
    assert response.status_code == 302
    assert QuarterFigures.objects.get(programme=programme, quarter="2025-Q4").participants == 11
    refused = client.post(f"/gemeente/GM0397/programmas/{programme.pk}/", {"quarter": "2025-Q4", "participants": "-1"})
    assert refused.status_code == 422


def test_another_municipalitys_programme_is_not_found(login: Callable[[str], Any]) -> None:
    programme = _programme("Work4Ukraine")
    assert login("haarlem").get(f"/gemeente/GM0397/programmas/{programme.pk}/").status_code == 404
    assert login("beheerder").get(f"/gemeente/GM0392/programmas/{programme.pk}/").status_code == 404


def test_api_lists_programmes_with_figures(as_user: Callable[[str], Any]) -> None:
    response = as_user("raadslid").get("/api/municipalities/GM0397/programmes")
    assert response.status_code == 200
    body = {p["name"]: p for p in response.json()}
    work = body["Work4Ukraine"]
    assert (work["kind"], work["letter_section"]) == ("intakes", "work_income")
    assert (work["figures"][0]["quarter"], work["figures"][0]["intakes"]) == ("2025-Q4", 23)
    assert work["figures"][0]["residents"] is not None
    assert body["Circles of Change"]["figures"][0]["residents"] is None
    assert as_user("haarlem").get("/api/municipalities/GM0397/programmes").status_code == 404
