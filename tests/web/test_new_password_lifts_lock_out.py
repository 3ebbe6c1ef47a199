"""Every way of setting a password lifts the lock-out after wrong passwords, on every IP address
(django-axes locks a username per IP): the mailed link and the beheerder did since QA12 B8; the
user changing her own password while logged in (on another device) and the `changepassword`
command on the server do too. Whoever sets it proved the account is hers or acts at her request.
Each way's audit entry says a lock-out was lifted, as the link's and the beheerder's do, and no
entry holds the password."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from tests.admin_forms import form_data
from tests.factories import MunicipalityFactory, UserFactory
from tests.logins import choose_new_password, lock_out, log_in, reset_link
from vroegsignaal.privacy.command_line import OPERATOR_PREFIX, os_user
from vroegsignaal.privacy.models import AuditAction, AuditEntry
from vroegsignaal.web.lockouts import LIFTED

pytestmark = pytest.mark.django_db(databases="__all__")

OLD, NEW = "Oud-Wachtwoord-2026", "Nieuw-Wachtwoord-2027"
ADDRESS = "cas@enschede.example"
ELSEWHERE = "10.20.30.40"  # a second device, e.g. her phone on the mobile network


@pytest.fixture
def user(db):
    account = UserFactory(
        username="cas.werker", caseworker=True, email=ADDRESS, municipality=MunicipalityFactory()
    )
    account.set_password(OLD)
    account.save()
    return account


@pytest.fixture
def locked_out(user):
    """The username locked out from two IP addresses; the two browsers."""
    here, there = Client(), Client(REMOTE_ADDR=ELSEWHERE)
    for browser in (here, there):
        lock_out(browser, "cas.werker")
        assert "Tijdelijk geblokkeerd" in log_in(browser, "cas.werker", OLD).content.decode()
    return here, there


# The four ways, each setting NEW for the user.


def _by_mailed_link(user, request):
    inbox = request.getfixturevalue("inbox")
    browser = Client()
    browser.post(reverse("web:password_reset"), {"email": ADDRESS})
    choose_new_password(browser, reset_link(inbox, ADDRESS), NEW)


def _by_the_beheerder(user, request):
    request.getfixturevalue("functioneel_beheerder")  # logs in the test's client
    beheerder = request.getfixturevalue("client")
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    beheerder.post(url, form_data(beheerder, url, password1=NEW, password2=NEW))


def _by_herself(user, request):
    """On the password change page, logged in on a device that was not locked out."""
    browser = Client()
    browser.force_login(user)
    browser.post(
        reverse("web:password_change"),
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
    )


def _on_the_command_line(user, request):
    monkeypatch = request.getfixturevalue("monkeypatch")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": NEW)  # what the operator types
    call_command("changepassword", "cas.werker", stdout=StringIO())


WAYS = {
    "link": (_by_mailed_link, "nieuw wachtwoord gezet met de link uit de e-mail"),
    "beheerder": (_by_the_beheerder, "gebruiker cas.werker gewijzigd: wachtwoord gezet"),
    "zelf": (_by_herself, "wachtwoord gewijzigd door de gebruiker zelf"),
    "opdrachtregel": (_on_the_command_line, "wachtwoord gezet met de opdracht changepassword"),
}


@pytest.mark.parametrize("way", WAYS)
def test_every_way_of_setting_a_password_lifts_the_lock_out_on_every_ip_address(
    user, locked_out, request, way
):
    set_password, _ = WAYS[way]

    set_password(user, request)

    for browser in locked_out:
        logged_in = log_in(browser, "cas.werker", NEW)
        assert logged_in.status_code == 302 and logged_in.url == reverse("web:start")


@pytest.mark.parametrize("way", WAYS)
def test_every_way_says_in_the_audit_log_that_it_lifted_the_lock_out(
    user, locked_out, request, way
):
    set_password, said = WAYS[way]

    set_password(user, request)

    descriptions = [entry.description for entry in AuditEntry.objects.order_by("id")]
    assert f"{said}; {LIFTED}" in descriptions
    stored = " ".join(
        f"{e.description} {e.endpoint} {e.object_id} {e.shown}" for e in AuditEntry.objects.all()
    )
    assert NEW not in stored and OLD not in stored


@pytest.mark.parametrize("way", ["zelf", "opdrachtregel"])
def test_without_a_lock_out_the_entry_says_only_that_the_password_was_set(user, request, way):
    set_password, said = WAYS[way]

    set_password(user, request)

    entry = AuditEntry.objects.get(object_id=str(user.pk))
    assert entry.description == said


def test_the_command_lines_entry_names_the_server_account_the_command_and_the_account(
    user, request
):
    _on_the_command_line(user, request)

    entry = AuditEntry.objects.get(object_id=str(user.pk))
    assert entry.username == f"{OPERATOR_PREFIX} (gebruiker {os_user()})"
    assert entry.endpoint == "vroegsignaal changepassword cas.werker"
    assert (entry.object_type, entry.municipality_id) == (
        "organisations.user",
        user.municipality_id,
    )


def test_a_command_that_set_no_password_records_nothing_and_lifts_nothing(
    user, locked_out, monkeypatch
):
    answers = iter(["Een-Wachtwoord-2027", "Een-Ander-Wachtwoord-2027"] * 3)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    with pytest.raises(CommandError):
        call_command("changepassword", "cas.werker", stdout=StringIO())

    assert not AuditEntry.objects.filter(object_id=str(user.pk), action=AuditAction.CHANGE)
    here, _ = locked_out
    assert "Tijdelijk geblokkeerd" in log_in(here, "cas.werker", OLD).content.decode()


def test_saving_the_account_without_a_new_password_lifts_nothing(user, locked_out):
    """Only a new password does: not a change of name or e-mail address, nor the rehash of the
    password that Django may do at a successful log-in."""
    user.first_name = "Cas"
    user.save()

    here, _ = locked_out
    assert "Tijdelijk geblokkeerd" in log_in(here, "cas.werker", OLD).content.decode()
