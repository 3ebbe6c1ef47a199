"""Rule: a signal whose address the creditor corrected leaves its melding for the melding of
its new address, and the melding it left is brought up to date (QA14 B2 follow-up).

A melding is the signals at one address in one period (domain.md, step 2). A corrected address
gives the signal another melding key: the rerun links it to the melding of that address (made
or existing) and counts the melding it left again from the signals it still has. A melding left
with no signals is no household to reach: nobody having worked on it, the matching that made it
drops it (as it undoes its own no-go closure, `casework.no_go`); once a person acted on it (an
assignment, a contact attempt, a note, a letter, a closing) it stays, with that work and in its
werkbakje for the caseworker to finish, counting nothing. Both timelines say where the signal
went, and the run's report lists it. Runs on SQLite and PostgreSQL alike.
"""

import datetime as dt

import pytest
from django.urls import reverse
from tests.factories import UserFactory
from tests.matching.test_match_period import record
from tests.page_text import page_text

from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.events import describe
from vroegsignaal.casework.models import ContactAttempt, Melding, MeldingSignal
from vroegsignaal.ddas import Contactsoort, Dagdeel, Signaalstatus
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.policies import save_policy
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db(databases="__all__")
DELIVERED = dt.date(2026, 10, 20)
MATCHED = dt.date(2026, 10, 26)
RERUN = dt.date(2026, 10, 29)
OLD_KEY = "0153|2026-10|7511AB|12|"
NEW_KEY = "0153|2026-10|7511AB|14|"


def _deliver(creditor, customer, day, **values):
    ingest_records(creditor, [record(customer, day, **values)], today=DELIVERED)


def _energy_moves_to_14(enschede):
    """Energie Oost corrects the house number of its signal from 12 to 14; the rerun."""
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-10-02", house="14")], today=RERUN)
    return match_period(municipality, "2026-10", today=RERUN)


def _lines(melding: Melding, kind="signal_moved") -> list[str]:
    return [describe(event) for event in melding.events.filter(kind=kind)]


def _energy_signal_melding() -> Melding:
    return MeldingSignal.objects.get(signal__customer_number="E1").melding


def test_the_signal_joins_its_new_address_and_the_melding_it_left_counts_what_stays(enschede):
    municipality, energy, zorg = enschede
    _deliver(energy, "E1", "2026-10-02")
    _deliver(zorg, "Z1", "2026-10-03", amount="100,00")
    match_period(municipality, "2026-10", today=MATCHED)
    old = Melding.objects.get()
    assert old.is_multiple and old.total_amount_cents == 35000

    _energy_moves_to_14(enschede)

    old.refresh_from_db()
    new = Melding.objects.get(key=NEW_KEY)
    assert _energy_signal_melding() == new
    assert new.total_amount_cents == 25000 and new.partner_types == ["Energie"]
    assert [link.signal.customer_number for link in old.signal_links.all()] == ["Z1"]
    assert old.total_amount_cents == 10000 and old.partner_types == ["Zorg"]
    assert old.is_single and not old.is_multiple and old.partner_type_count == 1
    assert not any("€ 350,00" in reason for reason in old.priority_reasons)
    assert _lines(old) == [
        f"Signaal van Energie Oost (02-10-2026) hoort nu bij melding {new.reference}: "
        "het adres van het signaal veranderde"
    ]
    assert _lines(new) == [
        f"Signaal van Energie Oost (02-10-2026) kwam over van melding {old.reference}: "
        "het adres van het signaal veranderde"
    ]


def test_a_melding_left_without_signals_that_nobody_worked_on_is_dropped(enschede):
    municipality, energy, _ = enschede
    _deliver(energy, "E1", "2026-10-02")
    match_period(municipality, "2026-10", today=MATCHED)
    old = Melding.objects.get()

    run = _energy_moves_to_14(enschede)

    new = Melding.objects.get()
    assert new.key == NEW_KEY and _energy_signal_melding() == new
    assert not Melding.objects.filter(pk=old.pk).exists()  # no household left to reach there
    assert _lines(new) == [
        f"Signaal van Energie Oost (02-10-2026) kwam over van melding {old.reference}: "
        "het adres van het signaal veranderde. Melding "
        f"{old.reference} is vervallen: zij had geen signalen meer en niemand had eraan gewerkt"
    ]
    # The correction is named where the signal now counts.
    [corrected] = _lines(new, kind="signal_corrected")
    assert corrected.endswith("huisnummer gewijzigd")
    assert run.summary["changes"]["moved"] == {
        "count": 1,
        "shown": [[MeldingSignal.objects.get().signal_id, old.pk, new.pk, True]],
    }


def test_a_no_go_the_matching_closed_and_left_without_signals_is_dropped(enschede):
    municipality, energy, _ = enschede
    save_policy({"minimum_amount_cents": 40000}, municipality=municipality)
    _deliver(energy, "E1", "2026-10-02")
    match_period(municipality, "2026-10", today=MATCHED)
    old = Melding.objects.get()
    assert old.state == "closed" and not old.go

    _energy_moves_to_14(enschede)

    assert list(Melding.objects.values_list("key", flat=True)) == [NEW_KEY]
    assert not Melding.objects.filter(pk=old.pk).exists()


