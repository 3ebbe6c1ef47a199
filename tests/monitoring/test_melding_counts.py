"""The meldingen are counted in the database; every figure must equal the same figure computed
melding by melding from the casework rows (a varied region, on SQLite and PostgreSQL)."""

import datetime as dt
import random
from collections import Counter

import pytest

from tests.casework.factories import MeldingFactory, QueueFactory
from tests.factories import MunicipalityFactory, RegionFactory
from tests.monitoring.conftest import fill_chain_facts
from vroegsignaal.casework.deadlines import Term, due_date
from vroegsignaal.casework.models import ContactAttempt, Conversation, Melding, Referral
from vroegsignaal.casework.signal_status import not_picked_up
from vroegsignaal.ddas import Dagdeel, Eindresultaat
from vroegsignaal.monitoring.indicators import dashboard_tables
from vroegsignaal.monitoring.scope import region_scope

D = dt.date
YEAR = (D(2026, 1, 1), D(2026, 12, 31))
TODAY = D(2026, 6, 15)
KINDS = ("Brief", "Huisbezoek", "Kaartje", "Telefoon", "SMS/Whatsapp", "Afspraak op locatie")
# The kinds of attempt that can reach the resident at that moment (reach per dagdeel).
AT_THE_MOMENT = ("Afspraak op locatie", "Huisbezoek", "Telefoon")


def _maybe(rng, date, chance=0.6):
    return date if rng.random() < chance else None


RESULTS = (Eindresultaat.GEEN_CONTACT, Eindresultaat.REGELT_ZELF, Eindresultaat.ADVIES_QUICK_FIX)


def _melding(rng, municipality, queue):
    start = D(2026, rng.randint(1, 12), 1)
    signal = start + dt.timedelta(days=rng.randint(0, 27))
    crisis, go = rng.random() < 0.3, rng.random() < 0.8
    # Some go meldingen are closed as not picked up (overleden) before anyone picked them up.
    gone = go and rng.random() < 0.1
    # A melding in contact round 2 was closed in round 1 before a heropaf reopened it; its
    # current round may be closed too (some into next year).
    contact_round = 1 if gone else rng.choice((1, 1, 1, 2))
    closed_on = _maybe(rng, start + dt.timedelta(days=rng.randint(40, 400)), 1 if gone else 0.5)
    result = Eindresultaat.OVERLEDEN if gone else rng.choice(RESULTS) if closed_on else ""
    first_closed_on = closed_on if contact_round == 1 else start + dt.timedelta(days=39)
    melding = MeldingFactory(
        municipality=municipality, period_start=start, matched_on=start + dt.timedelta(days=30),
        first_signal_on=signal, is_crisis=crisis, go=go, queue=queue if go else None,
        contact_round=contact_round,
        due_on=start + dt.timedelta(days=44) if go else None,
        picked_up_on=None if gone else _maybe(rng, start + dt.timedelta(days=rng.randint(25, 60))),
        accepted_on=_maybe(rng, start + dt.timedelta(days=rng.randint(31, 50)), 0.3),
        first_conversation_on=_maybe(rng, start + dt.timedelta(days=rng.randint(32, 90)), 0.4),
        state="closed" if closed_on else "new", result=result, closed_on=closed_on,
        first_closed_on=first_closed_on,
    )  # fmt: skip
    for _ in range(rng.randint(0, 3)):
        ContactAttempt.objects.create(
            melding=melding, kind=rng.choice(KINDS), part_of_day=rng.choice(Dagdeel.values),
            reached=rng.random() < 0.4,
            attempted_on=signal + dt.timedelta(days=rng.randint(-3, 40)),
        )  # fmt: skip
    for _ in range(rng.randint(0, 2)):
        Conversation.objects.create(
            melding=melding, held_on=signal + dt.timedelta(days=rng.randint(1, 50)),
            help_offered="ja", help_accepted=rng.choice(["ja", "nee"]), cause="onbekend",
        )  # fmt: skip
    if rng.random() < 0.2:
        Referral.objects.create(melding=melding, kind="wijkteam", handover_on=signal)


@pytest.fixture
def varied_region(db):
    rng = random.Random(6)
    region = RegionFactory(name="Achterhoek")
    for code in ("0197", "0296"):
        municipality = MunicipalityFactory(code=code, name=f"Gemeente {code}", region=region)
        queue = QueueFactory(municipality=municipality, name="Brief")
        for _ in range(40):
            _melding(rng, municipality, queue)
    fill_chain_facts()
    return region


