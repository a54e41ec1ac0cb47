"""Long lists a page at a time on the web pages (issue 20): the page asked for with ``?pagina=N`` and the other
query parameters kept in the links to the other pages. Exports keep the whole list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 100
PAGE_PARAMETER = "pagina"


def page_of(request: HttpRequest, items: Sequence[Any], *, per_page: int | None = None) -> tuple[Page[Any], str]:
    """The page of ``items`` the request asks for (the first for a missing or wrong number, the last beyond it),
    and the query string of the request without its page number, for the links to the other pages."""
    page = Paginator(items, per_page or PAGE_SIZE).get_page(request.GET.get(PAGE_PARAMETER))
    query = request.GET.copy()
    query.pop(PAGE_PARAMETER, None)
    return page, query.urlencode()
