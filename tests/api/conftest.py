"""API clients authenticated with a bearer token of a demo user."""

from __future__ import annotations

import pytest
from django.test import Client

from opvangregie.organisations.services import api_token_issue


@pytest.fixture
def as_user(users: dict):
    def client_for(username: str) -> Client:
        _, raw = api_token_issue(user=users[username], name="test")
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return client_for
