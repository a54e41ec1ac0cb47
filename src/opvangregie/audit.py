"""Audit trail: every write through a service is recorded with who, when and what.

django-simple-history keeps a historical row per change of every audited model; services pass the
acting user explicitly so that API calls, imports and commands are attributed like web requests.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models

from opvangregie.core.errors import ValidationError


def within_bounds(instance: models.Model) -> None:
    """Bad input never reaches the database: check ``instance`` against its model's own limits (lengths,
    digits, choices, validators) before writing, so every service, import and API call refuses the same
    values with the same Dutch message instead of a database error."""
    empty = [
        field.name for field in instance._meta.concrete_fields if getattr(instance, field.attname) in (None, "")
    ]  # whether a value may be missing is the service's and the database's rule; here: is a value too big
    read = [field.name for field in instance._meta.concrete_fields if _refers_to_a_read_row(instance, field)]
    try:
        instance.clean_fields(exclude=empty + read)
    except DjangoValidationError as error:
        labels = {field.name: str(field.verbose_name) for field in instance._meta.fields}
        problems = [
            f"{labels.get(name, name)}: {' '.join(str(m) for m in messages)}"
            for name, messages in error.message_dict.items()
        ]
        raise ValidationError("; ".join(problems), details={"fields": sorted(error.message_dict)}) from None


def _refers_to_a_read_row(instance: models.Model, field: models.Field[Any, Any]) -> bool:
    """A foreign key set to an object read from (or saved to) the database. Its row exists: checking that
    again would cost a query per key on every save (the demo data set makes thousands). A row deleted
    meanwhile is still refused, by the database's foreign key constraint."""
    if not isinstance(field, models.ForeignKey) or field.remote_field.limit_choices_to:
        return False
    if not field.is_cached(instance):
        return False
    related = field.get_cached_value(instance)
    return (
        related is not None
        and not related._state.adding
        and getattr(related, field.target_field.attname) == getattr(instance, field.attname)
    )


def audited_save(instance: models.Model, *, actor: Any, reason: str = "") -> None:
    """Check ``instance`` against its model's limits, save it and record ``actor`` (and an optional change
    reason) in its history."""
    within_bounds(instance)
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    instance.save()


def audited_bulk_save(
    new: Sequence[models.Model], changed: Sequence[models.Model], *, fields: Sequence[str], actor: Any, reason: str = ""
) -> None:
    """Check every instance against its model's limits, then insert ``new`` and update ``fields`` of ``changed``
    in bulk, each with its history row naming ``actor`` (an import of thousands of rows in a few queries)."""
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    for instance in [*new, *changed]:
        within_bounds(instance)
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    if new:
        bulk_create_with_history(new, type(new[0]), default_user=user, default_change_reason=reason or None)
    if changed:
        bulk_update_with_history(
            changed, type(changed[0]), list(fields), default_user=user, default_change_reason=reason or None
        )


def audited_delete(instance: models.Model, *, actor: Any, reason: str = "") -> None:
    """Delete ``instance`` and record ``actor`` in its history."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    instance.delete()
