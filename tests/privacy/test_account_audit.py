"""What happens to the log-in of an account is in the privacy officer's audit log (QA12 B13): a
lock-out after too many wrong passwords, a new password asked for with "Wachtwoord vergeten?",
one set through the mailed link and one the user changed herself under /account/wachtwoord/. Never with a password, a link or its token, and never an
e-mail address nobody has: the page may not tell who has an account, nor may the log."""

import pytest
from django.urls import reverse

from tests.factories import DEMO_PASSWORD, MunicipalityFactory, UserFactory
from tests.logins import choose_new_password, lock_out, log_in, reset_link
from vroegsignaal.privacy.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db(databases="__all__")

ADDRESS = "uitvoerder.wierden@demo.example"
NEW = "Nieuw-Wachtwoord-Wierden-2026"


@pytest.fixture
def wierden(db):
    return MunicipalityFactory(code="0189", name="Wierden")


@pytest.fixture
def account(wierden):
    return UserFactory(
        username="uitvoerder.wierden", caseworker=True, municipality=wierden, email=ADDRESS
    )


@pytest.fixture
def officer_page(client, wierden):
    """The audit log as the privacy officer of Wierden reads it, searched on a user."""
    officer = UserFactory(privacy_officer=True, municipality=wierden)

    def page(who: str) -> str:
        client.force_login(officer)
        return client.get(reverse("privacy:audit_log"), {"wie": who}).content.decode()

    return page


def _ask_for_a_new_password(client, address: str):
    return client.post(reverse("web:password_reset"), {"email": address})


def _set_password_through_link(client, inbox, password: str) -> str:
    """Follow the link in the newest mail and save `password`; the link."""
    link = reset_link(inbox, ADDRESS)
    choose_new_password(client, link, password)
    return link


def _stored_texts() -> list[str]:
    return [
        text
        for entry in AuditEntry.objects.all()
        for text in (entry.description, entry.endpoint, entry.object_id, entry.shown)
    ]


def test_the_officer_sees_the_lock_out_the_request_and_the_new_password(
    client, account, inbox, officer_page
):
    """The QA story: five wrong passwords, 'Wachtwoord vergeten?', a new password by the link;
    the officer of Wierden searched on the user found 0 lines."""
    lock_out(client, "uitvoerder.wierden")
    _ask_for_a_new_password(client, ADDRESS)
    _set_password_through_link(client, inbox, NEW)

    page = officer_page("uitvoerder.wierden")

    assert "3 regels" in page
    assert "inloggen geblokkeerd na 5 keer een verkeerd wachtwoord, voor 15 minuten" in page
    asked = "nieuw wachtwoord aangevraagd met &#x27;Wachtwoord vergeten?&#x27;"
    assert f"{asked}: link per e-mail verstuurd" in page
    assert (
        "nieuw wachtwoord gezet met de link uit de e-mail; "
        "blokkade na mislukte inlogpogingen opgeheven" in page
    )
    entries = AuditEntry.objects.filter(username="uitvoerder.wierden").order_by("id")
    assert [entry.get_action_display() for entry in entries] == [
        "Geweigerd",
        "Gewijzigd",
        "Gewijzigd",
    ]
    assert {(e.object_type, e.object_id) for e in entries} == {
        ("organisations.user", str(account.pk))
    }
    assert all(entry.ip_address == "127.0.0.1" for entry in entries)


def test_a_lock_out_is_one_entry_however_often_one_tries_during_it(client, account):
    lock_out(client, "uitvoerder.wierden")

    for _ in range(3):
        log_in(client, "uitvoerder.wierden", DEMO_PASSWORD)

    assert AuditEntry.objects.filter(action=AuditAction.REFUSED).count() == 1


def test_a_lock_out_of_a_username_nobody_has_is_not_recorded(client, account):
    """What was typed may be anything, even a password in the wrong field."""
    lock_out(client, "Geheim-Wachtwoord-Per-Ongeluk")

    assert (
        "Tijdelijk geblokkeerd"
        in log_in(client, "Geheim-Wachtwoord-Per-Ongeluk", "x").content.decode()
    )
    assert AuditEntry.objects.count() == 0


def test_an_unknown_address_leaves_nothing_in_the_audit_log(client, account, inbox):
    known = _ask_for_a_new_password(client, ADDRESS)  # recorded: the account exists

    unknown = _ask_for_a_new_password(client, "niemand@example.org")

    assert unknown.url == known.url  # the page tells nothing
    assert AuditEntry.objects.count() == 1
    assert not any("niemand" in text for text in _stored_texts())


def test_no_password_link_token_or_address_is_stored(client, account, inbox):
    lock_out(client, "uitvoerder.wierden")
    _ask_for_a_new_password(client, ADDRESS)
    link = _set_password_through_link(client, inbox, NEW)
    token = link.rstrip("/").rsplit("/", 1)[-1]

    stored = " ".join(_stored_texts())

    assert AuditEntry.objects.count() == 3
    for secret in (NEW, "fout", link, token, ADDRESS):
        assert secret not in stored


def test_a_second_request_within_ten_minutes_is_recorded_as_one_without_a_mail(
    client, account, inbox, officer_page
):
    _ask_for_a_new_password(client, ADDRESS)
    _ask_for_a_new_password(client, ADDRESS)

    page = officer_page("uitvoerder.wierden")

    assert len(inbox.bodies_for(ADDRESS)) == 1
    assert "geen e-mail verstuurd: de vorige is minder dan 10 minuten oud" in page


def test_the_officer_sees_a_password_the_user_changed_herself_never_the_password(
    client, account, officer_page
):
    """QA13 N8: a change under /account/wachtwoord/ left 0 lines, unlike a reset by mail."""
    client.force_login(account)
    client.post(
        reverse("web:password_change"),
        {"old_password": DEMO_PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )

    page = officer_page("uitvoerder.wierden")

    assert "Gewijzigd" in page and "wachtwoord gewijzigd door de gebruiker zelf" in page
    (entry,) = AuditEntry.objects.filter(username="uitvoerder.wierden")
    assert (entry.object_type, entry.object_id) == ("organisations.user", str(account.pk))
    assert not any(secret in " ".join(_stored_texts()) for secret in (NEW, DEMO_PASSWORD))
