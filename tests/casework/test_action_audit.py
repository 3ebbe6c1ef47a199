"""Casework actions in the privacy officer's audit log: an action that is done is Gewijzigd; one
that is refused with a message (someone changed the melding meanwhile, no colleague chosen)
changed nothing and is Bekeken, although the page goes back to the melding or the list."""

import pytest
from django.urls import reverse

from tests.audit_log_rows import audit_log_rows
from tests.casework.factories import MeldingFactory
from tests.factories import UserFactory
from tests.page_text import page_text
from vroegsignaal import kenmerk

pytestmark = pytest.mark.django_db(databases="__all__")

STALE = "Iemand anders heeft deze melding intussen gewijzigd."


@pytest.fixture
def officer(db):
    return UserFactory(privacy_officer=True, municipality=None)


def _assign(client, melding, **form):
    """Click 'Toewijzen' on the melding's page."""
    url = reverse("casework:assign", args=[melding.pk])
    return client.post(url, {"version": melding.version, **form}, follow=True)


def _assign_rows(client, officer, worker) -> list[str]:
    rows = audit_log_rows(client, officer, wie=worker.username)
    return [row for row in rows if "melding toewijzen" in row]


def test_assigning_a_melding_is_a_change_of_that_melding(client, melding, caseworker, officer):
    client.force_login(caseworker)
    done = _assign(client, melding, medewerker=caseworker.pk)
    assert "De melding is toegewezen." in page_text(done)

    rows = _assign_rows(client, officer, caseworker)

    assert len(rows) == 1
    assert "Gewijzigd" in rows[0] and f"(melding {kenmerk.of(melding.pk)})" in rows[0]


@pytest.mark.parametrize(
    ("form", "told"),
    [
        ({"version": 0}, STALE),  # the page was opened before a colleague changed the melding
        ({"medewerker": ""}, "Toewijzen aan: kies een medewerker."),
    ],
    ids=["changed-meanwhile", "no-colleague-chosen"],
)
def test_an_assignment_refused_with_a_message_is_a_view_not_a_change(
    client, melding, caseworker, officer, form, told
):
    client.force_login(caseworker)
    refused = _assign(client, melding, **{"medewerker": caseworker.pk, **form})
    assert told in page_text(refused)  # on the melding's page, after the redirect
    melding.refresh_from_db()
    assert melding.assigned_to is None

    rows = _assign_rows(client, officer, caseworker)

    assert len(rows) == 1
    assert "Bekeken" in rows[0] and "Gewijzigd" not in rows[0]
    assert f"(melding {kenmerk.of(melding.pk)})" in rows[0]


def _bulk_assign(client, ticked: list[tuple], to_user):
    """Tick (melding, version as shown) on the werkbakjes, click 'Gekozen meldingen toewijzen'."""
    data = {"melding": [f"{m.pk}:{version}" for m, version in ticked], "medewerker": to_user.pk}
    return client.post(reverse("casework:worklist"), data, follow=True)


def _worklist_rows(client, officer, worker) -> list[str]:
    rows = audit_log_rows(client, officer, wie=worker.username)
    return [row for row in rows if "werkbakjes" in row]


def test_a_bulk_assignment_is_one_change_that_names_the_assigned_meldingen(
    client, enschede, caseworker, colleague, officer
):
    meldingen = MeldingFactory.create_batch(2, municipality=enschede)
    client.force_login(caseworker)
    done = _bulk_assign(client, [(m, m.version) for m in meldingen], colleague)
    assert "2 meldingen toegewezen aan Col Lega." in page_text(done)

    changes = [row for row in _worklist_rows(client, officer, caseworker) if "Gewijzigd" in row]

    assert len(changes) == 1 and "(lijst met 2 meldingen)" in changes[0]
    found = audit_log_rows(client, officer, wat=kenmerk.of(meldingen[1].pk), handeling="change")
    assert len(found) == 1 and "werkbakjes" in found[0]


def test_a_bulk_assignment_refused_because_a_melding_changed_meanwhile_is_a_view(
    client, enschede, caseworker, colleague, officer
):
    fresh, changed = MeldingFactory.create_batch(2, municipality=enschede)
    client.force_login(caseworker)
    # The second was changed by a colleague after the list was shown: nothing is assigned.
    refused = _bulk_assign(client, [(fresh, fresh.version), (changed, 0)], colleague)
    assert STALE in page_text(refused)  # on the list, after the redirect
    assert not fresh.__class__.objects.filter(assigned_to=colleague).exists()

    rows = _worklist_rows(client, officer, caseworker)

    assert len(rows) == 2  # the refused assignment and the list after it
    assert all("Bekeken" in row and "Gewijzigd" not in row for row in rows)
