"""The client's address for the login lockout (django-axes) when the app runs behind trusted proxies."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """With ``TRUSTED_PROXIES`` = N (0: none), the address the outermost trusted proxy saw: the N-th entry from
    the right of ``X-Forwarded-For`` (each proxy appends the address it received from). Entries left of it
    can be forged by the client and are ignored; a header too short or not an address falls back to
    ``REMOTE_ADDR``."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies: int = settings.TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
