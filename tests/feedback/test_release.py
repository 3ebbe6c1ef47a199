"""The daily release: go/no-go after matching, the outcome after closing, the heropaf planned."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from vroegsignaal.casework.models import CaseworkPolicy, Melding
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.feedback.models import FeedbackKind, HeropafCheck, SignalFeedback
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.organisations.models import Agreement

RELEASE_DAY = dt.date(2026, 11, 23)


def _content(signal, kind=FeedbackKind.GO_NO_GO):
    return SignalFeedback.objects.get(signal=signal, kind=kind).content


def test_go_no_go_is_released_once_for_every_matched_signal(enschede, energy, water):
    melding = scenario.melding_with_signals(enschede, energy, water)
    first = release_due_feedback(SITE_URL, today=RELEASE_DAY)
    second = release_due_feedback(SITE_URL, today=RELEASE_DAY)
    assert first.items.count() == 2
    assert second.items.count() == 0
    for link in melding.signal_links.all():
        assert _content(link.signal)["picked_up"] is True


def test_unmatched_signals_get_no_go_no_go_yet(enschede, energy):
    melding = scenario.melding_with_signals(
        enschede, energy, status=Signaalstatus.NOG_NIET_OPGEPAKT
    )
    release_due_feedback(SITE_URL, today=RELEASE_DAY)
    assert not SignalFeedback.objects.filter(signal__melding_link__melding=melding).exists()


def test_the_free_text_status_reason_never_reaches_the_creditor(enschede, energy):
    reason = "Te weinig signalen op dit adres: 1 van minimaal 2 (beleid gemeente)"
    melding = scenario.melding_with_signals(
        enschede, energy, status=Signaalstatus.ANDERE_REDEN, reason=reason
    )
    release_due_feedback(SITE_URL, today=RELEASE_DAY)
    content = _content(melding.signal_links.get().signal)
    assert content == {"picked_up": False, "reason": None, "known_to_debt_help": None}


def test_known_client_status_is_released_only_where_the_agreement_allows_it(
    enschede, energy, water
):
    Agreement.objects.filter(creditor=water).update(share_known_client_status=True)
    melding = scenario.melding_with_signals(enschede, energy, water, status=Signaalstatus.AL_BEKEND)
    release_due_feedback(SITE_URL, today=RELEASE_DAY)
    by_creditor = {link.signal.creditor: link.signal for link in melding.signal_links.all()}
    assert _content(by_creditor[energy])["known_to_debt_help"] is None
    assert _content(by_creditor[energy])["reason"] is None
    assert _content(by_creditor[water])["known_to_debt_help"] is True


def test_outcome_is_released_after_closing_and_plans_the_heropaf_per_creditor(
    enschede, energy, water, caseworker
):
    melding = scenario.melding_with_signals(enschede, energy, water)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy, water])
    release = release_due_feedback(SITE_URL, today=RELEASE_DAY)

    assert release.items.filter(kind=FeedbackKind.OUTCOME).count() == 2
    melding.refresh_from_db()
    assert melding.feedback_on == RELEASE_DAY
    # Six months after the release is Sunday 23 May 2027: the heropaf is on the Monday.
    assert melding.heropaf_due_on == dt.date(2027, 5, 24)
    checks = HeropafCheck.objects.filter(melding=melding)
    assert {check.creditor for check in checks} == {energy, water}
    assert {check.asked_on for check in checks} == {dt.date(2027, 5, 24)}


def test_each_creditor_gets_only_its_own_agreement_on_ongoing_payments(
    enschede, energy, water, caseworker
):
    melding = scenario.melding_with_signals(enschede, energy, water)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy, water])
    release_due_feedback(SITE_URL, today=RELEASE_DAY)
    payments = _payments_fed_back(melding)
    assert payments[energy] == scenario.OWN_PAYMENTS
    assert payments[water] == scenario.OTHER_PAYMENTS


def test_a_renamed_creditor_still_sees_the_agreed_ongoing_payments(
    enschede, energy, water, caseworker
):
    melding = scenario.melding_with_signals(enschede, energy, water)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy, water])
    energy.name = "Energie Oost-Nederland"
    energy.save()
    release_due_feedback(SITE_URL, today=RELEASE_DAY)
    assert _payments_fed_back(melding)[energy] == scenario.OWN_PAYMENTS


def test_two_creditors_with_the_same_name_each_see_their_own_ongoing_payments(
    enschede, energy, water, caseworker
):
    water.name = energy.name
    water.save()
    melding = scenario.melding_with_signals(enschede, energy, water)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy, water])
    release_due_feedback(SITE_URL, today=RELEASE_DAY)
    payments = _payments_fed_back(melding)
    assert payments[energy] == scenario.OWN_PAYMENTS
    assert payments[water] == scenario.OTHER_PAYMENTS


def _payments_fed_back(melding) -> dict:
    """Per creditor of ``melding``: the ongoing payments its outcome feedback passed on."""
    return {
        link.signal.creditor: _content(link.signal, FeedbackKind.OUTCOME)["ongoing_payments"]
        for link in melding.signal_links.select_related("signal__creditor")
    }


def test_signals_not_picked_up_get_no_outcome(enschede, energy, water, caseworker):
    melding = scenario.melding_with_signals(enschede, energy)
    repeat = (
        scenario.melding_with_signals(enschede, water, status=Signaalstatus.HERHAALDE_MELDING)
        .signal_links.get()
        .signal
    )
    repeat.melding_link.melding = melding
    repeat.melding_link.save()
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy])
    release_due_feedback(SITE_URL, today=RELEASE_DAY)
    assert not SignalFeedback.objects.filter(signal=repeat, kind=FeedbackKind.OUTCOME).exists()
    assert not HeropafCheck.objects.filter(creditor=water).exists()


def test_a_go_melding_closed_unpicked_as_overleden_is_corrected_to_that_no_go(
    enschede, energy, caseworker
):
    """A go melding closed as 'Inwoner is overleden' before anyone picked it up: the creditor,
    told 'Opgepakt', hears 'Niet opgepakt: Inwoner is overleden' as a correction, and no
    outcome, so no heropaf is planned either (planning one stopped the whole demo load)."""
    from vroegsignaal.casework.results import close_with_result
    from vroegsignaal.ddas import Eindresultaat

    melding = scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    close_with_result(
        melding, caseworker, melding.version, Eindresultaat.OVERLEDEN, scenario.CLOSED_DAY
    )

    release = release_due_feedback(SITE_URL, today=RELEASE_DAY)

    (correction,) = release.items.all()
    assert correction.kind == FeedbackKind.GO_NO_GO and correction.corrects is not None
    assert correction.content["reason"] == Signaalstatus.OVERLEDEN
    melding.refresh_from_db()
    assert (melding.feedback_on, melding.heropaf_due_on) == (None, None)
    assert not HeropafCheck.objects.filter(melding=melding).exists()


def test_a_picked_up_melding_closed_with_a_no_go_result_tells_its_outcome(
    enschede, energy, caseworker
):
    """Once someone worked the melding, a 'not picked up' result (here 'al bekend bij
    schuldhulpverlening', found in the conversation) is told as the outcome, not as a
    correction of the go."""
    from vroegsignaal.casework.assignment import assign
    from vroegsignaal.casework.conversation import record_conversation
    from vroegsignaal.casework.models import Cause, HelpAnswer
    from vroegsignaal.casework.results import close_with_result
    from vroegsignaal.ddas import Eindresultaat

    melding = scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    assign(melding, caseworker, caseworker, melding.version)
    record_conversation(
        melding, caseworker, melding.version, held_on=scenario.CONVERSATION_DAY,
        help_offered=HelpAnswer.YES, help_accepted=HelpAnswer.NO, cause=Cause.INCOME_DROP,
    )  # fmt: skip
    close_with_result(
        melding, caseworker, melding.version, Eindresultaat.AL_BEKEND, scenario.CLOSED_DAY
    )

    release = release_due_feedback(SITE_URL, today=RELEASE_DAY)

    (outcome,) = release.items.all()
    assert outcome.kind == FeedbackKind.OUTCOME and outcome.content["cause"] == Cause.INCOME_DROP


@pytest.mark.parametrize("value", scenario.NEVER_SHOWN)
def test_no_released_feedback_contains_personal_details(enschede, energy, caseworker, value):
    melding = scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy])
    release_due_feedback(SITE_URL, today=RELEASE_DAY)
    stored = str(list(SignalFeedback.objects.values_list("content", flat=True)))
    assert value not in stored
    assert caseworker.last_name not in stored


def test_a_release_plans_each_heropaf_by_the_municipalitys_own_policy_read_with_its_meldingen(
    enschede, energy, water, caseworker
):
    # The policy comes with the meldingen in the release's one query, not one query per melding
    # released (a release in the demo year plans ~7,000 heropafs).
    CaseworkPolicy.objects.create(municipality=enschede, heropaf_months=3)
    meldingen = [scenario.melding_with_signals(enschede, energy, water) for _ in range(3)]
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    for melding in meldingen:
        scenario.work_and_close(melding, caseworker, [energy, water])

    with CaptureQueriesContext(connection) as queries:
        release_due_feedback(SITE_URL, today=RELEASE_DAY)

    # Three months after 23 November 2026, the policy's term: Tuesday 23 February 2027.
    assert {m.heropaf_due_on for m in Melding.objects.filter(pk__in=[m.pk for m in meldingen])} == {
        dt.date(2027, 2, 23)
    }
    policy_reads = [q for q in queries if 'FROM "casework_caseworkpolicy"' in q["sql"]]
    assert policy_reads == []
