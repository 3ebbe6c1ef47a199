"""Doubts about a reference list that its reader may lift: the list is read in only when
confirmed, and then with the doubt as a warning (docs/matching.md, "Veel kleiner, groter of
geen klantenlijst").

A much smaller list is probably half an export (QA10 B8). A file that does not look like the
client list is probably the BRP extract or another register (QA14 B6): read in as client list
it would make its people 'al bekend bij schuldhulpverlening', so none of their signals would be
picked up. The page asks with a tick, the commands with an option (`Confirmation`).

The other way round: a first BRP extract with few of the addresses in the municipality's
signals or few of its postcode areas is probably part of an export or the client list; read in
it would make everyone else 'geen inwoner (meer)'. It is asked as the others are. A file with
none of the extract's own columns is no extract at all, and is refused outright
(`not_a_brp_extract`): a real extract has them, so no confirmation is needed every month.
"""

from __future__ import annotations

from dataclasses import dataclass

from vroegsignaal.dutch_numbers import counted, dutch_number, dutch_percentage
from vroegsignaal.dutch_text import listed
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.models import KnownClient, ResidentRecord
from vroegsignaal.organisations.models import PostcodeArea

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
# Below this share of the addresses in the municipality's signals, or of its postcode areas, a
# first BRP extract is probably part of an export or another list: a register of every resident
# holds nearly all of them (a few customers moved away; an industrial estate has no residents).
COMPLETE_EXTRACT_SHARE = 0.5
# With fewer addresses or areas than these the share says too little: a small municipality may
# have one or two areas without residents, a new one signals at a handful of addresses.
ADDRESSES_TO_JUDGE = 20
AREAS_TO_JUDGE = 5


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
COMPLETE_EXTRACT = Confirmation(
    "complete_extract_confirmed",
    "Dit is het volledige BRP-uittreksel, en dat klopt",
    "--confirm-complete-extract",
    "Ook inlezen als het eerste BRP-uittreksel van de gemeente minder dan de helft van de "
    "adressen in haar signalen of van haar postcodegebieden heeft.",
    "Is dit toch het volledige BRP-uittreksel",
)
# The doubts the page and `import-clients` ask about a client list (the page reads no extract),
# and those `import-brp` asks about an extract.
CONFIRMATIONS = (SMALLER, CLIENT_LIST)
EXTRACT_CONFIRMATIONS = (SMALLER, COMPLETE_EXTRACT)


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
# What the BRP extract does to whoever is not in it, after 'Wie niet (meer) in het uittreksel
# staat, '.
NO_RESIDENT = (
    "geldt bij de volgende matching als geen inwoner (meer); zo'n melding wordt niet opgepakt."
)
_NOT_IN_IT = f"Wie niet in het uittreksel staat, {NO_RESIDENT}"
# How the messages name the columns only a BRP extract has: one, or more.
_BRP_ONLY = (
    "een kolom die in een BRP-uittreksel hoort",
    "kolommen die in een BRP-uittreksel horen",
)
_NOT_IN_A_CLIENT_LIST = "en die een klantenlijst niet gebruikt"


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
    kind = _BRP_ONLY[0] if one else _BRP_ONLY[1]
    them = "die kolom" if one else "die kolommen"
    return [
        f"Het bestand heeft {kind} {_NOT_IN_A_CLIENT_LIST}: {listed(found)}. "
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


def not_a_brp_extract(columns: set[str]) -> str | None:
    """Why a file with these ``columns`` is refused as BRP extract: it has none of the columns
    only an extract has (`BRP_ONLY_COLUMNS`), as the client list has none; else None."""
    if not columns or any(column in columns for column in BRP_ONLY_COLUMNS):
        return None
    return (
        f"Is dit wel een BRP-uittreksel? Het bestand heeft geen van de {_BRP_ONLY[1]} "
        f"{_NOT_IN_A_CLIENT_LIST}: {listed(BRP_ONLY_COLUMNS)}. Een klantenlijst leest u in met "
        "import-clients, of in de browser onder Matching → Klantenlijst en BRP-uittreksel. "
        f"{_NOT_IN_IT} Is dit wel het BRP-uittreksel, neem die kolommen dan op in de export "
        "(leeg bij een inwoner zonder)."
    )


def incomplete_first_extract(municipality, residents: list[ResidentRecord]) -> Doubt | None:
    """The doubt about the municipality's first BRP extract, of these ``residents``, that holds
    few of the addresses in its signals or few of its postcode areas (`COMPLETE_EXTRACT`), or
    None. A later extract is compared with the current one instead (much smaller)."""
    if ResidentRecord.objects.filter(municipality=municipality).exists():
        return None
    reasons = [
        *_few_signal_addresses(municipality, residents),
        *_few_postcode_areas(municipality, residents),
    ]
    if not reasons:
        return None
    why = " ".join(reasons)
    return Doubt(
        COMPLETE_EXTRACT,
        f"Is dit het volledige BRP-uittreksel van {municipality.name}? {why} {_NOT_IN_IT}",
        f"Let op: het BRP-uittreksel lijkt niet volledig. {why} {_NOT_IN_IT} Klopt dat niet, "
        "lees dan het volledige uittreksel in vóór de volgende matching.",
    )


def _few_signal_addresses(municipality, residents: list[ResidentRecord]) -> list[str]:
    # An erased signal keeps its postcode area and house number 0: no address to count.
    signals = Signal.objects.filter(municipality=municipality, house_number__gt=0)
    addresses = set(signals.values_list("postcode", "house_number").distinct())
    if len(addresses) < ADDRESSES_TO_JUDGE:
        return []
    held = len(addresses & {(r.postcode, r.house_number) for r in residents})
    if held >= COMPLETE_EXTRACT_SHARE * len(addresses):
        return []
    return [
        f"Van de {dutch_number(len(addresses))} adressen in de signalen voor {municipality.name} "
        f"{'staat' if held == 1 else 'staan'} er {dutch_number(held)} in dit bestand "
        f"({dutch_percentage(held, len(addresses))}); een volledig uittreksel heeft bijna al die "
        "adressen, want het heeft alle inwoners."
    ]


def _few_postcode_areas(municipality, residents: list[ResidentRecord]) -> list[str]:
    areas = list(
        PostcodeArea.objects.filter(municipality=municipality).values_list("postcode", flat=True)
    )
    if len(areas) < AREAS_TO_JUDGE:
        return []
    # An area is a PC4 or a PC6: the residents' postcodes cut to each length an area has.
    cut = {len(area) for area in areas}
    lived_in = {r.postcode[:length] for r in residents for length in cut}
    held = sum(area in lived_in for area in areas)
    if held >= COMPLETE_EXTRACT_SHARE * len(areas):
        return []
    return [
        f"In {dutch_number(held)} van de {dutch_number(len(areas))} postcodegebieden van "
        f"{municipality.name} woont volgens dit bestand iemand "
        f"({dutch_percentage(held, len(areas))}); in een volledig uittreksel wonen in bijna elk "
        "postcodegebied mensen."
    ]
