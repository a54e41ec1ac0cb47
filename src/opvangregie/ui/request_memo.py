"""Figures computed once per page: a memo that lives for one reading request (GET or HEAD) and is gone after it.

A page of several sections (a dashboard: the table, the usable places, the forward look) asks for the same
figure more than once; within one reading request the data cannot change, so the second answer is the first.
Requests that write (POST and the like) keep no memo: what they read after a write must be read again.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

_memo: ContextVar[dict[Any, Any] | None] = ContextVar("request_memo", default=None)
READING = frozenset({"GET", "HEAD"})


def current() -> dict[Any, Any] | None:
    """The memo of the reading request being answered (None outside one)."""
    return _memo.get()


class RequestMemoMiddleware:
    """Gives every reading request an empty memo and removes it afterwards."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in READING:
            return self.get_response(request)
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
