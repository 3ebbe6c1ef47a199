"""Doubts about a reference list that its reader may lift: the list is read in only when
confirmed, and then with the doubt as a warning (docs/matching.md, "Veel kleiner, groter of
geen klantenlijst").

A much smaller list is probably half an export (QA10 B8). A file that does not look like the
client list is probably the BRP extract or another register (QA14 B6): read in as client list
it would make its people 'al bekend bij schuldhulpverlening', so none of their signals would be
picked up. The page asks with a tick, the commands with an option (`Confirmation`).
"""

from __future__ import annotations

from dataclasses import dataclass

from vroegsignaal.dutch_numbers import counted, dutch_number, dutch_percentage
from vroegsignaal.dutch_text import listed
from vroegsignaal.matching.models import KnownClient, ResidentRecord

# Below this share of the current list's rows, a new list is probably half an export: known
# clients would be picked up as new again, residents missing from the BRP extract closed as
# 'geen inwoner (meer)'. Lists change by a few per cent a month.
MUCH_SMALLER_SHARE = 0.75
# From this many times the current client list's rows, a new one is probably another list: the
# same few per cent a month do not add half again.
MUCH_LARGER_SHARE = 1.5
# From this share of the residents in the BRP extract, a client list is probably (part of) the
# extract: fewer than 10% of meldingen concern households known to debt help (domain.md), and
# meldingen are households in arrears, far likelier to need debt help than residents at large.
# The demo's client list is 3% of its residents.
CLIENTS_OF_RESIDENTS_SHARE = 0.1
# Columns of the BRP extract's format that the client list does not read.
BRP_ONLY_COLUMNS = ("voorletters", "voorvoegsel", "datum_overlijden")


@dataclass(frozen=True)
class Confirmation:
    """What lifts a doubt: the page's tick (form field ``field``, label ``tick``) and the
    commands' ``option``; ``if_so`` starts the sentence saying how."""

    field: str
    tick: str
    option: str
    option_help: str
    if_so: str

    @property
    def on_the_page(self) -> str:
        return (
            f"{self.if_so}, kies het bestand dan opnieuw en vink '{self.tick}' aan. De huidige "
            "lijst blijft tot dan staan."
        )

    @property
    def on_the_command_line(self) -> str:
        return f"{self.if_so}, draai de opdracht dan met {self.option}."


SMALLER = Confirmation(
    "smaller_confirmed",
    "De lijst is veel kleiner, en dat klopt",
    "--allow-smaller",
    "Ook inlezen als de lijst veel kleiner is dan de huidige (minder dan drie kwart van de rijen).",
    "Is de kleinere lijst juist",
)
CLIENT_LIST = Confirmation(
    "client_list_confirmed",
    "Dit is de klantenlijst schuldhulpverlening, en dat klopt",
    "--confirm-client-list",
    "Ook inlezen als de lijst niet op een klantenlijst lijkt: met kolommen van het "
    "BRP-uittreksel, met een tiende van de inwoners of meer, of de helft groter dan de huidige.",
    "Is dit toch de klantenlijst",
)
CONFIRMATIONS = (SMALLER, CLIENT_LIST)


@dataclass(frozen=True)
class Doubt:
    """A doubt about a list: what is said when it refuses the list (``refusal``), and when the
    reader confirmed it and the list was read in (``warning``)."""

    confirmation: Confirmation
    refusal: str
    warning: str


_KNOWN = (
    "Wie op de klantenlijst staat, geldt bij de volgende matching als bekend bij "
    "schuldhulpverlening: zijn signalen worden niet opgepakt."
)


def unlike_a_client_list(municipality, columns: set[str], clients: int) -> Doubt | None:
    """The doubt about a client list of ``clients`` with these ``columns`` that does not look
    like one (`CLIENT_LIST`), or None."""
    reasons = [
        *_brp_columns(columns),
        *_many_of_the_residents(municipality, clients),
        *_much_larger(municipality, clients),
    ]
    if not reasons:
        return None
    why = " ".join(reasons)
    return Doubt(
        CLIENT_LIST,
        f"Is dit wel de klantenlijst schuldhulpverlening? {why} {_KNOWN}",
        f"Let op: de nieuwe klantenlijst lijkt niet op een klantenlijst schuldhulpverlening. "
        f"{why} {_KNOWN} Klopt dat niet, lees dan de juiste klantenlijst in vóór de volgende "
        "matching.",
    )


def _brp_columns(columns: set[str]) -> list[str]:
    found = [column for column in BRP_ONLY_COLUMNS if column in columns]
    if not found:
        return []
    # A client export that really has such a column would be asked every month: say how not to.
    one = len(found) == 1
    kind = (
        "een kolom die in een BRP-uittreksel hoort"
        if one
        else "kolommen die in een BRP-uittreksel horen"
    )
    them = "die kolom" if one else "die kolommen"
    return [
        f"Het bestand heeft {kind} en die een klantenlijst niet gebruikt: {listed(found)}. "
        f"Laat {them} weg uit de export als dit wel de klantenlijst is."
    ]


def _in_it(clients: int) -> str:
    return f"Er {'staat' if clients == 1 else 'staan'} {counted(clients, 'klant', 'klanten')} in"


def _many_of_the_residents(municipality, clients: int) -> list[str]:
    residents = ResidentRecord.objects.filter(municipality=municipality).count()
    if not residents or clients < CLIENTS_OF_RESIDENTS_SHARE * residents:
        return []
    return [
        f"{_in_it(clients)}, {dutch_percentage(clients, residents)} van de "
        f"{counted(residents, 'inwoner', 'inwoners')} in het BRP-uittreksel van "
        f"{municipality.name}; een klantenlijst heeft er gewoonlijk een paar procent van."
    ]


def _much_larger(municipality, clients: int) -> list[str]:
    before = KnownClient.objects.filter(municipality=municipality).count()
    if not before or clients < MUCH_LARGER_SHARE * before:
        return []
    more = dutch_percentage(clients - before, before)
    return [
        f"{_in_it(clients)}, {more} meer dan in de huidige klantenlijst ({dutch_number(before)})."
    ]
