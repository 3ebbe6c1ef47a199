"""What the administrator does in the beheeromgeving is in the privacy officer's audit log: who
gave whom which role, municipality or team, set whose password, changed which convenant."""

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.admin_forms import form_data
from tests.factories import (
    AgreementFactory,
    CreditorFactory,
    MunicipalityFactory,
    UserFactory,
)
from vroegsignaal.organisations.models import ApiKey, Role, Team
from vroegsignaal.organisations.services import create_api_key
from vroegsignaal.privacy.admin_audit import AuditedAdmin
from vroegsignaal.privacy.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Een-Nieuw-Wachtwoord-77"


def admin_entries():
    return list(AuditEntry.objects.filter(action=AuditAction.ADMIN).order_by("id"))


def test_giving_a_user_a_role_in_the_admin_is_in_the_audit_log_with_old_and_new_role(
    client, functioneel_beheerder
):
    enschede = MunicipalityFactory()
    team = Team.objects.create(municipality=enschede, name="Team Zuid")
    user = UserFactory(username="sanne", caseworker=True, municipality=enschede)
    url = reverse("admin:organisations_user_change", args=[user.pk])

    response = client.post(
        url, form_data(client, url, role=Role.INTAKE, team=str(team.pk), email="s@example.nl")
    )

    assert response.status_code == 302
    [entry] = admin_entries()
    assert entry.username == "beheerder" and entry.role == Role.ADMINISTRATOR
    assert (entry.object_type, entry.object_id) == ("organisations.user", str(user.pk))
    assert entry.municipality_id == enschede.pk  # the officer of Enschede sees it
    assert entry.description == (
        "gebruiker sanne gewijzigd: Rol: Uitvoerder / hulpverlener → Meldpunt / intake; "
        "Team: leeg → Team Zuid (Enschede); ook E-mailadres"
    )
    assert "s@example.nl" not in entry.description  # free text is named, not copied


def test_setting_another_users_password_is_audited_without_the_password(
    client, functioneel_beheerder
):
    user = UserFactory(username="sanne", caseworker=True)
    url = reverse("admin:auth_user_password_change", args=[user.pk])

    response = client.post(
        url, form_data(client, url, password1=NEW_PASSWORD, password2=NEW_PASSWORD)
    )

    assert response.status_code == 302
    [entry] = admin_entries()
    assert entry.description == "gebruiker sanne gewijzigd: wachtwoord gezet"
    assert entry.object_id == str(user.pk)
    stored = [entry.description, entry.endpoint, entry.object_id]
    assert not any(NEW_PASSWORD in text for text in stored)


def test_adding_a_user_with_a_password_is_audited_without_the_password(
    client, functioneel_beheerder
):
    url = reverse("admin:organisations_user_add")
    data = form_data(client, url, username="nieuw", password1=NEW_PASSWORD, password2=NEW_PASSWORD)

    assert client.post(url, data).status_code == 302

    [entry] = admin_entries()
    assert entry.description == "gebruiker nieuw toegevoegd: ook Gebruikersnaam; wachtwoord gezet"
    assert NEW_PASSWORD not in entry.description


def test_a_convenant_changed_on_the_partners_page_is_an_entry_about_that_convenant(
    client, functioneel_beheerder
):
    agreement = AgreementFactory(creditor=CreditorFactory(), municipality=MunicipalityFactory())
    url = reverse("admin:organisations_creditor_change", args=[agreement.creditor.pk])

    client.post(url, form_data(client, url, **{"agreements-0-valid_to": "2026-12-31"}))

    convenant, partner = admin_entries()
    assert (convenant.object_type, convenant.object_id) == (
        "organisations.agreement",
        str(agreement.pk),
    )
    assert convenant.municipality_id == agreement.municipality_id
    assert convenant.description == (
        "convenant Energie Oost × Enschede (0153) gewijzigd: Geldig tot en met: leeg → 31-12-2026"
    )
    assert partner.description == "vastelastenpartner Energie Oost gewijzigd"
    agreement.refresh_from_db()
    assert agreement.valid_to == dt.date(2026, 12, 31)


def test_a_convenant_removed_on_the_partners_page_keeps_its_id_in_the_entry(
    client, functioneel_beheerder
):
    agreement = AgreementFactory(creditor=CreditorFactory(), municipality=MunicipalityFactory())
    url = reverse("admin:organisations_creditor_change", args=[agreement.creditor.pk])

    client.post(url, form_data(client, url, **{"agreements-0-DELETE": "on"}))

    convenant = admin_entries()[0]
    assert convenant.description == "convenant Energie Oost × Enschede (0153) verwijderd"
    assert convenant.object_id == str(agreement.pk)


def test_deleting_in_the_admin_is_audited(client, functioneel_beheerder):
    team = Team.objects.create(municipality=MunicipalityFactory(), name="Team West")

    client.post(reverse("admin:organisations_team_delete", args=[team.pk]), {"post": "yes"})

    [entry] = admin_entries()
    assert entry.description == "team Team West (Enschede) verwijderd"
    assert entry.object_id == str(team.pk) and entry.municipality_id == team.municipality_id


def test_the_privacy_officer_finds_the_administrators_work_under_handeling_beheer(
    client, functioneel_beheerder
):
    enschede = MunicipalityFactory()
    user = UserFactory(username="sanne", caseworker=True, municipality=enschede)
    url = reverse("admin:organisations_user_change", args=[user.pk])
    client.post(url, form_data(client, url, role=Role.INTAKE))
    client.force_login(UserFactory(privacy_officer=True, municipality=enschede))

    page = client.get(reverse("privacy:audit_log"), {"handeling": "admin"}).content.decode()

    assert '<option value="admin" selected>Beheer</option>' in page
    assert "Rol: Uitvoerder / hulpverlener → Meldpunt / intake" in page
    assert "1 regel</caption>" in page


def test_every_section_of_the_beheeromgeving_is_audited():
    unaudited = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, AuditedAdmin)
    ]
    assert unaudited == []


def test_revoking_an_api_key_in_the_admin_is_audited(client, functioneel_beheerder):
    create_api_key(CreditorFactory(), "boekhouding")
    key = ApiKey.objects.get()

    client.post(
        reverse("admin:organisations_apikey_changelist"),
        {"action": "revoke_keys", "_selected_action": [key.pk]},
    )

    [entry] = admin_entries()
    assert entry.description == f"API-sleutel {key} gewijzigd: ingetrokken"


def test_saving_a_policy_version_is_audited_with_the_settings_changed(
    client, functioneel_beheerder
):
    enschede = MunicipalityFactory()
    url = reverse("admin:matching_policyversion_add")
    data = form_data(client, f"{url}?municipality={enschede.pk}", municipality=str(enschede.pk))

    response = client.post(url, {**data, "minimum_amount": "75,00", "minimum_signals_for_go": "2"})

    assert response.status_code == 302
    [entry] = admin_entries()
    assert entry.description == (
        "beleidsversie Beleid Enschede (0153) v1 toegevoegd: Gemeente: Enschede (0153); "
        "Minimum aantal signalen voor een go: 2; ook Minimumbedrag (€)"
    )
    assert entry.municipality_id == enschede.pk
