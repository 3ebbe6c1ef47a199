"""A crisis signal whose person the BRP extract does not have is not closed by the run: name
matching fails on spelling, tussenvoegsels, diacritics and maiden names, and an eviction must
not go ahead on a typo. A caseworker checks and may confirm 'geen inwoner (meer)' on the
melding page; the creditor then hears it as it hears the run's own."""

import datetime as dt

import pytest
from django.urls import reverse
from tests.factories import UserFactory, enschede_with_energy_agreement
from tests.feedback.conftest import SITE_URL
from tests.page_text import page_text

from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.events import describe
from vroegsignaal.casework.models import Melding
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat, Signaalstatus
from vroegsignaal.feedback.models import FeedbackKind, SignalFeedback
from vroegsignaal.feedback.release import current_go_no_go, release_due_feedback
from vroegsignaal.intake.models import Signal
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.engine.vocabulary import TERM_CRISIS
from vroegsignaal.matching.reference_lists import import_population_register
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db
DELIVERED = dt.date(2026, 11, 1)
MATCHED = dt.date(2026, 11, 2)
GO_RELEASED = dt.date(2026, 11, 3)
VISITED = dt.date(2026, 11, 4)
BRP_HEADER = "bsn;voorletters;voorvoegsel;achternaam;geboortedatum;postcode;huisnummer\n"
# The extract has her under her maiden name: the name match does not find her.
MAIDEN_NAME = ";L;;Mulder;1990-03-14;7511AB;15\n"
CHECK_NOTICE = (
    "Niet gevonden in de BRP van Enschede: controleer of de inwoner hier woont voordat u de "
    "melding afsluit."
)
NO_HEROPAF = (
    "De signaalpartners horen bij de vrijgave van de terugkoppeling alleen dat hun signaal niet "
    "is opgepakt, omdat de persoon geen inwoner (meer) is. Er volgt geen heropaf."
)


def _her_signal(**extra) -> dict:
    return {
        "klantnummer": "EO-1083",
        "signaaldatum": "2026-10-02",
        "achternaam": "Zandvoort",
        "voorletters": "L.",
        "geboortedatum": "1990-03-14",
        "huisnummer": "15",
        "postcode": "7511AB",
        "bedrag_achterstand": "250,00",
        "datum_ontstaan": "2026-08-01",
        **extra,
    }


def _matched(**extra):
    municipality, energy = enschede_with_energy_agreement()
    import_population_register(municipality, BRP_HEADER + MAIDEN_NAME)
    ingest_records(energy, [_her_signal(**extra)], today=DELIVERED)
    match_period(municipality, "2026-10", today=MATCHED)
    caseworker = UserFactory(caseworker=True, municipality=municipality)
    return Melding.objects.get(), caseworker


@pytest.fixture
def crisis():
    """Her eviction notice (crisissignaal) matched against an extract that has her under
    another name."""
    return _matched(crisissignaal="ja")


def _page(client, melding, user) -> str:
    client.force_login(user)
    return page_text(client.get(reverse("casework:melding", args=[melding.pk])))


def test_a_crisis_signal_not_found_in_the_brp_stays_open_with_a_notice_to_check(client, crisis):
    melding, caseworker = crisis

    assert (melding.state, melding.result, melding.is_crisis) == ("new", "", True)
    # Matched on Monday 2 November: 3 working days.
    assert (melding.term_kind, melding.due_on) == (TERM_CRISIS, dt.date(2026, 11, 5))
    assert Signal.objects.get().status == Signaalstatus.OPGEPAKT
    page = _page(client, melding, caseworker)
    assert CHECK_NOTICE in page
    assert "0153" not in page
    # The notice at the top names whom it is about (QA9 B6).
    assert _warnings(client, melding) == (
        "Niet gevonden in de BRP van Enschede: L. Zandvoort. Controleer of de inwoner hier woont "
        "voordat u de melding afsluit."
    )


def _warnings(client, melding) -> str:
    """The text of the warnings at the top of the melding page."""
    html = client.get(reverse("casework:melding", args=[melding.pk])).content.decode()
    return " ".join(
        page_text(part.split("</div></div></div>")[0])
        for part in html.split('data-testid="brp-controleren">')[1:]
    )


def test_a_signal_not_found_in_the_brp_names_the_municipality_not_its_code(client):
    melding, caseworker = _matched()

    page = _page(client, melding, caseworker)
    assert "Niet gevonden in de BRP van Enschede" in page
    assert "0153" not in page


