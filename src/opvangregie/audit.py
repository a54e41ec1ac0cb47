"""Audit trail: every write through a service is recorded with who, when and what.

django-simple-history keeps a historical row per change of every audited model; services pass the
acting user explicitly so that API calls, imports and commands are attributed like web requests.
"""

from __future__ import annotations

from typing import Any

from django.db import models


def audited_save(instance: models.Model, *, actor: Any, reason: str = "") -> None:
    """Save ``instance`` and record ``actor`` (and an optional change reason) in its history."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    instance.save()


def audited_delete(instance: models.Model, *, actor: Any, reason: str = "") -> None:
    """Delete ``instance`` and record ``actor`` in its history."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    instance.delete()
