"""The test database is migrated and filled with the demo data set once per run, not once per xdist worker.

The first worker to take the lock builds its database the ordinary way (``migrate``, then the demo data) and
leaves a copy: a SQLite file, or a PostgreSQL template database. The other workers start from that copy and
then run ``migrate`` themselves, which finds nothing left to do. Every worker so has the same database it
would have built, byte for byte, while migrating and loading happen once. ``make test`` also sets
``OPVANGREGIE_TEST_TEMPLATES`` to a fresh directory, so its browser and SQLite runs share one SQLite copy.
"""

from __future__ import annotations

import fcntl
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, Protocol

import psycopg
from django.db import connection
from psycopg import sql

TEMPLATES_ENV = "OPVANGREGIE_TEST_TEMPLATES"

Config = list[tuple[Any, str, bool]]  # what django.test.utils.setup_databases returns for teardown_databases


class Setup(Protocol):
    def __call__(self, *, keepdb: bool) -> Config: ...


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def postgres_template_name(test_name: str) -> str:
    """``test_opvangregie_gw1`` -> ``test_opvangregie_template`` (one template for the workers of a run)."""
    return re.sub(r"_gw\d+$", "", test_name) + "_template"


def shared_sqlite(directory: Path | None) -> Path | None:
    """Where the SQLite copy lives: ``OPVANGREGIE_TEST_TEMPLATES`` when set, else the run's shared directory."""
    configured = os.environ.get(TEMPLATES_ENV)
    return Path(configured) if configured else directory


def create_test_database(*, run_directory: Path | None, setup: Setup, build: Callable[[], None]) -> Config:
    """Create this worker's test database with ``build()`` done, from the run's copy when there is one.

    ``run_directory`` is shared by the workers of one run (None: a run without workers, nothing to share).
    """
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        directory = shared_sqlite(run_directory)
        if directory is not None:
            return _sqlite(directory, setup, build)
    if connection.vendor == "postgresql" and run_directory is not None:
        return _postgres(run_directory, setup, build)
    config = setup(keepdb=False)
    build()
    return config


def _sqlite(directory: Path, setup: Setup, build: Callable[[], None]) -> Config:
    template = directory / "demo.sqlite3"
    with _locked(directory / "demo.sqlite3.lock"):
        if not template.exists():
            config = setup(keepdb=False)
            build()
            partial = directory / "demo.sqlite3.partial"
            with closing(sqlite3.connect(partial)) as copy:
                connection.ensure_connection()
                connection.connection.backup(copy)
            partial.replace(template)
            return config
    name = connection.creation._get_test_db_name()  # a shared-cache in-memory database
    with (
        closing(sqlite3.connect(f"file:{template}?mode=ro", uri=True)) as source,
        closing(sqlite3.connect(name, uri=True)) as memory,  # keeps the in-memory database alive meanwhile
    ):
        source.backup(memory)
        return setup(keepdb=True)  # Django connects to the same in-memory database; migrate finds no work


def _postgres(directory: Path, setup: Setup, build: Callable[[], None]) -> Config:
    test_name = connection.creation._get_test_db_name()
    template = postgres_template_name(test_name)
    ready = directory / "postgres.ready"
    with _locked(directory / "postgres.lock"):
        if not ready.exists():
            config = setup(keepdb=False)
            build()
            connection.close()  # a template database must have no sessions
            _execute("DROP DATABASE IF EXISTS {} WITH (FORCE)", template)
            _execute("CREATE DATABASE {} TEMPLATE {}", template, test_name)
            ready.write_text(template, encoding="utf-8")
            return config
        _execute("DROP DATABASE IF EXISTS {} WITH (FORCE)", test_name)
        _execute("CREATE DATABASE {} TEMPLATE {}", test_name, template)
    return setup(keepdb=True)  # keeps the copy; migrate finds no work


def _execute(statement: str, *names: str) -> None:
    """Run a CREATE/DROP DATABASE statement on the server's maintenance database."""
    params = {**connection.get_connection_params(), "dbname": "postgres"}
    with psycopg.connect(**params, autocommit=True) as maintenance:
        maintenance.execute(sql.SQL(statement).format(*(sql.Identifier(name) for name in names)))


def drop_postgres_template() -> None:
    """Drop the run's PostgreSQL template (called once, after the workers are done)."""
    if connection.vendor == "postgresql":
        _execute(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)", postgres_template_name(connection.creation._get_test_db_name())
        )
