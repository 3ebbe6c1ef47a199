"""Administrators edit the matching policy in a form; every save is a new, validated version."""

import json

import pytest
from django import forms
from tests.factories import DEMO_PASSWORD, MunicipalityFactory, UserFactory

from vroegsignaal.demo.policy import TWENTE_POLICY, ensure_demo_policies
from vroegsignaal.matching.engine.policy import Policy, Window
from vroegsignaal.matching.models import MatchingRun, PolicyVersion
from vroegsignaal.matching.policies import effective_policy, save_policy
from vroegsignaal.matching.routing_form import RULES_PREFIX, rule_rows

pytestmark = pytest.mark.django_db

ADD = "/admin/matching/policyversion/add/"
CHANGE = "/admin/matching/policyversion/{}/change/"
DISTRICT_RULE = {
    "name": "Wijk Centrum",
    "queue": "Wijkteam",
    "first_contact_channel": "Afspraak op locatie",
    "term_days": 10,
    "condition": {
        "flags": ["meervoudig", "warme_overdracht"],
        "min_amount_cents": 25050,
        "partner_types": ["Energie", "Huur"],
        "max_age": 30,
        "postcode_prefixes": ["7511", "7512AB"],
    },
}
NO_RULE_ROWS = {
    f"{RULES_PREFIX}-TOTAL_FORMS": "0",
    f"{RULES_PREFIX}-INITIAL_FORMS": "0",
}


@pytest.fixture
def admin_client(client):
    user = UserFactory(administrator=True, is_superuser=True)
    client.login(username=user.username, password=DEMO_PASSWORD)
    return client


def as_shown(response) -> dict:
    """What a browser submits for the admin form as the page shows it (nothing changed): its
    fields and the werkbakjes rules' rows."""
    form = response.context["adminform"].form
    data = {}
    for part in (form, form.routing.management_form, *form.routing.forms):
        for field in part:
            value = field.value()
            if isinstance(field.field, forms.BooleanField):
                if value:
                    data[field.html_name] = "on"
            elif isinstance(field.field, forms.MultipleChoiceField):
                data[field.html_name] = value or []  # no box ticked: nothing sent
            else:
                data[field.html_name] = "" if value is None else value
    return data


def post_policy(client, municipality, **fields):
    data = {"municipality": municipality.pk, "region": ""} | NO_RULE_ROWS | fields
    return client.post(ADD, data)


def errors(response) -> dict:
    return response.context["adminform"].form.errors


def document(owner) -> dict:
    return PolicyVersion.objects.filter(**owner).order_by("-number").first().document


def canonical(doc: dict, keys=None) -> dict:
    full = json.loads(Policy.from_dict(doc).to_json())
    return {k: full[k] for k in (doc if keys is None else keys)}


def test_saving_a_policy_twice_stores_two_versions(admin_client):
    enschede = MunicipalityFactory()
    post_policy(admin_client, enschede, minimum_amount="75,00")
    post_policy(admin_client, enschede, minimum_amount="€ 1.000")
    versions = list(PolicyVersion.objects.order_by("number").values_list("number", "document"))
    assert versions == [(1, {"minimum_amount_cents": 7500}), (2, {"minimum_amount_cents": 100000})]


def test_an_invalid_policy_is_refused_with_a_dutch_message_at_the_field(admin_client):
    response = post_policy(admin_client, MunicipalityFactory(), minimum_signals_for_go="0")
    assert response.status_code == 200 and not PolicyVersion.objects.exists()
    assert errors(response)["minimum_signals_for_go"] == [
        "Het minimum aantal signalen voor een go is ten minste 1."
    ]


