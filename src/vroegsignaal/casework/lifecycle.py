"""The lifecycle of a melding as one explicit table of allowed transitions (pure, no Django).

Public API: ``State`` (with Dutch ``label``), ``TRANSITIONS``, ``OPEN_STATES``, ``is_open``,
``allowed_transitions``, ``check_transition`` and ``TransitionNotAllowed``. The casework service
calls ``check_transition`` before every state change; the UI offers ``allowed_transitions`` only.
Recording another contact attempt or a colleague taking over is not a state change.
"""

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class State(StrEnum):
    """Where a melding is in its lifecycle; the value is what the database stores."""

    NEW = "new"
    ASSIGNED = "assigned"
    CONTACT_IN_PROGRESS = "contact_in_progress"
    IN_CONVERSATION = "in_conversation"
    PLAN_MADE = "plan_made"
    REFERRED = "referred"
    CLOSED = "closed"
    REOPENED = "reopened"

    @property
    def label(self) -> str:
        """Dutch label shown to users."""
        return _LABELS[self]


_LABELS: dict[State, str] = {
    State.NEW: "Nieuw",
    State.ASSIGNED: "Toegewezen",
    State.CONTACT_IN_PROGRESS: "Contact loopt",
    State.IN_CONVERSATION: "In gesprek",
    State.PLAN_MADE: "Plan gemaakt",
    State.REFERRED: "Doorverwezen",
    State.CLOSED: "Afgesloten",
    State.REOPENED: "Heropend (heropaf)",
}

# Closing is possible from every open state because every stage can end a melding: not picked
# up (new), "Definitief geen contact kunnen krijgen" (contact), a quick fix or no help wanted
# (conversation), and so on; the required Eindresultaat is checked by the service, not here.
TRANSITIONS: Mapping[State, frozenset[State]] = MappingProxyType(
    {
        State.NEW: frozenset({State.ASSIGNED, State.CLOSED}),
        # Back to NEW returns an assignment made by mistake to the unassigned queue; straight to
        # IN_CONVERSATION when the resident gets in touch first (e.g. after a warme overdracht).
        State.ASSIGNED: frozenset(
            {State.NEW, State.CONTACT_IN_PROGRESS, State.IN_CONVERSATION, State.CLOSED}
        ),
        State.CONTACT_IN_PROGRESS: frozenset({State.IN_CONVERSATION, State.CLOSED}),
        # A referral can follow the conversation directly, without a plan of our own.
        State.IN_CONVERSATION: frozenset({State.PLAN_MADE, State.REFERRED, State.CLOSED}),
        State.PLAN_MADE: frozenset({State.REFERRED, State.CLOSED}),
        State.REFERRED: frozenset({State.CLOSED}),
        # Only a heropaf (creditor reports no regular payments) brings a closed melding back.
        State.CLOSED: frozenset({State.REOPENED}),
        State.REOPENED: frozenset({State.ASSIGNED, State.CONTACT_IN_PROGRESS, State.CLOSED}),
    }
)

OPEN_STATES: frozenset[State] = frozenset(State) - {State.CLOSED}


class TransitionNotAllowed(Exception):
    """A state change that the lifecycle table does not allow; the message is Dutch."""

    def __init__(self, from_state: State, to_state: State) -> None:
        self.from_state = from_state
        self.to_state = to_state
        allowed = ", ".join(f"'{state.label}'" for state in allowed_transitions(from_state))
        super().__init__(
            f"Een melding met fase '{from_state.label}' kan niet naar fase '{to_state.label}'. "
            f"Toegestaan vanuit '{from_state.label}': {allowed}."
        )


def _as_state(value: State | str) -> State:
    try:
        return State(value)
    except ValueError:
        raise ValueError(f"Onbekende fase van een melding: '{value}'.") from None


def is_open(state: State | str) -> bool:
    """Return whether a melding in ``state`` still needs work (every state but closed)."""
    return _as_state(state) in OPEN_STATES


def allowed_transitions(state: State | str) -> tuple[State, ...]:
    """Return the states a melding in ``state`` may move to, in lifecycle order (for the UI)."""
    next_states = TRANSITIONS[_as_state(state)]
    return tuple(candidate for candidate in State if candidate in next_states)


def check_transition(from_state: State | str, to_state: State | str) -> None:
    """Raise ``TransitionNotAllowed`` unless ``TRANSITIONS`` allows ``from_state -> to_state``.

    Unknown state values raise ``ValueError`` with a Dutch message.
    """
    source, target = _as_state(from_state), _as_state(to_state)
    if target not in TRANSITIONS[source]:
        raise TransitionNotAllowed(source, target)
