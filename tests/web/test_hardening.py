"""Hardening: no-store and Permissions-Policy headers, session idle and absolute timeouts, expiring API tokens,
and a lockout that follows the client behind a trusted proxy instead of locking everyone out."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from opvangregie.organisations.models import ApiToken
from opvangregie.organisations.services import api_token_issue

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/gemeente/GM0397/", "/gemeente/GM0397/export.xlsx", "/gemeente/GM0397/huishoudens/"])
def test_pages_and_files_of_signed_in_users_are_not_stored(login, url: str) -> None:
    response = login("heemstede").get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_login_page_has_a_permissions_policy_too() -> None:
    response = Client().get("/inloggen/")
    assert "geolocation=()" in response["Permissions-Policy"]


def _client_with_session(login, **times: int) -> Client:
    client = login("heemstede")
    session = client.session
    for key, value in times.items():
        session[key] = value
    session.save()
    return client


def test_an_idle_session_ends(login, settings) -> None:
    now = int(time.time())
    active = _client_with_session(login, signed_in_at=now - 600, last_request_at=now - 60)
    assert active.get("/gemeente/GM0397/").status_code == 200
    idle = _client_with_session(login, signed_in_at=now - 3600, last_request_at=now - settings.SESSION_IDLE_SECONDS - 5)
    response = idle.get("/gemeente/GM0397/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
    assert idle.get("/gemeente/GM0397/").status_code == 302  # signed out for good, not only this request


def test_activity_is_noted_in_the_session_at_most_once_a_minute(login) -> None:
    """A page read within a minute of the noted request does not write the session; one after a minute does."""
    now = int(time.time())
    client = _client_with_session(login, signed_in_at=now - 600, last_request_at=now - 30)
    assert client.get("/gemeente/GM0397/").status_code == 200
    assert client.session["last_request_at"] == now - 30
    client = _client_with_session(login, signed_in_at=now - 600, last_request_at=now - 61)
    assert client.get("/gemeente/GM0397/").status_code == 200
    assert client.session["last_request_at"] >= now


def test_a_session_ends_after_its_absolute_lifetime_however_active(login, settings) -> None:
    now = int(time.time())
    client = _client_with_session(login, signed_in_at=now - settings.SESSION_MAX_SECONDS - 5, last_request_at=now)
    assert client.get("/gemeente/GM0397/").status_code == 302


def test_api_tokens_expire_and_record_their_last_use(users, settings) -> None:
    token, raw = api_token_issue(user=users["heemstede"], name="test")
    expected = timezone.now() + timedelta(days=settings.API_TOKEN_DAYS)
    assert abs((token.expires_at - expected).total_seconds()) < 60
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    assert client.get("/api/municipalities").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/municipalities").status_code == 401


def _fail(address: str) -> int:
    client = Client(HTTP_X_FORWARDED_FOR=f"192.0.2.99, {address}")  # the left entry is forged by the client
    return client.post("/inloggen/", {"username": "heemstede", "password": "wrong"}).status_code


def test_behind_a_trusted_proxy_a_lockout_hits_the_attacker_not_the_officer(settings) -> None:
    settings.TRUSTED_PROXIES = 1
    AccessAttempt.objects.all().delete()
    attacker, officer = "203.0.113.7", "198.51.100.20"  # documentation addresses (RFC 5737)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(attacker)
    assert _fail(attacker) in (403, 429)  # locked out
    client = Client(HTTP_X_FORWARDED_FOR=officer)
    response = client.post("/inloggen/", {"username": "heemstede", "password": "heemstede-demo-2025"})
    assert response.status_code == 302  # the officer behind the same proxy still signs in
    assert AccessAttempt.objects.filter(ip_address=attacker).exists()


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "127.0.0.1"),  # no trusted proxy: the header is the client's own word
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "192.0.2.99, 203.0.113.7", "203.0.113.7"),  # a forged left entry is ignored
        (2, "203.0.113.7, 198.51.100.1", "203.0.113.7"),
        (2, "198.51.100.1", "127.0.0.1"),  # shorter than the proxies: fall back
        (1, "not-an-address", "127.0.0.1"),
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, proxies: int, forwarded: str, expected: str) -> None:
    from django.test import RequestFactory

    from opvangregie.web.client_address import client_address

    settings.TRUSTED_PROXIES = proxies
    assert client_address(RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded)) == expected


def test_pages_carry_a_content_security_policy_without_inline_script(login) -> None:
    response = login("heemstede").get("/gemeente/GM0397/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "frame-ancestors 'none'" in policy
    html = response.content.decode()
    assert " onchange=" not in html
    assert " onclick=" not in html
    assert all('src="' in tag for tag in re.findall(r"<script[^>]*>", html))  # every script is a file of ours


def test_a_nul_character_in_a_query_is_refused_before_a_view_reads_it(login) -> None:
    """PostgreSQL refuses the character in any text it is asked to compare: the page says so instead of failing,
    and offers the same page without that value."""
    from opvangregie.distribution.models import DistributionRun

    run = DistributionRun.objects.get(is_adopted=True)
    response = login("rijk").get(f"/spreiding/berekening/{run.pk}/", {"provincie": "PV27\x00", "sorteer": "naam"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tekst met een NUL-teken (0x00) kan niet worden gelezen." in page
    assert f'href="/spreiding/berekening/{run.pk}/?sorteer=naam"' in page


@pytest.mark.parametrize(
    "path",
    [
        "/gemeente/GM03%0097/",
        "/provincie/PV%0027/",
        "/api/municipalities/GM%000397/overview",
        "/api/regions/a%00/overview",
    ],
)
def test_a_path_with_a_nul_character_names_nothing(login, path: str) -> None:
    response = login("rijk").get(path)
    assert response.status_code == 404
    if path.startswith("/api/"):
        assert response.json() == {"detail": "Tekst met een NUL-teken (0x00) kan niet worden gelezen."}
    else:
        assert "Tekst met een NUL-teken (0x00) kan niet worden gelezen." in response.content.decode()
