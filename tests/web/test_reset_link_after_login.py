"""A reset link dies when the account logs in or gets a new password (Django's tokens); the
ten minutes between reset mails then no longer hold back the next one, or the page of the dead
link ("Vraag een nieuwe link aan") would send the user to ten minutes without a mail (QA15 B9).
A link that never was ours does not lift the ten minutes: that would let anyone flood a mailbox.
Real SMTP receiver (`inbox`), as the other reset tests."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.logins import choose_new_password, log_in, reset_link
from vroegsignaal.organisations.models import User

ADDRESS = "cas@enschede.example"
OLD, NEW = "Oud-Wachtwoord-2026", "Nieuw-Wachtwoord-2027"
DEAD_LINK = "Deze link werkt niet meer"


@pytest.fixture
def user(db):
    account = UserFactory(caseworker=True, username="cas.werker", email=ADDRESS, first_name="Cas")
    account.set_password(OLD)
    account.save()
    return account


def _ask(client):
    return client.post(reverse("web:password_reset"), {"email": ADDRESS}, follow=True)


def test_after_logging_in_the_dead_link_leads_to_a_new_one_at_once(client, user, inbox):
    _ask(client)
    first = reset_link(inbox, ADDRESS)
    assert log_in(client, "cas.werker", OLD).status_code == 302  # she remembered it after all
    client.logout()

    dead = client.get(first, follow=True).content.decode()
    assert DEAD_LINK in dead and "ingelogd" in dead
    _ask(client)

    assert len(inbox.bodies_for(ADDRESS)) == 2
    saved = choose_new_password(client, reset_link(inbox, ADDRESS), NEW)
    assert "Uw nieuwe wachtwoord is opgeslagen" in saved.content.decode()


def test_after_a_new_password_set_elsewhere_a_new_link_comes_at_once(client, user, inbox):
    _ask(client)
    account = User.objects.get(pk=user.pk)  # as the beheerder's form loads it, mail time and all
    account.set_password(NEW)  # by the functioneel beheerder, or herself on another device
    account.save()

    _ask(client)

    assert len(inbox.bodies_for(ADDRESS)) == 2


def test_a_link_that_never_was_ours_keeps_the_ten_minutes(client, user, inbox):
    _ask(client)
    real = reset_link(inbox, ADDRESS)
    forged = real.rstrip("/").rsplit("/", 1)[0] + "/czz3ab-0123456789abcdef0123456789abcdef/"

    assert DEAD_LINK in client.get(forged, follow=True).content.decode()
    _ask(client)

    assert len(inbox.bodies_for(ADDRESS)) == 1
