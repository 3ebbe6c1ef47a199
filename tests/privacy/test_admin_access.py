"""The role decides who works in the beheeromgeving: a functioneel beheerder without staff status
or hand-picked permissions manages users and organisations; a caseworker with staff status ticked
by mistake stays out; a superuser keeps every permission."""

import pytest
from django.urls import reverse

from tests.admin_forms import form_data
from tests.factories import MunicipalityFactory, UserFactory
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
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


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
