"""`vroegsignaal demo` on a small scale: the Twente policy, its werkbakjes and a history of
casework and feedback written through the real services, deterministic and idempotent."""

import datetime as dt
from pathlib import Path

import pytest
from django.db.models import F
from django.utils import timezone

from vroegsignaal.casework import contact
from vroegsignaal.casework.deadlines import is_working_day
from vroegsignaal.casework.models import ContactAttempt, Event, EventKind, Melding, Plan, Queue
from vroegsignaal.ddas import Contactsoort, Eindresultaat
from vroegsignaal.demo.casework_plan import at
from vroegsignaal.demo.services import load_demo
from vroegsignaal.feedback.models import FeedbackKind, FeedbackRelease, SignalFeedback
from vroegsignaal.intake.models import Delivery
from vroegsignaal.matching.models import MatchingRun, PolicyVersion
from vroegsignaal.matching.policies import effective_policy
from vroegsignaal.organisations.models import Municipality, User

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 4, 20)
QUEUES = {"Crisis", "Huisbezoek", "Jongeren", "Brief en bellen", "Wijkteam Zuid", "Wijkteam Noord"}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load(tmp_path: Path, seed: int = 2026, months: int = 3):
    return load_demo(seed=seed, months=months, scale=0.05, output_dir=tmp_path, today=TODAY)


def casework_snapshot() -> list[tuple]:
    return sorted(
        Melding.objects.values_list(
            "key", "state", "result", "closed_on", "picked_up_on", "assigned_to__username"
        )
    )


def test_enschede_picks_up_single_signals_and_the_rest_of_twente_needs_two(tmp_path):
    load(tmp_path)

    enschede, _ = effective_policy(Municipality.objects.get(code="0153"))
    almelo, _ = effective_policy(Municipality.objects.get(code="0141"))
    assert (enschede.minimum_signals_for_go, almelo.minimum_signals_for_go) == (1, 2)
    assert enschede.minimum_amount_cents == almelo.minimum_amount_cents == 7500
    assert Melding.objects.filter(municipality__code="0153", go=True, is_single=True).exists()
    assert not Melding.objects.filter(municipality__code="0141", go=True, is_single=True).exists()


def test_meldingen_are_routed_into_the_werkbakjes_of_the_policy(tmp_path):
    load(tmp_path)

    names = set(Queue.objects.values_list("name", flat=True))
    assert {"Huisbezoek", "Brief en bellen"} <= names <= QUEUES
    visits = Melding.objects.filter(queue__name="Huisbezoek")
    assert visits.exists()
    # Enschede's wijkteams take what is not a crisis in their districts.
    south = Melding.objects.filter(queue__name="Wijkteam Zuid")
    assert not south.exclude(postcode__regex=r"^754[1-8]").exists()
    assert not visits.filter(
        is_multiple=False, is_consecutive=False, total_amount_cents__lt=100_000
    ).exists()
    assert not Melding.objects.filter(is_crisis=True).exclude(queue__name="Crisis").exists()


def test_older_meldingen_are_closed_with_a_ddas_result_and_recent_ones_still_open(tmp_path):
    load(tmp_path)

    six_weeks_ago = TODAY - dt.timedelta(weeks=6)
    old = Melding.objects.filter(matched_on__lt=six_weeks_ago, go=True)
    assert old.filter(state="closed").count() >= 0.7 * old.count() > 0
    assert set(old.exclude(result="").values_list("result", flat=True)) <= set(Eindresultaat.values)
    assert Melding.objects.filter(matched_on=TODAY, state="new").exists()
    assert not Melding.objects.filter(go=True, closed_on__gte=TODAY).exists()


def test_attempts_have_kind_and_dagdeel_and_no_contact_follows_three_failed_ones(tmp_path):
    load(tmp_path)

    attempts = ContactAttempt.objects.all()
    assert (
        attempts.filter(reached=True).exists()
        and attempts.filter(kind=Contactsoort.KAARTJE).exists()
    )
    assert {a.part_of_day for a in attempts} == {"Ochtend", "Middag", "Avond"}
    # The time as a caseworker records it, in its dagdeel (the melding page's Tijd column).
    timed = attempts.exclude(moment=None).exclude(kind=Contactsoort.KAARTJE)
    assert timed.exists()
    assert all(contact.part_of_day(a.moment) == a.part_of_day for a in timed)
    for melding in Melding.objects.filter(result=Eindresultaat.GEEN_CONTACT, go=True):
        tries = melding.contact_attempts.exclude(kind=Contactsoort.KAARTJE)
        assert tries.count() == 3 and not tries.filter(reached=True).exists()


def test_the_timeline_shows_the_simulated_moments_not_the_moment_of_loading(tmp_path):
    load(tmp_path)

    for event in Event.objects.filter(kind=EventKind.CONTACT_ATTEMPT)[:200]:
        assert timezone.localdate(event.created_at).isoformat() == event.details["on"]
    # Nothing is simulated today; only this month's matching run happened this morning.
    assert not Event.objects.filter(created_at__gt=at(TODAY, 6)).exists()


