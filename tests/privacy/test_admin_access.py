"""The role decides who works in the beheeromgeving: a functioneel beheerder without staff status
or hand-picked permissions manages users and organisations; a caseworker with staff status ticked
by mistake stays out; a superuser keeps every permission."""

import pytest
from django.urls import reverse

from tests.admin_forms import form_data
from tests.factories import MunicipalityFactory, UserFactory
from tests.page_text import page_text
from vroegsignaal.organisations.models import Role, Team, User

pytestmark = pytest.mark.django_db


def test_a_new_user_with_only_the_role_functioneel_beheerder_manages_users_and_organisations(
    client, functioneel_beheerder
):
    assert not functioneel_beheerder.is_staff and not functioneel_beheerder.is_superuser
    assert not functioneel_beheerder.user_permissions.exists()
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    sections = ["Gebruikers", "Gemeenten", "Vastelastenpartners", "Convenanten", "Teams"]
    for section in [*sections, "Werkbakjes", "Beleidsversies"]:
        assert section in index.content.decode()
    assert client.get(reverse("admin:organisations_user_changelist")).status_code == 200

    enschede = MunicipalityFactory()
    url = reverse("admin:organisations_team_add")
    client.post(url, form_data(client, url, municipality=str(enschede.pk), name="Team West"))
    assert Team.objects.filter(name="Team West", municipality=enschede).exists()

    caseworker = UserFactory(caseworker=True)
    url = reverse("admin:organisations_user_change", args=[caseworker.pk])
    client.post(url, form_data(client, url, role=Role.INTAKE))
    caseworker.refresh_from_db()
    assert caseworker.role == Role.INTAKE


def test_a_caseworker_with_staff_status_ticked_by_mistake_cannot_enter_the_beheeromgeving(client):
    client.force_login(UserFactory(caseworker=True, is_staff=True))

    for url in [reverse("admin:index"), reverse("admin:organisations_user_changelist")]:
        response = client.get(url)
        assert response.status_code == 403 and "Geen toegang" in response.content.decode()


def test_a_creditor_opening_the_beheeromgeving_gets_the_apps_geen_toegang_page(client):
    """Everywhere else a page of another role says 'Geen toegang'; here Django's log-in form
    said 'U bent geverifieerd als ..., maar niet bevoegd' and offered another account."""
    client.force_login(UserFactory(creditor_staff=True))

    for url in [reverse("admin:index"), reverse("admin:login") + "?next=/admin/"]:
        response = client.get(url, follow=True)
        page = " ".join(page_text(response).split())
        assert response.status_code == 403, url
        assert (
            "Geen toegang" in page and "De beheeromgeving is voor de functioneel beheerder." in page
        )
        assert "geverifieerd" not in page and 'name="password"' not in response.content.decode()


def test_a_visitor_not_logged_in_logs_in_on_the_apps_own_page_and_comes_back(client):
    """Django's admin has a log-in form of its own, with another look and wording; the
    beheeromgeving has one door, the app's log-in page, and returns to where one was going."""
    response = client.get(reverse("admin:organisations_user_changelist"), follow=True)

    login = reverse("web:login")
    assert response.redirect_chain[-1][0] == f"{login}?next=/admin/organisations/user/"
    assert 'id="id_username"' in response.content.decode()
    assert client.get(reverse("admin:login"))["Location"] == f"{login}?next=/admin/"


def test_a_functioneel_beheerder_opening_the_admin_log_in_page_goes_to_the_beheeromgeving(
    client, functioneel_beheerder
):
    client.force_login(functioneel_beheerder)

    response = client.get(reverse("admin:login"))

    assert response.status_code == 302 and response["Location"] == reverse("admin:index")


def test_a_functioneel_beheerder_made_inactive_is_out_at_once(client, functioneel_beheerder):
    User.objects.filter(pk=functioneel_beheerder.pk).update(is_active=False)

    assert client.get(reverse("admin:index")).status_code == 302


def test_a_superuser_keeps_every_permission(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 200
    page = client.get(reverse("admin:organisations_user_add")).content.decode()
    assert client.get(reverse("admin:organisations_user_changelist")).status_code == 200
    assert "Gebruiker" in page
    other = UserFactory(caseworker=True)
    change = client.get(reverse("admin:organisations_user_change", args=[other.pk]))
    assert "Een functioneel beheerder komt er door de rol in" in change.content.decode()


def test_the_functioneel_beheerder_sees_no_staff_or_superuser_switches_and_cannot_become_superuser(
    client, functioneel_beheerder
):
    url = reverse("admin:organisations_user_change", args=[functioneel_beheerder.pk])
    page = client.get(url).content.decode()
    for switch in [
        'name="is_staff"',
        'name="is_superuser"',
        'name="groups"',
        'name="user_permissions"',
    ]:
        assert switch not in page

    client.post(url, {**form_data(client, url), "is_superuser": "on"})

    functioneel_beheerder.refresh_from_db()
    assert not functioneel_beheerder.is_superuser


def test_the_functioneel_beheerder_cannot_change_a_superuser_or_set_their_password(
    client, functioneel_beheerder
):
    superuser = UserFactory(is_superuser=True, is_staff=True)

    change = client.get(reverse("admin:organisations_user_change", args=[superuser.pk]))
    password = client.get(reverse("admin:auth_user_password_change", args=[superuser.pk]))

    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    assert password.status_code == 403


@pytest.mark.parametrize(
    "url_name", ["admin:auth_group_changelist", "admin:privacy_auditentry_changelist"]
)
def test_groups_and_the_audit_log_stay_closed_to_the_functioneel_beheerder(
    client, functioneel_beheerder, url_name
):
    assert client.get(reverse(url_name)).status_code == 403


def test_the_menu_leads_the_functioneel_beheerder_to_beheer_and_nobody_else(client):
    """The menu showed 'Beheer' for staff status, which a functioneel beheerder does not have
    (only the demo's superuser beheerder saw it); a caseworker with staff status did."""
    admin_link = f'href="{reverse("admin:index")}">Beheer</a>'
    for user, shown in [
        (UserFactory(administrator=True, is_staff=False), True),
        (UserFactory(caseworker=True, is_staff=True), False),
        (UserFactory(is_superuser=True, is_staff=True), True),
    ]:
        client.force_login(user)
        menu = client.get(reverse("web:otp_setup")).content.decode()
        assert (admin_link in menu) is shown, user.role
