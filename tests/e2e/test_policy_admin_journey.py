"""A functioneel beheerder sets a municipality's matching policy in the form, in the browser."""

import pytest
from playwright.sync_api import expect

from tests.factories import MunicipalityFactory, UserFactory
from vroegsignaal.demo.policy import TWENTE_POLICY
from vroegsignaal.matching.models import PolicyVersion
from vroegsignaal.matching.policies import effective_policy, save_policy

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_beheerder_overrides_one_setting_and_keeps_the_rest_of_the_region(
    page, login_as, assert_accessible
):
    enschede = MunicipalityFactory()
    save_policy(TWENTE_POLICY, region=enschede.region)
    login_as(page, UserFactory(administrator=True, is_superuser=True))

    page.goto(f"/admin/matching/policyversion/add/?municipality={enschede.pk}")
    expect(page.get_by_text("Leeg: de regio Twente, nu € 75,00.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Minimumbedrag (€)").fill("50,00")
    page.get_by_label("Crisissignaal altijd een go").select_option("nee")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("toegevoegd")
    version = PolicyVersion.objects.get(municipality=enschede)
    assert version.document == {"minimum_amount_cents": 5000, "crisis_always_go": False}
    policy, _ = effective_policy(enschede)
    assert (policy.minimum_amount_cents, policy.minimum_signals_for_go) == (5000, 2)

    page.goto(f"/admin/matching/policyversion/{version.pk}/change/")
    expect(page.get_by_text("nieuwe versie (2)")).to_be_visible()
