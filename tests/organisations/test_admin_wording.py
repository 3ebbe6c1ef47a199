"""QA14 B10: the beheeromgeving speaks the beheerder's words when a municipality or partner is
added: a partner's code is a 'korte code (letters, cijfers, -)' as organisaties-als-code.md
says, not a 'slug'; a postcode area of another municipality names that municipality; and the
municipality page points to the commands for the many areas a municipality has."""

import pytest
from django.urls import reverse
from tests.admin_forms import form_data
from tests.factories import MunicipalityFactory, PostcodeAreaFactory
from tests.page_text import page_text

from vroegsignaal.organisations.configuration import ConfigurationError, apply_document
from vroegsignaal.organisations.models import Creditor, Municipality

pytestmark = pytest.mark.django_db


def test_a_partner_code_with_spaces_is_refused_as_a_short_code_with_a_suggestion(
    client, functioneel_beheerder
):
    url = reverse("admin:organisations_creditor_add")
    data = form_data(
        client, url, code="Woonbedrijf Deventer", name="Woonbedrijf Deventer", partner_type="Huur"
    )

    text = " ".join(page_text(client.post(url, data)).split())

    assert (
        "Voer een korte code in (letters, cijfers, -), zonder spaties, bijvoorbeeld "
        "woonbedrijf-deventer." in text
    )
    assert "slug" not in text.lower()
    assert not Creditor.objects.exists()


def test_the_partner_code_field_says_what_a_code_is(client, functioneel_beheerder):
    text = page_text(client.get(reverse("admin:organisations_creditor_add")))

    assert "Korte code (letters, cijfers, -), bv. energie-oost" in " ".join(text.split())


def test_setup_organisations_refuses_a_partner_code_in_the_same_words():
    document = {"creditors": [{"code": "Woonbedrijf Deventer", "partner_type": "Huur"}]}

    with pytest.raises(ConfigurationError) as refused:
        apply_document(document)

    assert str(refused.value) == (
        "creditors[0].code: Voer een korte code in (letters, cijfers, -), zonder spaties, "
        "bijvoorbeeld woonbedrijf-deventer."
    )


def test_a_postcode_of_another_municipality_on_gemeente_toevoegen_names_that_municipality(
    client, functioneel_beheerder
):
    PostcodeAreaFactory(postcode="7511", municipality=MunicipalityFactory())  # Enschede 0153
    url = reverse("admin:organisations_municipality_add")
    data = form_data(
        client,
        url,
        code="0150",
        name="Deventer",
        inhabitants="101000",
        **{"postcode_areas-TOTAL_FORMS": "1", "postcode_areas-0-postcode": "7511"},
    )

    text = " ".join(page_text(client.post(url, data)).split())

    assert "7511 hoort al bij Enschede (0153)." in text
    assert "Er bestaat al een" not in text
    assert not Municipality.objects.filter(code="0150").exists()


def test_the_municipality_page_points_to_import_postcodes_for_many_areas(
    client, functioneel_beheerder
):
    text = " ".join(page_text(client.get(reverse("admin:organisations_municipality_add"))).split())

    assert "vroegsignaal import-postcodes" in text
    assert "organisaties-als-code.md" in text