def test_a_municipality_and_a_region_together_get_one_dutch_message(admin_client):
    """Not also the database constraint's own text ('Beperking ... is geschonden')."""
    enschede = MunicipalityFactory()
    response = post_policy(admin_client, enschede, region=enschede.region.pk)
    assert not PolicyVersion.objects.exists()
    assert errors(response) == {"region": ["Kies een gemeente óf een regio, niet allebei."]}
    assert "policy_for_municipality_xor_region" not in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"minimum_amount": "-5,00"},
            "minimum_amount",
            "Het minimumbedrag mag niet negatief zijn.",
        ),
        ({"minimum_amount": "75.50"}, "minimum_amount", "met een komma voor de centen"),
        (
            {"window_zorg_min": "100", "window_zorg_max": "30"},
            "window_zorg_min",
            "In het venster Zorg is 'vanaf' (100 dagen) groter dan 'tot en met' (30 dagen).",
        ),
        ({"default_window_min": "-1"}, "default_window_min", "geen negatieve dagen"),
        ({"repeat_months": "-1"}, "repeat_months", "herhaalde melding (maanden) mag niet negatief"),
        ({"weight_crisis": "60"}, "weight_extra_partner_type", "Vul alle wegingen in"),
        ({"route_name": "Post"}, "route_queue", "Vul alle velden van het standaardwerkbakje in"),
    ],
)
def test_bad_input_gives_a_dutch_error_at_its_field(admin_client, fields, field, message):
    response = post_policy(admin_client, MunicipalityFactory(), **fields)
    assert response.status_code == 200 and not PolicyVersion.objects.exists()
    assert message in " ".join(errors(response)[field])


def test_one_weight_filled_in_gives_one_dutch_message_for_the_group_and_no_python_error(
    admin_client,
):
    response = post_policy(admin_client, MunicipalityFactory(), weight_crisis="5")

    messages = [
        m for name, ms in errors(response).items() if name.startswith("weight_") for m in ms
    ]
    assert messages == [
        "Vul alle wegingen in, of laat ze allemaal leeg om ze over te nemen. Nog leeg: "
        "Per extra soort signaalpartner, Opeenvolgende melding, Per € 100 achterstand, "
        "Bedrag: ten hoogste, Huurachterstand, Per 30 dagen ouderdom van de achterstand, "
        "Ouderdom: ten hoogste, Jongvolwassene, Warme overdracht."
    ]
    page = response.content.decode()
    assert "verkeerde soort" not in page and "not supported" not in page


def test_a_partly_filled_standaardwerkbakje_gives_one_message_and_no_python_error(admin_client):
    response = post_policy(admin_client, MunicipalityFactory(), route_term_days="5")

    assert errors(response) == {
        "route_name": [
            "Vul alle velden van het standaardwerkbakje in, of laat ze allemaal leeg om ze over "
            "te nemen. Nog leeg: Standaardwerkbakje: naam, werkbakje, eerste contactsoort."
        ]
    }


def test_every_problem_is_reported_in_one_round_also_with_a_wrong_owner(admin_client):
    enschede = MunicipalityFactory()
    response = post_policy(
        admin_client,
        enschede,
        region=enschede.region.pk,
        window_energie_min="200",
        window_energie_max="100",
        minimum_signals_for_go="-1",
        repeat_months="-2",
        weight_crisis="5",
    )

    assert not PolicyVersion.objects.exists()
    assert set(errors(response)) == {
        "region",
        "window_energie_min",
        "minimum_signals_for_go",
        "repeat_months",
        "weight_extra_partner_type",
    }


def test_a_municipality_leaving_fields_empty_inherits_the_regions_values(admin_client):
    enschede = MunicipalityFactory()
    save_policy(TWENTE_POLICY, region=enschede.region)
    post_policy(admin_client, enschede, minimum_signals_for_go="1", weight_crisis="")

    assert document({"municipality": enschede}) == {"minimum_signals_for_go": 1}
    policy, _ = effective_policy(enschede)
    assert policy.minimum_amount_cents == 7500  # the region's
    assert policy.routing_rules[0].name == "Crisis"
    assert policy.minimum_signals_for_go == 1


def test_geen_sets_no_minimum_over_the_regions_minimum(admin_client):
    enschede = MunicipalityFactory()
    save_policy(TWENTE_POLICY, region=enschede.region)
    post_policy(admin_client, enschede, minimum_amount="geen")

    assert document({"municipality": enschede}) == {"minimum_amount_cents": None}
    assert effective_policy(enschede)[0].minimum_amount_cents is None


