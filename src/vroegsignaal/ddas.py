"""The enumerations of the national DDAS vroegsignalering standard (v1.2), with their exact values.

`tests/test_ddas_enums.py` compares each one with ../shared/standards/ so they cannot drift.
Every label is the standard's value itself, so each form, page and export shows exactly what
the standard says ('Afspraak op locatie', 'SMS/Whatsapp').
"""

from django.db import models


class DdasChoices(models.TextChoices):
    """A DDAS enumeration whose labels are its values.

    Django would otherwise make a label of the member name ('Afspraak Op Locatie',
    'Sms Whatsapp', 'Cak Eigen Bijdrage', 'Onterecht').
    """

    @property
    def label(self) -> str:
        return self.value


class Signaalpartner(DdasChoices):
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


class Signaalstatus(DdasChoices):
    AL_BEKEND = "Inwoner al bekend bij schuldhulpverlening"
    OVERLEDEN = "Inwoner is overleden"
    ANDERE_REDEN = "Niet opgepakt: andere reden"
    HERHAALDE_MELDING = "Niet opgepakt: herhaalde melding"
    ONTERECHT = "Niet opgepakt: onterecht signaal"
    NOG_NIET_OPGEPAKT = "Nog niet opgepakt"
    OPGEPAKT = "Opgepakt"
    GEEN_INWONER = "Persoon is geen inwoner (meer) in de gemeente"


class Eindresultaat(DdasChoices):
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


class Contactsoort(DdasChoices):
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


class Dagdeel(DdasChoices):
    OCHTEND = "Ochtend"
    MIDDAG = "Middag"
    AVOND = "Avond"


class Geslacht(DdasChoices):
    MAN = "Man"
    VROUW = "Vrouw"
    ONBEKEND = "Onbekend"
    LEEG = "Leeg"
