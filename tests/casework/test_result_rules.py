"""Rules for the end result: it must fit what the melding's file shows (DDAS and the
creditor's feedback get it as is). Each test names the rule it checks."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.casework.factories import MeldingFactory
from tests.page_text import page_text
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import leave_card, record_contact_attempt
from vroegsignaal.casework.conversation import record_conversation, refer
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.heropaf import reopen_by_heropaf, schedule_heropaf
from vroegsignaal.casework.models import (
    CaseworkPolicy,
    Cause,
    HelpAnswer,
    Melding,
    ReferralKind,
)
from vroegsignaal.casework.results import close_with_result, result_refusals
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat

DAY = dt.date(2026, 11, 3)
HELP_RESULTS = (
    Eindresultaat.ADVIES_QUICK_FIX,
    Eindresultaat.VERWIJZING,
    Eindresultaat.VERWIJZING_FINANCIEEL,
    Eindresultaat.VERWIJZING_NIET_FINANCIEEL,
)


def attempt(melding, by, *, reached):
    return record_contact_attempt(
        melding, by, melding.version, kind=Contactsoort.HUISBEZOEK, attempted_on=DAY,
        part_of_day=Dagdeel.OCHTEND, reached=reached,
    )  # fmt: skip


def failed_attempts(melding, by, count=3):
    """The default uitvoeringsnorm's number of failed attempts: enough for 'geen contact'."""
    for _ in range(count):
        attempt(melding, by, reached=False)


def talk(melding, by, accepted=HelpAnswer.YES):
    offered = HelpAnswer.YES if accepted == HelpAnswer.YES else HelpAnswer.NO
    return record_conversation(
        melding, by, melding.version, held_on=DAY, help_offered=offered,
        help_accepted=accepted, cause=Cause.INCOME_DROP,
    )  # fmt: skip


def close(melding, by, result, satisfaction=None):
    return close_with_result(
        melding, by, melding.version, result, DAY + dt.timedelta(days=10), satisfaction
    )


def refused(melding, by, result, satisfaction=None) -> CaseworkError:
    with pytest.raises(CaseworkError) as caught:
        close(melding, by, result, satisfaction)
    stored = Melding.objects.get(pk=melding.pk)
    assert (stored.state, stored.result) != ("closed", result)
    return caught.value


# Definitief geen contact kunnen krijgen


def test_geen_contact_is_refused_after_a_reached_attempt_in_this_round(assigned, caseworker):
    attempt(assigned, caseworker, reached=False)
    attempt(assigned, caseworker, reached=True)

    error = refused(assigned, caseworker, Eindresultaat.GEEN_CONTACT)

    assert error.field == "result"
    assert "de inwoner is in deze contactronde bereikt" in str(error)


def test_geen_contact_is_refused_after_a_conversation_in_this_round(assigned, caseworker):
    talk(assigned, caseworker, HelpAnswer.NO)

    assert refused(assigned, caseworker, Eindresultaat.GEEN_CONTACT).field == "result"


def test_geen_contact_is_accepted_after_the_norms_failed_attempts(assigned, caseworker):
    failed_attempts(assigned, caseworker)

    close(assigned, caseworker, Eindresultaat.GEEN_CONTACT)

    assert Melding.objects.get(pk=assigned.pk).result == Eindresultaat.GEEN_CONTACT


def test_geen_contact_is_refused_without_any_contact_attempt(assigned, caseworker):
    error = refused(assigned, caseworker, Eindresultaat.GEEN_CONTACT)

    assert error.field == "result"
    assert "kan pas na 3 mislukte contactpogingen in deze contactronde" in str(error)
    assert "vastgelegd: 0" in str(error)


def test_geen_contact_is_refused_before_the_norms_number_of_failed_attempts(assigned, caseworker):
    failed_attempts(assigned, caseworker, count=2)

    error = refused(assigned, caseworker, Eindresultaat.GEEN_CONTACT)

    assert "vastgelegd: 2" in str(error)


def test_geen_contact_follows_the_municipalitys_own_number_of_attempts(assigned, caseworker):
    CaseworkPolicy.objects.create(municipality=assigned.municipality, no_contact_after_attempts=1)
    attempt(assigned, caseworker, reached=False)

    close(assigned, caseworker, Eindresultaat.GEEN_CONTACT)

    assert Melding.objects.get(pk=assigned.pk).result == Eindresultaat.GEEN_CONTACT


