"""The melding lifecycle: one table decides which state changes are allowed."""

from collections import deque

import pytest

from vroegsignaal.casework.lifecycle import (
    OPEN_STATES,
    TRANSITIONS,
    State,
    TransitionNotAllowed,
    allowed_transitions,
    check_transition,
    is_open,
)

S = State

EXPECTED_TRANSITIONS = {
    (S.NEW, S.ASSIGNED),
    (S.NEW, S.CLOSED),
    (S.ASSIGNED, S.NEW),
    (S.ASSIGNED, S.CONTACT_IN_PROGRESS),
    (S.ASSIGNED, S.IN_CONVERSATION),
    (S.ASSIGNED, S.CLOSED),
    (S.CONTACT_IN_PROGRESS, S.IN_CONVERSATION),
    (S.CONTACT_IN_PROGRESS, S.CLOSED),
    (S.IN_CONVERSATION, S.PLAN_MADE),
    (S.IN_CONVERSATION, S.REFERRED),
    (S.IN_CONVERSATION, S.CLOSED),
    (S.PLAN_MADE, S.REFERRED),
    (S.PLAN_MADE, S.CLOSED),
    (S.REFERRED, S.CLOSED),
    (S.CLOSED, S.REOPENED),
    (S.REOPENED, S.ASSIGNED),
    (S.REOPENED, S.CONTACT_IN_PROGRESS),
    (S.REOPENED, S.CLOSED),
}
ALL_PAIRS = {(source, target) for source in State for target in State}


def _reachable_from(start: State) -> set[State]:
    seen, todo = {start}, deque([start])
    while todo:
        for target in TRANSITIONS[todo.popleft()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_transition_table_is_exactly_the_agreed_lifecycle():
    table = {(source, target) for source, targets in TRANSITIONS.items() for target in targets}
    assert table == EXPECTED_TRANSITIONS


@pytest.mark.parametrize(("source", "target"), sorted(EXPECTED_TRANSITIONS))
def test_allowed_transition_passes_the_check(source, target):
    check_transition(source, target)
    assert target in allowed_transitions(source)


@pytest.mark.parametrize(("source", "target"), sorted(ALL_PAIRS - EXPECTED_TRANSITIONS))
def test_every_other_transition_is_refused(source, target):
    with pytest.raises(TransitionNotAllowed):
        check_transition(source, target)


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        (
            S.CLOSED,
            S.IN_CONVERSATION,
            "Een melding met fase 'Afgesloten' kan niet naar fase 'In gesprek'. "
            "Toegestaan vanuit 'Afgesloten': 'Heropend (heropaf)'.",
        ),
        (
            S.NEW,
            S.PLAN_MADE,
            "Een melding met fase 'Nieuw' kan niet naar fase 'Plan gemaakt'. "
            "Toegestaan vanuit 'Nieuw': 'Toegewezen', 'Afgesloten'.",
        ),
        (
            S.REFERRED,
            S.REFERRED,
            "Een melding met fase 'Doorverwezen' kan niet naar fase 'Doorverwezen'. "
            "Toegestaan vanuit 'Doorverwezen': 'Afgesloten'.",
        ),
    ],
)
def test_refused_transition_explains_in_dutch_what_is_allowed(source, target, message):
    with pytest.raises(TransitionNotAllowed) as refused:
        check_transition(source, target)
    assert str(refused.value) == message
    assert (refused.value.from_state, refused.value.to_state) == (source, target)


def test_check_accepts_the_stored_string_values():
    check_transition("contact_in_progress", "closed")
    with pytest.raises(TransitionNotAllowed):
        check_transition("closed", "assigned")


def test_unknown_state_value_is_refused_in_dutch():
    with pytest.raises(ValueError, match="Onbekende fase van een melding: 'archived'"):
        check_transition("archived", "closed")


@pytest.mark.parametrize("state", sorted(OPEN_STATES))
def test_every_open_state_can_be_closed_directly(state):
    check_transition(state, S.CLOSED)


def test_closed_melding_can_only_be_reopened_by_heropaf():
    assert allowed_transitions(S.CLOSED) == (S.REOPENED,)


def test_reopened_melding_goes_back_into_the_queue_or_straight_to_contact():
    assert allowed_transitions(S.REOPENED) == (S.ASSIGNED, S.CONTACT_IN_PROGRESS, S.CLOSED)


def test_allowed_transitions_are_listed_in_lifecycle_order_for_the_ui():
    assert allowed_transitions("assigned") == (
        S.NEW,
        S.CONTACT_IN_PROGRESS,
        S.IN_CONVERSATION,
        S.CLOSED,
    )


def test_every_state_has_a_row_in_the_table():
    assert set(TRANSITIONS) == set(State)


@pytest.mark.parametrize("state", list(State))
def test_every_state_is_reachable_from_new(state):
    assert state in _reachable_from(S.NEW)


@pytest.mark.parametrize("state", list(State))
def test_every_state_can_reach_closed(state):
    assert S.CLOSED in _reachable_from(state)


def test_only_closed_is_not_open():
    assert S.CLOSED not in OPEN_STATES
    assert len(OPEN_STATES) == len(State) - 1
    assert not is_open("closed")
    assert is_open(S.REOPENED)


def test_table_cannot_be_changed_at_runtime():
    with pytest.raises(TypeError):
        TRANSITIONS[S.CLOSED] = frozenset(State)  # type: ignore[index]


def test_states_have_dutch_labels():
    assert [state.label for state in State] == [
        "Nieuw",
        "Toegewezen",
        "Contact loopt",
        "In gesprek",
        "Plan gemaakt",
        "Doorverwezen",
        "Afgesloten",
        "Heropend (heropaf)",
    ]
