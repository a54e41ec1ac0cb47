"""Shared fixtures: the demo data set is loaded once per test run and rolled back per test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import settings as hypothesis_settings

from opvangregie.demo import load_demo
from opvangregie.organisations.services import api_token_issue
from tests.db_template import Config, create_test_database, drop_postgres_template

PEILDATUM = date(2025, 11, 1)

# Timing on two shared cores is no test of correctness: no deadline per example (the examples are unchanged;
# most property tests already said deadline=None, this makes it hold for every one).
hypothesis_settings.register_profile("opvangregie", deadline=None)
hypothesis_settings.load_profile("opvangregie")


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest,
    django_test_environment: None,
    django_db_blocker: Any,
    django_db_modify_db_settings: None,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """pytest-django's test database, with the demo data set loaded; migrated and loaded once per run
    (see tests/db_template.py), not once per worker. ``make test`` passes ``--no-migrations``: the tables are made
    from the models (seconds instead of half a minute); the migrations themselves are applied for real by the
    production run on PostgreSQL (scripts/production_smoke.py), and ``make check`` refuses models that differ
    from them (``makemigrations --check``)."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    if request.config.getvalue("nomigrations"):
        _disable_migrations()

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose

    def setup(*, keepdb: bool) -> Config:
        return setup_databases(
            verbosity=verbosity,
            interactive=False,
            keepdb=keepdb,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
        )

    worker = getattr(request.config, "workerinput", None)
    run_directory = tmp_path_factory.getbasetemp().parent if worker is not None else None
    with django_db_blocker.unblock():
        config = create_test_database(run_directory=run_directory, setup=setup, build=load_demo)
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=verbosity)


DATABASE_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}
)


def reaches_the_database(item: pytest.Item) -> bool:
    """Whether pytest-django lets the test use the database (it refuses every other test any query)."""
    return item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL run leaves out the tests that cannot reach the database: they answer the same on every
    engine, and the SQLite run has them."""
    from django.conf import settings

    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        return
    without = [item for item in items if not reaches_the_database(item)]
    if without:
        config.hook.pytest_deselected(items=without)
        items[:] = [item for item in items if reaches_the_database(item)]


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not hasattr(session.config, "workerinput"):  # the xdist controller, once its workers are done
        drop_postgres_template()


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
