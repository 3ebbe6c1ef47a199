"""A small Twente region with one month of signals worked through the whole chain.

Enschede (160,000 inhabitants) and Hengelo (80,000), signals of October 2026:
- M1 Enschede, meervoudig (Energie + Huur): three attempts, reached on the third (Huisbezoek,
  Avond), help accepted, referred to schuldhulpverlening, closed with
  'Vervolghulp en/of verwijzing financieel', heropaf done (payments regular again);
- M2 Enschede, crisis (Energie, bedrag € 100,50): reached by phone, no help wanted;
- M3 Enschede (Zorg, with BSN): not picked up, 'Niet opgepakt: onterecht signaal';
- M4 Enschede (Huur): one letter, picked up after its due date, still open;
- one Enschede signal not matched yet; M5 Hengelo (Energie): nothing done yet.
"""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps

from tests.casework.factories import MeldingFactory, QueueFactory, SignalFactory
from tests.factories import CreditorFactory, MunicipalityFactory, RegionFactory
from vroegsignaal.casework.models import (
    ContactAttempt,
    Conversation,
    Event,
    EventKind,
    MeldingSignal,
    Referral,
)
from vroegsignaal.ddas import Eindresultaat, Signaalpartner, Signaalstatus

D = dt.date


def _melding(municipality, creditors, signal_fields=None, **fields):
    melding = MeldingFactory(municipality=municipality, signals=0, **fields)
    for creditor in creditors:
        signal = SignalFactory(
            municipality=municipality,
            creditor=creditor,
            address_key=melding.address_key,
            house_number=melding.house_number,
            **(signal_fields or {}),
        )
        MeldingSignal.objects.create(signal=signal, melding=melding)
    # Matching stores the earliest signal date; these meldingen are built by hand.
    melding.first_signal_on = min(link.signal.signal_date for link in melding.signal_links.all())
    melding.save(update_fields=["first_signal_on"])
    return melding


def fill_chain_facts() -> None:
    """Casework keeps the chain facts on the melding as it records attempts, conversations and
    referrals, and each round's result as it closes; rows built by hand get them the way the
    migrations fill existing meldingen."""
    import_module("vroegsignaal.casework.migrations.0006_melding_chain_facts").fill_chain_facts(
        apps, None
    )
    import_module("vroegsignaal.casework.migrations.0022_round_results").fill_round_results(
        apps, None
    )


def _attempt(melding, kind, on, part, reached=False):
    ContactAttempt.objects.create(
        melding=melding, kind=kind, attempted_on=on, part_of_day=part, reached=reached
    )


@pytest.fixture
def twente(db):
    """The region described in the module docstring; returns a dict of its parts."""
    region = RegionFactory(name="Twente")
    enschede = MunicipalityFactory(code="0153", name="Enschede", inhabitants=160_000, region=region)
    hengelo = MunicipalityFactory(code="0164", name="Hengelo", inhabitants=80_000, region=region)
    energie = CreditorFactory(code="energie-oost", partner_type=Signaalpartner.ENERGIE)
    huur = CreditorFactory(code="woonbedrijf", name="Woonbedrijf", partner_type=Signaalpartner.HUUR)
    zorg = CreditorFactory(code="zorg-oost", name="Zorg Oost", partner_type=Signaalpartner.ZORG)
    visit = QueueFactory(municipality=enschede, name="Huisbezoek")
    letter = QueueFactory(municipality=enschede, name="Brief")

    m1 = _melding(
        enschede, [energie, huur], {"status": Signaalstatus.OPGEPAKT},
        is_single=False, is_multiple=True, partner_types=["Energie", "Huur"], queue=visit,
        picked_up_on=D(2026, 11, 3), accepted_on=D(2026, 11, 5),
        first_conversation_on=D(2026, 11, 5), state="closed",
        result=Eindresultaat.VERWIJZING_FINANCIEEL, closed_on=D(2026, 11, 20),
    )  # fmt: skip
    _attempt(m1, "Huisbezoek", D(2026, 11, 3), "Ochtend")
    _attempt(m1, "Kaartje", D(2026, 11, 3), "Ochtend")
    _attempt(m1, "Huisbezoek", D(2026, 11, 5), "Avond", reached=True)
    Conversation.objects.create(
        melding=m1, held_on=D(2026, 11, 5), help_offered="ja", help_accepted="ja",
        cause="inkomensdaling", other_domains=["wonen", "werk"],
    )  # fmt: skip
    Referral.objects.create(melding=m1, kind="schuldhulpverlening", handover_on=D(2026, 11, 10))
    Event.objects.create(melding=m1, kind=EventKind.HEROPAF_DONE)

    m2 = _melding(
        enschede, [energie],
        {"status": Signaalstatus.OPGEPAKT, "amount_cents": 10050, "crisis": True},
        is_crisis=True, queue=visit, picked_up_on=D(2026, 11, 2), state="closed",
        result=Eindresultaat.REGELT_ZELF, closed_on=D(2026, 11, 4),
    )  # fmt: skip
    _attempt(m2, "Telefoon", D(2026, 11, 2), "Middag", reached=True)
    Conversation.objects.create(
        melding=m2, held_on=D(2026, 11, 2), help_offered="ja", help_accepted="nee",
        cause="vergeten", other_domains=["wonen"],
    )  # fmt: skip

    _melding(
        enschede, [zorg], {"status": Signaalstatus.ONTERECHT, "bsn": "123456782"},
        go=False, queue=None, state="closed", result=Eindresultaat.ONTERECHT,
        closed_on=D(2026, 11, 2),
    )  # fmt: skip
    m4 = _melding(
        enschede, [huur], {"status": Signaalstatus.OPGEPAKT, "house_letter": "A"},
        queue=letter, picked_up_on=D(2026, 11, 20), state="contact_in_progress",
    )  # fmt: skip
    _attempt(m4, "Brief", D(2026, 11, 20), "Ochtend")
    SignalFactory(municipality=enschede, creditor=energie, address_key="7511AB-99")
    _melding(hengelo, [energie], queue=QueueFactory(municipality=hengelo, name="Brief"))
    fill_chain_facts()
    return {"region": region, "enschede": enschede, "hengelo": hengelo, "m1": m1, "m4": m4}
