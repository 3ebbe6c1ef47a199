"""A retention run on a worked-through region: the figures and the DDAS export stay, the person
goes (issue 7, 'must show')."""

import datetime as dt
import os

import pytest
from django.core.files.base import ContentFile

from tests.monitoring.conftest import twente
from tests.monitoring.test_ddas_export import assert_valid
from tests.privacy.database_scan import text_in_database
from vroegsignaal.casework.erasure import erase_melding
from vroegsignaal.casework.models import (
    BudgetLine,
    ContactAttempt,
    Conversation,
    Event,
    EventKind,
    Melding,
    MeldingSignal,
    Plan,
    Referral,
)
from vroegsignaal.intake.models import Signal
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import LetterBatch, SentLetter
from vroegsignaal.monitoring.ddas_export import export_documents
from vroegsignaal.monitoring.indicators import dashboard_tables
from vroegsignaal.monitoring.scope import municipality_scope, region_scope
from vroegsignaal.privacy import retention
from vroegsignaal.privacy.pseudonyms import address_pseudonym
from vroegsignaal.search_keys import street_key, surname_key

__all__ = ["twente"]

pytestmark = pytest.mark.django_db(databases="__all__")

OCTOBER = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
DASHBOARD_DAY = dt.date(2026, 12, 1)
# Past every term but the audit log's: all but the open meldingen (M4 and Hengelo's) is erased.
RETENTION_DAY = dt.date(2029, 6, 1)

PERSON = {
    "surname": "Wispelturig",
    "street": "Vergeetmenietstraat",
    "city": "Lonneker",
    "postcode": "7511AB",
    "phone": "0612345678",
    "email": "wispelturig@example.nl",
}
SURNAME_KEY, STREET_KEY = surname_key(PERSON["surname"]), street_key(PERSON["street"])
NOTES = [
    "poging-notitie-hond-blaft",
    "gesprek-notitie-scheiding",
    "plan-notitie-oom-helpt",
    "afspraak-betaalt-85-per-maand",
    "verwijzing-notitie-budgetcoach",
    "salaris-bakkerij-wispelturig",
]


def _personal_text(region) -> None:
    """Give every erasable record the person and typed notes the scan looks for afterwards."""
    m1 = region["m1"]
    # The open meldingen keep their data past every term (M4, picked up, and Hengelo's go
    # melding still waiting for its first contact: QA13 N3); the scan looks for the rest.
    still_open = Melding.objects.exclude(state="closed")
    kept = Signal.objects.filter(melding_link__melding__in=still_open)
    # update() skips the search keys' pre_save: they are set as a save would set them.
    Signal.objects.exclude(pk__in=kept).update(**PERSON, surname_search=SURNAME_KEY)
    kept_address = {"street": "Blijfweg", "postcode": "7522CD", "address_key": "7522CD|4|A"}
    kept.update(surname="Blijft", surname_search="blijft", city="Glanerbrug", **kept_address)
    Melding.objects.filter(state="closed").update(
        street=PERSON["street"], street_search=STREET_KEY, city=PERSON["city"]
    )
    Melding.objects.exclude(state="closed").update(**kept_address, street_search="blijfweg")
    attempt = m1.contact_attempts.first()
    ContactAttempt.objects.filter(pk=attempt.pk).update(note=NOTES[0])
    Conversation.objects.filter(melding=m1).update(note=NOTES[1])
    Plan.objects.create(
        melding=m1, room_to_pay_off="ja", problematic_debts="nee", note=NOTES[2],
        ongoing_payments={str(Signal.objects.filter(melding_link__melding=m1)[0].creditor_id): NOTES[3]},
    )  # fmt: skip
    Referral.objects.filter(melding=m1).update(note=NOTES[4])
    BudgetLine.objects.create(melding=m1, kind="inkomsten", description=NOTES[5], monthly_cents=1)
    Event.objects.create(melding=m1, kind=EventKind.BUDGET_LINE, details={"description": NOTES[5]})
    batch = LetterBatch.objects.create(
        municipality=m1.municipality, kind=LetterKind.FIRST, selection_key="batch-m1",
        pdf=ContentFile(b"%PDF batch Wispelturig", name="batch.pdf"),
    )  # fmt: skip
    SentLetter.objects.create(
        melding=m1, kind=LetterKind.FIRST, contact_round=1, recipients=["W. Wispelturig"],
        contact_attempt=attempt, batch=batch,
        pdf=ContentFile(b"%PDF letter Wispelturig", name="brief.pdf"),
    )  # fmt: skip