def test_a_card_after_a_missed_visit_is_no_attempt_of_its_own_for_geen_contact(
    assigned, caseworker
):
    failed_attempts(assigned, caseworker, count=2)
    visit = assigned.contact_attempts.first()
    leave_card(assigned, caseworker, assigned.version, visit)

    assert "vastgelegd: 2" in str(refused(assigned, caseworker, Eindresultaat.GEEN_CONTACT))


# Geen reactie na eerder contact


def test_geen_reactie_is_refused_when_the_resident_was_never_reached(assigned, caseworker):
    failed_attempts(assigned, caseworker)

    error = refused(assigned, caseworker, Eindresultaat.GEEN_REACTIE)

    assert error.field == "result"
    assert "kan alleen als de inwoner eerder is bereikt" in str(error)


def test_geen_reactie_is_accepted_after_a_conversation(assigned, caseworker):
    talk(assigned, caseworker, HelpAnswer.LATER)

    close(assigned, caseworker, Eindresultaat.GEEN_REACTIE)

    assert Melding.objects.get(pk=assigned.pk).result == Eindresultaat.GEEN_REACTIE


@pytest.fixture
def reopened(enschede, caseworker):
    """Reached and helped in round 1, reopened by the heropaf: contact round 2, nobody reached."""
    melding = MeldingFactory(
        municipality=enschede, period_start=dt.date(2026, 2, 1), period_end=dt.date(2026, 2, 28),
        matched_on=dt.date(2026, 3, 2), due_on=dt.date(2026, 3, 16),
    )  # fmt: skip
    assign(melding, caseworker, caseworker, melding.version)
    talk(melding, caseworker)
    close_with_result(melding, caseworker, melding.version, Eindresultaat.ADVIES_QUICK_FIX)
    schedule_heropaf(melding, timezone.localdate())
    return reopen_by_heropaf(melding, caseworker, today=melding.heropaf_due_on)


def test_geen_contact_counts_only_the_current_contact_round(reopened, caseworker):
    for _ in range(3):
        record_contact_attempt(
            reopened, caseworker, reopened.version, kind=Contactsoort.HUISBEZOEK,
            attempted_on=dt.date(2026, 11, 2), part_of_day=Dagdeel.AVOND, reached=False,
        )  # fmt: skip

    close(reopened, caseworker, Eindresultaat.GEEN_CONTACT)

    assert Melding.objects.get(pk=reopened.pk).contact_round == 2


def test_geen_reactie_fits_a_round_after_a_heropaf_when_the_resident_was_reached_before(
    reopened, caseworker
):
    close(reopened, caseworker, Eindresultaat.GEEN_REACTIE)

    assert Melding.objects.get(pk=reopened.pk).result == Eindresultaat.GEEN_REACTIE


def test_help_accepted_in_an_earlier_round_does_not_count_for_a_help_result(reopened, caseworker):
    error = refused(reopened, caseworker, Eindresultaat.ADVIES_QUICK_FIX)

    assert "hulp accepteerde" in str(error)


# Results that say help was given


@pytest.mark.parametrize("result", HELP_RESULTS)
def test_help_results_need_a_conversation_in_which_help_was_accepted(assigned, caseworker, result):
    attempt(assigned, caseworker, reached=True)
    talk(assigned, caseworker, HelpAnswer.LATER)

    error = refused(assigned, caseworker, result)

    assert error.field == "result"
    assert "een gesprek in deze contactronde waarin de inwoner hulp accepteerde" in str(error)


def test_advice_or_quick_fix_is_accepted_after_help_was_accepted(assigned, caseworker):
    talk(assigned, caseworker)

    close(assigned, caseworker, Eindresultaat.ADVIES_QUICK_FIX)

    assert Melding.objects.get(pk=assigned.pk).result == Eindresultaat.ADVIES_QUICK_FIX


@pytest.mark.parametrize(
    "result",
    [
        Eindresultaat.VERWIJZING,
        Eindresultaat.VERWIJZING_FINANCIEEL,
        Eindresultaat.VERWIJZING_NIET_FINANCIEEL,
    ],
)
def test_vervolghulp_needs_a_recorded_referral(assigned, caseworker, result):
    talk(assigned, caseworker)

    error = refused(assigned, caseworker, result)

    assert "Leg eerst de verwijzing vast" in str(error)


