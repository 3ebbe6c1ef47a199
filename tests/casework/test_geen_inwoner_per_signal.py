"""QA8 HOOG 3: in a melding where the BRP found one person living at the address and not the
other, 'geen inwoner (meer)' is confirmed per signal, not for the whole melding.

S. Smit (not in the BRP: the note asks the caseworker to check) and R. Bakker (in the BRP at this
address) in one melding: closing it as 'geen inwoner' or 'overleden' is refused, naming Bakker;
the caseworker confirms Smit's signal alone, its creditor hears it at the next release, and the
melding goes on for Bakker."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.casework.factories import MeldingFactory, add_signal
from tests.factories import CreditorFactory
from tests.page_text import page_text
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.models import Melding, ResidenceCheckMethod
from vroegsignaal.casework.not_resident import confirm_not_resident
from vroegsignaal.casework.results import close_with_result, result_refusals
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat, Signaalstatus
from vroegsignaal.feedback.models import FeedbackKind, SignalFeedback
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.matching.engine.classify import BRP_CHECK_BY_HAND

CHECK = "Niet gevonden in de BRP van Enschede" + BRP_CHECK_BY_HAND
BAKKER_LIVES_HERE = "R. Bakker woont volgens de BRP op dit adres."


@pytest.fixture
def water():
    return CreditorFactory(code="vitens", name="Vitens", partner_type="Drinkwater")


@pytest.fixture
def insurer():
    return CreditorFactory(code="zorg-oost", name="Zorg Oost", partner_type="Zorgverzekeraar")


@pytest.fixture
def smit_and_bakker(enschede, caseworker, water, insurer):
    """Melding with S. Smit's signal (not in the BRP, to check) and R. Bakker's (in the BRP)."""
    melding = MeldingFactory(municipality=enschede, signals=0)
    smit = add_signal(melding, water)
    smit.initials, smit.surname, smit.brp_note = "S.", "Smit", CHECK
    smit.save()
    bakker = add_signal(melding, insurer)
    bakker.initials, bakker.surname, bakker.bsn = "R.", "Bakker", "111222333"
    bakker.brp_initials, bakker.brp_surname = "R", "Bakker"
    bakker.save()
    return assign(melding, caseworker, caseworker, melding.version), smit, bakker


def _picked_up(melding, by):
    record_contact_attempt(
        melding, by, melding.version, kind=Contactsoort.HUISBEZOEK, attempted_on=timezone.localdate(),
        part_of_day=Dagdeel.OCHTEND, reached=False,
    )  # fmt: skip
    return Melding.objects.get(pk=melding.pk)


@pytest.mark.parametrize("result", [Eindresultaat.GEEN_INWONER, Eindresultaat.OVERLEDEN])
def test_closing_the_whole_melding_as_gone_is_refused_while_the_brp_has_someone_living_here(
    smit_and_bakker, caseworker, result
):
    melding, _, _ = smit_and_bakker
    with pytest.raises(CaseworkError) as refused:
        close_with_result(melding, caseworker, melding.version, result)
    assert str(refused.value).startswith(BAKKER_LIVES_HERE)
    assert "Bevestig: geen inwoner (meer)" in str(refused.value)
    assert result_refusals(melding)[result].startswith(BAKKER_LIVES_HERE)
    assert Melding.objects.get(pk=melding.pk).state != "closed"


def test_the_close_form_names_who_lives_here(smit_and_bakker, caseworker, client):
    melding, _, _ = smit_and_bakker
    client.force_login(caseworker)
    response = client.get(reverse("casework:close", args=[melding.pk]))
    assert BAKKER_LIVES_HERE in page_text(response)


def test_without_anyone_found_living_here_the_melding_closes_as_geen_inwoner(enschede, caseworker):
    melding = MeldingFactory(municipality=enschede, signals=1, signals__brp_note=CHECK)
    melding = assign(melding, caseworker, caseworker, melding.version)
    close_with_result(melding, caseworker, melding.version, Eindresultaat.GEEN_INWONER)
    assert Melding.objects.get(pk=melding.pk).result == Eindresultaat.GEEN_INWONER


def test_confirming_one_signal_makes_only_that_signal_geen_inwoner_and_the_melding_goes_on(
    smit_and_bakker, caseworker, client
):
    melding, smit, bakker = smit_and_bakker
    client.force_login(caseworker)
    page = page_text(client.get(reverse("casework:melding", args=[melding.pk])))
    assert page.count("Bevestig: geen inwoner (meer)") == 1  # only at Smit's signal

    response = client.post(
        reverse("casework:confirm_not_resident", args=[melding.pk, smit.pk]),
        {"version": melding.version, "method": ResidenceCheckMethod.HOME_VISIT},
        follow=True,
    )
    page = page_text(response)
    assert "Signaal van Vitens: geen inwoner (meer) na controle (Huisbezoek)" in page
    assert "Bevestig: geen inwoner (meer)" not in page
    assert CHECK not in page  # the check is done: no warning left
    smit.refresh_from_db()
    bakker.refresh_from_db()
    assert smit.status == Signaalstatus.GEEN_INWONER
    assert bakker.status == Signaalstatus.NOG_NIET_OPGEPAKT
    melding = Melding.objects.get(pk=melding.pk)
    assert melding.state == "assigned"

    # Picking the melding up later leaves Smit's signal as confirmed.
    _picked_up(melding, caseworker)
    smit.refresh_from_db()
    bakker.refresh_from_db()
    assert (smit.status, bakker.status) == (Signaalstatus.GEEN_INWONER, Signaalstatus.OPGEPAKT)


def test_the_confirmation_is_refused_on_a_closed_melding_and_for_a_signal_without_the_check(
    smit_and_bakker, caseworker
):
    melding, smit, bakker = smit_and_bakker
    with pytest.raises(CaseworkError, match="vraagt geen controle"):
        confirm_not_resident(
            melding, bakker, caseworker, melding.version, method=ResidenceCheckMethod.HOME_VISIT
        )
    melding = _picked_up(melding, caseworker)
    close_with_result(melding, caseworker, melding.version, Eindresultaat.ANDERE_REDEN)
    melding = Melding.objects.get(pk=melding.pk)
    with pytest.raises(CaseworkError, match="afgesloten"):
        confirm_not_resident(
            melding, smit, caseworker, melding.version, method=ResidenceCheckMethod.HOME_VISIT
        )


def test_the_creditor_of_the_confirmed_signal_hears_geen_inwoner_as_a_correction(
    smit_and_bakker, caseworker, water, insurer
):
    melding, smit, bakker = smit_and_bakker
    melding = _picked_up(melding, caseworker)
    release_due_feedback("https://vroegsignaal.example", today=timezone.localdate())

    confirm_not_resident(
        melding, smit, caseworker, melding.version, method=ResidenceCheckMethod.HOME_VISIT
    )
    release_due_feedback(
        "https://vroegsignaal.example", today=timezone.localdate() + dt.timedelta(days=1)
    )

    def told(signal):
        return [
            item.content
            for item in SignalFeedback.objects.filter(
                signal=signal, kind=FeedbackKind.GO_NO_GO
            ).order_by("id")
        ]

    geen_inwoner = str(Signaalstatus.GEEN_INWONER)
    assert [item["reason"] for item in told(smit)] == [None, geen_inwoner]
    assert told(smit)[-1]["picked_up"] is False
    assert [item["picked_up"] for item in told(bakker)] == [True]  # no correction for Bakker


def test_the_last_signal_that_counts_is_not_confirmed_alone_the_melding_closes_instead(
    enschede, caseworker
):
    melding = MeldingFactory(municipality=enschede, crisis=True, signals=1, signals__brp_note=CHECK)
    melding = assign(melding, caseworker, caseworker, melding.version)
    with pytest.raises(CaseworkError, match="sluit de melding af met 'Persoon is geen inwoner"):
        signal = melding.signal_links.get().signal
        confirm_not_resident(
            melding, signal, caseworker, melding.version, method=ResidenceCheckMethod.HOME_VISIT
        )


def test_after_confirming_the_melding_counts_only_the_signals_that_still_count(
    smit_and_bakker, caseworker, water, insurer
):
    melding, smit, bakker = smit_and_bakker
    # What the matching wrote: both signals counted.
    Melding.objects.filter(pk=melding.pk).update(
        total_amount_cents=smit.amount_cents + bakker.amount_cents,
        partner_types=sorted([water.partner_type, insurer.partner_type]),
        partner_type_count=2,
    )
    melding = Melding.objects.get(pk=melding.pk)

    confirm_not_resident(
        melding, smit, caseworker, melding.version, method=ResidenceCheckMethod.HOME_VISIT
    )

    melding = Melding.objects.get(pk=melding.pk)
    assert melding.total_amount_cents == bakker.amount_cents
    assert (melding.partner_types, melding.partner_type_count) == ([insurer.partner_type], 1)
