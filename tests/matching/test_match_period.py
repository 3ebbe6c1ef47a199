"""Matching runs on the database: idempotent, late signals added, work kept, repeats attached."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from tests.factories import (
    AgreementFactory,
    CreditorFactory,
)

from vroegsignaal.casework.models import Melding, MeldingSignal
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.intake.models import Signal
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.engine.policy import PolicyError
from vroegsignaal.matching.models import MatchingRun
from vroegsignaal.matching.policies import effective_policy, save_policy
from vroegsignaal.matching.reference_lists import import_population_register
from vroegsignaal.matching.services import match_period, meldingen_report

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)
MAY = dt.date(2026, 5, 12)  # an earlier signal is delivered when it was made, within its term


def record(customer, day, house="12", amount="250,00", **extra):
    return {
        "klantnummer": customer,
        "signaaldatum": day,
        "achternaam": "Berg",
        "voorvoegsel": "van der",
        "voorletters": "J.",
        "geboortedatum": "1980-05-12",
        "huisnummer": house,
        "postcode": "7511AB",
        "bedrag_achterstand": amount,
        "datum_ontstaan": "2026-08-01",
        **extra,
    }


def test_signals_at_one_address_in_a_month_become_one_meervoudig_melding(enschede):
    municipality, energy, zorg = enschede
    ingest_records(energy, [record("E1", "2026-10-02", house="12a")], today=TODAY)
    ingest_records(
        zorg, [record("Z1", "2026-10-20", house="12 A", datum_ontstaan="2026-09-01")], today=TODAY
    )
    match_period(municipality, "2026-10", today=TODAY)
    melding = Melding.objects.get()
    assert melding.is_multiple and not melding.is_single and melding.partner_type_count == 2
    assert melding.signal_links.count() == 2 and melding.queue is not None
    assert melding.due_on == dt.date(2026, 12, 9) or melding.due_on > TODAY


def test_running_again_gives_the_same_meldingen_and_adds_late_signals(enschede):
    municipality, energy, zorg = enschede
    ingest_records(energy, [record("E1", "2026-10-02")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    assert Melding.objects.count() == 1 and MeldingSignal.objects.count() == 1
    ingest_records(zorg, [record("Z1", "2026-10-28", datum_ontstaan="2026-09-01")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    melding = Melding.objects.get()
    assert melding.signal_links.count() == 2 and melding.is_multiple


def test_a_rerun_keeps_the_work_already_done_on_a_melding(enschede):
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-10-02")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    Melding.objects.update(state="in_conversation", picked_up_on=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    melding = Melding.objects.get()
    assert (melding.state, melding.picked_up_on) == ("in_conversation", TODAY)


def test_signals_and_their_melding_carry_the_folded_surname_and_street_zoeken_finds(enschede):
    """Written in bulk (COPY on PostgreSQL), and refreshed by a corrected delivery and a rerun."""
    municipality, energy, _ = enschede
    first = record("E1", "2026-10-02", achternaam="Noëllering", straat="Cöbelstraat")
    ingest_records(energy, [first], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    keys = ("surname_search", "melding_link__melding__street_search")
    assert Signal.objects.values_list(*keys).get() == ("noellering", "cobelstraat")

    corrected = record("E1", "2026-10-02", achternaam="Çelik", straat="Ürünstraat")
    ingest_records(energy, [corrected], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    assert Signal.objects.values_list(*keys).get() == ("celik", "urunstraat")


def _september_melding_reported_again_in_october(enschede) -> Melding:
    """September: one energy signal; October: the same customer again. Returns September's
    melding, still open."""
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-09-03")], today=TODAY)
    match_period(municipality, "2026-09", today=TODAY)
    september = Melding.objects.get()
    ingest_records(energy, [record("E1", "2026-10-05", amount="300,00")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    return september


def test_herhaalde_melding_is_attached_to_the_earlier_open_melding(enschede):
    first = _september_melding_reported_again_in_october(enschede)
    assert Melding.objects.count() == 1
    link = MeldingSignal.objects.get(signal__signal_date=dt.date(2026, 10, 5))
    assert link.melding == first and link.attached_as_repeat
    assert link.signal.status == Signaalstatus.HERHAALDE_MELDING


def test_the_herhaalde_melding_reason_names_the_earlier_melding_by_its_kenmerk(enschede):
    """Exports and the inzage read the kenmerk she can search for and quote ('VS-7941'), not
    the database's number of the earlier melding (the melding page links it or says 'deze
    melding': test_repeat_seen_on_the_earlier_melding)."""
    earlier = _september_melding_reported_again_in_october(enschede)

    reasons = [s["status_reason"] for m in meldingen_report(earlier.municipality, "2026-09")
               for s in m["signals"] if s["status_reason"]]  # fmt: skip

    assert reasons == [
        f"Eerder gemeld door dezelfde schuldeiser op 03-09-2026 (melding VS-{earlier.pk})"
    ]


