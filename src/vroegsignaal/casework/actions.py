"""Which actions the melding page offers: only those the lifecycle and the rules allow."""

from __future__ import annotations

from django.utils import timezone

from vroegsignaal.casework.heropaf import answers_show_payments, heropaf_decidable
from vroegsignaal.casework.lifecycle import State, allowed_transitions, is_open
from vroegsignaal.casework.models import Melding

_AFTER_CONVERSATION = {State.IN_CONVERSATION, State.PLAN_MADE, State.REFERRED}


def available_actions(melding: Melding) -> frozenset[str]:
    """Names of the actions allowed on ``melding`` now (the templates show only these)."""
    state = State(melding.state)
    next_states = set(allowed_transitions(state))
    actions = set()
    if is_open(state):
        actions.add("assign")
    if State.NEW in next_states:
        actions.add("unassign")
    if is_open(state) and state != State.NEW:
        actions.add("contact")
    if State.IN_CONVERSATION in next_states or state in _AFTER_CONVERSATION:
        actions.add("conversation")
    if state in _AFTER_CONVERSATION:
        actions.update({"budget", "plan", "referral"})
    if State.CLOSED in next_states:
        actions.add("close")
    # The feedback release plans the heropaf; a caseworker decides it from its date. 'Lopen
    # weer' only where the partners' answers say so; else the honest 'zonder antwoord'.
    if State.REOPENED in next_states and heropaf_decidable(melding, timezone.localdate()):
        actions.add("reopen")
        if answers_show_payments(melding):
            actions.add("complete_heropaf")
        else:
            actions.add("close_heropaf_unanswered")
    return frozenset(actions)