@pytest.mark.parametrize(
    ("kind", "result"),
    [
        (ReferralKind.SOCIAL_WORK, Eindresultaat.VERWIJZING_FINANCIEEL),
        (ReferralKind.NEIGHBOURHOOD_TEAM, Eindresultaat.VERWIJZING_FINANCIEEL),
        (ReferralKind.DEBT_HELP, Eindresultaat.VERWIJZING_NIET_FINANCIEEL),
        (ReferralKind.BUDGET_COACHING, Eindresultaat.VERWIJZING_NIET_FINANCIEEL),
        (ReferralKind.ADMINISTRATION, Eindresultaat.VERWIJZING_NIET_FINANCIEEL),
        (ReferralKind.VOLUNTEERS, Eindresultaat.VERWIJZING_NIET_FINANCIEEL),
    ],
)
def test_vervolghulp_financieel_or_not_needs_a_referral_of_the_matching_kind(
    assigned, caseworker, kind, result
):
    talk(assigned, caseworker)
    refer(assigned, caseworker, assigned.version, kind=kind, handover_on=DAY)

    error = refused(assigned, caseworker, result)

    assert error.field == "result"
    assert "Leg eerst de verwijzing vast" in str(error)


@pytest.mark.parametrize(
    ("kind", "result"),
    [
        (ReferralKind.DEBT_HELP, Eindresultaat.VERWIJZING_FINANCIEEL),
        (ReferralKind.BUDGET_COACHING, Eindresultaat.VERWIJZING_FINANCIEEL),
        (ReferralKind.ADMINISTRATION, Eindresultaat.VERWIJZING_FINANCIEEL),
        (ReferralKind.VOLUNTEERS, Eindresultaat.VERWIJZING_FINANCIEEL),
        (ReferralKind.SOCIAL_WORK, Eindresultaat.VERWIJZING_NIET_FINANCIEEL),
        (ReferralKind.NEIGHBOURHOOD_TEAM, Eindresultaat.VERWIJZING_NIET_FINANCIEEL),
        # 'Anders' does not say which help it is, so it fits either result.
        (ReferralKind.OTHER, Eindresultaat.VERWIJZING_FINANCIEEL),
        (ReferralKind.OTHER, Eindresultaat.VERWIJZING_NIET_FINANCIEEL),
        (ReferralKind.SOCIAL_WORK, Eindresultaat.VERWIJZING),
    ],
)
def test_vervolghulp_is_accepted_with_help_accepted_and_a_matching_referral(
    assigned, caseworker, kind, result
):
    talk(assigned, caseworker)
    refer(assigned, caseworker, assigned.version, kind=kind, handover_on=DAY, note="Schuldmaatje")

    close(assigned, caseworker, result)

    assert Melding.objects.get(pk=assigned.pk).result == result


def test_a_referral_of_an_earlier_contact_round_does_not_count_for_vervolghulp(
    enschede, caseworker
):
    """Referrals count per contact round, as conversations do: a heropaf reopening is a new
    round, and 'Vervolghulp en/of verwijzing financieel' there needs a referral made in it."""
    melding = MeldingFactory(
        municipality=enschede, period_start=dt.date(2026, 2, 1), period_end=dt.date(2026, 2, 28),
        matched_on=dt.date(2026, 3, 2), due_on=dt.date(2026, 3, 16),
    )  # fmt: skip
    assign(melding, caseworker, caseworker, melding.version)
    talk(melding, caseworker)
    refer(melding, caseworker, melding.version, kind=ReferralKind.DEBT_HELP,
          handover_on=dt.date(2026, 3, 20))  # fmt: skip
    close(melding, caseworker, Eindresultaat.VERWIJZING_FINANCIEEL)
    schedule_heropaf(melding, timezone.localdate())
    melding = reopen_by_heropaf(melding, caseworker, today=melding.heropaf_due_on)
    attempt(melding, caseworker, reached=True)
    talk(melding, caseworker)

    assert "verwijzing" in str(refused(melding, caseworker, Eindresultaat.VERWIJZING_FINANCIEEL))

    refer(melding, caseworker, melding.version, kind=ReferralKind.BUDGET_COACHING,
          handover_on=DAY)  # fmt: skip
    close(melding, caseworker, Eindresultaat.VERWIJZING_FINANCIEEL)
    assert list(melding.referrals.values_list("contact_round", flat=True)) == [1, 2]


# Verwijzing zonder tussenkomst inwoner


def test_verwijzing_zonder_tussenkomst_needs_a_recorded_referral(assigned, caseworker):
    talk(assigned, caseworker, HelpAnswer.NO)

    error = refused(assigned, caseworker, Eindresultaat.VERWIJZING_ZONDER_INWONER)

    assert error.field == "result"
    assert "vraagt een vastgelegde verwijzing" in str(error)


