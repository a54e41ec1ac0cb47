"""One hierarchy of application errors, mapped once to HTTP answers for the API and the web UI."""

from __future__ import annotations


class ApplicationError(Exception):
    """Base class: a problem the user can understand and act upon (never a programming error)."""

    status_code = 400

    def __init__(self, message: str, *, details: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class ValidationError(ApplicationError):
    """Input that breaks a rule; nothing was written."""

    status_code = 422


class PermissionDenied(ApplicationError):
    """The user's organisation or role does not allow this operation."""

    status_code = 403


class NotFound(ApplicationError):
    """The object does not exist, or the user may not know that it exists."""

    status_code = 404


class Conflict(ApplicationError):
    """The operation clashes with the current state (e.g. a duplicate or an outdated change)."""

    status_code = 409