def test_a_crisis_signal_of_a_resident_who_died_according_to_the_brp_is_closed_as_overleden():
    municipality, energy = enschede_with_energy_agreement()
    import_population_register(
        municipality,
        "bsn;voorletters;voorvoegsel;achternaam;geboortedatum;postcode;huisnummer;"
        "datum_overlijden\n;L;;Zandvoort;1990-03-14;7511AB;15;2026-09-30\n",
    )
    ingest_records(energy, [_her_signal(crisissignaal="ja")], today=DELIVERED)
    match_period(municipality, "2026-10", today=MATCHED)

    melding = Melding.objects.get()
    assert (melding.state, melding.result) == ("closed", Eindresultaat.OVERLEDEN)


def test_the_caseworker_can_confirm_geen_inwoner_on_the_melding_page(client, crisis):
    melding, caseworker = crisis
    client.force_login(caseworker)
    close = reverse("casework:close", args=[melding.pk])

    assert Eindresultaat.GEEN_INWONER.value in client.get(close).content.decode()
    client.post(close, {"version": melding.version, "result": Eindresultaat.GEEN_INWONER})

    melding.refresh_from_db()
    assert (melding.state, melding.result) == ("closed", Eindresultaat.GEEN_INWONER)
    assert Signal.objects.get().status == Signaalstatus.GEEN_INWONER
    assert _warnings(client, melding) == ""
    timeline = [describe(event) for event in melding.events.all()]
    assert timeline[0].startswith(f"Afgesloten met eindresultaat '{Eindresultaat.GEEN_INWONER}'")


def test_geen_inwoner_confirmed_after_the_brp_notice_says_on_the_timeline_it_was_checked(
    client, crisis
):
    """QA7 M4: the line says the caseworker confirmed what the BRP check could not settle."""
    melding, caseworker = crisis
    _confirm_geen_inwoner(client, melding, caseworker)

    melding.refresh_from_db()
    assert _timeline(melding)[0] == (
        f"Afgesloten met eindresultaat '{Eindresultaat.GEEN_INWONER}' na controle: niet "
        "gevonden in de BRP van Enschede (fase: Nieuw → Afgesloten)"
    )
    assert "na controle" in _page(client, melding, caseworker)


def test_another_result_on_a_melding_with_the_brp_notice_names_no_check(client, crisis):
    melding, caseworker = crisis
    client.force_login(caseworker)
    client.post(
        reverse("casework:close", args=[melding.pk]),
        {"version": melding.version, "result": Eindresultaat.ANDERE_REDEN},
    )

    melding.refresh_from_db()
    assert "na controle" not in _timeline(melding)[0]


def _signal_notes(client, melding) -> list[str]:
    """The BRP notes in the signal rows of the melding page."""
    html = client.get(reverse("casework:melding", args=[melding.pk])).content.decode()
    return [
        page_text(part.split("</span>")[0])
        for part in html.split('data-testid="brp-opmerking">')[1:]
    ]


def test_the_signal_row_asks_for_the_check_only_while_the_melding_is_open(client, crisis):
    """QA7 L1: after closing, the row says what the BRP check found, not what to do first."""
    melding, caseworker = crisis
    client.force_login(caseworker)
    assert _signal_notes(client, melding) == [CHECK_NOTICE]

    _confirm_geen_inwoner(client, melding, caseworker)

    assert _signal_notes(client, melding) == ["Niet gevonden in de BRP van Enschede"]


def _told_the_creditor() -> dict:
    (item,) = current_go_no_go()
    return item.content


def _confirm_geen_inwoner(client, melding, caseworker) -> None:
    client.force_login(caseworker)
    melding.refresh_from_db()
    client.post(
        reverse("casework:close", args=[melding.pk]),
        {"version": melding.version, "result": Eindresultaat.GEEN_INWONER},
    )


def test_a_confirmed_geen_inwoner_is_told_to_the_creditor_as_the_runs_own(client, crisis):
    """The creditor first hears the crisis is picked up (it holds off the eviction), then
    'geen inwoner (meer)' when the caseworker confirms it, as a correction."""
    melding, caseworker = crisis
    release_due_feedback(SITE_URL, today=GO_RELEASED, mail_digests=False)
    assert _told_the_creditor()["picked_up"] is True

    _confirm_geen_inwoner(client, melding, caseworker)
    release_due_feedback(SITE_URL, today=dt.date.today(), mail_digests=False)

    assert _told_the_creditor() == {
        "picked_up": False,
        "reason": Signaalstatus.GEEN_INWONER.value,
        "known_to_debt_help": None,
    }