def test_windows_weights_and_routes_are_stored_as_the_engine_reads_them(admin_client):
    enschede = MunicipalityFactory()
    weights = {f"weight_{k}": "1" for k in vars(Policy().weights)}
    post_policy(
        admin_client,
        enschede,
        window_energie_min="60",
        window_huur_own="on",
        route_name="Post",
        route_queue="Post",
        route_first_contact_channel="Brief",
        route_term_days="10",
        crisis_always_go="nee",
        **weights,
    )

    policy = Policy.from_dict(document({"municipality": enschede}))
    assert dict(policy.windows) == {
        "Energie": Window(60, None),
        "Huur": Window(None, None),
    }
    assert set(vars(policy.weights).values()) == {1}
    assert (policy.default_route.queue, policy.default_route.term_days) == ("Post", 10)
    assert policy.crisis_always_go is False


def test_ticking_own_windows_without_any_sets_none_over_the_region(admin_client):
    enschede = MunicipalityFactory()
    save_policy(
        TWENTE_POLICY | {"windows": {"Zorg": {"min_days": 1, "max_days": 2}}},
        region=enschede.region,
    )
    post_policy(admin_client, enschede, windows_own="on")
    assert document({"municipality": enschede}) == {"windows": {}}


@pytest.mark.parametrize("owner_of_twente", ["region", "none"])
def test_the_add_form_submitted_unchanged_keeps_only_the_regions_own_settings(
    admin_client, owner_of_twente
):
    """A setting the region leaves to the default stays left to it: stored, it would stop
    following the default when that changes."""
    region = MunicipalityFactory().region
    if owner_of_twente == "region":
        save_policy(TWENTE_POLICY, region=region)
    shown = as_shown(admin_client.get(f"{ADD}?region={region.pk}"))
    assert shown["region"] == str(region.pk)

    admin_client.post(ADD, shown)

    expected = TWENTE_POLICY if owner_of_twente == "region" else {}
    # The same policy as the region's version (if any): nothing new to store.
    assert canonical(document({"region": region})) == canonical(expected)


def test_the_add_form_without_an_owner_leaves_every_setting_to_the_defaults(admin_client):
    region = MunicipalityFactory().region
    shown = as_shown(admin_client.get(ADD))
    admin_client.post(ADD, shown | {"region": region.pk})
    assert document({"region": region}) == {}
    assert Policy.from_dict(document({"region": region})) == Policy()


def test_a_regions_version_saved_unchanged_keeps_the_settings_it_left_to_the_defaults(
    admin_client,
):
    region = MunicipalityFactory().region
    first = save_policy({"minimum_signals_for_go": 2, "minimum_amount_cents": 7500}, region=region)
    save_policy({"minimum_signals_for_go": 3}, region=region)  # the newest differs

    admin_client.post(CHANGE.format(first.pk), as_shown(admin_client.get(CHANGE.format(first.pk))))

    assert document({"region": region}) == {
        "minimum_signals_for_go": 2,
        "minimum_amount_cents": 7500,
    }


@pytest.mark.parametrize(
    "own",
    [
        {"minimum_signals_for_go": 1},  # the demo's Enschede
        TWENTE_POLICY,
        {"windows": {}, "default_window": {"min_days": 10, "max_days": None}},
        {"minimum_amount_cents": None, "crisis_always_go": False, "weights": {"crisis": 70}},
        {"routing_rules": []},  # own rules: none, so not the region's either
        {"routing_rules": [DISTRICT_RULE, TWENTE_POLICY["routing_rules"][0]]},
    ],
)
def test_a_municipality_form_submitted_unchanged_keeps_only_its_own_settings(admin_client, own):
    enschede = MunicipalityFactory()
    ensure_demo_policies(enschede.region)
    own_version = save_policy(own, municipality=enschede)
    before, _ = effective_policy(enschede)

    response = admin_client.get(f"{ADD}?municipality={enschede.pk}")
    admin_client.post(ADD, as_shown(response))

    # The same policy as the municipality's version: nothing new stored.
    assert PolicyVersion.objects.filter(municipality=enschede).latest("number") == own_version
    assert canonical(document({"municipality": enschede})) == canonical(own)
    assert effective_policy(enschede)[0] == before


