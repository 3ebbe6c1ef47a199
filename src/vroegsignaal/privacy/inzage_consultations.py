"""Who consulted a resident's data, for her inzage document: when and why, not by whom.

The resident has the right to know the dates and purposes of the consultations of her data
(CJEU C-579/21), not the names of the employees. So each audit entry about her signals and
meldingen (`audit.about`, as "Wie heeft de gegevens van een inwoner bekeken?" finds them) is
told as its day, the role and organisation ("Uitvoerder, gemeente Enschede"), and the page in
plain words ("melding bekeken"), grouped per day and role so that a busy melding stays readable.
A refused attempt showed her nothing and is left out; so is what the audit term let go
(`RETENTION_AUDIT_DAYS`), even before the nightly retention run erased it.

Public API: ``consultations(objects, today)`` → ``list[Consultation]``; ``kept_since(today)``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from vroegsignaal.dutch_text import listed
from vroegsignaal.organisations.models import Role
from vroegsignaal.privacy import audit, retention
from vroegsignaal.privacy.models import AuditAction, AuditEntry
from vroegsignaal.privacy.pages import screen_of

# The role as the resident reads it: the words of the chain are short and known to her from
# the letters ('uitvoerder', 'meldpunt'); the long labels of Role are for colleagues.
ROLES = {
    Role.CREDITOR_STAFF: "Medewerker",
    Role.INTAKE: "Meldpunt",
    Role.CASEWORKER: "Uitvoerder",
    Role.PROJECT_LEADER: "Projectleider",
    Role.ADMINISTRATOR: "Functioneel beheerder",
    Role.PRIVACY_OFFICER: "Functionaris gegevensbescherming",
}
# What was done with the page, after its name ('melding bekeken').
VERBS = {
    AuditAction.VIEW: "bekeken",
    AuditAction.DOWNLOAD: "gedownload",
    AuditAction.EXPORT: "verstrekt",
    AuditAction.CHANGE: "vastgelegd",
}
# A change on these pages reads better as what it did than as '... vastgelegd'.
CHANGES = {
    "melding toewijzen": "melding aan een medewerker toegewezen",
    "toewijzing intrekken": "toewijzing ingetrokken",
    "brief bij een melding": "brief gemaakt",
    "printopdracht": "brieven afgedrukt",
    "printopdracht (pdf)": "brieven afgedrukt",
    "afsluiten met eindresultaat": "melding afgesloten",
    "melding heropenen": "melding heropend",
    "heropaf afronden": "heropaf afgerond",
    "regel van de budgetscan wijzigen": "budgetscan gewijzigd",
    "regel van de budgetscan verwijderen": "budgetscan gewijzigd",
    "signaal bevestigen: geen inwoner (meer)": "bevestigd dat u hier niet (meer) woont",
    "heropafvraag beantwoorden": "vraag over uw betalingen beantwoord",
}
# What an inzageverzoek wrote per signal and melding it released (privacy.views).
RELEASED = "uw gegevens samengesteld voor een inzageverzoek"
_MUNICIPALITY = re.compile(r"^(?P<name>.+) \(\d{4}\)$")  # str(Municipality): 'Enschede (0153)'


@dataclass(frozen=True)
class Consultation:
    """One day's consultations by one role of one organisation."""

    day: dt.date
    who: str
    purposes: str


def consultations(objects: dict[str, set[str]], today: dt.date) -> list[Consultation]:
    """The consultations of ``objects`` (type → ids, as ``Found.objects`` names them) within
    the audit term, oldest first."""
    entries = audit.about(AuditEntry.objects.all(), objects).filter(
        action__in=list(VERBS), created_at__date__gte=kept_since(today)
    )
    groups: dict[tuple[dt.date, str], dict[object, str]] = {}
    for entry in entries.order_by("created_at", "id"):
        moment, done = timezone.localtime(entry.created_at), purpose(entry)
        # An inzageverzoek writes an entry per signal and melding it released: one request,
        # so one consultation (its entries share the person and the second). So is a
        # creditor's list written per municipality of her signals in it (`audit.one_read`).
        released = (entry.username, moment.replace(microsecond=0))
        once = released if done == RELEASED else audit.one_read(entry)
        groups.setdefault((moment.date(), who(entry)), {})[once] = done
    return [
        Consultation(day, name, _purposes(Counter(purposes.values()).items()))
        for (day, name), purposes in groups.items()
    ]


def kept_since(today: dt.date) -> dt.date:
    """The first day whose consultations the audit term still keeps."""
    return retention.cutoffs(today)[retention.AUDIT_ENTRIES]


def who(entry: AuditEntry) -> str:
    """'Uitvoerder, gemeente Enschede', 'Medewerker, Energie Oost', 'Projectleider, regio
    Twente'; a job on the server names no person either, nor does a creditor's system that
    read through the API with its key ('Systeem van Energie Oost (automatisch opgehaald)')."""
    if not entry.role:  # a scheduled job, or a command on the server (privacy.command_line)
        system = entry.username == audit.SYSTEM_USERNAME
        return "Vroegsignaal zelf (automatisch)" if system else "Beheerder (opdracht op de server)"
    if entry.user_id is None and entry.username.startswith("api:"):  # api_auth.CreditorSystem
        return f"Systeem van {entry.organisation} (automatisch opgehaald)"
    role = ROLES.get(entry.role, entry.role_label)
    organisation = entry.organisation
    if match := _MUNICIPALITY.match(organisation):
        organisation = f"gemeente {match['name']}"
    elif organisation and entry.role != Role.CREDITOR_STAFF:
        organisation = f"regio {organisation}"
    return f"{role}, {organisation}" if organisation else role


def purpose(entry: AuditEntry) -> str:
    """The page and what was done there, in plain words: 'melding bekeken', 'brief gemaakt';
    not what a colleague typed in a filter there (`pages.screen_of`)."""
    page = screen_of(entry.readable_description)
    if entry.action == AuditAction.EXPORT and page.startswith("inzageverzoek"):
        return RELEASED
    if entry.action == AuditAction.CHANGE and page in CHANGES:
        return CHANGES[page]
    return f"{page} {VERBS[entry.action]}"


def _purposes(counted: Iterable[tuple[str, int]]) -> str:
    return listed(f"{text} ({times} keer)" if times > 1 else text for text, times in counted)
