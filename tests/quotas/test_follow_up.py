"""The follow-up of the province's supervision letters: the province records each letter it sent, the
municipality its reply with planned measures; the status (awaiting, overdue, in preparation, received) on a date,
who may record what (and who may not), the pages and the API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from opvangregie import clock
from opvangregie.areas.models import Municipality
from opvangregie.core.errors import PermissionDenied, ValidationError
from opvangregie.core.periods import HalfYear
from opvangregie.core.supervision import REPLY_WEEKS, FollowUp, follow_up, past_due, reply_due
from opvangregie.organisations.models import Membership, Organisation, OrganisationKind, Role
from opvangregie.organisations.services import api_token_issue
from opvangregie.quotas import selectors, services
from opvangregie.quotas.models import ReplyMeasure, ReplyStatus, SupervisionLetter, SupervisionReply
from opvangregie.quotas.services import MeasureInput, ReplyInput

pytestmark = pytest.mark.django_db
H1, H2 = HalfYear(2025, 1), HalfYear(2025, 2)
SENT = date(2025, 7, 28)  # the demo's letter to Heemstede about 2025-H1
ON = date(2025, 11, 11)


# --- the rule ------------------------------------------------------------------------------------------------


def test_the_reply_period_is_six_weeks() -> None:
    assert REPLY_WEEKS == 6
    assert reply_due(SENT) == date(2025, 9, 8)


@given(sent=st.dates(date(2020, 1, 1), date(2030, 12, 31)), days=st.integers(0, 400))
def test_a_letter_without_reply_is_overdue_from_the_day_after_six_weeks(sent: date, days: int) -> None:
    on = sent + timedelta(days=days)
    status = follow_up(sent_on=sent, received_on=None, in_preparation=False, on=on)
    assert status is (FollowUp.OVERDUE if days > 7 * REPLY_WEEKS else FollowUp.AWAITING)
    assert past_due(sent_on=sent, received_on=None, on=on) == (days > 42)
    # a reply in preparation is shown as such, the period passed or not; a received reply ends it all
    assert follow_up(sent_on=sent, received_on=None, in_preparation=True, on=on) is FollowUp.IN_PREPARATION
    assert follow_up(sent_on=sent, received_on=sent, in_preparation=False, on=on) is FollowUp.RECEIVED
    assert not past_due(sent_on=sent, received_on=sent, on=on)


def test_the_boundary_day_itself() -> None:
    due = reply_due(SENT)
    assert follow_up(sent_on=SENT, received_on=None, in_preparation=False, on=due) is FollowUp.AWAITING
    assert follow_up(sent_on=SENT, received_on=None, in_preparation=False, on=due + timedelta(1)) is FollowUp.OVERDUE
    assert follow_up(sent_on=None, received_on=None, in_preparation=False, on=due) is FollowUp.NOT_SENT


# --- who records what ----------------------------------------------------------------------------------------


def _member(name: str, organisation: Organisation, role: str = Role.EDITOR) -> Any:
    user = get_user_model().objects.create_user(name, password="x")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def province_editor(db: None) -> Any:
    """An editor of Noord-Holland (the demo's province user only reads)."""
    return _member("toezicht-nh", Organisation.objects.get(kind=OrganisationKind.PROVINCE, province__code="PV27"))


@pytest.fixture
def other_province_editor(db: None) -> Any:
    from opvangregie.areas.models import Province

    organisation = Organisation.objects.create(
        name="Provincie Utrecht", kind=OrganisationKind.PROVINCE, province=Province.objects.get(code="PV26")
    )
    return _member("toezicht-ut", organisation)


def _heemstede() -> Municipality:
    return Municipality.objects.get(code="GM0397")


def _haarlem() -> Municipality:
    return Municipality.objects.get(name="Haarlem")


def test_the_demo_letter_to_heemstede_and_its_reply_in_preparation() -> None:
    letter = SupervisionLetter.objects.get(municipality__code="GM0397", period="2025-H1")
    assert letter.sent_on == SENT
    assert letter.province.code == "PV27"
    assert letter.reply.status == ReplyStatus.IN_PREPARATION


def test_the_province_editor_records_a_letter_audited(province_editor: Any) -> None:
    letter = services.letter_record(
        actor=province_editor, municipality=_haarlem(), period=H1, sent_on=date(2025, 8, 1), document_reference="U-1"
    )
    assert letter.history.get().history_user == province_editor
    corrected = services.letter_record(
        actor=province_editor, municipality=_haarlem(), period=H1, sent_on=date(2025, 8, 4)
    )
    assert corrected.pk == letter.pk
    assert [h.history_change_reason for h in letter.history.order_by("history_date")] == [
        "letter sent",
        "letter corrected",
    ]


@pytest.mark.parametrize("role", ["heemstede", "raadslid", "haarlem", "kennemerland", "noordholland", "coa", "rijk"])
def test_no_one_but_the_provinces_editors_records_a_letter(users: dict[str, Any], role: str) -> None:
    before = SupervisionLetter.history.count()
    with pytest.raises(PermissionDenied):
        services.letter_record(actor=users[role], municipality=_haarlem(), period=H1, sent_on=date(2025, 8, 1))
    assert SupervisionLetter.history.count() == before


def test_another_provinces_editor_records_no_letter(other_province_editor: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.letter_record(
            actor=other_province_editor, municipality=_haarlem(), period=H1, sent_on=date(2025, 8, 1)
        )


@pytest.mark.parametrize(
    ("sent_on", "message"),
    [(date(2025, 6, 30), "na afloop"), (None, "toekomst"), (date(1999, 1, 1), "niet aannemelijk")],
)
def test_a_letter_date_is_checked(province_editor: Any, sent_on: date | None, message: str) -> None:
    sent_on = sent_on or clock.today() + timedelta(days=10)
    with pytest.raises(ValidationError, match=message):
        services.letter_record(actor=province_editor, municipality=_haarlem(), period=H1, sent_on=sent_on)


def test_the_municipality_records_its_reply_with_measures(users: dict[str, Any]) -> None:
    reply = services.reply_record(
        actor=users["heemstede"],
        municipality=_heemstede(),
        period=H1,
        data=ReplyInput(
            status=ReplyStatus.RECEIVED,
            received_on=date(2025, 11, 10),
            summary="Twee maatregelen.",
            document_reference="2025-123",
            measures=(MeasureInput("Extra doorstroomwoningen", date(2026, 3, 1)), MeasureInput("Versnelde matching")),
        ),
    )
    assert reply.status == ReplyStatus.RECEIVED
    assert [m.description for m in reply.measures.order_by("pk")] == ["Extra doorstroomwoningen", "Versnelde matching"]
    assert reply.history.order_by("history_date").last().history_user == users["heemstede"]
    # measures recorded again replace the earlier ones
    services.reply_record(
        actor=users["heemstede"],
        municipality=_heemstede(),
        period=H1,
        data=ReplyInput(status=ReplyStatus.RECEIVED, received_on=date(2025, 11, 10), measures=(MeasureInput("Eén"),)),
    )
    assert list(ReplyMeasure.objects.filter(reply=reply).values_list("description", flat=True)) == ["Eén"]
    row = selectors.letter_follow_up(actor=users["noordholland"], municipality=_heemstede(), period=H1, on=ON)
    assert row.status is FollowUp.RECEIVED
    assert not row.past_due


@pytest.mark.parametrize("role", ["raadslid", "haarlem", "kennemerland", "noordholland", "coa", "rijk"])
def test_no_one_but_the_municipalitys_editors_records_its_reply(users: dict[str, Any], role: str) -> None:
    before = SupervisionReply.history.count()
    with pytest.raises(PermissionDenied):
        services.reply_record(
            actor=users[role], municipality=_heemstede(), period=H1, data=ReplyInput(status=ReplyStatus.IN_PREPARATION)
        )
    assert SupervisionReply.history.count() == before


def test_the_province_may_not_record_a_reply(province_editor: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.reply_record(
            actor=province_editor,
            municipality=_heemstede(),
            period=H1,
            data=ReplyInput(status=ReplyStatus.RECEIVED, received_on=date(2025, 9, 1)),
        )


@pytest.mark.parametrize(
    ("period", "data", "message"),
    [
        (H2, ReplyInput(status=ReplyStatus.IN_PREPARATION), "geen brief"),
        (H1, ReplyInput(status=ReplyStatus.RECEIVED), "datum"),
        (H1, ReplyInput(status=ReplyStatus.RECEIVED, received_on=date(2025, 7, 1)), "vóór de brief"),
        (H1, ReplyInput(status=ReplyStatus.IN_PREPARATION, received_on=date(2025, 9, 1)), "nog geen ontvangstdatum"),
        (
            H1,
            ReplyInput(status=ReplyStatus.IN_PREPARATION, measures=(MeasureInput(" ", date(2026, 1, 1)),)),
            "Beschrijf",
        ),
        (
            H1,
            ReplyInput(status=ReplyStatus.IN_PREPARATION, measures=(MeasureInput("x", date(9999, 1, 1)),)),
            "aannemelijk",
        ),
        (H1, ReplyInput(status=ReplyStatus.IN_PREPARATION, measures=(MeasureInput("x"),) * 11), "ten hoogste"),
    ],
)
def test_a_reply_is_checked(users: dict[str, Any], period: HalfYear, data: ReplyInput, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        services.reply_record(actor=users["heemstede"], municipality=_heemstede(), period=period, data=data)


# --- the status on the supervision page ----------------------------------------------------------------------


def test_heemstede_is_in_preparation_and_past_due_on_the_demo_day(users: dict[str, Any]) -> None:
    rows = selectors.supervision_follow_up(
        actor=users["noordholland"], province=_heemstede().province, period=H1, on=ON
    )
    heemstede = rows[_heemstede().pk]
    assert heemstede.status is FollowUp.IN_PREPARATION
    assert heemstede.past_due
    assert heemstede.reply_due == date(2025, 9, 8)
    assert rows[_haarlem().pk].status is FollowUp.NOT_SENT


def test_a_letter_goes_from_awaiting_to_overdue_to_received(province_editor: Any, users: dict[str, Any]) -> None:
    services.letter_record(actor=province_editor, municipality=_haarlem(), period=H1, sent_on=date(2025, 8, 1))

    def status(on: date) -> FollowUp:
        rows = selectors.supervision_follow_up(actor=province_editor, province=_haarlem().province, period=H1, on=on)
        return rows[_haarlem().pk].status

    assert status(date(2025, 9, 12)) is FollowUp.AWAITING  # 1 August + 6 weeks
    assert status(date(2025, 9, 13)) is FollowUp.OVERDUE
    services.reply_record(
        actor=users["haarlem"],
        municipality=_haarlem(),
        period=H1,
        data=ReplyInput(status=ReplyStatus.RECEIVED, received_on=date(2025, 9, 20)),
    )
    assert status(date(2025, 9, 13)) is FollowUp.RECEIVED


def _english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_province_page_shows_heemstede_in_preparation_beside_its_ladder_phase(login: Callable[[str], Any]) -> None:
    response = _english(login("noordholland")).get(
        "/provincie/PV27/toezicht/", {"periode": "2025-H1", "datum": "2025-11-11"}
    )
    page = response.content.decode()
    row = page.split('data-code="GM0397"')[1].split("</tr>")[0]
    assert 'data-follow-up="in_preparation"' in row
    assert "letter sent on 28 July 2025" in row
    assert "reply in preparation" in row
    assert "was due on 8 September 2025" in row
    assert "2. Bestuurlijk gesprek" in row  # the ladder phase, as the page computed it
    assert 'data-action="record-letter"' not in page  # the demo's province user only reads


def test_the_province_page_in_dutch_says_in_voorbereiding(login: Callable[[str], Any]) -> None:
    """Once the translations are merged the page says "in voorbereiding"; until then the English msgid."""
    page = login("noordholland").get("/provincie/PV27/toezicht/", {"periode": "2025-H1"}).content.decode()
    row = page.split('data-code="GM0397"')[1].split("</tr>")[0]
    assert "in voorbereiding" in row or "reply in preparation" in row


def test_the_province_editor_gets_the_button_and_records_a_letter(province_editor: Any) -> None:
    client = Client()
    client.force_login(province_editor)
    page = client.get("/provincie/PV27/toezicht/", {"periode": "2025-H1"}).content.decode()
    assert f'href="/provincie/PV27/toezicht/verzonden/{_haarlem().code}/?periode=2025-H1"' in page
    # downloading the letter records nothing
    before = SupervisionLetter.objects.count()
    assert (
        client.get(f"/provincie/PV27/toezicht/brief/{_haarlem().code}.docx", {"periode": "2025-H1"}).status_code == 200
    )
    assert SupervisionLetter.objects.count() == before
    response = client.post(
        f"/provincie/PV27/toezicht/verzonden/{_haarlem().code}/",
        {"period": "2025-H1", "sent_on": "2025-08-01", "document_reference": "U-2025-1"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/provincie/PV27/toezicht/?periode=2025-H1"
    assert SupervisionLetter.objects.get(municipality=_haarlem(), period="2025-H1").document_reference == "U-2025-1"


def test_the_letter_form_refuses_others(login: Callable[[str], Any], province_editor: Any) -> None:
    url = "/provincie/PV27/toezicht/verzonden/GM0397/"
    fields = {"period": "2025-H1", "sent_on": "2025-08-01"}
    assert login("noordholland").post(url, fields).status_code == 403
    assert login("heemstede").post(url, fields).status_code == 404  # a municipality does not see the province's page
    assert login("rijk").post(url, fields).status_code == 403
    assert SupervisionLetter.objects.get(municipality__code="GM0397").sent_on == SENT


def test_the_quota_page_shows_the_letter_and_the_reply_form(login: Callable[[str], Any]) -> None:
    page = _english(login("heemstede")).get("/gemeente/GM0397/statushouders/").content.decode()
    assert 'id="supervision-letters"' in page
    assert "reply in preparation" in page
    assert 'id="reply-form"' in page
    assert 'action="/gemeente/GM0397/statushouders/reactie/2025-H1/"' in page
    reader = login("raadslid").get("/gemeente/GM0397/statushouders/").content.decode()
    assert 'id="supervision-letters"' in reader
    assert 'id="reply-form"' not in reader


def test_the_reply_form_records_the_reply(login: Callable[[str], Any], province_editor: Any) -> None:
    url = "/gemeente/GM0397/statushouders/reactie/2025-H1/"
    prefix = "reply-2025-H1"
    fields = {
        f"{prefix}-status": "received",
        f"{prefix}-received_on": "2025-11-10",
        f"{prefix}-summary": "Plan van aanpak",
        f"{prefix}-measures-TOTAL_FORMS": "2",
        f"{prefix}-measures-INITIAL_FORMS": "0",
        f"{prefix}-measures-0-description": "Tien extra woningen",
        f"{prefix}-measures-0-target_date": "2026-06-30",
        f"{prefix}-measures-1-description": "",
    }
    editor = Client()
    editor.force_login(province_editor)
    assert editor.post(url, fields).status_code == 403  # the province reads the municipality but may not reply
    assert login("raadslid").post(url, fields).status_code == 403
    assert login("noordholland").post(url, fields).status_code == 403
    assert SupervisionReply.objects.get(letter__municipality__code="GM0397").status == ReplyStatus.IN_PREPARATION
    response = login("heemstede").post(url, fields)
    assert response.status_code == 302
    reply = SupervisionReply.objects.get(letter__municipality__code="GM0397")
    assert (reply.status, reply.received_on) == (ReplyStatus.RECEIVED, date(2025, 11, 10))
    assert list(reply.measures.values_list("description", "target_date")) == [
        ("Tien extra woningen", date(2026, 6, 30))
    ]
    bad = login("heemstede").post(url, {**fields, f"{prefix}-received_on": "2025-07-01"})
    assert bad.status_code == 422


# --- the API -------------------------------------------------------------------------------------------------


def _token(user: Any) -> Client:
    _, raw = api_token_issue(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_api_lists_the_letters_with_their_replies(as_user: Callable[[str], Any]) -> None:
    response = as_user("noordholland").get(
        "/api/quotas/provinces/PV27/supervision/letters", {"period": "2025-H1", "on": "2025-11-11"}
    )
    assert response.status_code == 200
    (letter,) = response.json()
    assert (letter["municipality"], letter["sent_on"], letter["reply_due"]) == ("GM0397", "2025-07-28", "2025-09-08")
    assert (letter["follow_up"], letter["past_due"]) == ("in_preparation", True)
    assert letter["reply"]["status"] == "in_preparation"
    assert as_user("heemstede").get("/api/quotas/provinces/PV27/supervision/letters").status_code == 404


def test_api_records_a_letter_for_the_province_only(as_user: Callable[[str], Any], province_editor: Any) -> None:
    body = {"municipality": _haarlem().code, "period": "2025-H1", "sent_on": "2025-08-01"}
    url = "/api/quotas/provinces/PV27/supervision/letters"
    assert as_user("noordholland").post(url, body, content_type="application/json").status_code == 403
    assert as_user("heemstede").post(url, body, content_type="application/json").status_code == 404
    assert as_user("haarlem").post(url, body, content_type="application/json").status_code == 404
    assert not SupervisionLetter.objects.filter(municipality=_haarlem()).exists()
    response = _token(province_editor).post(url, body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["follow_up"] in ("awaiting", "overdue")
    elsewhere = {**body, "municipality": "GM0344"}  # Utrecht: not Noord-Holland's
    assert _token(province_editor).post(url, elsewhere, content_type="application/json").status_code == 404


def test_api_records_a_reply_for_the_municipality_only(as_user: Callable[[str], Any], province_editor: Any) -> None:
    url = "/api/quotas/municipalities/GM0397/supervision-replies/2025-H1"
    body = {
        "status": "received",
        "received_on": "2025-11-10",
        "summary": "Plan",
        "measures": [{"description": "Tien woningen", "target_date": "2026-06-30"}],
    }
    assert _token(province_editor).put(url, body, content_type="application/json").status_code == 403
    assert as_user("noordholland").put(url, body, content_type="application/json").status_code == 403
    assert as_user("raadslid").put(url, body, content_type="application/json").status_code == 403
    assert as_user("haarlem").put(url, body, content_type="application/json").status_code == 404
    assert SupervisionReply.objects.get(letter__municipality__code="GM0397").status == ReplyStatus.IN_PREPARATION
    response = as_user("heemstede").put(url, body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["measures"] == [{"description": "Tien woningen", "target_date": "2026-06-30"}]
    no_letter = as_user("heemstede").put(url.replace("2025-H1", "2025-H2"), body, content_type="application/json")
    assert no_letter.status_code == 422