def _figures() -> dict:
    return {
        "enschede": dashboard_tables(municipality_scope("0153", *OCTOBER), DASHBOARD_DAY),
        "twente": dashboard_tables(region_scope("Twente", *OCTOBER), DASHBOARD_DAY),
    }


@pytest.fixture
def worked_region(twente):
    _personal_text(twente)
    return twente


def test_retention_keeps_every_dashboard_figure(worked_region):
    before = _figures()
    run = retention.run(today=RETENTION_DAY)
    assert run.counts[retention.CLOSED_MELDINGEN] == 2
    # The no-go closed as 'onterecht signaal' (QA12 B1); the open ones stay (QA13 N3).
    assert run.counts[retention.UNPICKED_MELDINGEN] == 1
    assert _figures() == before


def test_after_retention_no_erased_personal_data_is_left_in_any_table(
    worked_region, django_capture_on_commit_callbacks
):
    letter_files = [SentLetter.objects.get().pdf.path, LetterBatch.objects.get().pdf.path]
    with django_capture_on_commit_callbacks(execute=True):  # the PDFs go when the run commits
        retention.run(today=RETENTION_DAY)
    searched = [*PERSON.values(), SURNAME_KEY, STREET_KEY, "123456782", "Oldenzaalsestraat",
                "7511AB", *NOTES]  # fmt: skip
    leftovers = {value: text_in_database(value) for value in searched}
    assert {value: tables for value, tables in leftovers.items() if tables} == {}
    assert not any(os.path.exists(path) for path in letter_files)
    # The open melding keeps its person: retention erases only what passed its term.
    assert Signal.objects.get(melding_link__melding=worked_region["m4"]).surname == "Blijft"


def test_the_ddas_export_of_erased_records_still_validates(worked_region):
    retention.run(today=RETENTION_DAY)
    (document,) = export_documents(worked_region["enschede"], *OCTOBER)
    assert_valid(document)
    clients = [signal["client"] for signal in document["leveringen"][0]["vroegsignalen"]]
    assert {"postcode": "7511", "huisnummer": ""} in clients
    assert not any("burgerservicenummer" in client for client in clients)


def test_erasing_a_melding_twice_changes_nothing_more(worked_region):
    melding = worked_region["m1"]
    address_key = melding.address_key
    erase_melding(melding)
    first = Melding.objects.values().get(pk=melding.pk)
    erase_melding(Melding.objects.get(pk=melding.pk))
    assert Melding.objects.values().get(pk=melding.pk) == first
    assert first["address_key"] == address_pseudonym(address_key)
    assert (first["postcode"], first["house_number"], first["street"]) == ("7511", 0, "")


def test_erasure_blanks_the_folded_search_keys_with_the_name_and_street(worked_region):
    """The keys Zoeken finds a resident by are the name and street in other letters."""
    retention.run(today=RETENTION_DAY)
    erased = Melding.objects.get(pk=worked_region["m1"].pk)
    signals = Signal.objects.filter(melding_link__melding=erased)
    assert set(signals.values_list("surname", "surname_search")) == {("", "")}
    assert (erased.street, erased.street_search) == ("", "")


def test_an_erased_meldings_person_keys_keep_its_new_key_in_full(worked_region):
    """A person key is the melding's key and a signal id (matching.engine.run); the erased key
    is longer (a keyed hash of the address), and a cut-off key no longer says whose it is."""
    melding = worked_region["m1"]
    melding.key = f"0153|2026-10|{melding.address_key}"  # as matching keys a melding
    melding.save(update_fields=["key"])
    matched_key = melding.key
    links = MeldingSignal.objects.filter(melding=melding)
    for link in links:
        link.person_key = f"{melding.key}|{link.signal_id}"
        link.save(update_fields=["person_key"])
    erase_melding(melding)
    erased = Melding.objects.get(pk=melding.pk)
    expected = {f"{erased.key}|{signal_id}" for signal_id in links.values_list("signal", flat=True)}
    assert set(links.values_list("person_key", flat=True)) == expected
    assert len(erased.key) > len(matched_key)
