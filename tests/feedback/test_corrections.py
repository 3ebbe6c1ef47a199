"""A go/no-go that changes after its release (a re-run of matching, e.g. on a corrected BRP
extract) is released again as a correction; what was sent before stays, and the outcome follows."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import UserFactory, enschede_with_energy_agreement
from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from vroegsignaal.casework.models import Melding
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.feedback import timing
from vroegsignaal.feedback.models import FeedbackKind, HeropafCheck, SignalFeedback
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.intake.models import Signal
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.list_doubts import SMALLER
from vroegsignaal.matching.reference_lists import import_population_register
from vroegsignaal.matching.services import match_period
from vroegsignaal.organisations.models import Agreement
from vroegsignaal.organisations.services import create_api_key

TODAY = dt.date(2026, 11, 25)
MATCHED = dt.date(2026, 11, 2)  # before the scenario's conversation and closing
NO_GO_RELEASED = dt.date(2026, 11, 5)
CORRECTED = dt.date(2026, 11, 9)
BRP_HEADER = "bsn;voorletters;voorvoegsel;achternaam;geboortedatum;postcode;huisnummer\n"
SOMEONE_ELSE = ";P;;Kwakkel;1971-02-03;7512CD;40\n"
ZANDVOORT = ";L;;Zandvoort;1990-03-14;7511AB;15\n"


def _deliver_her_signal(energy) -> None:
    row = {
        "klantnummer": "EO-1083",
        "signaaldatum": "2026-10-02",
        "achternaam": "Zandvoort",
        "voorletters": "L.",
        "geboortedatum": "1990-03-14",
        "huisnummer": "15",
        "postcode": "7511AB",
        "bedrag_achterstand": "250,00",
        "datum_ontstaan": "2026-08-01",
    }
    ingest_records(energy, [row], today=TODAY)


@pytest.fixture
def resident_not_in_brp(db):
    """A signal of Energie Oost for L. Zandvoort, matched against a BRP extract without her:
    'Persoon is geen inwoner (meer)', released to the creditor as a no-go."""
    municipality, energy = enschede_with_energy_agreement()
    import_population_register(municipality, BRP_HEADER + SOMEONE_ELSE)
    _deliver_her_signal(energy)
    match_period(municipality, "2026-10", today=MATCHED)
    release_due_feedback(SITE_URL, today=NO_GO_RELEASED)
    return municipality, energy, Melding.objects.get()


def _rematch_with_her_in_the_brp(municipality) -> None:
    import_population_register(municipality, BRP_HEADER + SOMEONE_ELSE + ZANDVOORT)
    match_period(municipality, "2026-10", today=MATCHED)


def _go_no_go(melding) -> list[SignalFeedback]:
    return list(
        SignalFeedback.objects.filter(
            signal__melding_link__melding=melding, kind=FeedbackKind.GO_NO_GO
        )
    )


def test_a_no_go_corrected_to_go_by_a_rerun_is_released_as_a_correction(resident_not_in_brp):
    municipality, _, melding = resident_not_in_brp
    (no_go,) = _go_no_go(melding)
    assert no_go.content["reason"] == Signaalstatus.GEEN_INWONER

    _rematch_with_her_in_the_brp(municipality)
    release = release_due_feedback(SITE_URL, today=CORRECTED)

    first, correction = _go_no_go(melding)
    assert first == no_go and first.content == no_go.content  # what was sent stays as it was
    assert correction.release == release and correction.corrects == no_go
    assert correction.content == {"picked_up": True, "reason": None, "known_to_debt_help": None}
    assert release_due_feedback(SITE_URL, today=CORRECTED).items.count() == 0


def test_after_a_corrected_go_the_outcome_is_released_when_the_melding_closes(
    resident_not_in_brp,
):
    municipality, energy, melding = resident_not_in_brp
    _rematch_with_her_in_the_brp(municipality)
    release_due_feedback(SITE_URL, today=CORRECTED)
    melding.refresh_from_db()
    caseworker = UserFactory(caseworker=True, municipality=municipality)
    scenario.work_and_close(melding, caseworker, [energy])

    release = release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))

    (outcome,) = release.items.filter(kind=FeedbackKind.OUTCOME)
    assert outcome.content["ongoing_payments"] == scenario.OWN_PAYMENTS
    assert HeropafCheck.objects.filter(melding=melding, creditor=energy).exists()


def test_a_melding_worked_and_closed_before_the_next_release_gets_correction_and_outcome_at_once(
    resident_not_in_brp, capsys
):
    """As QA found it: re-run, worked and closed, and only then the daily release."""
    municipality, energy, melding = resident_not_in_brp
    _rematch_with_her_in_the_brp(municipality)
    melding.refresh_from_db()
    scenario.work_and_close(
        melding, UserFactory(caseworker=True, municipality=municipality), [energy]
    )

    call_command("release-feedback", "--site-url", SITE_URL)

    assert capsys.readouterr().out.startswith(
        "Vrijgegeven: 0 go/no-go, 1 gecorrigeerde go/no-go, 1 uitkomst voor 1 vastelastenpartner."
    )
    correction = SignalFeedback.objects.get(corrects__isnull=False)
    assert correction.content["picked_up"] is True
    assert SignalFeedback.objects.filter(kind=FeedbackKind.OUTCOME).count() == 1


def test_a_go_corrected_to_no_go_by_a_rerun_is_released_and_no_outcome_follows(db):
    municipality, energy = enschede_with_energy_agreement()
    import_population_register(municipality, BRP_HEADER + SOMEONE_ELSE + ZANDVOORT)
    _deliver_her_signal(energy)
    match_period(municipality, "2026-10", today=MATCHED)
    release_due_feedback(SITE_URL, today=NO_GO_RELEASED)
    # She moved away: the extract is half the size, which the reader confirms.
    import_population_register(municipality, BRP_HEADER + SOMEONE_ELSE, confirmed=[SMALLER])
    match_period(municipality, "2026-10", today=MATCHED)

    release = release_due_feedback(SITE_URL, today=CORRECTED)

    melding = Melding.objects.get()
    assert melding.state == "closed"  # matching closed the untouched melding as a no-go
    (correction,) = release.items.all()
    assert correction.kind == FeedbackKind.GO_NO_GO and correction.corrects is not None
    assert correction.content["picked_up"] is False
    assert correction.content["reason"] == Signaalstatus.GEEN_INWONER
    assert not HeropafCheck.objects.exists()


def test_a_changed_agreement_is_no_correction_of_a_released_go_no_go(enschede, energy):
    """Only a changed status corrects a go/no-go: the agreement that stops sharing 'al bekend'
    changes what a new release would say, not what the creditor was rightly told."""
    Agreement.objects.filter(creditor=energy).update(share_known_client_status=True)
    scenario.melding_with_signals(enschede, energy, status=Signaalstatus.AL_BEKEND)
    release_due_feedback(SITE_URL, today=NO_GO_RELEASED)
    Agreement.objects.filter(creditor=energy).update(share_known_client_status=False)

    assert release_due_feedback(SITE_URL, today=CORRECTED).items.count() == 0


def test_a_status_with_the_same_go_no_go_for_the_creditor_is_no_correction(enschede, energy):
    """'Andere reden' and 'al bekend' without sharing both read 'Niet opgepakt'."""
    melding = scenario.melding_with_signals(enschede, energy, status=Signaalstatus.ANDERE_REDEN)
    release_due_feedback(SITE_URL, today=NO_GO_RELEASED)
    Signal.objects.filter(melding_link__melding=melding).update(status=Signaalstatus.AL_BEKEND)

    assert release_due_feedback(SITE_URL, today=CORRECTED).items.count() == 0


@pytest.fixture
def corrected(resident_not_in_brp):
    municipality, energy, melding = resident_not_in_brp
    _rematch_with_her_in_the_brp(municipality)
    release_due_feedback(SITE_URL, today=CORRECTED)
    staff = UserFactory(creditor_staff=True, creditor=energy)
    return staff, melding.signal_links.get().signal


def _correction_day(signal) -> str:
    """The day the creditor was sent the correction (the moment of release, not its work day)."""
    correction = SignalFeedback.objects.get(signal=signal, corrects__isnull=False)
    return f"{timezone.localtime(correction.released_at):%d-%m-%Y}"


def test_the_signal_page_shows_the_corrected_go_no_go_and_what_it_replaced(client, corrected):
    staff, signal = corrected
    client.force_login(staff)
    page = client.get(reverse("feedback:signal", args=[signal.pk])).content.decode()
    current = page.split('data-testid="go-no-go">')[1].split("</dd>")[0]
    assert current.startswith("Opgepakt")
    assert "(gecorrigeerd op <time" in current and _correction_day(signal) in current
    assert "Niet opgepakt: persoon is geen inwoner (meer) in de gemeente" in page  # history
    assert "Er komt geen uitkomst" not in page
    assert "De gemeente heeft het signaal alsnog opgepakt" in page


def test_the_list_and_download_show_the_corrected_go_no_go_with_its_date(client, corrected):
    staff, signal = corrected
    client.force_login(staff)
    listing = client.get(reverse("feedback:signals")).content.decode()
    assert "Opgepakt (gecorrigeerd op" in listing and "Geen (niet opgepakt)" not in listing

    response = client.get(reverse("feedback:download", args=["csv"]))

    header, row = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    values = dict(zip(header, row, strict=True))
    assert values["Go/no-go"] == "Opgepakt"
    assert values["Go/no-go gecorrigeerd op"] == _correction_day(signal)
    assert values["Datum uitkomst"] == "Nog niet bekend"


def test_the_api_gives_the_correction_as_a_new_item_naming_the_one_it_corrects(corrected):
    staff, _ = corrected
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {create_api_key(staff.creditor, 'k')}")

    first, correction = client.get("/api/v1/feedback").json()["results"]

    assert (first["picked_up"], first["corrects"]) == (False, None)
    assert (correction["picked_up"], correction["corrects"]) == (True, first["id"])
    assert correction["kind"] == "go_no_go" and correction["released_at"] > first["released_at"]
    since = client.get("/api/v1/feedback", {"since": first["released_at"]}).json()["results"]
    assert [item["id"] for item in since] == [correction["id"]]


def test_the_digest_counts_corrections_apart(resident_not_in_brp, inbox):
    municipality, energy, _ = resident_not_in_brp
    UserFactory(creditor_staff=True, creditor=energy, email="f@energie-oost.nl")
    _rematch_with_her_in_the_brp(municipality)

    release_due_feedback(SITE_URL, today=CORRECTED)

    (body,) = inbox.bodies_for("f@energie-oost.nl")
    lines = body.splitlines()
    assert "- gecorrigeerde go/no-go: 1 signaal" in lines
    assert not any(line.startswith("- go/no-go") for line in lines)  # no first ones: no line


def test_the_outcome_of_a_corrected_go_is_due_28_working_days_after_the_correction(
    resident_not_in_brp,
):
    municipality, _, _ = resident_not_in_brp
    _rematch_with_her_in_the_brp(municipality)
    release_due_feedback(SITE_URL, today=CORRECTED)

    (on_due_day,) = timing.overview(municipality, dt.date(2026, 12, 17))
    (day_after,) = timing.overview(municipality, dt.date(2026, 12, 18))

    assert (on_due_day.outcome.open, on_due_day.outcome.overdue) == (1, 0)
    assert day_after.outcome.overdue == 1
