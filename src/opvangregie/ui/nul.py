"""Text with a NUL character (0x00): no text column of PostgreSQL can hold one and it is never meant, so it is
refused before a view or operation reads it (as Django's form fields do, ``ProhibitNullCharactersValidator``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

NUL = "\x00"
REFUSED = _("Text with a NUL character (0x00) cannot be read.")


def nul_places(value: Any, place: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Where in parsed input (text, dicts and lists of them) a text or a key holds a NUL character."""
    if isinstance(value, str):
        if NUL in value:
            yield place
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and NUL in key:
                yield (*place, key)
            yield from nul_places(item, (*place, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from nul_places(item, (*place, index))