def test_the_municipality_form_shows_what_an_empty_field_takes_from_the_region(admin_client):
    enschede = MunicipalityFactory()
    ensure_demo_policies(enschede.region)
    page = admin_client.get(f"{ADD}?municipality={enschede.pk}").content.decode()
    assert "Leeg: de regio Twente, nu € 75,00." in page
    assert (
        "Overnemen: de regio Twente, nu Crisis, Meervoudig, Opeenvolgend, Hoog bedrag, Jongeren."
        in page
    )


def test_saving_on_a_versions_page_stores_a_new_version_and_keeps_the_history(admin_client):
    enschede = MunicipalityFactory()
    save_policy(TWENTE_POLICY, region=enschede.region)
    first = save_policy({"minimum_amount_cents": 5000}, municipality=enschede)
    url = f"/admin/matching/policyversion/{first.pk}/change/"
    response = admin_client.get(url)
    page = response.content.decode()
    assert "nieuwe versie (2)" in page and "Versiegeschiedenis" in page

    saved = admin_client.post(url, as_shown(response) | {"minimum_amount": "60,00"}, follow=True)

    versions = list(PolicyVersion.objects.filter(municipality=enschede).order_by("number"))
    assert [(v.number, v.document) for v in versions] == [
        (1, {"minimum_amount_cents": 5000}),
        (2, {"minimum_amount_cents": 6000}),
    ]
    assert "toegevoegd" in saved.content.decode()
    assert MatchingRun.objects.count() == 0


def test_the_werkbakjes_section_shows_a_fieldset_per_rule_and_empty_rows_folded(admin_client):
    enschede = MunicipalityFactory()
    version = save_policy(TWENTE_POLICY, region=enschede.region)
    page = admin_client.get(f"/admin/matching/policyversion/{version.pk}/change/").content.decode()

    headings = [
        "Werkbakjes</h2>",
        *(f">Regel {n}</h3>" for n in range(1, 6)),
        "<details><summary>",
        ">Regel 6 (nieuw)</h3>",
        ">Regel 8 (nieuw)</h3>",
        "Standaardwerkbakje</h2>",
    ]
    positions = [page.find(heading) for heading in headings]
    assert -1 not in positions and positions == sorted(positions)
    assert 'value="Jongeren"' in page and 'value="1.000,00"' in page


def test_a_rule_added_in_an_empty_row_is_saved_where_volgorde_puts_it(admin_client):
    enschede = MunicipalityFactory()
    version = save_policy(TWENTE_POLICY, region=enschede.region)
    url = f"/admin/matching/policyversion/{version.pk}/change/"
    # The first empty row (the sixth) filled in as the page would show the rule, put first.
    row = rule_rows([DISTRICT_RULE])[0] | {"ORDER": "0"}
    new_row = {f"{RULES_PREFIX}-5-{name}": value for name, value in row.items()}

    delete_fifth = {f"{RULES_PREFIX}-4-DELETE": "on"}
    admin_client.post(url, as_shown(admin_client.get(url)) | new_row | delete_fifth)

    rules = document({"region": enschede.region})["routing_rules"]
    assert rules[0] == DISTRICT_RULE
    assert [rule["name"] for rule in rules] == [
        "Wijk Centrum",
        "Crisis",
        "Meervoudig",
        "Opeenvolgend",
        "Hoog bedrag",
    ]


def test_the_summary_says_fouten_above_several_messages_and_fout_above_one(admin_client):
    """Django counted the top of the form as one error, and every rule's message stands there:
    "Corrigeer de onderstaande fout." stood above three."""
    enschede = MunicipalityFactory()
    version = save_policy(TWENTE_POLICY, region=enschede.region)
    url = f"/admin/matching/policyversion/{version.pk}/change/"
    shown = as_shown(admin_client.get(url))

    several = admin_client.post(
        url, shown | {"regel-1-term_days": "0", "regel-1-queue": "", "regel-1-name": ""}
    )
    one = admin_client.post(url, shown | {"regel-1-term_days": "0"})

    assert "Corrigeer de onderstaande fouten." in several.content.decode()
    assert "onderstaande fout." not in several.content.decode()
    assert "Corrigeer de onderstaande fout." in one.content.decode()


