"""The enumerations of the national DDAS vroegsignalering standard (v1.2), with their exact values.

`tests/test_ddas_enums.py` compares each one with ../shared/standards/ so they cannot drift.
"""

from django.db import models


class Signaalpartner(models.TextChoices):
    BELASTINGDIENST = "Belastingdienst"
    CAK_EIGEN_BIJDRAGE = "CAK Eigen bijdrage"
    CAK_ZORGVERZEKERINGEN = "CAK Zorgverzekeringen"
    DIENST_TOESLAGEN = "Dienst Toeslagen"
    DUO = "DUO"
    ENERGIE = "Energie"
    HUUR = "Huur"
    HYPOTHEEK = "Hypotheek"
    OVERIGE = "Overige"
    WATER = "Water"
    ZORG = "Zorg"


class Signaalstatus(models.TextChoices):
    AL_BEKEND = "Inwoner al bekend bij schuldhulpverlening"
    OVERLEDEN = "Inwoner is overleden"
    ANDERE_REDEN = "Niet opgepakt: andere reden"
    HERHAALDE_MELDING = "Niet opgepakt: herhaalde melding"
    ONTERECHT = "Niet opgepakt: onterecht signaal"
    NOG_NIET_OPGEPAKT = "Nog niet opgepakt"
    OPGEPAKT = "Opgepakt"
    GEEN_INWONER = "Persoon is geen inwoner (meer) in de gemeente"


class Eindresultaat(models.TextChoices):
    ADVIES_QUICK_FIX = "(Budget)advies en/of quick fix"
    GEEN_CONTACT = "Definitief geen contact kunnen krijgen"
    GEEN_REACTIE = "Geen reactie na eerder contact"
    AL_BEKEND = "Inwoner al bekend bij schuldhulpverlening"
    ANDER_TRAJECT = "Inwoner heeft al een ander lopend traject"
    ZELF_BETAALD = "Inwoner heeft zelf al betaald/betalingsregeling getroffen"
    OVERLEDEN = "Inwoner is overleden"
    REGELT_ZELF = "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering"
    ANDERE_REDEN = "Niet opgepakt: andere reden"
    HERHAALDE_MELDING = "Niet opgepakt: herhaalde melding"
    ONTERECHT = "Niet opgepakt: onterecht signaal"
    GEEN_INWONER = "Persoon is geen inwoner (meer) in de gemeente"
    VERWIJZING = "Vervolghulp en/of verwijzing"
    VERWIJZING_FINANCIEEL = "Vervolghulp en/of verwijzing financieel"
    VERWIJZING_NIET_FINANCIEEL = "Vervolghulp en/of verwijzing niet financieel"
    VERWIJZING_ZONDER_INWONER = "Verwijzing zonder tussenkomst inwoner"


class Contactsoort(models.TextChoices):
    ADMINISTRATIEF = "Administratief"
    AFSPRAAK_OP_LOCATIE = "Afspraak op locatie"
    BRIEF = "Brief"
    HUISBEZOEK = "Huisbezoek"
    KAARTJE = "Kaartje"
    MAIL = "Mail"
    ONBEKEND = "Onbekend"
    OVERIGE = "Overige"
    SMS_WHATSAPP = "SMS/Whatsapp"
    TELEFOON = "Telefoon"


class Dagdeel(models.TextChoices):
    OCHTEND = "Ochtend"
    MIDDAG = "Middag"
    AVOND = "Avond"


class Geslacht(models.TextChoices):
    MAN = "Man"
    VROUW = "Vrouw"
    ONBEKEND = "Onbekend"
    LEEG = "Leeg"
