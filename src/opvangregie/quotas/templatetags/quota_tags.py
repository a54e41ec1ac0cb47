"""Template filters of the status-holder pages."""

from __future__ import annotations

from django import template

from opvangregie.core.ledger import PaceStatus
from opvangregie.quotas.exports import STATUS_LABELS

register = template.Library()


@register.filter
def status_label(value: PaceStatus | str | None) -> str:
    """Ahead / on track / behind in the user's language."""
    if value is None or value == "":
        return ""
    return str(STATUS_LABELS[PaceStatus(value)])


@register.filter
def negate(value: int) -> int:
    """A backlog shown as a positive number of persons still to house."""
    return -value