def test_a_bad_rule_is_named_at_the_top_and_shown_at_the_rule(admin_client):
    enschede = MunicipalityFactory()
    version = save_policy(TWENTE_POLICY, region=enschede.region)
    url = f"/admin/matching/policyversion/{version.pk}/change/"

    response = admin_client.post(url, as_shown(admin_client.get(url)) | {"regel-1-term_days": "0"})

    assert PolicyVersion.objects.count() == 1
    page = response.content.decode()
    message = "De termijn in werkbakjesregel &#x27;Meervoudig&#x27; is ten minste 1 dag."
    summary = page.find(f"Regel 2, termijn (dagen): {message}")
    at_field = page.rfind(message)
    assert -1 < summary < page.find("Werkbakjes</h2>") < page.find(">Regel 2</h3>") < at_field
    assert at_field < page.find(">Regel 3</h3>")  # in rule 2's block, at its field


def test_an_older_versions_page_names_the_next_number_and_says_which_version_applies(
    admin_client,
):
    """The history is a grouped query (runs per version): it must still come newest first."""
    region = MunicipalityFactory().region
    first = save_policy({"minimum_signals_for_go": 2}, region=region)
    newest = save_policy({"minimum_signals_for_go": 3}, region=region)
    save_policy({"minimum_signals_for_go": 1}, municipality=MunicipalityFactory())

    old_page = admin_client.get(CHANGE.format(first.pk)).content.decode()
    newest_page = admin_client.get(CHANGE.format(newest.pk)).content.decode()

    assert "nieuwe versie (3)" in old_page and 'data-testid="oude-versie"' in old_page
    assert "dat is <a" in old_page and "versie 2</a>" in old_page
    assert "nieuwe versie (3)" in newest_page and 'data-testid="oude-versie"' not in newest_page


def test_saving_what_already_applies_stores_no_new_version_and_says_so(admin_client):
    region = MunicipalityFactory().region
    version = save_policy({"minimum_signals_for_go": 2}, region=region)

    response = admin_client.post(
        CHANGE.format(version.pk),
        as_shown(admin_client.get(CHANGE.format(version.pk))),
        follow=True,
    )

    assert PolicyVersion.objects.filter(region=region).count() == 1
    assert "Er is niets gewijzigd ten opzichte van versie 1" in response.content.decode()


def test_a_scripts_version_saved_unchanged_on_its_page_stores_no_new_version(admin_client):
    """QA: the demo's policy leaves out what the form writes (a rule's empty condition parts);
    the same policy saved unchanged is no new version (and no change in the audit log)."""
    region = MunicipalityFactory().region
    version = save_policy(TWENTE_POLICY, region=region)
    url = CHANGE.format(version.pk)

    response = admin_client.post(url, as_shown(admin_client.get(url)), follow=True)

    assert PolicyVersion.objects.filter(region=region).count() == 1
    assert "Er is niets gewijzigd ten opzichte van versie 1" in response.content.decode()


def test_save_if_changed_stores_a_version_only_when_the_document_differs():
    from vroegsignaal.matching.policies import save_if_changed

    region = MunicipalityFactory().region
    first, new = save_if_changed({"minimum_signals_for_go": 2}, region=region)
    same, again = save_if_changed({"minimum_signals_for_go": 2}, region=region)
    second, changed = save_if_changed({"minimum_signals_for_go": 3}, region=region)

    assert (new, again, changed) == (True, False, True)
    assert same == first and second.number == 2


def test_the_add_form_says_each_explanation_of_voor_wie_once(admin_client):
    """Rule: the intro says that saving makes a new version; the 'Voor wie' block says what an
    empty field means; neither is repeated (not in the block, not between Gemeente and Regio)."""
    page = admin_client.get(ADD).content.decode()

    assert page.count("eerdere versies en de matchingsruns die ze gebruikten") == 1
    assert page.count("de standaardwaarde") == 1
    assert "Leeg laten van een instelling" not in page


