"""Maps application errors raised in views to answers the user understands (never a 500)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control

from opvangregie.core.errors import ApplicationError
from opvangregie.ui.nul import NUL, REFUSED, nul_places


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


class NulCharacterMiddleware:
    """Refuses a request whose path or (for a page) query holds a NUL character (0x00) before any view reads it:
    no text column of PostgreSQL can hold one, and it is never meant (Django's form fields refuse it the same way,
    ``ProhibitNullCharactersValidator``). A path with one names nothing: not found (as JSON for the API). The JSON
    API answers such values in a query or body itself (``opvangregie.api``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        api = request.path.startswith("/api/")
        message = str(REFUSED)
        if NUL in request.path:
            if api:
                return JsonResponse({"detail": message}, status=404)
            return render(request, "web/error.html", {"message": message, "status": 404}, status=404)
        if api:
            return self.get_response(request)
        bad = {place[0] for place in nul_places(dict(request.GET.lists()))}
        if not bad:
            return self.get_response(request)
        query = request.GET.copy()
        for key in bad:
            query.pop(key)
        return render(
            request,
            "web/error.html",
            {
                "message": message,
                "status": 400,
                "retry_url": f"{request.path}?{query.urlencode()}" if query else request.path,
            },
            status=400,
        )


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


PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort", "browsing-topics")
)


class PrivacyHeadersMiddleware:
    """Pages and files of signed-in users hold personal or confidential data: never stored by a browser or a
    proxy (``Cache-Control: no-store``); no page may use camera, microphone, location or payment."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


ACTIVITY_NOTED_EVERY_SECONDS = 60


class SessionTimeoutMiddleware:
    """Signs a user out after ``SESSION_IDLE_SECONDS`` without a request, and ``SESSION_MAX_SECONDS`` after
    signing in however active (BIO / NCSC guidance on session management).

    The last request is noted in the session at most once a minute (``ACTIVITY_NOTED_EVERY_SECONDS``), not on
    every page: the session is not written for every page read, and the idle time counts from a request at most
    a minute before the last one (a session can end up to a minute early, never late)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault("signed_in_at", now)
            last = request.session.get("last_request_at", now)
            if now - last > settings.SESSION_IDLE_SECONDS or now - started > settings.SESSION_MAX_SECONDS:
                logout(request)
                return redirect_to_login(request.get_full_path())
            if now - last >= ACTIVITY_NOTED_EVERY_SECONDS or "last_request_at" not in request.session:
                request.session["last_request_at"] = now
        return self.get_response(request)