def test_geen_inwoner_confirmed_after_a_missed_home_visit_is_told_as_the_melding_page_says(
    client, crisis
):
    """Neighbours at a missed visit say she moved: the visit picked the melding up, yet the
    creditor hears 'geen inwoner (meer)', not an outcome that says nothing, and no heropaf;
    the melding page says just that, before and after the release."""
    melding, caseworker = crisis
    release_due_feedback(SITE_URL, today=GO_RELEASED, mail_digests=False)
    melding = assign(Melding.objects.get(), caseworker, caseworker, melding.version)
    record_contact_attempt(
        melding, caseworker, melding.version, kind=Contactsoort.HUISBEZOEK,
        attempted_on=VISITED, part_of_day=Dagdeel.MIDDAG, reached=False,
    )  # fmt: skip

    _confirm_geen_inwoner(client, melding, caseworker)
    before = _page(client, melding, caseworker)
    release_due_feedback(SITE_URL, today=dt.date.today(), mail_digests=False)

    assert _told_the_creditor()["reason"] == Signaalstatus.GEEN_INWONER.value
    assert not SignalFeedback.objects.filter(kind=FeedbackKind.OUTCOME).exists()
    melding.refresh_from_db()
    assert melding.heropaf_due_on is None
    for page in (before, _page(client, melding, caseworker)):
        assert NO_HEROPAF in page and "De heropaf wordt gepland" not in page


def test_a_melding_closed_by_the_brp_says_so_on_its_timeline():
    melding, _ = _matched()

    assert melding.result == Eindresultaat.GEEN_INWONER
    (line,) = [describe(event) for event in melding.events.all()]
    assert line.startswith("Niet opgepakt: persoon is geen inwoner (meer) volgens de BRP")
    assert "volgens het beleid" not in line


# Late signals come in, intake staff match the month again: what the caseworker decided stays.

LATE_MATCH = dt.date(2026, 11, 20)


def _timeline(melding) -> list[str]:
    return [describe(event) for event in melding.events.all()]


def test_matching_again_keeps_a_confirmed_geen_inwoner_closed_and_tells_the_creditor_nothing_new(
    client, crisis
):
    """QA7 H2: the BRP still lacks her, so the run's crisis rule says 'go' again; that is not a
    no-go of the matching that became a go, it is the caseworker's result."""
    melding, caseworker = crisis
    release_due_feedback(SITE_URL, today=GO_RELEASED, mail_digests=False)
    _confirm_geen_inwoner(client, melding, caseworker)
    release_due_feedback(SITE_URL, today=VISITED, mail_digests=False)
    told = list(SignalFeedback.objects.values_list("pk", flat=True))
    timeline = _timeline(Melding.objects.get())

    match_period(melding.municipality, "2026-10", today=LATE_MATCH)
    release_due_feedback(SITE_URL, today=dt.date.today(), mail_digests=False)

    melding.refresh_from_db()
    assert (melding.state, melding.result) == ("closed", Eindresultaat.GEEN_INWONER)
    assert _timeline(melding) == timeline
    assert not any("opnieuw matchen" in line for line in _timeline(melding))
    assert Signal.objects.get().status == Signaalstatus.GEEN_INWONER
    assert list(SignalFeedback.objects.values_list("pk", flat=True)) == told
    assert _told_the_creditor()["reason"] == Signaalstatus.GEEN_INWONER.value


@pytest.mark.parametrize(
    "result",
    [
        Eindresultaat.GEEN_INWONER,
        Eindresultaat.OVERLEDEN,
        Eindresultaat.AL_BEKEND,
        Eindresultaat.ONTERECHT,
        Eindresultaat.ANDERE_REDEN,
    ],
)
def test_matching_again_never_reopens_a_melding_a_caseworker_closed_before_picking_it_up(
    client, result
):
    """A go melding nobody was assigned to, closed by a caseworker with a 'not picked up'
    result, looks like a no-go the matching closed; the run still leaves it alone."""
    municipality, energy = enschede_with_energy_agreement()
    ingest_records(energy, [_her_signal()], today=DELIVERED)
    match_period(municipality, "2026-10", today=MATCHED)
    caseworker = UserFactory(caseworker=True, municipality=municipality)
    melding = Melding.objects.get()
    assert melding.go
    client.force_login(caseworker)
    client.post(
        reverse("casework:close", args=[melding.pk]),
        {"version": melding.version, "result": result},
    )

    match_period(municipality, "2026-10", today=LATE_MATCH)

    melding.refresh_from_db()
    assert (melding.state, melding.result) == ("closed", result)
    assert not melding.events.filter(kind="rematched").exists()
