"""What the administrator does in the beheeromgeving is in the privacy officer's audit log: who
gave whom which role, municipality or team, set whose password, changed which convenant."""

import datetime as dt

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.admin_forms import form_data
from tests.factories import (
    AgreementFactory,
    CreditorFactory,
    MunicipalityFactory,
    UserFactory,
)
from tests.logins import lock_out, log_in
from vroegsignaal.matching.models import PolicyVersion
from vroegsignaal.matching.policies import save_policy
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


def test_saving_a_user_unchanged_is_no_change_in_the_audit_log(client, functioneel_beheerder):
    """It read 'gebruiker sanne gewijzigd' with nothing after it: the FG could not tell what
    changed, because nothing had."""
    user = UserFactory(username="sanne", caseworker=True, municipality=MunicipalityFactory())
    url = reverse("admin:organisations_user_change", args=[user.pk])

    response = client.post(url, form_data(client, url))

    assert response.status_code == 302 and admin_entries() == []


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


def test_a_password_the_administrator_sets_lifts_the_lock_out_and_the_entry_says_so(
    client, functioneel_beheerder
):
    """As a new password through the mailed link does (QA12 B8): the user asked the
    administrator because she was locked out, and may log in with the new password at once."""
    user = UserFactory(username="sanne", caseworker=True)
    sanne = Client()
    lock_out(sanne, "sanne")
    url = reverse("admin:auth_user_password_change", args=[user.pk])

    client.post(url, form_data(client, url, password1=NEW_PASSWORD, password2=NEW_PASSWORD))

    [entry] = admin_entries()
    assert entry.description == (
        "gebruiker sanne gewijzigd: wachtwoord gezet; blokkade na mislukte inlogpogingen opgeheven"
    )
    assert log_in(sanne, "sanne", NEW_PASSWORD).url == reverse("web:start")


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

    [convenant] = admin_entries()  # the partner's own fields did not change: no entry
    assert (convenant.object_type, convenant.object_id) == (
        "organisations.agreement",
        str(agreement.pk),
    )
    assert convenant.municipality_id == agreement.municipality_id
    assert convenant.description == (
        "convenant Energie Oost × Enschede (0153) gewijzigd: Geldig tot en met: leeg → 31-12-2026"
    )
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
        "beleidsversie Beleid Enschede (0153) v1 toegevoegd: Minimumbedrag (€): 75,00; "
        "Minimum aantal signalen voor een go: 2"
    )
    assert entry.municipality_id == enschede.pk


# QA: Tubbergen's first version, as the tester made it: a minimum amount, a window for Zorg,
# every weight and three werkbakjes rules.
TUBBERGEN_V1 = {
    "minimum_amount_cents": 5000,
    "windows": {"Zorg": {"min_days": 30, "max_days": 90}},
    "weights": {
        "crisis": 50,
        "extra_partner_type": 10,
        "opeenvolgend": 15,
        "amount_per_100_euro": 2,
        "amount_max": 30,
        "rent_arrears": 10,
        "arrears_age_per_30_days": 3,
        "arrears_age_max": 15,
        "young_adult": 10,
        "warm_handover": 20,
    },
    "routing_rules": [
        {"name": "Crisis", "queue": "Crisis", "first_contact_channel": "Huisbezoek",
         "term_days": 3, "condition": {"flags": ["crisis"]}},
        {"name": "Hoge bedragen", "queue": "Huisbezoek", "first_contact_channel": "Huisbezoek",
         "term_days": 10, "condition": {"min_amount_cents": 100000}},
        {"name": "Jongeren", "queue": "Jongeren", "first_contact_channel": "Telefoon",
         "term_days": 14, "condition": {"max_age": 27}},
    ],
}  # fmt: skip
MEERVOUDIG_ROW = {
    "regel-3-name": "Meervoudig",
    "regel-3-queue": "Huisbezoek",
    "regel-3-first_contact_channel": "Huisbezoek",
    "regel-3-term_days": "10",
    "regel-3-flags": ["meervoudig"],
}


def tubbergen():
    return MunicipalityFactory(code="0183", name="Tubbergen")


def policy_page(version) -> str:
    return reverse("admin:matching_policyversion_change", args=[version.pk])


def test_a_policy_saved_unchanged_is_no_change_in_the_audit_log(client, functioneel_beheerder):
    """QA: saving a version unchanged stores no version ("Er is niets gewijzigd") but the audit
    log said "v2 gewijzigd" with every setting."""
    url = policy_page(save_policy(TUBBERGEN_V1, municipality=tubbergen()))

    page = client.post(url, form_data(client, url), follow=True).content.decode()

    assert "Er is niets gewijzigd ten opzichte van versie 1" in page
    assert admin_entries() == []


