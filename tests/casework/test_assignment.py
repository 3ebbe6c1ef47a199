"""Assigning meldingen: to oneself or a colleague of the same municipality, one or many."""

import pytest

from tests.casework.factories import MeldingFactory
from tests.factories import UserFactory
from vroegsignaal.casework.assignment import assign, bulk_assign, unassign
from vroegsignaal.casework.errors import CaseworkError, StaleMelding
from vroegsignaal.casework.models import Event, EventKind, Melding


def test_assigning_a_new_melding_makes_it_assigned_with_an_event(melding, intake_user, caseworker):
    assign(melding, caseworker, intake_user, melding.version)

    stored = Melding.objects.get(pk=melding.pk)
    assert (stored.state, stored.assigned_to, stored.version) == ("assigned", caseworker, 2)
    event = Event.objects.get(melding=melding)
    assert event.kind == EventKind.ASSIGNED
    assert event.actor == intake_user
    assert event.details == {"to": "Cas Werker", "state": ["new", "assigned"]}


def test_handing_over_later_changes_the_assignee_but_not_the_state(assigned, colleague, caseworker):
    assign(assigned, colleague, caseworker, assigned.version)

    stored = Melding.objects.get(pk=assigned.pk)
    assert (stored.state, stored.assigned_to) == ("assigned", colleague)
    assert "state" not in Event.objects.filter(melding=assigned).first().details


def test_a_colleague_of_another_municipality_cannot_be_assigned(melding, hengelo, caseworker):
    outsider = UserFactory(caseworker=True, municipality=hengelo)

    with pytest.raises(CaseworkError, match="werkt niet als meldpunt of uitvoerder"):
        assign(melding, outsider, caseworker, melding.version)
    assert Melding.objects.get(pk=melding.pk).assigned_to is None


def test_a_creditor_employee_cannot_be_assigned(melding, caseworker, enschede):
    creditor_user = UserFactory(creditor_staff=True, municipality=enschede)

    with pytest.raises(CaseworkError):
        assign(melding, creditor_user, caseworker, melding.version)


def test_unassign_returns_an_assigned_melding_to_new(assigned, caseworker):
    unassign(assigned, caseworker, assigned.version)

    stored = Melding.objects.get(pk=assigned.pk)
    assert (stored.state, stored.assigned_to) == ("new", None)


def test_bulk_assign_assigns_all(enschede, intake_user, caseworker):
    meldingen = MeldingFactory.create_batch(3, municipality=enschede)

    count = bulk_assign([(m, m.version) for m in meldingen], caseworker, intake_user)

    assert count == 3
    assert set(Melding.objects.values_list("assigned_to", flat=True)) == {caseworker.pk}


def test_bulk_assign_with_one_stale_melding_assigns_none(enschede, intake_user, caseworker):
    first, second = MeldingFactory.create_batch(2, municipality=enschede)
    seen_version = second.version
    assign(second, intake_user, intake_user, second.version)

    with pytest.raises(CaseworkError, match="Iemand anders heeft deze melding intussen gewijzigd"):
        bulk_assign([(first, first.version), (second, seen_version)], caseworker, intake_user)

    assert Melding.objects.get(pk=first.pk).assigned_to is None
    assert Melding.objects.get(pk=second.pk).assigned_to == intake_user


def test_a_stale_assignment_is_refused_and_the_first_one_stays(melding, caseworker, colleague):
    seen_by_both = melding.version
    assign(melding, caseworker, caseworker, seen_by_both)
    their_copy = Melding.objects.get(pk=melding.pk)
    their_copy.version = seen_by_both

    with pytest.raises(StaleMelding, match="Iemand anders heeft deze melding intussen gewijzigd"):
        assign(their_copy, colleague, colleague, seen_by_both)

    assert Melding.objects.get(pk=melding.pk).assigned_to == caseworker
    assert Event.objects.filter(melding=melding).count() == 1
