"""The main menu has one order for every role (QA15 B13): Start, then the role's own work, then
Beheer, and the account links (second step, password) last. The project leader's Monitoring
stood after the account links."""

import re

import pytest
from django.urls import reverse

from tests.factories import CreditorFactory, MunicipalityFactory, RegionFactory, UserFactory

ACCOUNT_LINKS = ["Inloggen in twee stappen", "Wachtwoord wijzigen"]


def menu(client) -> list[str]:
    html = client.get(reverse("web:start")).content.decode()
    nav = html[html.index('aria-label="Hoofdmenu"') :]
    nav = nav[: nav.index("</nav>")]
    return re.findall(r'<a class="utrecht-link utrecht-nav-list__link"[^>]*>([^<]+)</a>', nav)


@pytest.mark.parametrize(
    ("role", "main_work"),
    [
        ("project_leader", ["Monitoring"]),
        ("intake", ["Werkbakjes", "Zoeken", "Brieven", "Matching"]),
        ("caseworker", ["Werkbakjes", "Zoeken", "Brieven"]),
        ("creditor_staff", ["Bestand aanleveren", "Mijn aanleveringen"]),
        ("administrator", ["Beheer"]),
    ],
)
def test_start_and_the_roles_own_work_come_before_the_account_links(client, db, role, main_work):
    region = RegionFactory()
    place = {
        "project_leader": {"region": region},
        "administrator": {"region": region},
        "creditor_staff": {"creditor": CreditorFactory()},
    }.get(role, {"municipality": MunicipalityFactory(region=region)})
    client.force_login(UserFactory(**{role: True}, **place))
    links = menu(client)
    assert links[0] == "Start"
    assert links[-2:] == ACCOUNT_LINKS
    assert links[1 : 1 + len(main_work)] == main_work
