"""Changing one's own password, and choosing a new one by e-mail (real SMTP) when it is lost."""

import datetime as dt

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.logins import choose_new_password, lock_out, log_in, reset_link
from vroegsignaal.organisations.models import User
from vroegsignaal.web.passwords import link_lifetime

OLD, NEW = "Oud-Wachtwoord-2026", "Nieuw-Wachtwoord-2027"


@pytest.fixture
def user(db):
    account = UserFactory(
        caseworker=True, username="cas.werker", email="cas@enschede.example", first_name="Cas"
    )
    account.set_password(OLD)
    account.save()
    return account


def test_a_user_changes_their_password_and_stays_logged_in(client, user):
    client.force_login(user)

    response = client.post(
        reverse("web:password_change"),
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )

    user.refresh_from_db()
    assert user.check_password(NEW)
    assert "Uw wachtwoord is gewijzigd." in response.content.decode()
    assert client.session.get(SESSION_KEY) == str(user.pk)


def test_a_wrong_current_password_or_a_weak_new_one_is_refused_in_dutch(client, user):
    client.force_login(user)
    url = reverse("web:password_change")

    wrong = client.post(url, {"old_password": "fout", "new_password1": NEW, "new_password2": NEW})
    weak = client.post(url, {"old_password": OLD, "new_password1": "1234", "new_password2": "1234"})

    assert "oude wachtwoord" in wrong.content.decode()
    assert "te kort: gebruik minstens 12 tekens" in weak.content.decode()
    assert "alleen cijfers" in weak.content.decode()
    user.refresh_from_db()
    assert user.check_password(OLD)


def test_the_page_states_the_password_rules_before_anyone_fails_them(client, user):
    client.force_login(user)

    html = client.get(reverse("web:password_change")).content.decode()

    assert "minstens 12 tekens" in html


def test_a_forgotten_password_is_replaced_through_a_link_sent_by_mail(client, user, inbox):
    response = client.post(reverse("web:password_reset"), {"email": "cas@enschede.example"})
    assert response.status_code == 302 and response.url == reverse("web:password_reset_sent")
    link = reset_link(inbox, "cas@enschede.example")

    saved = choose_new_password(client, link, NEW)

    user.refresh_from_db()
    assert user.check_password(NEW)
    assert "Uw nieuwe wachtwoord is opgeslagen. Log ermee in." in saved.content.decode()
    again = client.get(link, follow=True).content.decode()
    assert 'data-testid="link-ongeldig"' in again  # a link works once


def test_the_mail_names_the_account_the_lifetime_and_the_second_factor(client, user, inbox):
    client.post(reverse("web:password_reset"), {"email": "cas@enschede.example"})

    (body,) = inbox.bodies_for("cas@enschede.example")
    subject = inbox.messages[0][1]["Subject"]

    assert subject == "Nieuw wachtwoord voor Vroegsignaal"
    assert "Beste Cas" in body and "cas.werker" in body
    assert f"is {link_lifetime()} geldig" in body and link_lifetime() == "1 uur"
    assert "authenticator-app" in body


def test_an_unknown_address_gets_the_same_page_and_no_mail(client, user, inbox):
    """The page may not tell who has an account."""
    known = client.post(reverse("web:password_reset"), {"email": "cas@enschede.example"})
    unknown = client.post(reverse("web:password_reset"), {"email": "niemand@example.org"})

    assert known.url == unknown.url
    assert len(inbox.messages) == 1


def test_an_inactive_account_gets_no_mail(client, user, inbox):
    user.is_active = False
    user.save()

    client.post(reverse("web:password_reset"), {"email": "cas@enschede.example"})

    assert inbox.messages == []


def test_asking_again_within_ten_minutes_sends_no_second_mail(client, user, inbox):
    for _ in range(3):
        client.post(reverse("web:password_reset"), {"email": "cas@enschede.example"})

    assert len(inbox.bodies_for("cas@enschede.example")) == 1


def test_the_ten_minutes_hold_across_server_processes(client, user, inbox, settings):
    """The guard is kept with the account in the database, not in one process's memory: a
    second server process (here: another, empty local cache) sends no second mail either."""
    client.post(reverse("web:password_reset"), {"email": "cas@enschede.example"})
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "2"}
    }

    client.post(reverse("web:password_reset"), {"email": "cas@enschede.example"})

    assert len(inbox.bodies_for("cas@enschede.example")) == 1


def test_after_ten_minutes_a_new_mail_may_be_sent(client, user, inbox):
    client.post(reverse("web:password_reset"), {"email": "cas@enschede.example"})
    eleven_minutes_ago = timezone.now() - dt.timedelta(minutes=11)
    User.objects.filter(pk=user.pk).update(password_reset_mailed_at=eleven_minutes_ago)

    client.post(reverse("web:password_reset"), {"email": "cas@enschede.example"})

    assert len(inbox.bodies_for("cas@enschede.example")) == 2


def test_a_mail_server_that_is_down_is_logged_not_shown(client, user, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there

    response = client.post(reverse("web:password_reset"), {"email": "cas@enschede.example"})

    assert response.status_code == 302
    assert "Failed to send password reset email" in caplog.text


def test_the_login_page_offers_help_with_a_forgotten_password(client, db):
    html = client.get(reverse("web:login")).content.decode()

    assert f'href="{reverse("web:password_reset")}"' in html and "Wachtwoord vergeten?" in html


def test_after_a_link_is_used_a_new_one_can_be_asked_for_at_once(client, user, inbox):
    """The page of a used link says 'Vraag een nieuwe link aan': that must send one."""
    client.post(reverse("web:password_reset"), {"email": "cas@enschede.example"})
    choose_new_password(client, reset_link(inbox, "cas@enschede.example"), NEW)

    client.post(reverse("web:password_reset"), {"email": "cas@enschede.example"})

    assert len(inbox.bodies_for("cas@enschede.example")) == 2


def test_a_new_password_through_the_mailed_link_lifts_the_lock_out(client, user, inbox):
    """QA12 B8: the page said 'Log ermee in', and logging in said 'Tijdelijk geblokkeerd'.
    Whoever proves through the mail that the account is hers is not kept out."""
    lock_out(client, "cas.werker")
    assert "Tijdelijk geblokkeerd" in log_in(client, "cas.werker", OLD).content.decode()
    client.post(reverse("web:password_reset"), {"email": "cas@enschede.example"})

    saved = choose_new_password(client, reset_link(inbox, "cas@enschede.example"), NEW)
    logged_in = log_in(client, "cas.werker", NEW)

    assert "Uw nieuwe wachtwoord is opgeslagen. Log ermee in." in saved.content.decode()
    assert logged_in.status_code == 302 and logged_in.url == reverse("web:start")
    assert client.session.get(SESSION_KEY) == str(user.pk)


def test_asking_for_a_new_password_alone_does_not_lift_the_lock_out(client, user, inbox):
    """Only the link proves the account is hers: whoever knows the address does not get in."""
    lock_out(client, "cas.werker")

    client.post(reverse("web:password_reset"), {"email": "cas@enschede.example"})

    assert "Tijdelijk geblokkeerd" in log_in(client, "cas.werker", OLD).content.decode()


def test_the_lock_out_page_says_a_new_password_by_mail_lets_one_in_at_once(client, user):
    lock_out(client, "cas.werker")

    html = log_in(client, "cas.werker", OLD).content.decode()

    assert f'href="{reverse("web:password_reset")}"' in html
    assert "Wachtwoord vergeten?" in html and "meteen weer inloggen" in html
