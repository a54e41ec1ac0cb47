"""Template filters for figures and statutory dates."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from django import template
from django.conf import settings
from django.utils.formats import number_format

from opvangregie.core.deadlines import objection_period_end
from opvangregie.core.occupancy import count_is_old

register = template.Library()


@register.filter
def old_count(counted_on: date | None, on: date) -> bool:
    """Whether a count taken on ``counted_on`` is old on ``on`` (setting ``COUNT_MAX_AGE_DAYS``, default 45)."""
    return count_is_old(counted_on, on, max_age_days=settings.COUNT_MAX_AGE_DAYS)


@register.filter
def percent(value: Fraction | None) -> str:
    """A fraction as a whole percentage (``68%``), or an en dash when unknown."""
    if value is None:
        return "–"
    return f"{round(float(value) * 100)}%"


@register.filter
def objection_end(value: date) -> date:
    """Last day of the six-week objection period (Awb 6:7, 6:8; Algemene termijnenwet)."""
    return objection_period_end(value)


@register.filter
def signed(value: int | None) -> str:
    """``+5`` / ``-3`` / ``0`` (``+1.079`` in Dutch); an en dash when unknown."""
    if value is None:
        return "–"
    if not value:
        return "0"
    return ("+" if value > 0 else "-") + number_format(abs(value))


@register.filter
def whole(value: float | None) -> int:
    """A measured quantity rounded to a whole number, e.g. to count with (hours left on the clock)."""
    return round(value or 0)


@register.filter
def get(mapping: dict[str, int] | None, key: str) -> int | None:
    """``mapping[key]`` in a template (None when absent)."""
    return (mapping or {}).get(key)
