"""Shared fixtures: the demo data set is loaded once per test database and rolled back per test."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from opvangregie.demo import load_demo
from opvangregie.organisations.services import api_token_issue

PEILDATUM = date(2025, 11, 1)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture
def users(db: None) -> dict[str, Any]:
    """The demo users by user name (heemstede, raadslid, haarlem, kennemerland, noordholland, coa, rijk, beheerder)."""
    return {user.username: user for user in get_user_model().objects.all()}


@pytest.fixture
def fresh(users: dict[str, Any]) -> Any:
    """Returns a user re-read from the database, so that a cached scope does not leak between calls."""

    def reload(username: str) -> Any:
        return get_user_model().objects.get(username=username)

    return reload


@pytest.fixture
def login(users: dict[str, Any]) -> Any:
    """A web client logged in as a demo user."""

    def client_for(username: str) -> Client:
        client = Client()
        client.force_login(users[username])
        return client

    return client_for


@pytest.fixture
def as_user(users: dict[str, Any]) -> Any:
    """An API client authenticated with a bearer token of a demo user."""

    def client_for(username: str) -> Client:
        _, raw = api_token_issue(user=users[username], name="test")
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return client_for
