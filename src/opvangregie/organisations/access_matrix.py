"""The authorisation matrix: for every route of the site and of the API, what each demo role gets.

The scope rules (``scope.py``) decide; this table declares what they must amount to, route by route, and
``tests/organisations/test_access_matrix.py`` requests every route as every demo role and compares. A new route
without an entry here fails that test ("new route without a declared access rule"), and so does an entry
whose route is gone.

Each route is tried on two sides: ``heemstede`` fills the path with the demo's own objects (municipality
GM0397 and its locations, households and requests, region Kennemerland, province Noord-Holland) and
``elsewhere`` with another organisation's (Utrecht GM0344 with an asylum location run by COA, its region,
province Utrecht). Routes without an object have one side. Roles: ``anonymous`` and the demo users —
heemstede (municipal editor), raadslid (council member of Heemstede, read-only), haarlem (editor of another
municipality in the region), kennemerland (region coordinator), noordholland (province, read-only), coa
(editor of asylum and AMV locations anywhere), rijk (national, read-only) and beheerder (administrator).

Per side: ``ok`` get the page or the operation's answer (2xx); ``forbidden`` may see the object but not do
this (403); ``redirect`` are sent on to their own start page; every other signed-in role gets ``others``
(404: an object one may not read looks like one that does not exist). Anonymous visitors are sent to the
login page (web) or get 401 (API) unless declared otherwise. ``writers`` (web forms) are the roles whose
POST is taken; everyone else's is refused with 403 or 404 and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("anonymous", "heemstede", "raadslid", "haarlem", "kennemerland", "noordholland", "coa", "rijk", "beheerder")
SIGNED_IN = frozenset(ROLES[1:])
LOGIN = "login"  # anonymous visitors are sent to the login page


def roles(names: str) -> frozenset[str]:
    unknown = set(names.split()) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return frozenset(names.split())


@dataclass(frozen=True, slots=True)
class Side:
    ok: frozenset[str]
    forbidden: frozenset[str] = frozenset()
    redirect: frozenset[str] = frozenset()
    others: int = 404


@dataclass(frozen=True, slots=True)
class Access:
    heemstede: Side
    elsewhere: Side | None = None  # None: the route takes no object of an organisation
    anonymous: int | str = LOGIN
    writers: dict[str, frozenset[str]] = field(default_factory=dict)  # side -> roles whose POST is taken

    def side(self, name: str) -> Side:
        return self.elsewhere if name == "elsewhere" and self.elsewhere is not None else self.heemstede


def side(ok: str = "", forbidden: str = "", redirect: str = "", others: int = 404) -> Side:
    return Side(roles(ok), roles(forbidden), roles(redirect), others)


ALL = side(" ".join(sorted(SIGNED_IN)))
ADMINISTRATOR = side("beheerder")
NATIONAL_READERS = side("rijk beheerder")
POST_ONLY = side(others=405)  # a GET answers 405 to everyone signed in

# The municipality's figures: its own members, its region and province, national users.
MUNICIPALITY = Access(side("heemstede raadslid kennemerland noordholland rijk beheerder"), NATIONAL_READERS)
# What only the municipality's own editors change: readers see 403, the rest 404.
MUNICIPALITY_EDIT = Access(
    side("heemstede beheerder", forbidden="raadslid kennemerland noordholland rijk"),
    side("beheerder", forbidden="rijk"),
)
# Households are personal data: only the municipality's own officers (AVG art. 5(1)(c)).
HOUSEHOLDS = Access(side("heemstede beheerder"), ADMINISTRATOR)
REGION = Access(side("kennemerland rijk beheerder"), NATIONAL_READERS)
PROVINCE = Access(side("noordholland rijk beheerder"), NATIONAL_READERS)
# Heemstede's Ukrainian location (municipal readers) and Utrecht's asylum location (COA reads and edits it).
LOCATION = Access(side("heemstede raadslid kennemerland noordholland rijk beheerder"), side("coa rijk beheerder"))
LOCATION_EDIT = Access(
    side("heemstede beheerder", forbidden="raadslid kennemerland noordholland rijk"),
    side("coa beheerder", forbidden="rijk"),
)
# The regional plan: read by the region's municipalities and the province around them.
PLAN = Access(side("heemstede raadslid haarlem kennemerland noordholland rijk beheerder"), NATIONAL_READERS)
PROPOSAL = Access(side("heemstede beheerder"), ADMINISTRATOR)
EVERYONE_SIGNED_IN = Access(ALL)

MUNICIPAL_WRITERS = {"heemstede": roles("heemstede beheerder"), "elsewhere": roles("beheerder")}
LOCATION_WRITERS = {"heemstede": roles("heemstede beheerder"), "elsewhere": roles("coa beheerder")}
MUNICIPALITY_READERS = {
    "municipality": roles("heemstede raadslid kennemerland noordholland rijk beheerder"),
    "region": roles("kennemerland rijk beheerder"),
    "province": roles("noordholland rijk beheerder"),
}


AGENDA_SUBSCRIBERS = {
    area: {"heemstede": MUNICIPALITY_READERS[area], "elsewhere": roles("rijk beheerder")}
    for area in ("municipality", "region", "province")
}


def _writes(access: Access, writers: dict[str, frozenset[str]]) -> Access:
    return Access(access.heemstede, access.elsewhere, access.anonymous, writers)


def _api(access: Access) -> Access:
    return Access(access.heemstede, access.elsewhere, 401, access.writers)


# --- the web pages, by URL name -----------------------------------------------------------------------------
WEB: dict[str, Access] = {
    "web:home": Access(side("coa rijk beheerder", redirect="heemstede raadslid haarlem kennemerland noordholland")),
    "web:municipality": MUNICIPALITY,
    "web:municipality-snapshot": _writes(Access(POST_ONLY, POST_ONLY), MUNICIPAL_WRITERS),
    "web:municipality-export": MUNICIPALITY,
    "web:region": REGION,
    "web:province": PROVINCE,
    "locations:municipality-import": _writes(MUNICIPALITY_EDIT, MUNICIPAL_WRITERS),
    "locations:capacity-import": _writes(MUNICIPALITY_EDIT, MUNICIPAL_WRITERS),
    # A large count file imported by a task: its page is the municipality's own editors' (everyone else: 404).
    "locations:count-import": Access(side("heemstede beheerder"), ADMINISTRATOR),
    "locations:location-new": _writes(
        Access(
            side("heemstede coa beheerder", forbidden="raadslid kennemerland noordholland rijk"),
            side("coa beheerder", forbidden="rijk"),
        ),
        {"heemstede": roles("heemstede coa beheerder"), "elsewhere": roles("coa beheerder")},
    ),
    "locations:location-new-choose": Access(
        side(redirect="heemstede coa beheerder", forbidden="raadslid kennemerland noordholland rijk")
    ),
    "locations:location": LOCATION,
    "locations:location-edit": _writes(LOCATION_EDIT, LOCATION_WRITERS),
    "locations:location-action": _writes(Access(POST_ONLY, POST_ONLY), LOCATION_WRITERS),
    "agreements:location": _writes(LOCATION, LOCATION_WRITERS),  # read by the location's readers
    "agreements:municipality": MUNICIPALITY,
    "communication:municipality": _writes(MUNICIPALITY, MUNICIPAL_WRITERS),
    # Support programmes: read by the municipality's readers, added and given figures by its editors.
    "support:programmes": _writes(MUNICIPALITY, MUNICIPAL_WRITERS),
    "support:programme": _writes(MUNICIPALITY, MUNICIPAL_WRITERS),
    "support:import": _writes(MUNICIPALITY_EDIT, MUNICIPAL_WRITERS),
    "quotas:municipality": MUNICIPALITY,
    "quotas:municipality-export": MUNICIPALITY,
    "quotas:import": _writes(MUNICIPALITY_EDIT, MUNICIPAL_WRITERS),
    "quotas:supervision": PROVINCE,
    "quotas:letter": PROVINCE,
    "quotas:letters": PROVINCE,
    # The province's editors record the letters they sent (the demo's province user only reads: 403); a
    # municipality never does. Only the municipality's own editors record its reply; its province may not.
    "quotas:letter-sent": _writes(
        Access(side("beheerder", forbidden="noordholland rijk"), side("beheerder", forbidden="rijk")),
        {"heemstede": roles("beheerder"), "elsewhere": roles("beheerder")},
    ),
    "quotas:reply": _writes(MUNICIPALITY_EDIT, MUNICIPAL_WRITERS),
    "distribution:runs": EVERYONE_SIGNED_IN,
    "distribution:run": EVERYONE_SIGNED_IN,
    "distribution:compare": EVERYONE_SIGNED_IN,
    "distribution:plan": _writes(PLAN, {"heemstede": roles("kennemerland beheerder"), "elsewhere": roles("beheerder")}),
    "households:households": HOUSEHOLDS,
    "households:household-new": _writes(HOUSEHOLDS, MUNICIPAL_WRITERS),
    "households:import": _writes(HOUSEHOLDS, MUNICIPAL_WRITERS),
    "households:incomes-import": _writes(HOUSEHOLDS, MUNICIPAL_WRITERS),
    "households:household": _writes(HOUSEHOLDS, MUNICIPAL_WRITERS),
    "households:waiting-list": MUNICIPALITY,
    "households:request": _writes(HOUSEHOLDS, MUNICIPAL_WRITERS),
    "households:allowances": MUNICIPALITY,
    "households:region-waiting-list": REGION,
    "households:calculator": EVERYONE_SIGNED_IN,
    "placement:placement": _writes(MUNICIPALITY, MUNICIPAL_WRITERS),
    "placement:region-placement": _writes(
        REGION, {"heemstede": roles("kennemerland beheerder"), "elsewhere": roles("beheerder")}
    ),
    "placement:proposal": PROPOSAL,
    "placement:proposal-confirm": _writes(Access(POST_ONLY, POST_ONLY), MUNICIPAL_WRITERS),
    "reports:letter": _writes(MUNICIPALITY_EDIT, MUNICIPAL_WRITERS),
    "reports:letter-generate": _writes(Access(POST_ONLY, POST_ONLY), MUNICIPAL_WRITERS),
    "reports:letter-settings": _writes(MUNICIPALITY_EDIT, MUNICIPAL_WRITERS),
    "reports:letter-attachments": _writes(Access(POST_ONLY, POST_ONLY), MUNICIPAL_WRITERS),
    "reports:letter-attachment": _writes(MUNICIPALITY_EDIT, MUNICIPAL_WRITERS),
    "reports:document": PROPOSAL,
    "reports:province": PROVINCE,
    # The forward look and the agenda: read by whoever reads the area; any reader may subscribe to the agenda.
    "reports:forward-municipality": MUNICIPALITY,
    "reports:map-municipality": MUNICIPALITY,
    "reports:forward-region": REGION,
    "reports:forward-province": PROVINCE,
    "reports:agenda-municipality": _writes(MUNICIPALITY, AGENDA_SUBSCRIBERS["municipality"]),
    "reports:agenda-region": _writes(REGION, AGENDA_SUBSCRIBERS["region"]),
    "reports:agenda-province": _writes(PROVINCE, AGENDA_SUBSCRIBERS["province"]),
    # The .ics feed: the secret address is the key (no session); an unknown address is 404 for everyone.
    "reports:agenda-feed": Access(side(), anonymous=404),
    # Candidate sites: the list shows what one may see (an empty list to readers of the municipality); a site
    # is confidential until made public (Heemstede's side: an idea; elsewhere: a public site of Utrecht).
    "sites:municipality": _writes(MUNICIPALITY, MUNICIPAL_WRITERS),
    "sites:site": _writes(Access(side("heemstede beheerder"), side("coa rijk beheerder")), MUNICIPAL_WRITERS),
    # Constraint layers describe the land: every signed-in user reads them; province and national editors
    # upload them (the demo has none but the administrator: the others get 403 and their POST writes nothing).
    "sites:layers": EVERYONE_SIGNED_IN,
    "sites:layer-upload": _writes(
        Access(side("beheerder", forbidden=" ".join(sorted(SIGNED_IN - {"beheerder"})))),
        {"heemstede": roles("beheerder")},
    ),
    # Vacant buildings from the BAG are internal like an unpublished site: the municipality's own editors only
    # (everyone else, its council members, region and province included, finds nothing: 404).
    "sites:vacant": HOUSEHOLDS,
    "sites:vacant-import": _writes(HOUSEHOLDS, MUNICIPAL_WRITERS),
    "sites:vacant-site": _writes(Access(POST_ONLY, POST_ONLY), MUNICIPAL_WRITERS),
    # Signing in and out and the language choice are open to everyone.
    "login": Access(ALL, anonymous=200),
    "logout": Access(side(others=405), anonymous=405),
    "set_language": Access(side(redirect=" ".join(sorted(SIGNED_IN))), anonymous=302),
    # The API's own pages: the schema and its viewer are public, the root lists nothing.
    "api:openapi-json": Access(ALL, anonymous=200),
    "api:openapi-view": Access(ALL, anonymous=200),
    "api:api-root": Access(side(), anonymous=404),
}

# The admin site (every ``admin:`` URL): administrators only; everyone else is sent to the admin's login page.
ADMIN_SITE = "admin:*"

# --- the JSON API, by method and path -----------------------------------------------------------------------
API: dict[str, Access] = {
    "GET /api/municipalities": _api(EVERYONE_SIGNED_IN),
    "GET /api/municipalities/{code}/overview": _api(MUNICIPALITY),
    "GET /api/regions/{slug}/overview": _api(REGION),
    "GET /api/provinces/{code}/overview": _api(PROVINCE),
    "GET /api/locations": _api(EVERYONE_SIGNED_IN),
    "POST /api/locations": _api(
        Access(
            side("heemstede beheerder", forbidden="raadslid kennemerland noordholland rijk coa"),
            side("coa beheerder", forbidden="rijk"),
        )
    ),
    "GET /api/locations/{location_id}": _api(LOCATION),
    "POST /api/locations/{location_id}/status": _api(LOCATION_EDIT),
    "GET /api/locations/{location_id}/snapshots": _api(LOCATION),
    "POST /api/locations/{location_id}/snapshots": _api(LOCATION_EDIT),
    "GET /api/locations/{location_id}/capacity": _api(LOCATION),
    "PUT /api/locations/{location_id}/capacity/{effective_date}": _api(LOCATION_EDIT),
    "DELETE /api/locations/{location_id}/capacity/{effective_date}": _api(LOCATION_EDIT),
    "GET /api/locations/{location_id}/expected": _api(LOCATION),
    "PUT /api/locations/{location_id}/expected/{status}": _api(LOCATION_EDIT),
    "DELETE /api/locations/{location_id}/expected/{status}": _api(LOCATION_EDIT),
    "GET /api/municipalities/{code}/projection": _api(MUNICIPALITY),
    "GET /api/municipalities/{code}/programmes": _api(MUNICIPALITY),
    "GET /api/map/boundaries": _api(EVERYONE_SIGNED_IN),  # public reference data (CBS)
    "GET /api/map/locations": _api(EVERYONE_SIGNED_IN),  # each sees the locations it may read
    "GET /api/sites": _api(EVERYONE_SIGNED_IN),  # each sees the sites it may (see sites.selectors.site_filter)
    "GET /api/layers": _api(EVERYONE_SIGNED_IN),  # constraint layers describe the land: every signed-in user
    "GET /api/layers/{layer_id}/features": _api(EVERYONE_SIGNED_IN),
    "GET /api/municipalities/{code}/vacant-buildings": _api(HOUSEHOLDS),  # internal, like the page
    "GET /api/regions/{slug}/projection": _api(REGION),
    "GET /api/provinces/{code}/projection": _api(PROVINCE),
    "GET /api/quotas/periods": _api(EVERYONE_SIGNED_IN),
    "POST /api/quotas/periods": _api(Access(side("beheerder", forbidden=" ".join(sorted(SIGNED_IN - {"beheerder"}))))),
    "POST /api/quotas/periods/{period}/revisions": _api(
        Access(side("beheerder", forbidden=" ".join(sorted(SIGNED_IN - {"beheerder"}))))
    ),
    "POST /api/quotas/periods/{period}/published": _api(
        Access(side("beheerder", forbidden=" ".join(sorted(SIGNED_IN - {"beheerder"}))))
    ),
    # An arrangement between Heemstede and Haarlem: who cannot read both municipalities gets 404.
    "POST /api/quotas/periods/{period}/arrangements": _api(
        Access(side("beheerder", forbidden="kennemerland noordholland rijk"))
    ),
    "GET /api/quotas/municipalities/{code}/ledger": _api(MUNICIPALITY),
    "GET /api/quotas/municipalities/{code}/realisations": _api(MUNICIPALITY),
    "POST /api/quotas/municipalities/{code}/realisations": _api(MUNICIPALITY_EDIT),
    "GET /api/quotas/provinces/{code}/supervision": _api(PROVINCE),
    "GET /api/quotas/provinces/{code}/supervision/letters": _api(PROVINCE),
    "POST /api/quotas/provinces/{code}/supervision/letters": _api(
        Access(side("beheerder", forbidden="noordholland rijk"), side("beheerder", forbidden="rijk"))
    ),
    "PUT /api/quotas/municipalities/{code}/supervision-replies/{period}": _api(MUNICIPALITY_EDIT),
    "GET /api/quotas/national/ledger": _api(
        Access(side("rijk beheerder", forbidden="heemstede raadslid haarlem kennemerland noordholland coa"))
    ),
    "GET /api/distribution/runs": _api(EVERYONE_SIGNED_IN),
    "POST /api/distribution/runs": _api(
        Access(side("beheerder", forbidden=" ".join(sorted(SIGNED_IN - {"beheerder"}))))
    ),
    "POST /api/distribution/published/{cycle}": _api(
        Access(side("beheerder", forbidden=" ".join(sorted(SIGNED_IN - {"beheerder"}))))
    ),
    "POST /api/distribution/ses": _api(
        Access(side("beheerder", forbidden=" ".join(sorted(SIGNED_IN - {"beheerder"}))))
    ),
    "GET /api/distribution/runs/{run_id}": _api(EVERYONE_SIGNED_IN),
    "GET /api/distribution/compare": _api(EVERYONE_SIGNED_IN),
    "POST /api/distribution/plans": _api(
        Access(
            side("kennemerland beheerder", forbidden="heemstede raadslid haarlem noordholland rijk"),
            side("beheerder", forbidden="rijk"),
        )
    ),
    "PUT /api/distribution/plans/{plan_id}/contributions": _api(
        Access(
            side("kennemerland beheerder", forbidden="heemstede raadslid haarlem noordholland rijk"),
            side("beheerder", forbidden="rijk"),
        )
    ),
    "GET /api/distribution/plans/{plan_id}": _api(PLAN),
    "POST /api/distribution/plans/{plan_id}/exchanges": _api(
        Access(
            side("kennemerland beheerder", forbidden="heemstede raadslid haarlem noordholland rijk"),
            side("beheerder", forbidden="rijk"),
        )
    ),
    "GET /api/placement/{code}/households": _api(HOUSEHOLDS),
    "POST /api/placement/{code}/households": _api(HOUSEHOLDS),
    "POST /api/placement/{code}/households/import": _api(HOUSEHOLDS),
    "POST /api/placement/{code}/incomes/import": _api(HOUSEHOLDS),
    "GET /api/placement/{code}/waiting-list": _api(MUNICIPALITY),
    "POST /api/placement/{code}/requests/{request_id}/steps": _api(HOUSEHOLDS),
    "GET /api/placement/{code}/months/{month}": _api(MUNICIPALITY),
    "POST /api/placement/contribution": _api(EVERYONE_SIGNED_IN),
    "GET /api/placement/{code}/usable-places": _api(MUNICIPALITY),
    "POST /api/placement/{code}/proposals": _api(MUNICIPALITY_EDIT),
    "POST /api/placement/regions/{slug}/proposals": _api(
        Access(side("kennemerland beheerder", forbidden="rijk"), side("beheerder", forbidden="rijk"))
    ),
    "GET /api/placement/proposals/{run_id}": _api(PROPOSAL),
    "POST /api/placement/proposals/{run_id}/confirm": _api(PROPOSAL),
}
