"""Web clients logged in as a demo user."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def login(users: dict):
    def client_for(username: str) -> Client:
        client = Client()
        client.force_login(users[username])
        return client

    return client_for