def test_a_new_policy_version_is_described_against_the_version_it_replaces(
    client, functioneel_beheerder
):
    """QA: the entry compared against empty fields ("vanaf (dagen): leeg → 30") and left out
    the amount that did change; it names the new version and what differs from the old one."""
    first = save_policy(TUBBERGEN_V1, municipality=tubbergen())
    url = policy_page(first)

    client.post(url, form_data(client, url, minimum_amount="60,00"))

    second = PolicyVersion.objects.get(municipality=first.municipality, number=2)
    [entry] = admin_entries()
    assert entry.description == (
        "beleidsversie Beleid Tubbergen (0183) v2 toegevoegd, vervangt v1: "
        "Minimumbedrag (€): 50,00 → 60,00"
    )
    assert (entry.object_type, entry.object_id) == ("matching.policyversion", str(second.pk))
    assert entry.municipality_id == first.municipality_id


def test_saving_on_an_older_versions_page_is_described_against_the_newest_version(
    client, functioneel_beheerder
):
    first = save_policy(TUBBERGEN_V1, municipality=tubbergen())
    save_policy(TUBBERGEN_V1 | {"minimum_amount_cents": 7000}, municipality=first.municipality)
    url = policy_page(first)

    client.post(url, form_data(client, url, minimum_amount="80,00"))

    [entry] = admin_entries()
    assert entry.description == (
        "beleidsversie Beleid Tubbergen (0183) v3 toegevoegd, vervangt v2: "
        "Minimumbedrag (€): 70,00 → 80,00"
    )


def test_moving_removing_and_adding_werkbakjes_rules_is_described_rule_by_rule(
    client, functioneel_beheerder
):
    """QA: the tester's change (amount, 'Jongeren' first, 'Hoge bedragen' removed, 'Meervoudig'
    added), then the same page saved again unchanged: one entry, naming each of them."""
    first = save_policy(TUBBERGEN_V1, municipality=tubbergen())
    url = policy_page(first)
    changes = {"minimum_amount": "60,00", "regel-2-ORDER": "0", "regel-1-DELETE": "on"}

    client.post(url, form_data(client, url, **changes, **MEERVOUDIG_ROW))
    second = PolicyVersion.objects.get(municipality=first.municipality, number=2)
    client.post(policy_page(second), form_data(client, policy_page(second)))

    [entry] = admin_entries()
    assert entry.description == (
        "beleidsversie Beleid Tubbergen (0183) v2 toegevoegd, vervangt v1: "
        "Minimumbedrag (€): 50,00 → 60,00; "
        "Regel 2 'Hoge bedragen' verwijderd; "
        "Regel 'Meervoudig' toegevoegd op plaats 3; "
        "Regel 'Meervoudig', werkbakje: Huisbezoek; "
        "Regel 'Meervoudig', eerste contactsoort: Huisbezoek; "
        "Regel 'Meervoudig', termijn (dagen): 10; "
        "Regel 'Meervoudig', kenmerken: Meervoudig (meer signalen op het adres); "
        "Volgorde: Crisis, Hoge bedragen, Jongeren → Jongeren, Crisis, Meervoudig"
    )


@pytest.mark.django_db(databases="__all__")
def test_a_long_description_is_kept_whole_on_the_page_and_in_the_csv(client, functioneel_beheerder):
    """QA: the first version's entry broke off mid-word ("Per 30 dagen ouderdom ") at 300
    characters; the officer reads all of it, on the page and in the export."""
    first = save_policy(TUBBERGEN_V1, municipality=tubbergen())
    dinkelland = MunicipalityFactory(code="1774", name="Dinkelland")
    url = reverse("admin:matching_policyversion_add")
    shown = f"{url}?municipality={first.municipality_id}"  # Tubbergen's settings, for Dinkelland

    client.post(url, form_data(client, shown, municipality=str(dinkelland.pk)))

    [entry] = admin_entries()
    assert entry.description.startswith(
        "beleidsversie Beleid Dinkelland (1774) v1 toegevoegd: Minimumbedrag (€): 50,00; "
        "Eigen vensters per soort: ja; Venster Zorg: 30-90 dagen; Weging 'Crisissignaal': 50; "
    )
    assert entry.description.endswith(
        "Regel 'Jongeren' toegevoegd op plaats 3; Regel 'Jongeren', werkbakje: Jongeren; "
        "Regel 'Jongeren', eerste contactsoort: Telefoon; Regel 'Jongeren', termijn (dagen): 14; "
        "Regel 'Jongeren', leeftijd ten hoogste (jaren): 27"
    )
    assert len(entry.description) > 1000
    client.force_login(UserFactory(privacy_officer=True, municipality=dinkelland))
    page = client.get(reverse("privacy:audit_log"), {"handeling": "admin"}).content.decode()
    export = client.get(reverse("privacy:audit_export"), {"handeling": "admin"})
    assert escape(entry.description) in page
    assert entry.description in export.content.decode()
