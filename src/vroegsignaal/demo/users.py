"""The demo logins: one or more users per role, all with the documented demo password
(docs/demo.md lists them; a test keeps that list and this one in step).

An existing user keeps its password: running the demo again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from vroegsignaal.demo.region import REGION_NAME
from vroegsignaal.organisations.models import (
    Creditor,
    Municipality,
    Region,
    Role,
    Team,
    User,
)

DEMO_PASSWORD = "Vroeg-Signaal-2026"
DEMO_MAIL_DOMAIN = "demo.example"

# One caseworker for each municipality without its own meldpunt in the demo; they take in and
# work their meldingen themselves.
LOCAL_CASEWORKERS = {
    "0141": ("Sanne", "Wessels"),
    "0147": ("Gerrit", "Brinkhuis"),
    "1774": ("Marieke", "Oude Luttikhuis"),
    "0158": ("Wim", "Leferink"),
    "0163": ("Lotte", "Ten Brinke"),
    "1735": ("Jeroen", "Roelofs"),
    "0168": ("Esra", "Demir"),
    "0173": ("Hanneke", "Kamphuis"),
    "1742": ("Martijn", "Nijkamp"),
    "0183": ("Ilse", "Pierik"),
    "1700": ("Rik", "Velthuis"),
    "0189": ("Naima", "El Idrissi"),
}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    first_name: str
    last_name: str
    creditor: str = ""  # creditor code
    municipality: str = ""  # CBS code
    team: str = ""  # team name within the municipality
    region: bool = False  # works for the whole region
    superuser: bool = False  # with staff status: Django's groups, permissions and tasks


def demo_logins(document: dict) -> list[DemoLogin]:
    """Every demo login for the region in `document` (creditor staff per creditor first)."""
    staff = [
        DemoLogin(
            f"medewerker.{c['code']}",
            Role.CREDITOR_STAFF,
            "Medewerker",
            c["name"],
            creditor=c["code"],
        )
        for c in document["creditors"]
    ]
    return [
        *staff,
        DemoLogin("meldpunt.enschede", Role.INTAKE, "Fatma", "Yilmaz", municipality="0153"),
        DemoLogin(
            "uitvoerder.enschede", Role.CASEWORKER, "Joost", "Oude Egbrink", municipality="0153"
        ),
        DemoLogin(
            "uitvoerder.enschede-zuid",
            Role.CASEWORKER,
            "Anouk",
            "ter Horst",
            municipality="0153",
            team="Team Zuid",
        ),
        DemoLogin(
            "uitvoerder.enschede-noord",
            Role.CASEWORKER,
            "Sven",
            "Nijenhuis",
            municipality="0153",
            team="Team Noord",
        ),
        DemoLogin("meldpunt.hengelo", Role.INTAKE, "Ria", "Nijhuis", municipality="0164"),
        DemoLogin("uitvoerder.hengelo", Role.CASEWORKER, "Bram", "Kuipers", municipality="0164"),
        *_local_caseworkers(document),
        DemoLogin("projectleider.twente", Role.PROJECT_LEADER, "Marloes", "Lansink", region=True),
        # The functioneel beheerder as the user guide describes them: the role alone, no staff
        # or superuser status (those showed Django's switches a functioneel beheerder never sees).
        DemoLogin("beheerder", Role.ADMINISTRATOR, "Henk", "Wolters", region=True),
        DemoLogin("fg.twente", Role.PRIVACY_OFFICER, "Ingrid", "Bosch", region=True),
        # A technical account, as after `createsuperuser`: no role and no organisation.
        DemoLogin("technisch.beheerder", "", "Theo", "Kampman", superuser=True),
    ]


def caseworker_username(municipality_name: str) -> str:
    """The login of a municipality's own caseworker, e.g. 'uitvoerder.hof-van-twente'."""
    return "uitvoerder." + municipality_name.lower().replace(" ", "-")


def _local_caseworkers(document: dict) -> list[DemoLogin]:
    names = {m["code"]: m["name"] for m in document["municipalities"]}
    return [
        DemoLogin(caseworker_username(names[code]), Role.CASEWORKER, first, last, municipality=code)
        for code, (first, last) in LOCAL_CASEWORKERS.items()
    ]


def _organisation(login: DemoLogin) -> dict:
    municipality = Municipality.objects.get(code=login.municipality) if login.municipality else None
    return {
        "creditor": Creditor.objects.get(code=login.creditor) if login.creditor else None,
        "municipality": municipality,
        "team": Team.objects.get(municipality=municipality, name=login.team)
        if login.team
        else None,
        "region": Region.objects.get(name=REGION_NAME) if login.region else None,
    }


def ensure_demo_users(logins: list[DemoLogin]) -> int:
    """Create the demo users that do not exist yet and set the role and organisation of all of
    them; returns the number created. Hashing is slow on purpose, so it is done once."""
    password = None
    created = 0
    for login in logins:
        values = {
            "role": login.role,
            "first_name": login.first_name,
            "last_name": login.last_name,
            # Made up ('.example' is reserved); in the demo mail goes to the terminal.
            "email": f"{login.username}@{DEMO_MAIL_DOMAIN}",
            "is_staff": login.superuser,
            "is_superuser": login.superuser,
            **_organisation(login),
        }
        user = User.objects.filter(username=login.username).first()
        if user is None:
            password = password or make_password(DEMO_PASSWORD)
            User.objects.create(username=login.username, password=password, **values)
            created += 1
            continue
        changed = {k: v for k, v in values.items() if getattr(user, k) != v}
        if changed:
            User.objects.filter(pk=user.pk).update(**changed)
    return created