def _first_contact(melding):
    dates = [a.attempted_on for a in melding.contact_attempts.all() if a.reached]
    return min(dates + [c.held_on for c in melding.conversations.all()], default=None)


def _quantile(values, q):
    """The linear-interpolation quantile (numpy's and Polars' default)."""
    values = sorted(values)
    position = (len(values) - 1) * q
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def _go(melding):
    """Picked up by policy and not closed as not picked up (casework's rule)."""
    return melding.go and not not_picked_up(melding)


def _lead_time_rows(meldingen):
    meldingen = [m for m in meldingen if _go(m)]
    rows = []
    for label, end in (
        ("Signaal tot eerste contactpoging", lambda m: min(
            (a.attempted_on for a in m.contact_attempts.all()), default=None)),
        ("Signaal tot eerste contact", _first_contact),
        ("Signaal tot resultaat", lambda m: m.first_closed_on),
    ):  # fmt: skip
        days = [(end(m) - m.first_signal_on).days for m in meldingen if end(m)]
        rows.append(
            (label, len(days), round(_quantile(days, 0.5), 1), round(_quantile(days, 0.9), 1))
        )
    return rows


def _conversation_row(meldingen):
    on_time = late = missed = overdue = lapsed = waiting = no_help = 0
    for m in meldingen:
        start = m.accepted_on  # Wgs art. 4: the term runs from the acceptance of help only
        if not _go(m):
            continue
        if start is None:
            # Closed without acceptance the term never began (casework.terms).
            no_help += m.closed_on is not None
            continue
        due = due_date(Term.CRISIS_CONVERSATION if m.is_crisis else Term.FIRST_CONVERSATION, start)
        done = m.first_conversation_on
        on_time += bool(done and done <= due)
        late += bool(done and done > due)
        closed = None if done else m.closed_on
        lapses = bool(closed) and closed <= due
        missed += bool(closed) and not lapses
        lapsed += lapses
        overdue += not done and not closed and due < TODAY
        waiting += not done and not closed and due >= TODAY
    return (on_time, late, missed, overdue, lapsed, waiting, no_help)


def test_counted_figures_equal_the_figures_of_each_melding(varied_region):
    tables = dashboard_tables(region_scope("Achterhoek", *YEAR), TODAY)
    meldingen = list(
        Melding.objects.prefetch_related("contact_attempts", "conversations", "referrals")
    )

    funnel = [row[1] for row in tables["trechter"].rows[1:]]
    assert funnel == [
        len(meldingen),
        sum(_go(m) for m in meldingen),
        sum(m.picked_up_on is not None for m in meldingen),
        sum(_first_contact(m) is not None for m in meldingen),
        sum(
            m.accepted_on is not None or any(c.help_accepted == "ja" for c in m.conversations.all())
            for m in meldingen
        ),
        sum(m.referrals.exists() for m in meldingen),
    ]
    assert tables["doorlooptijden"].rows == _lead_time_rows(meldingen)
    # Exact (as the meldpunt sees it): the project leader's has small numbers hidden.
    exact = dashboard_tables(region_scope("Achterhoek", *YEAR, exact=True), TODAY)
    lid_1, lid_2 = exact["termijnen"].rows[1:]  # Wgs art. 4 lid 1 (4 weeks), lid 2 (crisis)
    assert lid_1[1:8] == _conversation_row([m for m in meldingen if not m.is_crisis])
    assert lid_2[1:8] == _conversation_row([m for m in meldingen if m.is_crisis])
    reached_in_year = Counter(
        m.result for m in meldingen if m.result and YEAR[0] <= m.closed_on <= YEAR[1]
    )
    assert {row[0]: row[1] for row in exact["resultaten"].rows} == reached_in_year
    go = [m for m in meldingen if _go(m)]
    assert tables["werkbakje"].row("Brief")[1] == len(go)
    assert tables["werkbakje"].row("Brief")[3] == sum(_first_contact(m) is not None for m in go)
    attempts = ContactAttempt.objects.filter(kind__in=AT_THE_MOMENT)
    for part in tables["bereik-dagdeel"].column(0):
        at = [a for a in attempts if a.part_of_day == part]
        row = tables["bereik-dagdeel"].row(part)
        assert row[1:3] == (len(at), sum(a.reached for a in at))


def test_a_region_without_municipalities_counts_nothing(db):
    RegionFactory(name="Leeg")

    tables = dashboard_tables(region_scope("Leeg", *YEAR), TODAY)

    assert tables["trechter"].row("Meldingen")[1] == 0
    assert tables["doorlooptijden"].row("Signaal tot resultaat")[1:] == (0, None, None)
