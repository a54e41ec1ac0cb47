"""Readers see no forms they cannot use: council members, the region, the province and national users read
a municipality's pages without upload, import, edit or record forms, and without links to them."""

from __future__ import annotations

import re

import pytest

from opvangregie.locations.models import Location

pytestmark = pytest.mark.django_db

# What a page may still post for a reader: logging out and choosing the language.
HARMLESS_POSTS = ("/uitloggen/", "/i18n/setlang/")
EDIT_LINK = re.compile(r'href="[^"]*/(import|inkomens|nieuw|bewerken|instellingen|raadsinformatiebericht)/')

MUNICIPALITY_PAGES = [
    "/gemeente/GM0397/?datum=2025-11-01",
    "/gemeente/GM0397/statushouders/",
    "/gemeente/GM0397/plaatsing/",
    "/gemeente/GM0397/wachtlijst/",
    "/gemeente/GM0397/leefgeld/?maand=2025-10",
]
READERS = {
    "raadslid": [*MUNICIPALITY_PAGES, "/spreiding/", "/rekenhulp/"],
    "kennemerland": [*MUNICIPALITY_PAGES, "/regio/kennemerland/", "/regio/kennemerland/wachtlijst/", "/spreiding/"],
    "noordholland": [
        *MUNICIPALITY_PAGES,
        "/provincie/PV27/",
        "/provincie/PV27/toezicht/?periode=2025-H1",
        "/provincie/PV27/overzicht/?datum=2025-11-01",
        "/spreiding/",
    ],
    "rijk": [*MUNICIPALITY_PAGES, "/", "/provincie/PV27/", "/regio/kennemerland/", "/spreiding/"],
}


def forms_a_reader_should_not_see(html: str) -> list[str]:
    found = []
    for form in re.findall(r"<form\b[^>]*>", html):
        posts = 'method="post"' in form and not any(path in form for path in HARMLESS_POSTS)
        if posts or "multipart/form-data" in form:
            found.append(form)
    found += [match.group(0) for match in EDIT_LINK.finditer(html)]
    for marker in ('id="snapshot-form"', 'id="realisation-form"', 'id="request-form"', 'id="proposal-form"'):
        if marker in html:
            found.append(marker)
    return found


@pytest.mark.parametrize(
    ("username", "path"), [(username, path) for username, paths in READERS.items() for path in paths]
)
def test_readers_see_no_forms_they_cannot_use(login, username: str, path: str) -> None:
    response = login(username).get(path)
    assert response.status_code == 200, (username, path)
    assert forms_a_reader_should_not_see(response.content.decode()) == []


@pytest.mark.parametrize("username", list(READERS))
def test_readers_see_a_location_without_edit_forms(login, username: str) -> None:
    kerklaan = Location.objects.get(name="Kerklaan")
    response = login(username).get(f"/locatie/{kerklaan.pk}/")
    assert response.status_code == 200
    assert forms_a_reader_should_not_see(response.content.decode()) == []


def test_the_officer_does_see_the_forms(login) -> None:
    """The check above finds the forms where they belong, so an empty list means something."""
    html = login("heemstede").get("/gemeente/GM0397/?datum=2025-11-01").content.decode()
    found = forms_a_reader_should_not_see(html)
    assert any("snapshot-form" in item for item in found)
    assert any("/import/" in item for item in found)
    assert any("/raadsinformatiebericht/" in item for item in found)


def test_the_region_coordinator_keeps_the_region_proposal(login) -> None:
    """Kennemerland edits its own joint plan and makes the region's placement proposals: that form stays."""
    html = login("kennemerland").get("/regio/kennemerland/plaatsing/").content.decode()
    assert 'id="proposal-form"' in html
