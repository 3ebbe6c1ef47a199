"""A werkbakjes rule to a werkbakje that does not exist yet is saved, as documented (the matching
makes it), but the page warns that it will have no team, names a likely typo, and the werkbakje
fields offer the names that exist (QA finding 13)."""

import pytest
from tests.factories import MunicipalityFactory
from tests.matching.test_policy_admin import (  # noqa: F401 (admin_client: a fixture)
    admin_client,
    as_shown,
)

from vroegsignaal.casework.models import Queue
from vroegsignaal.demo.policy import TWENTE_POLICY
from vroegsignaal.matching.models import PolicyVersion
from vroegsignaal.matching.policies import save_policy

pytestmark = pytest.mark.django_db


def with_queues(municipality, *names):
    for name in names:
        Queue.objects.create(municipality=municipality, name=name)


def twente_queues() -> list[str]:
    rules = [*TWENTE_POLICY["routing_rules"], TWENTE_POLICY["default_route"]]
    return list(dict.fromkeys(rule["queue"] for rule in rules))


def saved_page(client, version, **changes):
    url = f"/admin/matching/policyversion/{version.pk}/change/"
    return client.post(url, as_shown(client.get(url)) | changes, follow=True)


def warnings(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == "warning"]


def test_a_rule_to_a_werkbakje_that_does_not_exist_is_saved_with_a_warning_naming_it(
    admin_client,  # noqa: F811 (the fixture imported above)
):
    enschede = MunicipalityFactory()
    with_queues(enschede, *twente_queues(), "Wijkteam Zuid")
    version = save_policy(TWENTE_POLICY, municipality=enschede)

    response = saved_page(admin_client, version, **{"regel-1-queue": "Wijkteam zuid"})

    assert PolicyVersion.objects.filter(municipality=enschede).count() == 2
    assert warnings(response) == [
        f"Werkbakje 'Wijkteam zuid' bestaat nog niet in {enschede.name} (bedoelt u "
        "'Wijkteam Zuid'?). De eerstvolgende matching maakt het aan zonder team, en dan ziet "
        "elke uitvoerder van de gemeente de meldingen erin. Is het een tikfout, verbeter dan de "
        "regel; is het nieuw, geef het werkbakje vooraf een team onder Casuïstiek → Werkbakjes."
    ]


def test_rules_to_werkbakjes_that_all_exist_give_no_warning(
    admin_client,  # noqa: F811 (the fixture imported above)
):
    enschede = MunicipalityFactory()
    with_queues(enschede, *twente_queues())
    version = save_policy(TWENTE_POLICY, municipality=enschede)

    response = saved_page(admin_client, version, minimum_amount="80,00")

    assert PolicyVersion.objects.filter(municipality=enschede).count() == 2
    assert warnings(response) == []


def test_a_regions_new_werkbakje_is_named_with_the_municipalities_that_lack_it(
    admin_client,  # noqa: F811 (the fixture imported above)
):
    enschede = MunicipalityFactory()
    hengelo = MunicipalityFactory(name="Hengelo", code="0164", region=enschede.region)
    for municipality in (enschede, hengelo):
        with_queues(municipality, *twente_queues())
    version = save_policy(TWENTE_POLICY, region=enschede.region)

    response = saved_page(admin_client, version, **{"regel-1-queue": "Schuldhulp"})

    assert warnings(response)[0].startswith(
        "Werkbakje 'Schuldhulp' bestaat nog niet in Enschede en Hengelo. De "
        "eerstvolgende matching maakt het aan zonder team"
    )


def test_the_werkbakje_fields_offer_the_werkbakjes_that_exist(
    admin_client,  # noqa: F811 (the fixture imported above)
):
    enschede = MunicipalityFactory()
    with_queues(enschede, "Wijkteam Zuid", "Crisis")
    # Another municipality's werkbakjes are not offered.
    with_queues(MunicipalityFactory(code="0164", name="Hengelo"), "Elders")

    page = admin_client.get(
        f"/admin/matching/policyversion/add/?municipality={enschede.pk}"
    ).content.decode()

    assert (
        '<datalist id="werkbakjes"><option value="Crisis"></option>'
        '<option value="Wijkteam Zuid"></option></datalist>'
    ) in page
    assert page.count('list="werkbakjes"') == 3 + 1  # the empty rule rows and the standaard
