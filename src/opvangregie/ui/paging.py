"""Long lists a page at a time (issue 20). On the web pages: the page asked for with ``?pagina=N``, the other
query parameters kept in the links to the other pages. In the API: ``page`` and ``page_size``. Exports keep the
whole list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Schema
from pydantic import Field

PAGE_SIZE = 100
PAGE_PARAMETER = "pagina"


def page_of(
    request: HttpRequest, items: Sequence[Any] | QuerySet[Any], *, per_page: int | None = None
) -> tuple[Page[Any], str]:
    """The page of ``items`` the request asks for (the first for a missing or wrong number, the last beyond it),
    and the query string of the request without its page number, for the links to the other pages."""
    page = Paginator(items, per_page or PAGE_SIZE).get_page(request.GET.get(PAGE_PARAMETER))
    query = request.GET.copy()
    query.pop(PAGE_PARAMETER, None)
    return page, query.urlencode()


MAX_API_PAGE_SIZE = 500


class PageQuery(Schema):
    """The page of an API list asked for: ``page`` from 1, ``page_size`` up to 500 (default 100)."""

    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_API_PAGE_SIZE)


def api_page(queryset: QuerySet[Any], query: PageQuery) -> tuple[int, QuerySet[Any]]:
    """All rows of ``queryset`` counted, and the (ordered) rows of the page asked for."""
    start = (query.page - 1) * query.page_size
    return queryset.count(), queryset[start : start + query.page_size]