def test_choosing_a_municipality_beside_the_region_on_a_versions_page_gives_the_message(
    admin_client,
):
    """QA: on an existing version's page, Gemeente = Borne with Regio Twente left gave a 500 (the
    history was looked up for the owner just typed, which has no versions)."""
    borne = MunicipalityFactory(code="0147", name="Borne")
    version = save_policy(TWENTE_POLICY, region=borne.region)
    url = CHANGE.format(version.pk)

    response = admin_client.post(url, as_shown(admin_client.get(url)) | {"municipality": borne.pk})

    assert response.status_code == 200
    assert errors(response) == {"region": ["Kies een gemeente óf een regio, niet allebei."]}
    assert "nieuwe versie (2)" in response.content.decode()
    assert PolicyVersion.objects.count() == 1


def test_another_owner_and_a_bad_value_on_a_versions_page_give_the_form_back(admin_client):
    """QA: Gemeente = Hengelo, Regio emptied, Minimumbedrag 'vijftig': the form with its
    message, the history still the one of the version on the page."""
    hengelo = MunicipalityFactory(code="0164", name="Hengelo")
    version = save_policy(TWENTE_POLICY, region=hengelo.region)
    url = CHANGE.format(version.pk)
    shown = as_shown(admin_client.get(url))

    response = admin_client.post(
        url, shown | {"municipality": hengelo.pk, "region": "", "minimum_amount": "vijftig"}
    )

    assert response.status_code == 200
    assert list(errors(response)) == ["minimum_amount"]
    page = response.content.decode()
    assert f"Versiegeschiedenis van {hengelo.region}" in page and "1 (deze)" in page
    assert 'value="vijftig"' in page  # what was typed stays
    assert PolicyVersion.objects.count() == 1


def test_another_owner_on_a_versions_page_saves_a_first_version_for_it(admin_client):
    hengelo = MunicipalityFactory(code="0164", name="Hengelo")
    version = save_policy(TWENTE_POLICY, region=hengelo.region)
    url = CHANGE.format(version.pk)

    admin_client.post(url, as_shown(admin_client.get(url)) | {"municipality": hengelo.pk,
                                                               "region": ""})  # fmt: skip

    assert PolicyVersion.objects.get(municipality=hengelo).number == 1
    assert PolicyVersion.objects.get(pk=version.pk).region == hengelo.region  # unchanged


def test_matching_runs_are_read_only_in_the_admin(admin_client):
    """A run is the evidence of which policy version a month used: no delete, no change."""
    enschede = MunicipalityFactory()
    version = save_policy(TWENTE_POLICY, region=enschede.region)
    run = MatchingRun.objects.create(
        municipality=enschede, period_start="2026-10-01", policy_version=version
    )
    changelist = "/admin/matching/matchingrun/"

    listing = admin_client.get(changelist)
    deleted = admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [run.pk], "post": "yes"}
    )
    delete_page = admin_client.get(f"{changelist}{run.pk}/delete/")
    change_page = admin_client.get(f"{changelist}{run.pk}/change/")

    assert listing.status_code == 200
    assert "delete_selected" not in listing.content.decode()
    assert deleted.status_code in (200, 302) and delete_page.status_code == 403
    assert MatchingRun.objects.filter(pk=run.pk).exists()
    assert change_page.status_code == 200
    assert 'name="_save"' not in change_page.content.decode()


def test_every_error_stands_in_the_summary_at_the_top_naming_its_field_with_a_link(
    admin_client,
):
    """QA10 B9: the top listed only the rule's message; the minimum amount's stood at its
    field only, screens away on a long page."""
    enschede = MunicipalityFactory()
    version = save_policy(TWENTE_POLICY, region=enschede.region)
    url = f"/admin/matching/policyversion/{version.pk}/change/"
    shown = as_shown(admin_client.get(url))

    page = admin_client.post(
        url, shown | {"minimum_amount": "75 euro", "regel-1-term_days": "0"}
    ).content.decode()

    summary = page[: page.find("<fieldset")]
    assert "Corrigeer de onderstaande fouten." in summary
    assert '<a href="#id_minimum_amount">Minimumbedrag (€)</a>: Geef het minimumbedrag' in summary
    assert "Regel 2, termijn (dagen): De termijn in werkbakjesregel" in summary
    assert page.count("Corrigeer de onderstaande") == 1