def test_verwijzing_zonder_tussenkomst_is_accepted_with_a_referral(assigned, caseworker):
    talk(assigned, caseworker, HelpAnswer.NO)
    refer(assigned, caseworker, assigned.version, kind=ReferralKind.SOCIAL_WORK, handover_on=DAY)

    close(assigned, caseworker, Eindresultaat.VERWIJZING_ZONDER_INWONER)

    assert Melding.objects.get(pk=assigned.pk).result == Eindresultaat.VERWIJZING_ZONDER_INWONER


# Inwoner regelt het zelf


def test_regelt_zelf_needs_that_the_resident_was_reached(assigned, caseworker):
    attempt(assigned, caseworker, reached=False)

    error = refused(assigned, caseworker, Eindresultaat.REGELT_ZELF)

    assert error.field == "result"
    assert "alleen als de inwoner in deze contactronde is bereikt" in str(error)


def test_regelt_zelf_is_accepted_after_a_reached_attempt(assigned, caseworker):
    attempt(assigned, caseworker, reached=True)

    close(assigned, caseworker, Eindresultaat.REGELT_ZELF)

    assert Melding.objects.get(pk=assigned.pk).result == Eindresultaat.REGELT_ZELF


# Satisfaction


def test_satisfaction_is_refused_with_geen_contact(assigned, caseworker):
    failed_attempts(assigned, caseworker)

    error = refused(assigned, caseworker, Eindresultaat.GEEN_CONTACT, satisfaction=7)

    assert error.field == "satisfaction"
    assert "Definitief geen contact kunnen krijgen" in str(error)
    assert "laat het veld leeg" in str(error)


def test_satisfaction_needs_that_the_resident_was_reached(melding, intake_user):
    error = refused(melding, intake_user, Eindresultaat.OVERLEDEN, satisfaction=7)

    assert error.field == "satisfaction"
    assert "alleen in te vullen als de inwoner in deze contactronde is bereikt" in str(error)


def test_satisfaction_is_accepted_when_the_resident_was_reached(assigned, caseworker):
    attempt(assigned, caseworker, reached=True)

    close(assigned, caseworker, Eindresultaat.REGELT_ZELF, satisfaction=8)

    assert Melding.objects.get(pk=assigned.pk).satisfaction == 8


# The no-go results: they tell the creditor the signal was not picked up


NO_GO_RESULTS = (
    Eindresultaat.ANDERE_REDEN,
    Eindresultaat.HERHAALDE_MELDING,
    Eindresultaat.ONTERECHT,
    Eindresultaat.GEEN_INWONER,
)


@pytest.mark.parametrize("result", NO_GO_RESULTS)
def test_no_go_results_are_refused_once_the_resident_was_reached_in_this_round(
    assigned, caseworker, result
):
    attempt(assigned, caseworker, reached=True)

    error = refused(assigned, caseworker, result)

    assert error.field == "result"
    assert "de inwoner is in deze contactronde bereikt" in str(error)
    assert "dat het signaal niet is opgepakt" in str(error)


@pytest.mark.parametrize("result", NO_GO_RESULTS)
def test_no_go_results_are_refused_after_help_was_accepted_and_a_plan_made(
    helped, caseworker, result
):
    assert result in result_refusals(helped)
    assert refused(helped, caseworker, result).field == "result"


@pytest.mark.parametrize("result", NO_GO_RESULTS)
def test_no_go_results_fit_after_attempts_that_did_not_reach_the_resident(
    assigned, caseworker, result
):
    """A returned letter or a missed visit may be how the caseworker learns that the person
    moved or the signal was wrong: until someone reaches the resident the no-go still fits."""
    attempt(assigned, caseworker, reached=False)

    close(assigned, caseworker, result)

    assert Melding.objects.get(pk=assigned.pk).result == result


@pytest.mark.parametrize(
    "result",
    [Eindresultaat.ANDERE_REDEN, Eindresultaat.HERHAALDE_MELDING, Eindresultaat.ONTERECHT],
)
def test_niet_opgepakt_is_refused_in_a_contact_round_after_a_heropaf(reopened, caseworker, result):
    error = refused(reopened, caseworker, result)

    assert "na een heropaf" in str(error)
    assert "in de eerste contactronde opgepakt" in str(error)


def test_geen_inwoner_fits_a_heropaf_round_before_the_resident_is_reached(reopened, caseworker):
    """Six months on, the resident may have moved away."""
    close(reopened, caseworker, Eindresultaat.GEEN_INWONER)

    assert Melding.objects.get(pk=reopened.pk).result == Eindresultaat.GEEN_INWONER


@pytest.mark.parametrize("result", [Eindresultaat.OVERLEDEN, Eindresultaat.AL_BEKEND])
def test_overleden_and_al_bekend_stay_possible_after_help_was_accepted(helped, caseworker, result):
    """A resident may die during the help, and being known to debt help often only shows in
    the conversation."""
    close(helped, caseworker, result)

    assert Melding.objects.get(pk=helped.pk).result == result


