"""permitted.py decides what a creditor may learn; these are the rules of domain.md step 8."""

import datetime as dt

import pytest

from tests.feedback import scenario
from vroegsignaal.casework.models import Cause, Conversation, HelpAnswer, Plan, YesNoUnknown
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.feedback import permitted
from vroegsignaal.organisations.models import Creditor

NOT_PICKED_UP = {"picked_up": False, "reason": None, "known_to_debt_help": None}
REACHED = {"contact_made": True, "contact_attempts": 1}
NOT_REACHED = {"contact_made": False, "contact_attempts": 3}


@pytest.mark.parametrize(
    "status",
    [
        Signaalstatus.ONTERECHT,
        Signaalstatus.HERHAALDE_MELDING,
        Signaalstatus.GEEN_INWONER,
        Signaalstatus.OVERLEDEN,
    ],
)
def test_the_four_reasons_of_the_standard_are_fed_back_as_such(status):
    assert permitted.go_no_go(status, share_known_client_status=False) == {
        "picked_up": False,
        "reason": str(status),
        "known_to_debt_help": None,
    }


def test_andere_reden_reveals_only_that_the_signal_was_not_picked_up():
    assert permitted.go_no_go(Signaalstatus.ANDERE_REDEN, False) == NOT_PICKED_UP
    assert permitted.go_no_go(Signaalstatus.ANDERE_REDEN, True)["reason"] is None


def test_known_to_debt_help_looks_like_andere_reden_without_the_agreement_setting():
    assert permitted.go_no_go(Signaalstatus.AL_BEKEND, False) == NOT_PICKED_UP


def test_known_to_debt_help_is_shared_only_with_the_agreement_setting():
    shared = permitted.go_no_go(Signaalstatus.AL_BEKEND, True)
    assert shared == {
        "picked_up": False,
        "reason": str(Signaalstatus.AL_BEKEND),
        "known_to_debt_help": True,
    }
    assert permitted.go_no_go(Signaalstatus.OPGEPAKT, True)["known_to_debt_help"] is False
    assert permitted.go_no_go(Signaalstatus.OPGEPAKT, False)["known_to_debt_help"] is None


def test_picked_up_is_told_without_a_reason():
    assert permitted.go_no_go(Signaalstatus.OPGEPAKT, False) == {
        "picked_up": True,
        "reason": None,
        "known_to_debt_help": None,
    }


def test_outcome_holds_only_the_permitted_facts_and_this_creditors_own_payments():
    creditor = Creditor(pk=7, name="Energie Oost")
    conversation = Conversation(
        help_accepted=HelpAnswer.YES,
        cause=Cause.INCOME_DROP,
        note=scenario.CONVERSATION_NOTE,
        other_domains=["verslaving"],
    )
    plan = Plan(
        ongoing_payments={"7": scenario.OWN_PAYMENTS, "8": "elders"},
        problematic_debts=YesNoUnknown.YES,
        note=scenario.PLAN_NOTE,
    )
    content = permitted.outcome(creditor, dt.date(2026, 11, 20), conversation, plan, REACHED)
    # Not whether help was accepted (QA12 B14): that concerns the resident, not the arrears.
    assert content == {
        "cause": "inkomensdaling",
        "ongoing_payments": scenario.OWN_PAYMENTS,
        "perspective": "problematische_schulden",
        "outcome_date": "2026-11-20",
        "contact_made": True,
        "contact_attempts": 1,
    }


def test_outcome_passes_on_no_agreement_made_with_a_namesake_creditor():
    namesake = Creditor(pk=8, name="Energie Oost")
    plan = Plan(ongoing_payments={"7": scenario.OWN_PAYMENTS}, problematic_debts=YesNoUnknown.NO)
    content = permitted.outcome(namesake, dt.date(2026, 11, 20), None, plan, REACHED)
    assert content["ongoing_payments"] is None


def test_outcome_without_contact_leaves_the_perspective_out_like_the_cause():
    """QA10 B10: nobody asked, so nothing is 'onbekend' (portal, download and API agree)."""
    content = permitted.outcome(Creditor(name="X"), dt.date(2026, 11, 20), None, None, NOT_REACHED)
    assert content["perspective"] is None
    assert content["cause"] is content["ongoing_payments"] is None


def test_outcome_after_contact_without_a_plan_has_an_unknown_perspective():
    content = permitted.outcome(Creditor(name="X"), dt.date(2026, 11, 20), None, None, REACHED)
    assert content["perspective"] == "onbekend"
