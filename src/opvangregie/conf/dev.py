"""Development and demo settings: SQLite in ``var/``, debug on."""

from __future__ import annotations

from opvangregie.conf.base import *  # noqa: F403
from opvangregie.conf.env import env_iso_date

# The demo reads like the seed council letter of 11 November 2025 (OPVANGREGIE_TODAY= turns this off).
OPVANGREGIE_TODAY = env_iso_date("OPVANGREGIE_TODAY", "2025-11-11")

DEBUG = True