# Results the rules leave alone; closings as not picked up keep working


@pytest.mark.parametrize(
    "result",
    [
        Eindresultaat.ONTERECHT,
        Eindresultaat.OVERLEDEN,
        Eindresultaat.GEEN_INWONER,
        Eindresultaat.AL_BEKEND,
        Eindresultaat.ANDERE_REDEN,
        Eindresultaat.HERHAALDE_MELDING,
    ],
)
def test_not_picked_up_results_need_no_contact(melding, intake_user, result):
    close(melding, intake_user, result)

    assert Melding.objects.get(pk=melding.pk).result == result


def test_result_refusals_tell_the_form_which_results_do_not_fit(assigned, caseworker):
    failed_attempts(assigned, caseworker)

    refusals = result_refusals(assigned)

    assert set(refusals) == {
        *HELP_RESULTS, Eindresultaat.VERWIJZING_ZONDER_INWONER, Eindresultaat.REGELT_ZELF,
        Eindresultaat.GEEN_REACTIE,
    }  # fmt: skip
    assert Eindresultaat.GEEN_CONTACT not in refusals


def test_close_page_of_a_new_melding_offers_neither_geen_contact_nor_geen_reactie(
    client, assigned, caseworker
):
    client.force_login(caseworker)

    html = client.get(reverse("casework:close", args=[assigned.pk])).content.decode()

    options = re.findall(r'<option value="([^"]*)"', html)
    assert Eindresultaat.GEEN_CONTACT not in options
    assert Eindresultaat.GEEN_REACTIE not in options
    assert "kan pas na 3 mislukte contactpogingen" in html
    assert "kan alleen als de inwoner eerder is bereikt" in html


# The close page offers only the results that fit and explains the others


def test_close_page_offers_only_fitting_results_and_says_why_not_the_others(
    client, assigned, caseworker
):
    failed_attempts(assigned, caseworker)
    client.force_login(caseworker)

    html = client.get(reverse("casework:close", args=[assigned.pk])).content.decode()

    options = re.findall(r'<option value="([^"]*)"', html)
    assert Eindresultaat.GEEN_CONTACT in options and Eindresultaat.ONTERECHT in options
    assert Eindresultaat.REGELT_ZELF not in options
    assert Eindresultaat.ADVIES_QUICK_FIX not in options
    assert 'data-testid="niet-mogelijk"' in html
    assert "kan alleen als de inwoner in deze contactronde is bereikt" in html
    # Not reached in this round: there is no cijfer to record.
    assert "Niet in te vullen: de inwoner is in deze contactronde niet bereikt." in html
    assert re.search(r'<input[^>]*name="satisfaction"[^>]*disabled', html)


def test_close_page_shows_the_rule_at_the_result_field(client, assigned, caseworker):
    attempt(assigned, caseworker, reached=True)
    client.force_login(caseworker)

    response = client.post(
        reverse("casework:close", args=[assigned.pk]),
        {"version": assigned.version, "result": Eindresultaat.GEEN_CONTACT},
    )

    html = response.content.decode()
    assert 'id="id_result-fout"' in html
    assert "de inwoner is in deze contactronde bereikt" in html
    assert Melding.objects.get(pk=assigned.pk).state != "closed"


def test_close_page_asks_the_cijfer_but_offers_no_geen_contact_once_reached(
    client, assigned, caseworker
):
    attempt(assigned, caseworker, reached=True)
    client.force_login(caseworker)
    page = client.get(reverse("casework:close", args=[assigned.pk])).content.decode()

    assert not re.search(r'<input[^>]*name="satisfaction"[^>]*disabled', page)
    assert Eindresultaat.GEEN_CONTACT not in re.findall(r'<option value="([^"]*)"', page)


def test_close_page_leaves_out_the_no_go_results_once_reached_and_says_why(
    client, helped, caseworker
):
    client.force_login(caseworker)

    html = client.get(reverse("casework:close", args=[helped.pk])).content.decode()

    options = re.findall(r'<option value="([^"]*)"', html)
    for result in NO_GO_RESULTS:
        assert result not in options
    refusals = page_text(html[html.index('data-testid="niet-mogelijk"') :])
    assert "'Persoon is geen inwoner (meer) in de gemeente' kan niet" in refusals
    assert "'Niet opgepakt: andere reden' kan niet" in refusals
    assert Eindresultaat.OVERLEDEN in options and Eindresultaat.ADVIES_QUICK_FIX in options
