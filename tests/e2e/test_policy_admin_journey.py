"""A functioneel beheerder sets a municipality's matching policy in the form, in the browser."""

import pytest
from playwright.sync_api import expect

from tests.e2e.navigation import follow
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


def test_beheerder_adds_a_werkbakjes_rule_in_front_of_the_regions_rules(
    page, login_as, assert_accessible
):
    enschede = MunicipalityFactory()
    save_policy(TWENTE_POLICY, region=enschede.region)
    login_as(page, UserFactory(administrator=True, is_superuser=True))

    page.goto("/admin/matching/policyversion/")
    follow(page.get_by_role("link", name=f"Beleid {enschede.region} v1"))
    expect(page.get_by_role("group", name="Regel 5").get_by_label("Naam")).to_have_value("Jongeren")
    new = page.get_by_role("group", name="Regel 6 (nieuw)")
    new.get_by_text("Regel 6 (nieuw)").click()  # an empty row starts folded
    new.get_by_label("Naam").fill("Wijk Centrum")
    new.get_by_label("Werkbakje").fill("Wijkteam")
    new.get_by_label("Eerste contactsoort").select_option("Afspraak op locatie")
    new.get_by_label("Termijn (dagen)").fill("0")
    new.get_by_label("Meervoudig (meer signalen op het adres)").check()
    new.get_by_label("Huur", exact=True).check()
    new.get_by_label("Minimaal totaalbedrag (€)").fill("250,50")
    new.get_by_label("Postcodegebieden").fill("7511, 7512 ab")
    new.get_by_label("Volgorde").fill("0")
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan", exact=True).click()

    message = "De termijn in werkbakjesregel 'Wijk Centrum' is ten minste 1 dag."
    expect(page.get_by_role("group", name="Regel 6")).to_contain_text(message)  # at the field
    expect(page.locator(".errornote, .errorlist").first).to_be_visible()
    expect(page.get_by_text(f"Regel 6, termijn (dagen): {message}")).to_be_visible()
    assert PolicyVersion.objects.count() == 1
    page.get_by_role("group", name="Regel 6").get_by_label("Termijn (dagen)").fill("10")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("toegevoegd")
    rules = PolicyVersion.objects.get(region=enschede.region, number=2).document["routing_rules"]
    assert [rule["name"] for rule in rules] == [
        "Wijk Centrum",
        "Crisis",
        "Meervoudig",
        "Opeenvolgend",
        "Hoog bedrag",
        "Jongeren",
    ]
    assert rules[0]["condition"] == {
        "flags": ["meervoudig"],
        "min_amount_cents": 25050,
        "partner_types": ["Huur"],
        "max_age": None,
        "postcode_prefixes": ["7511", "7512AB"],
    }
    follow(page.locator("#result_list").get_by_role("link", name=f"Beleid {enschede.region} v2"))
    first = page.get_by_role("group", name="Regel 1", exact=True)
    expect(first.get_by_label("Naam")).to_have_value("Wijk Centrum")
    expect(first.get_by_label("Postcodegebieden")).to_have_value("7511, 7512AB")
