"""Every number of a policy has an upper bound: a typo with a few zeros too many is refused in the
form with the field named, and a version stored before the bounds existed says on the matching
page which policy is invalid instead of failing every run without a cause (QA finding 1)."""

import datetime as dt

import pytest
from tests.factories import (
    DEMO_PASSWORD,
    MunicipalityFactory,
    UserFactory,
    enschede_with_energy_agreement,
)
from tests.matching.test_match_period import record
from tests.matching.test_policy_admin import (  # noqa: F401 (admin_client: a fixture)
    admin_client,
    as_shown,
    errors,
    post_policy,
)
from tests.matching.test_policy_routing_form import CRISIS, own, rule_errors, submitted

from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.engine.policy import Policy
from vroegsignaal.matching.models import MatchingRun, PolicyVersion
from vroegsignaal.matching.policies import effective_policy

pytestmark = pytest.mark.django_db

ABSURD = "99999999999999999999"
ALL_WEIGHTS = {f"weight_{name}": "10" for name in vars(Policy().weights)}


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            ALL_WEIGHTS | {"weight_crisis": ABSURD},
            "weight_crisis",
            "Weging 'Crisissignaal' mag hoogstens 1.000 zijn.",
        ),
        (
            {"minimum_amount": f"{ABSURD},00"},
            "minimum_amount",
            "Het minimumbedrag mag hoogstens € 1.000.000,00 zijn.",
        ),
        (
            {"minimum_signals_for_go": ABSURD},
            "minimum_signals_for_go",
            "Het minimum aantal signalen voor een go is hoogstens 100.",
        ),
        (
            {"repeat_months": "600"},
            "repeat_months",
            "De termijn voor een herhaalde melding (maanden) mag hoogstens 60 zijn.",
        ),
        (
            {"window_energie_max": ABSURD},
            "window_energie_min",
            "In het venster Energie mag 'tot en met' hoogstens 3.650 dagen zijn.",
        ),
        (
            {
                "route_name": "Post",
                "route_queue": "Post",
                "route_first_contact_channel": "Brief",
                "route_term_days": ABSURD,
            },
            "route_term_days",
            "De termijn in werkbakjesregel 'Post' is hoogstens 365 dagen.",
        ),
    ],
)
def test_an_absurd_number_in_the_policy_form_is_refused_naming_its_field(
    admin_client,  # noqa: F811 (the fixture imported above)
    fields,
    field,
    message,
):
    response = post_policy(admin_client, MunicipalityFactory(), **fields)

    assert response.status_code == 200 and not PolicyVersion.objects.exists()
    assert errors(response)[field] == [message]


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (
            {"term_days": ABSURD},
            "term_days",
            "De termijn in werkbakjesregel 'Crisis' is hoogstens 365 dagen.",
        ),
        (
            {"min_amount": f"{ABSURD},00"},
            "min_amount",
            "Het minimumbedrag in werkbakjesregel 'Crisis' mag hoogstens € 1.000.000,00 zijn.",
        ),
        (
            {"max_age": "1000"},
            "max_age",
            "De maximumleeftijd in werkbakjesregel 'Crisis' mag hoogstens 120 jaar zijn.",
        ),
    ],
)
def test_an_absurd_number_in_a_rule_is_refused_at_its_field(row, field, message):
    form = submitted(own(MunicipalityFactory()), CRISIS | row)

    assert not form.is_valid()
    assert rule_errors(form, 1)[field] == [message]


def stored_before_the_bounds(municipality, document) -> PolicyVersion:
    """A version as an earlier release stored it: the form then took any number."""
    return PolicyVersion.objects.create(municipality=municipality, number=1, document=document)


def test_a_stored_version_with_an_absurd_weight_fails_the_run_naming_the_policy_and_the_field(
    client, django_capture_on_commit_callbacks
):
    municipality, energy = enschede_with_energy_agreement()
    weights = dict.fromkeys(vars(Policy().weights), 10) | {"crisis": int(ABSURD)}
    stored_before_the_bounds(municipality, {"weights": weights})
    ingest_records(energy, [record("E1", "2026-10-02")], today=dt.date(2026, 11, 25))
    user = UserFactory(intake=True, municipality=municipality)
    assert client.login(username=user.username, password=DEMO_PASSWORD)

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/matching/", {"period": "2026-10"})

    run = MatchingRun.objects.get()
    assert run.failure == (
        f"Het beleid ({municipality.name} v1) is ongeldig; een functioneel beheerder slaat in "
        "Beheer → Matching → Beleidsversies een verbeterde versie op. "
        "Weging 'Crisissignaal' mag hoogstens 1.000 zijn."
    )
    page = client.get("/matching/").content.decode()
    assert "is mislukt: Het beleid" in page and "Er ging iets mis" not in page
    assert not Melding.objects.exists()


def test_a_stored_version_with_an_absurd_value_opens_in_the_form_and_a_correction_replaces_it(
    admin_client,  # noqa: F811 (the fixture imported above)
):
    enschede = MunicipalityFactory()
    version = stored_before_the_bounds(
        enschede, {"minimum_amount_cents": 10**22, "repeat_months": 3}
    )
    url = f"/admin/matching/policyversion/{version.pk}/change/"
    shown = admin_client.get(url)
    assert shown.status_code == 200
    assert as_shown(shown)["minimum_amount"] == "100.000.000.000.000.000.000,00"
    add = admin_client.get(f"/admin/matching/policyversion/add/?municipality={enschede.pk}")
    assert add.status_code == 200

    refused = admin_client.post(url, as_shown(shown))
    assert errors(refused)["minimum_amount"] == [
        "Het minimumbedrag mag hoogstens € 1.000.000,00 zijn."
    ]

    admin_client.post(url, as_shown(shown) | {"minimum_amount": "75,00"})
    assert effective_policy(enschede)[0].minimum_amount_cents == 7500
