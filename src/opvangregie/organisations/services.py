"""Writes to organisations: memberships and API tokens."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from opvangregie.organisations.models import ApiToken, hash_token


@transaction.atomic
def api_token_issue(*, user: Any, name: str, valid_days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token for ``user`` that expires after ``valid_days`` (default ``API_TOKEN_DAYS``); returns the
    stored token and the raw value (shown once)."""
    days = settings.API_TOKEN_DAYS if valid_days is None else valid_days
    return ApiToken.issue(user=user, name=name, expires_at=timezone.now() + timedelta(days=days))


def api_token_authenticate(*, raw: str) -> Any | None:
    """The active user owning the unexpired, unrevoked token ``raw``, or None; records when it was last used."""
    token = ApiToken.objects.select_related("user").filter(digest=hash_token(raw), revoked=False).first()
    if token is None or not token.user.is_active:
        return None
    if token.expires_at is not None and token.expires_at <= timezone.now():
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
