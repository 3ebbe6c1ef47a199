"""The DDAS values and other words the engine emits, as plain strings so the engine needs no
Django.

`tests/matching/test_engine_vocabulary.py` compares the DDAS values with `vroegsignaal.ddas`,
so they cannot drift from the standard.
"""

from __future__ import annotations

# EnumSignaalstatus
AL_BEKEND = "Inwoner al bekend bij schuldhulpverlening"
OVERLEDEN = "Inwoner is overleden"
ANDERE_REDEN = "Niet opgepakt: andere reden"
HERHAALDE_MELDING = "Niet opgepakt: herhaalde melding"
ONTERECHT = "Niet opgepakt: onterecht signaal"
NOG_NIET_OPGEPAKT = "Nog niet opgepakt"
OPGEPAKT = "Opgepakt"
GEEN_INWONER = "Persoon is geen inwoner (meer) in de gemeente"

SIGNAL_STATUSES = (
    AL_BEKEND,
    OVERLEDEN,
    ANDERE_REDEN,
    HERHAALDE_MELDING,
    ONTERECHT,
    NOG_NIET_OPGEPAKT,
    OPGEPAKT,
    GEEN_INWONER,
)

# EnumSignaalpartner
PARTNER_TYPES = (
    "Belastingdienst",
    "CAK Eigen bijdrage",
    "CAK Zorgverzekeringen",
    "Dienst Toeslagen",
    "DUO",
    "Energie",
    "Huur",
    "Hypotheek",
    "Overige",
    "Water",
    "Zorg",
)
HUUR = "Huur"

# EnumContactsoort
CONTACT_KINDS = (
    "Administratief",
    "Afspraak op locatie",
    "Brief",
    "Huisbezoek",
    "Kaartje",
    "Mail",
    "Onbekend",
    "Overige",
    "SMS/Whatsapp",
    "Telefoon",
)

# Melding flags that routing conditions may name.
FLAGS = ("enkelvoudig", "meervoudig", "opeenvolgend", "crisis", "warme_overdracht")

# Term kinds: the deadline module turns them into dates.
TERM_CRISIS = "crisis_3_working_days"
TERM_CALENDAR_DAYS = "calendar_days"
CRISIS_TERM_DAYS = 3

# A melding's kenmerk is this prefix and its number ('VS-7941'): the name users know it by,
# in letters, on the melding page and in the reason of a herhaalde melding. Defined here, not
# in casework.models (`Melding.reference`), because the engine writes it too.
REFERENCE_PREFIX = "VS-"
