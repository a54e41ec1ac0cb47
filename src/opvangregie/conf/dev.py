"""Development and demo settings: SQLite in ``var/``, debug on."""

from __future__ import annotations

from opvangregie.conf.base import *  # noqa: F403

DEBUG = True
