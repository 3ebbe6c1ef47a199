"""The API page for a vastelastenpartner's staff: how their collection system delivers signals
and fetches feedback, generated from the same OpenAPI schema the API serves, with their own keys."""

import pytest
from django.urls import reverse
from tests.factories import CreditorFactory, UserFactory, enschede_with_energy_agreement

from vroegsignaal.organisations.models import ApiKey
from vroegsignaal.organisations.services import create_api_key, revoke_api_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    creditor = enschede_with_energy_agreement()[1]
    user = UserFactory(creditor_staff=True, creditor=creditor)
    client.force_login(user)
    return user


def test_the_api_page_lists_every_operation_of_the_schema_in_dutch(client, staff):
    html = client.get(reverse("intake:api")).content.decode()

    for method, path, summary in (
        ("POST", "/api/v1/deliveries", "Signalen aanleveren"),
        ("GET", "/api/v1/deliveries", "Eigen aanleveringen"),
        ("GET", "/api/v1/feedback", "Vrijgegeven terugkoppeling"),
        ("GET", "/api/v1/heropaf-checks", "Openstaande heropafvragen"),
        ("POST", "/api/v1/heropaf-checks/{id}/answer", "Heropafvraag beantwoorden"),
    ):
        assert f'data-operation="{method} {path}"' in html and summary in html
    assert "Authorization: Api-Key" in html and reverse("api-schema") in html


def test_the_api_page_shows_the_creditors_own_keys_only(client, staff):
    create_api_key(staff.creditor, "Incassosysteem productie")
    old = create_api_key(staff.creditor, "Oud testsysteem")
    revoke_api_key(ApiKey.objects.get(prefix=old.split("_")[1]))
    create_api_key(CreditorFactory(code="ander", name="Ander"), "Van een ander")

    html = client.get(reverse("intake:api")).content.decode()

    assert "Incassosysteem productie" in html and "Oud testsysteem" in html
    assert "Van een ander" not in html
    assert "ingetrokken" in html.lower()


def test_only_creditor_staff_see_the_api_page(client):
    client.force_login(UserFactory(caseworker=True))
    assert client.get(reverse("intake:api")).status_code == 403


def test_the_menu_of_creditor_staff_links_to_the_api_page(client, staff):
    html = client.get(reverse("intake:upload")).content.decode()
    assert f'href="{reverse("intake:api")}"' in html


def test_every_operation_on_the_api_page_has_a_description(client, staff):
    html = client.get(reverse("intake:api")).content.decode()

    for part in html.split('<article class="api-operation"')[1:]:
        article = part.split("</article>")[0]
        assert article.count('<p class="utrecht-paragraph">') == 3, article[:80]


def test_response_descriptions_are_listed_without_a_full_stop_before_the_semicolon(client, staff):
    html = client.get(reverse("intake:api")).content.decode()

    assert ".; " not in html
    assert "<code>201</code> Aangemaakt; " in html
