"""The forward look (issue 16): places per quarter against the target, scenarios, page = API = command."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command

from opvangregie.core.periods import Quarter
from opvangregie.core.target_groups import TargetGroup
from opvangregie.locations.models import Location
from opvangregie.reports.forward import ScenarioRequest, forward_look

pytestmark = pytest.mark.django_db
TODAY = date(2025, 11, 11)  # the seed letter's date


def _heemstede(users: dict, scenario: ScenarioRequest | None = None):
    location = Location.objects.get(name="Kerklaan")
    return forward_look(
        actor=users["heemstede"], municipality_ids=[location.municipality_id], today=TODAY, scenario=scenario
    )


def test_princehof_comes_in_2027_and_glipperweg_stays_gone(users: dict) -> None:
    look = _heemstede(users)
    rows = look.rows(TargetGroup.UKRAINIAN)
    assert [str(line.period) for line in rows] == [
        "2025-Q4",
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
        "2026-Q4",
        "2027-Q1",
        "2027-Q2",
        "2027-Q3",
    ]
    assert {line.target for line in rows} == {164}
    before, after = rows[5], rows[6]  # Princehof expected in use on 1 June 2027 with 48 places
    assert after.places - before.places == 48
    assert (before.expected_places, after.expected_places) == (0, 48)
    names = {part.name for part in before.parts if part.places}
    assert "Glipperweg" not in names
    assert "Princehof" not in names


def test_a_scenario_moves_only_its_location_and_changes_nothing(users: dict) -> None:
    princehof = Location.objects.get(name="Princehof")
    look = _heemstede(users, ScenarioRequest(princehof.pk, shift_months=3))
    assert look.comparison is not None
    differences = {str(d.period): d.difference for d in look.scenario_rows(TargetGroup.UKRAINIAN)}
    assert differences["2027-Q2"] == -48
    assert {v for k, v in differences.items() if k != "2027-Q2"} == {0}
    assert look.comparison.scenario.name == "Princehof: 3 maanden later"
    assert _heemstede(users).rows(TargetGroup.UKRAINIAN)[6].places == look.rows(TargetGroup.UKRAINIAN)[6].places


def test_the_demo_scenario_dreef_from_16_to_20(users: dict) -> None:
    dreef = Location.objects.get(name="Heemsteedse Dreef")
    look = _heemstede(users, ScenarioRequest(dreef.pk, capacity=20, capacity_from=date(2026, 9, 1)))
    differences = {d.period: d.difference for d in look.scenario_rows(TargetGroup.AMV)}
    assert differences[Quarter(2026, 2)] == 0
    assert differences[Quarter(2026, 3)] == 4


def test_the_command_prints_what_the_api_answers(users: dict, as_user) -> None:
    out = io.StringIO()
    call_command("project", municipality="GM0397", quarters=8, csv=True, date=TODAY, user="heemstede", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split(";")[:4] == ["kwartaal", "einddatum", "doelgroep", "plekken"]
    printed = {
        (cells[0], cells[3]) for cells in (line.split(";") for line in lines[1:]) if cells[2] == "Oekraïense ontheemden"
    }
    body = as_user("heemstede").get("/api/municipalities/GM0397/projection?quarters=8&on=2025-11-11").json()
    answered = {(line["period"], str(line["places"])) for line in body["lines"] if line["target_group"] == "ukrainian"}
    assert printed == answered
    assert len(printed) == 8


def test_an_area_of_several_municipalities_names_the_municipality_of_each_location(users: dict) -> None:
    from opvangregie.areas.models import Region
    from opvangregie.reports.forward import scenario_locations

    region = Region.objects.get(slug="kennemerland")
    labels = [
        label
        for _, label in scenario_locations(
            actor=users["kennemerland"], municipality_ids=list(region.members.values_list("pk", flat=True))
        )
    ]
    assert "Kerklaan (Heemstede)" in labels
    assert len(labels) == len(set(labels))


def test_the_command_shows_the_dreef_scenario(users: dict) -> None:
    dreef = Location.objects.get(name="Heemsteedse Dreef")
    out = io.StringIO()
    call_command(
        "project",
        municipality="GM0397",
        quarters=4,
        csv=True,
        date=TODAY,
        user="heemstede",
        scenario_location=dreef.pk,
        places=20,
        places_from=date(2026, 9, 1),
        stdout=out,
    )
    amv = [line.split(";") for line in out.getvalue().splitlines()[1:] if line.split(";")[2] == "amv"]
    assert [(cells[0], cells[3]) for cells in amv] == [
        ("2025-Q4", "16"),
        ("2026-Q1", "16"),
        ("2026-Q2", "16"),
        ("2026-Q3", "20"),
    ]


def test_the_dashboard_shows_the_next_eight_quarters(login) -> None:
    page = login("heemstede").get("/gemeente/GM0397/?datum=2025-11-11").content.decode()
    table = page[page.index('id="forward-ukrainian"') : page.index("</table>", page.index('id="forward-ukrainian"'))]
    assert table.count('data-quarter="20') == 8
    assert 'data-quarter="2027-Q2"' in table


def test_who_may_not_look_ahead_at_another_municipality(login, as_user) -> None:
    assert login("haarlem").get("/gemeente/GM0397/verwachting/").status_code == 404
    assert as_user("haarlem").get("/api/municipalities/GM0397/projection").status_code == 404
    assert login("raadslid").get("/gemeente/GM0397/verwachting/").status_code == 200


@pytest.mark.parametrize(
    "query", ["kwartalen=0", "kwartalen=abc", "locatie=999999&verschuif=3", "verschuif=9999&locatie=1"]
)
def test_bad_scenario_parameters_answer_400(login, query: str) -> None:
    assert login("heemstede").get(f"/gemeente/GM0397/verwachting/?{query}").status_code == 400


def test_a_scenario_that_says_nothing_is_explained(login) -> None:
    princehof = Location.objects.get(name="Princehof")
    response = login("heemstede").get(f"/gemeente/GM0397/verwachting/?locatie={princehof.pk}")
    assert response.status_code == 422
    assert "Kies wat er in het scenario verandert" in response.content.decode()


def test_status_holders_go_by_half_year_with_the_backlog_carried_and_unknown_quotas_as_no_data(users: dict) -> None:
    lines = _heemstede(users).status_holders
    assert [str(line.outlook.period) for line in lines] == ["2025-H2", "2026-H1", "2026-H2", "2027-H1"]
    running = lines[0].outlook
    assert (running.quota, running.carried_in, running.realised) == (21, -8, 18)  # the seed letter's 2025-H2
    assert running.expected_balance == running.realised + running.planned - 29
    assert all(line.outlook.quota is None for line in lines[1:])  # not yet published
    assert lines[1].outlook.carried_in == running.expected_balance
    assert all(line.outlook.expected_balance is None for line in lines[1:])


def test_the_forward_page_shows_the_half_years_of_status_holders(login) -> None:
    page = login("heemstede").get("/gemeente/GM0397/verwachting/?datum=2025-11-11").content.decode()
    table = page[
        page.index('id="forward-status-holders"') : page.index("</table>", page.index('id="forward-status-holders"'))
    ]
    row = table[table.index('data-half-year="2026-H1"') :]
    assert "geen gegevens" in row[: row.index("</tr>")]


def test_asylum_and_amv_places_go_against_the_task_of_the_provincial_overview(users: dict, login) -> None:
    from opvangregie.areas.models import Municipality
    from opvangregie.reports.province import programme_rows

    heemstede = Municipality.objects.get(code="GM0397")
    _, _, rows = programme_rows(actor=users["noordholland"], municipalities=[heemstede], on=TODAY)
    look = _heemstede(users)
    assert look.spreiding_task == rows[0].asylum_task
    first = look.spreiding_rows()[0]
    amv = look.rows(TargetGroup.AMV)[0].places
    assert (str(first.period), first.places, first.task) == ("2025-Q4", amv, rows[0].asylum_task)  # AMV only here
    dreef = Location.objects.get(name="Heemsteedse Dreef")
    scenario = _heemstede(users, ScenarioRequest(dreef.pk, capacity=20, capacity_from=date(2026, 9, 1)))
    differences = {str(row.period): row.scenario_difference for row in scenario.spreiding_rows()}
    assert (differences["2026-Q2"], differences["2026-Q3"]) == (0, 4)  # the scenario reaches the task table too
    page = login("heemstede").get("/gemeente/GM0397/verwachting/?datum=2025-11-11").content.decode()
    assert 'id="forward-spreiding"' in page
