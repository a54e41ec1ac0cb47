"""Maps application errors raised in views to answers the user understands (never a 500)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from opvangregie.core.errors import ApplicationError


class ApplicationErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApplicationError):
            return None
        return render(
            request,
            "web/error.html",
            {"message": exception.message, "status": exception.status_code, "retry_url": _without(request, exception)},
            status=exception.status_code,
        )


def _without(request: HttpRequest, exception: ApplicationError) -> str | None:
    """The same page without the query parameter that could not be read (for a refused ``datum`` and the like)."""
    name = exception.details.get("parameter")
    if not isinstance(name, str) or request.method != "GET":
        return None
    query = request.GET.copy()
    query.pop(name, None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


class LanguageMiddleware:
    """Dutch by default; English (or another listed language) only when the user chose it.

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is ignored: the interface of a
    Dutch municipality speaks Dutch unless the user picks another language (cookie set by
    ``set_language``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