def test_creditors_received_go_no_go_and_outcomes_in_weekly_releases(tmp_path):
    load(tmp_path)

    assert FeedbackRelease.objects.filter(released_on__lt=TODAY).count() >= 8
    assert SignalFeedback.objects.filter(kind=FeedbackKind.GO_NO_GO).exists()
    assert SignalFeedback.objects.filter(kind=FeedbackKind.OUTCOME).exists()
    assert not SignalFeedback.objects.filter(released_at__date__gte=TODAY).exists()
    assert Melding.objects.filter(heropaf_due_on__isnull=False).exists()


def test_outcomes_tell_creditors_the_ongoing_payments_agreed_in_the_plan(tmp_path):
    load(tmp_path)

    outcomes = SignalFeedback.objects.filter(kind=FeedbackKind.OUTCOME)
    assert outcomes.filter(content__ongoing_payments="Betalingsregeling afgesproken").exists()
    for plan in Plan.objects.all():
        creditors = plan.melding.signal_links.values_list("signal__creditor", flat=True)
        assert set(plan.ongoing_payments) <= {str(pk) for pk in creditors}


def test_every_municipality_has_a_caseworker_who_did_the_work(tmp_path):
    load(tmp_path)

    for municipality in Municipality.objects.all():
        assert User.objects.filter(municipality=municipality, role="caseworker").exists()
    assert Melding.objects.filter(
        assigned_to__username="uitvoerder.hof-van-twente"
    ).exists() or not (
        Melding.objects.filter(municipality__code="1735", go=True, matched_on__lt=TODAY).exists()
    )


def test_a_second_run_adds_no_casework_policy_or_feedback(tmp_path):
    load(tmp_path)
    counts = [m.objects.count() for m in (Event, ContactAttempt, PolicyVersion, FeedbackRelease)]
    snapshot = casework_snapshot()

    summary = load(tmp_path)

    assert [
        m.objects.count() for m in (Event, ContactAttempt, PolicyVersion, FeedbackRelease)
    ] == counts
    assert casework_snapshot() == snapshot
    assert (summary.policies_saved, summary.casework_steps) == (0, 0)


def test_the_same_seed_gives_the_same_casework_history(tmp_path):
    load(tmp_path / "a", seed=5, months=2)
    first = casework_snapshot()
    SignalFeedback.objects.all().delete()
    FeedbackRelease.objects.all().delete()
    Melding.objects.all().delete()

    load(tmp_path / "b", seed=5, months=2)

    assert casework_snapshot() == first


def test_the_demo_records_a_satisfaction_cijfer_for_some_closed_meldingen(tmp_path):
    load(tmp_path)

    closed = Melding.objects.exclude(result="")
    cijfers = list(closed.exclude(satisfaction=None).values_list("satisfaction", flat=True))
    assert 0 < len(cijfers) < closed.count()
    assert set(cijfers) <= set(range(1, 11))
    assert 6 <= sum(cijfers) / len(cijfers) <= 8
    # Only a resident who was reached can give a cijfer.
    assert not closed.exclude(satisfaction=None).filter(first_contact_on=None).exists()


def test_every_municipality_can_make_letters_and_a_changed_setting_is_kept(tmp_path):
    from vroegsignaal.letters.models import ContactDetails
    from vroegsignaal.letters.services import settings_for

    load(tmp_path)
    municipalities = Municipality.objects.filter(region__name="Twente")
    assert municipalities.count() == 14
    for municipality in municipalities:
        sender = settings_for(municipality).sender  # raises without contact details
        assert sender.name.startswith(f"Gemeente {municipality.name}")
        assert ("Telefoon", "0900 000 00 00 (demo)") in sender.contact_lines
    ContactDetails.objects.filter(municipality__code="0153").update(phone="053 481 48 00")

    load(tmp_path)

    assert ContactDetails.objects.get(municipality__code="0153").phone == "053 481 48 00"


def test_no_go_no_go_is_released_before_its_signal_was_delivered(tmp_path):
    """Every creditor delivers before the matching day (the 26th): a signal delivered on the 28th
    was matched on the 26th and its go/no-go released before the creditor had sent it."""
    load(tmp_path)

    early = SignalFeedback.objects.filter(
        kind=FeedbackKind.GO_NO_GO, released_at__lt=F("signal__delivery__created_at")
    )
    assert not early.exists()


def test_each_matching_run_uses_a_policy_version_saved_before_it(tmp_path):
    load(tmp_path)

    later = MatchingRun.objects.filter(policy_version__created_at__gt=F("started_at"))
    assert not later.exists()


def test_deliveries_matching_runs_and_releases_fall_on_working_days(tmp_path):
    """Creditors upload, the meldpunt matches and releases feedback on working days: a delivery
    day on a Sunday moves to the working day before, a matching day or a Friday release that
    falls on a weekend or a holiday (Goede Vrijdag 3 April 2026) to the next working day."""
    load(tmp_path)

    uploads = {timezone.localdate(d.created_at) for d in Delivery.objects.all()}
    runs = {timezone.localdate(r.started_at) for r in MatchingRun.objects.all()}
    releases = set(FeedbackRelease.objects.values_list("released_on", flat=True))
    for kind, days in (("aanlevering", uploads), ("matching", runs), ("vrijgave", releases)):
        assert [day for day in sorted(days) if not is_working_day(day)] == [], kind
    assert dt.date(2026, 4, 7) in releases  # the Tuesday after Goede Vrijdag and Paasmaandag