def _october_repeat_beside_a_closed_no_go(enschede) -> Melding:
    """September: one energy signal, a no-go (two signals needed) closed by matching; October:
    the same customer again, and a zorg and a water signal at the address. Returns the
    closed September melding."""
    municipality, energy, zorg = enschede
    water = CreditorFactory(code="water", name="Water", partner_type="Water")
    AgreementFactory(creditor=water, municipality=municipality)
    save_policy({"minimum_signals_for_go": 2}, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-09-03")], today=TODAY)
    match_period(municipality, "2026-09", today=TODAY)
    closed_no_go = Melding.objects.get()
    assert closed_no_go.state == "closed"

    ingest_records(energy, [record("E1", "2026-10-05", amount="300,00")], today=TODAY)
    ingest_records(zorg, [record("Z1", "2026-10-06")], today=TODAY)
    ingest_records(water, [record("W1", "2026-10-07")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    return closed_no_go


def test_a_repeat_does_not_take_new_signals_of_other_partners_to_a_closed_melding(enschede):
    """A herhaalde melding attaches the repeated signal's melding to the earlier one only when
    that one is still open or every signal is a repeat: new signals of other partners at the
    address (here a go by two of them) made no melding of their own under a closed no-go."""
    closed_no_go = _october_repeat_beside_a_closed_no_go(enschede)

    october = Melding.objects.exclude(pk=closed_no_go.pk).get()
    assert (october.state, october.go, october.is_multiple) == ("new", True, True)
    statuses = dict(october.signal_links.values_list("signal__customer_number", "signal__status"))
    assert statuses == {
        "E1": Signaalstatus.HERHAALDE_MELDING,
        "Z1": Signaalstatus.OPGEPAKT,
        "W1": Signaalstatus.OPGEPAKT,
    }
    assert closed_no_go.signal_links.count() == 1


def _october_joined_to_septembers_open_melding(enschede) -> Melding:
    """September: an energy signal, a go, still open when October is matched; October: the same
    customer again and a zorg signal at the address, both joined to September's melding.
    Returns September's melding, closed after October's run."""
    municipality, energy, zorg = enschede
    ingest_records(energy, [record("E1", "2026-09-03")], today=TODAY)
    match_period(municipality, "2026-09", today=TODAY)
    september = Melding.objects.get()
    ingest_records(energy, [record("E1", "2026-10-05", amount="300,00")], today=TODAY)
    ingest_records(zorg, [record("Z1", "2026-10-06")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    assert september.signal_links.filter(attached_as_repeat=True).count() == 2
    Melding.objects.filter(pk=september.pk).update(state="closed", closed_on=TODAY)
    return september


def test_a_rerun_keeps_signals_joined_to_an_earlier_melding_that_has_closed_since(enschede):
    """Idempotent: the earlier melding was open when the signals joined it and its work took
    them in. Running the period again after it closed made them a melding of their own, took
    them out of the closed melding's file and changed the period's figures (QA, 26-11-2026:
    Enschede October 462 → 465 meldingen from the same 598 signals)."""
    september = _october_joined_to_septembers_open_melding(enschede)
    links = set(MeldingSignal.objects.values_list("signal_id", "melding_id", "attached_as_repeat"))
    statuses = set(Signal.objects.values_list("id", "status", "status_reason"))

    run = match_period(enschede[0], "2026-10", today=TODAY)

    assert Melding.objects.get() == september
    assert set(MeldingSignal.objects.values_list(*_LINK)) == links
    assert set(Signal.objects.values_list("id", "status", "status_reason")) == statuses
    assert (run.summary["meldingen"], run.summary["signals_joined_earlier"]) == (0, 2)


def test_a_signal_delivered_after_the_earlier_melding_closed_gets_a_melding_of_its_own(
    enschede,
):
    """A late signal of another partner at the address does not vanish under the closed
    melding; the signals that joined it while it was open stay in its file, and the new
    melding's amount, flags and partner types are made of its own signal only (they counted
    the signals that stayed in the earlier file: meervoudig, 3 signals, € 800)."""
    september = _october_joined_to_septembers_open_melding(enschede)
    water = CreditorFactory(code="water", name="Water", partner_type="Water")
    AgreementFactory(creditor=water, municipality=enschede[0])
    ingest_records(water, [record("W1", "2026-10-07")], today=TODAY)

    match_period(enschede[0], "2026-10", today=TODAY)

    october = Melding.objects.exclude(pk=september.pk).get()
    assert list(october.signal_links.values_list("signal__customer_number", flat=True)) == ["W1"]
    assert october.state == "new" and october.go
    assert (october.is_single, october.is_multiple) == (True, False)
    assert (october.partner_types, october.partner_type_count) == (["Water"], 1)
    assert october.total_amount_cents == 25000
    assert october.is_consecutive  # September's signal at the address: the household's context
    assert set(
        september.signal_links.values_list("signal__customer_number", "attached_as_repeat")
    ) == {("E1", False), ("E1", True), ("Z1", True)}


_LINK = ("signal_id", "melding_id", "attached_as_repeat")


def test_a_repeat_takes_the_new_signals_at_the_address_to_the_earlier_melding_still_open(
    enschede,
):
    municipality, energy, zorg = enschede
    ingest_records(energy, [record("E1", "2026-09-03")], today=TODAY)
    match_period(municipality, "2026-09", today=TODAY)
    open_melding = Melding.objects.get()

    ingest_records(energy, [record("E1", "2026-10-05", amount="300,00")], today=TODAY)
    ingest_records(zorg, [record("Z1", "2026-10-06")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)

    assert Melding.objects.get() == open_melding
    assert open_melding.signal_links.filter(attached_as_repeat=True).count() == 2


def _repeated_every_quarter(enschede, close_first: bool) -> Melding:
    """June: an energy signal, picked up (and closed when `close_first`); September: the same
    customer again (a herhaalde melding of June); November: again. Returns June's melding."""
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-06-03", datum_ontstaan="2026-05-01")], today=TODAY)
    match_period(municipality, "2026-06", today=TODAY)
    june = Melding.objects.get()
    if close_first:
        Melding.objects.update(state="closed", picked_up_on=dt.date(2026, 6, 10))
    ingest_records(energy, [record("E1", "2026-09-03", amount="684,38")], today=TODAY)
    match_period(municipality, "2026-09", today=TODAY)
    ingest_records(
        energy,
        [record("E1", "2026-11-03", amount="3751,00", datum_ontstaan="2026-10-01")],
        today=TODAY,
    )
    match_period(municipality, "2026-11", today=TODAY)
    return june


def test_the_herhaalde_melding_window_runs_from_the_report_that_was_handled_not_from_a_repeat(
    enschede,
):
    """A repeat is measured from the earlier report that was picked up, not from an earlier
    repeat: otherwise a household signalled every quarter is never picked up again, however its
    arrears grow (QA: VS-2768, repeats in April, July and October under a melding closed in
    February)."""
    june = _repeated_every_quarter(enschede, close_first=True)

    september = Signal.objects.get(signal_date=dt.date(2026, 9, 3))
    november = Signal.objects.get(signal_date=dt.date(2026, 11, 3))
    assert september.status == Signaalstatus.HERHAALDE_MELDING
    assert september.melding_link.melding == june
    assert november.status == Signaalstatus.OPGEPAKT
    assert november.melding_link.melding != june and november.melding_link.melding.go


def test_a_repeat_of_a_repeat_still_joins_the_earlier_melding_while_it_is_open(enschede):
    """While the household's melding is being worked on, a new report of the same customer is
    added to it (the caseworker sees the arrears grow) instead of starting a second melding."""
    june = _repeated_every_quarter(enschede, close_first=False)

    november = Signal.objects.get(signal_date=dt.date(2026, 11, 3))
    assert november.status == Signaalstatus.HERHAALDE_MELDING
    assert november.melding_link.melding == june


def test_a_signal_in_the_six_months_before_makes_the_melding_opeenvolgend(enschede):
    municipality, energy, zorg = enschede
    ingest_records(energy, [record("E1", "2026-05-10", datum_ontstaan="2026-03-01")], today=MAY)
    ingest_records(zorg, [record("Z1", "2026-10-05", datum_ontstaan="2026-09-01")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    assert Melding.objects.get().is_consecutive


def test_a_run_records_the_policy_version_it_used(enschede):
    municipality, energy, _ = enschede
    version = save_policy({"minimum_amount_cents": 50000}, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-10-02", amount="75,00")], today=TODAY)
    run = match_period(municipality, "2026-10", today=TODAY)
    assert run.policy_version == version
    signal = MeldingSignal.objects.get().signal
    assert signal.status == Signaalstatus.ONTERECHT and "minimum" in signal.status_reason.lower()


def test_policy_is_inherited_from_the_region_and_overridden_by_the_municipality(enschede):
    municipality, _, _ = enschede
    save_policy({"minimum_amount_cents": 7500, "repeat_months": 4}, region=municipality.region)
    assert effective_policy(municipality)[0].minimum_amount_cents == 7500
    save_policy({"minimum_amount_cents": 10000}, municipality=municipality)
    policy, versions = effective_policy(municipality)
    assert (policy.minimum_amount_cents, policy.repeat_months) == (10000, 4)
    assert versions.own.municipality == municipality and versions.own.number == 1
    assert versions.regional.region == municipality.region


def test_an_invalid_policy_is_refused_with_dutch_messages(enschede):
    with pytest.raises(PolicyError):
        save_policy({"minimum_signals_for_go": 0}, municipality=enschede[0])


def test_match_and_meldingen_commands_print_json(enschede, capsys):
    _municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-10-02", crisissignaal="ja")], today=TODAY)
    call_command("match", "--period", "2026-10", "--municipality", "0153", "--json")
    run = json.loads(capsys.readouterr().out)
    assert run["signals"] == 1 and run["meldingen"] == 1 and MatchingRun.objects.count() == 1
    call_command("meldingen", "--municipality", "0153", "--period", "2026-10", "--json")
    (melding,) = json.loads(capsys.readouterr().out)
    assert melding["flags"] == {
        "enkelvoudig": True,
        "meervoudig": False,
        "opeenvolgend": False,
        "crisis": True,
    }
    assert melding["partner_types"] == ["Energie"] and melding["total_amount_cents"] == 25000
    assert melding["signals"][0]["status"] == Signaalstatus.OPGEPAKT
    assert any("risis" in reason for reason in melding["priority_reasons"])


def test_a_crisis_melding_gives_its_werkbakje_the_rules_term_not_its_own(enschede):
    """A crisis melding gets 3 working days in any werkbakje; the werkbakje keeps the term of
    its routing rule (it showed 3 when the run's first melding in it was a crisis)."""
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-10-02", crisissignaal="ja")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)

    melding = Melding.objects.get()
    rule_term = effective_policy(municipality)[0].default_route.term_days
    assert melding.queue.term_days == rule_term != 3
    assert melding.due_on == dt.date(2026, 11, 30)  # 3 working days after Wednesday 25-11


def test_a_no_go_melding_is_closed_with_its_niet_opgepakt_result(enschede):
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-10-02", contractsoort="zakelijk")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    melding = Melding.objects.get()
    assert (melding.state, melding.result, melding.closed_on) == (
        "closed",
        "Niet opgepakt: onterecht signaal",
        TODAY,
    )
    assert melding.events.get().kind == "not_picked_up"


def test_a_late_signal_that_makes_a_closed_no_go_melding_a_go_returns_it_to_the_queue(enschede):
    municipality, energy, zorg = enschede
    save_policy({"minimum_signals_for_go": 2}, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-10-02")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    assert Melding.objects.get().state == "closed"
    ingest_records(zorg, [record("Z1", "2026-10-29", datum_ontstaan="2026-09-01")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    melding = Melding.objects.get()
    assert (melding.state, melding.result, melding.go) == ("new", "", True)
    statuses = set(melding.signal_links.values_list("signal__status", flat=True))
    assert statuses == {Signaalstatus.OPGEPAKT}


BRP_HEADER = (
    "bsn;voorletters;voorvoegsel;achternaam;geboortedatum;postcode;huisnummer;huisletter;"
    "huisnummertoevoeging;datum_overlijden\n"
)


def test_brp_a_resident_at_another_address_is_picked_up_with_the_address_noted(enschede):
    """The BRP check: a person found at another address of the municipality is still an
    inwoner, and the address the register knows is kept with the signal (the caseworker may
    find the resident there), shown on the melding and in `meldingen --json`."""
    municipality, energy, _ = enschede
    import_population_register(
        municipality, BRP_HEADER + ";J;van der;Berg;1980-05-12;7512CD;40;;;\n"
    )
    ingest_records(energy, [record("E1", "2026-10-02", house="12")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    signal = Signal.objects.get()
    assert signal.status == Signaalstatus.OPGEPAKT
    assert signal.brp_note == "Volgens de BRP woonachtig op ander adres: 7512CD 40"


def test_brp_note_is_cleared_when_a_later_extract_has_the_resident_at_the_signals_address(
    enschede,
):
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-10-02", house="12")], today=TODAY)
    import_population_register(
        municipality, BRP_HEADER + ";J;van der;Berg;1980-05-12;7512CD;40;;;\n"
    )
    match_period(municipality, "2026-10", today=TODAY)
    import_population_register(
        municipality, BRP_HEADER + ";J;van der;Berg;1980-05-12;7511AB;12;;;\n"
    )
    match_period(municipality, "2026-10", today=TODAY)
    assert Signal.objects.get().brp_note == ""


def test_meldingen_json_carries_the_brp_note(enschede, capsys):
    municipality, energy, _ = enschede
    import_population_register(
        municipality, BRP_HEADER + ";J;van der;Berg;1980-05-12;7512CD;40;;;\n"
    )
    ingest_records(energy, [record("E1", "2026-10-02", house="12")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    call_command("meldingen", "--municipality", "0153", "--period", "2026-10", "--json")
    (melding,) = json.loads(capsys.readouterr().out)
    assert melding["signals"][0]["brp_note"].endswith("ander adres: 7512CD 40")


# Why a rerun picks up a melding it closed before: the timeline line names the reason


def _rematch_line(melding) -> str:
    from vroegsignaal.casework.events import describe

    return describe(melding.events.get(kind="rematched"))


def test_a_melding_picked_up_after_late_signals_names_them_on_its_timeline(enschede):
    municipality, energy, zorg = enschede
    save_policy({"minimum_signals_for_go": 2}, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-10-02")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    ingest_records(zorg, [record("Z1", "2026-10-29", datum_ontstaan="2026-09-01")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)

    assert _rematch_line(Melding.objects.get()) == (
        "Bij opnieuw matchen alsnog op te pakken (later aangeleverde signalen); terug in het "
        "werkbakje (fase: Afgesloten → Nieuw)"
    )


def test_a_melding_picked_up_after_a_new_brp_extract_names_the_extract(enschede):
    """The resident was not in the extract (geen inwoner); a later extract has them."""
    municipality, energy, _ = enschede
    import_population_register(municipality, BRP_HEADER + ";P;;Anders;1970-01-01;7512CD;1;;;\n")
    ingest_records(energy, [record("E1", "2026-10-02")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    assert Melding.objects.get().result == Signaalstatus.GEEN_INWONER
    import_population_register(
        municipality, BRP_HEADER + ";J;van der;Berg;1980-05-12;7511AB;12;;;\n"
    )
    match_period(municipality, "2026-10", today=TODAY)

    line = _rematch_line(Melding.objects.get())
    assert line.startswith("Bij opnieuw matchen alsnog op te pakken (BRP-uittreksel bijgewerkt)")
    assert "later aangeleverde signalen" not in line


def test_a_late_crisis_signal_that_holds_a_brp_no_go_open_names_only_the_late_signal(enschede):
    """The BRP did not find him and nothing changed in it; a late eviction notice makes the
    melding a crisis, whose 'not found' signals wait for a caseworker's check. The run says so,
    and does not claim the extract was updated."""
    municipality, energy, zorg = enschede
    import_population_register(municipality, BRP_HEADER + ";P;;Anders;1970-01-01;7512CD;1;;;\n")
    ingest_records(energy, [record("E1", "2026-10-02")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    assert Melding.objects.get().result == Signaalstatus.GEEN_INWONER
    late = record("Z1", "2026-10-29", datum_ontstaan="2026-09-01", crisissignaal="ja")
    ingest_records(zorg, [late], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)

    assert _rematch_line(Melding.objects.get()) == (
        "Bij opnieuw matchen alsnog op te pakken (later aangeleverde signalen); terug in het "
        "werkbakje (fase: Afgesloten → Nieuw)"
    )


def test_a_melding_picked_up_after_a_policy_change_names_the_policy(enschede):
    municipality, energy, _ = enschede
    save_policy({"minimum_amount_cents": 50_000}, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-10-02", amount="250,00")], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    assert Melding.objects.get().state == "closed"
    save_policy({"minimum_amount_cents": 10_000}, municipality=municipality)
    match_period(municipality, "2026-10", today=TODAY)

    line = _rematch_line(Melding.objects.get())
    assert line.startswith("Bij opnieuw matchen alsnog op te pakken (beleid gewijzigd)")


def test_a_run_is_stamped_with_the_moment_it_started_not_the_moment_it_was_saved(enschede):
    """The matching page's 'Gestart' and the rerun's 'lists imported since the previous run'
    read started_at; it was stamped when the finished run was saved."""
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-10-02")], today=TODAY)

    run = match_period(municipality, "2026-10", today=TODAY)

    made = Melding.objects.get().created_at
    assert run.started_at <= made <= run.finished_at
    assert MatchingRun.objects.get(pk=run.pk).started_at == run.started_at
