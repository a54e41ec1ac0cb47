"""Writes to organisations: memberships and API tokens."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from opvangregie.organisations.models import ApiToken, hash_token


@transaction.atomic
def api_token_issue(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the stored token and the raw value (shown once)."""
    return ApiToken.issue(user=user, name=name)


def api_token_authenticate(*, raw: str) -> Any | None:
    """The active user owning the token ``raw``, or None; records when it was last used."""
    token = ApiToken.objects.select_related("user").filter(digest=hash_token(raw), revoked=False).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