def test_a_melding_left_without_signals_keeps_the_work_done_on_it(enschede, client):
    municipality, energy, _ = enschede
    _deliver(energy, "E1", "2026-10-02", crisissignaal="ja")
    match_period(municipality, "2026-10", today=MATCHED)
    old = Melding.objects.get()
    caseworker = UserFactory(caseworker=True, municipality=municipality)
    old = assign(old, caseworker, caseworker, old.version)
    record_contact_attempt(
        old, caseworker, old.version, kind=Contactsoort.HUISBEZOEK, attempted_on=MATCHED,
        part_of_day=Dagdeel.MIDDAG, reached=False,
    )  # fmt: skip
    old.refresh_from_db()
    queue, due_on, state = old.queue, old.due_on, old.state

    _energy_moves_to_14(enschede)

    old.refresh_from_db()
    new = Melding.objects.get(key=NEW_KEY)
    assert _energy_signal_melding() == new
    # The work stays: phase, caseworker, werkbakje, term and the attempt.
    assert (old.state, old.assigned_to, old.queue, old.due_on) == (state, caseworker, queue, due_on)
    assert ContactAttempt.objects.filter(melding=old).count() == 1
    # It counts nothing any more.
    assert not old.signal_links.exists()
    assert old.total_amount_cents == 0 and old.partner_types == [] and old.partner_type_count == 0
    assert not (old.is_single or old.is_multiple or old.is_consecutive or old.is_crisis)
    assert old.priority_score == 0 and old.priority_reasons == []
    [line] = _lines(old)
    assert line == (
        f"Signaal van Energie Oost (02-10-2026) hoort nu bij melding {new.reference}: "
        "het adres van het signaal veranderde. Deze melding heeft geen signalen "
        "meer; het werk eraan blijft staan. Sluit haar af met het eindresultaat dat bij het "
        "gedane werk past"
    )
    client.force_login(caseworker)
    text = " ".join(page_text(client.get(reverse("casework:melding", args=[old.pk]))).split())
    assert line in text


def test_the_signal_joins_the_melding_already_at_its_new_address(enschede):
    municipality, energy, zorg = enschede
    _deliver(energy, "E1", "2026-10-02")
    _deliver(zorg, "Z1", "2026-10-03", house="14", amount="100,00")
    match_period(municipality, "2026-10", today=MATCHED)
    there = Melding.objects.get(key=NEW_KEY)
    caseworker = UserFactory(caseworker=True, municipality=municipality)
    assign(there, caseworker, caseworker, there.version)

    _energy_moves_to_14(enschede)

    there.refresh_from_db()
    assert there.is_multiple and there.total_amount_cents == 35000
    assert sorted(link.signal.customer_number for link in there.signal_links.all()) == ["E1", "Z1"]
    assert there.signal_links.get(signal__customer_number="E1").signal.status == (
        Signaalstatus.OPGEPAKT
    )
    assert not Melding.objects.filter(key=OLD_KEY).exists()


def test_a_second_rerun_moves_nothing_and_writes_no_line(enschede):
    municipality, energy, zorg = enschede
    _deliver(energy, "E1", "2026-10-02")
    _deliver(zorg, "Z1", "2026-10-03")
    match_period(municipality, "2026-10", today=MATCHED)
    _energy_moves_to_14(enschede)

    again = match_period(municipality, "2026-10", today=RERUN)

    assert again.summary["changes"]["moved"] == {"count": 0, "shown": []}
    assert [len(_lines(m)) for m in Melding.objects.order_by("key")] == [1, 1]


def test_the_run_report_lists_the_signal_with_both_meldingen(enschede, client):
    municipality, energy, zorg = enschede
    _deliver(energy, "E1", "2026-10-02")
    _deliver(zorg, "Z1", "2026-10-03")
    match_period(municipality, "2026-10", today=MATCHED)
    old = Melding.objects.get()
    run = _energy_moves_to_14(enschede)
    new = Melding.objects.get(key=NEW_KEY)
    client.force_login(UserFactory(intake=True, municipality=municipality))

    text = " ".join(page_text(client.get(reverse("matching:run", args=[run.pk]))).split())

    assert "Naar de melding van een ander adres (1)" in text
    assert f"Energie Oost 02-10-2026 {old.reference} {new.reference}" in text


def test_the_run_report_names_a_dropped_melding_without_a_link(enschede, client):
    municipality, energy, _ = enschede
    _deliver(energy, "E1", "2026-10-02")
    match_period(municipality, "2026-10", today=MATCHED)
    old = Melding.objects.get()
    run = _energy_moves_to_14(enschede)
    client.force_login(UserFactory(intake=True, municipality=municipality))

    page = client.get(reverse("matching:run", args=[run.pk]))

    text = " ".join(page_text(page).split())
    assert f"{old.reference} (vervallen: geen signalen meer, niet aan gewerkt)" in text
    assert reverse("casework:melding", args=[old.pk]) not in page.content.decode()
