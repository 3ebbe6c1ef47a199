"""Every form in the beheeromgeving lists every message at the top, each naming its field with a
link to it, also the rows of an inline table: Django's own summary said only "Corrigeer de
onderstaande fout." above the form's own messages, and a field's message stood at its field,
screens away (QA10 B9, QA11 finding 4)."""

import pytest
from django.urls import reverse

from tests.admin_forms import form_data
from tests.factories import MunicipalityFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_the_uitvoeringsnormen_form_names_each_error_at_the_top_with_a_link(
    client, functioneel_beheerder
):
    maastricht = MunicipalityFactory(code="0935", name="Maastricht")
    url = reverse("admin:casework_caseworkpolicy_add")
    data = form_data(client, url, municipality=str(maastricht.pk), **{
        "no_contact_after_attempts": "0",
        "closed_days-0-day": "14-02-2026",  # a Saturday
        "closed_days-0-description": "Carnaval",
    })  # fmt: skip

    page = client.post(url, data).content.decode()

    top = page[page.index('id="foutsamenvatting"') : page.index("<fieldset")]
    assert "Corrigeer de onderstaande fouten." in page_text(top)
    assert (
        '<a href="#id_no_contact_after_attempts">Voorstel geen contact na pogingen</a>: '
        "Vul minstens 1 poging in"
    ) in top
    assert (
        '<a href="#id_closed_days-0-day">Extra gesloten dagen, regel 1, datum</a>: '
        "14-02-2026 valt in het weekend en is al geen werkdag."
    ) in top
    assert page.count("Corrigeer de onderstaande") == 1
    assert "<title>Fout:" in page


def test_a_form_without_errors_has_no_summary(client, functioneel_beheerder):
    page = client.get(reverse("admin:casework_caseworkpolicy_add")).content.decode()
    assert "foutsamenvatting" not in page and "Corrigeer de onderstaande" not in page
