"""Who may open which page: anonymous users log in first, other roles get 403, other creditors 404."""

import re

import pytest
from django.urls import reverse

from tests.factories import CreditorFactory, UserFactory
from tests.web.delivery_files import valid_rows
from vroegsignaal.intake.models import Delivery

CREDITOR_PAGES = ["intake:upload", "intake:deliveries"]
DELIVERY_PAGES = ["intake:delivery", "intake:delivery_rejected_csv", "intake:delivery_signals"]
OTHER_ROLES = ["intake", "caseworker", "project_leader", "administrator", "privacy_officer"]


@pytest.fixture
def delivery(creditor_client, upload):
    upload(creditor_client, valid_rows())
    return Delivery.objects.get()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["web:start", *CREDITOR_PAGES])
def test_anonymous_user_is_sent_to_the_login_page_and_back(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:login')}?next={reverse(name)}"


@pytest.mark.parametrize("name", DELIVERY_PAGES)
def test_anonymous_user_cannot_open_a_delivery_report(client, delivery, name):
    client.logout()
    response = client.get(reverse(name, args=[delivery.pk]))
    assert response.status_code == 302 and reverse("web:login") in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", OTHER_ROLES)
@pytest.mark.parametrize("name", CREDITOR_PAGES)
def test_only_creditor_staff_may_use_the_creditor_pages(client, role, name):
    client.force_login(UserFactory(**{role: True}))
    response = client.get(reverse(name))
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


@pytest.mark.parametrize("role", OTHER_ROLES)
@pytest.mark.parametrize("name", DELIVERY_PAGES)
def test_municipal_roles_cannot_open_a_creditors_delivery(client, delivery, role, name):
    client.force_login(UserFactory(**{role: True}))
    assert client.get(reverse(name, args=[delivery.pk])).status_code == 403


@pytest.mark.parametrize("name", DELIVERY_PAGES)
def test_another_creditors_staff_get_not_found_for_a_delivery(client, delivery, name):
    water = CreditorFactory(code="water-twente", name="Water Twente", partner_type="Water")
    client.force_login(UserFactory(creditor_staff=True, creditor=water))
    response = client.get(reverse(name, args=[delivery.pk]))
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.django_db
def test_creditor_staff_without_a_creditor_get_no_access(client):
    client.force_login(UserFactory(role="creditor_staff", creditor=None))
    assert client.get(reverse("intake:upload")).status_code == 403


@pytest.mark.django_db
def test_login_with_the_right_password_leads_to_the_start_page(client):
    user = UserFactory(caseworker=True)
    response = client.post(
        reverse("web:login"), {"username": user.username, "password": "Vroeg-Signaal-2026"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("web:start")


def test_the_login_fields_are_marked_required_as_the_form_requires_them(client):
    """web/field.html marks a field required only when its form does (the audit log's
    optional search fields are not); both login fields are."""
    page = client.get(reverse("web:login")).content.decode()

    for name in ("username", "password"):
        assert re.search(rf'<input\b[^>]*name="{name}"[^>]*\srequired\b', page, re.S), name


@pytest.mark.django_db
def test_login_with_a_wrong_password_explains_in_dutch_and_logs_nobody_in(client):
    user = UserFactory(caseworker=True)
    response = client.post(reverse("web:login"), {"username": user.username, "password": "fout"})
    page = response.content.decode()
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in page
    assert 'role="alert"' in page


@pytest.mark.django_db
def test_logout_is_a_post_and_ends_the_session(client):
    client.force_login(UserFactory(caseworker=True))
    response = client.post(reverse("web:logout"))
    assert response.status_code == 302 and "_auth_user_id" not in client.session
