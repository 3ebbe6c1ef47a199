"""Every URL of the project against the access policy, for every role and for anonymous visitors.

The table EXPECTED says, per URL name, which roles may use it and which object its id points at.
A URL name missing from the table fails `test_every_url_has_an_expected_outcome`, so a new page
cannot be mounted without deciding who may see it. For URLs with an object id, the allowed roles
are also sent to another organisation's object, which must answer 404.

Outcomes: "login" = redirected to the log-in page; "denied" = 403 (401 for the API);
"hidden" = 404; "wrong method" = 405 (the table names the method); "allowed" = anything else
below 500.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.casework.factories import DeliveryFactory, MeldingFactory
from tests.factories import (
    CreditorFactory,
    MunicipalityFactory,
    RegionFactory,
    UserFactory,
)
from vroegsignaal.ddas import Signaalpartner

ANONYMOUS = "anonymous"
ROLES = [
    "creditor_staff",
    "intake",
    "caseworker",
    "project_leader",
    "administrator",
    "privacy_officer",
]
CREDITOR = {"creditor_staff"}
CASEWORK = {"intake", "caseworker"}
MONITORING = {"intake", "project_leader"}
INTAKE = {"intake"}
PRIVACY = {"privacy_officer"}
EVERY_ROLE = set(ROLES)


@dataclass(frozen=True)
class Expected:
    """Who may use a URL.

    `obj`: the kind of object its `pk` points at ("" = none); `kwargs`: other URL arguments;
    `missing`: the sample arguments name nothing, so allowed roles get 404 (still not 403);
    `public`: everyone, also anonymous, gets `public_outcome`.
    """

    roles: set[str]
    obj: str = ""
    method: str = "get"
    kwargs: tuple = ()
    missing: bool = False
    public: bool = False
    public_outcome: str = "allowed"
    api: bool = False


EXPECTED: dict[str, Expected] = {
    # Front door and log-in
    "web:start": Expected(EVERY_ROLE),
    "web:login": Expected(EVERY_ROLE, public=True),
    "web:logout": Expected(EVERY_ROLE, method="post", public=True, public_outcome="login"),
    "web:otp_verify": Expected(EVERY_ROLE),
    "web:otp_setup": Expected(EVERY_ROLE),
    "web:password_change": Expected(EVERY_ROLE),
    "web:extend_session": Expected(EVERY_ROLE, method="post"),
    "web:password_reset": Expected(EVERY_ROLE, public=True),
    "web:password_reset_sent": Expected(EVERY_ROLE, public=True),
    # A link with a wrong token shows "deze link werkt niet meer" to anyone.
    "web:password_reset_confirm": Expected(
        EVERY_ROLE, kwargs=(("uidb64", "MQ"), ("token", "onjuist")), public=True
    ),
    # Creditor: deliveries (intake) and feedback
    "intake:upload": Expected(CREDITOR),
    "intake:deliveries": Expected(CREDITOR),
    "intake:api": Expected(CREDITOR),
    "intake:format": Expected(CREDITOR),
    "intake:format_example": Expected(CREDITOR, kwargs=(("fmt", "csv"),)),
    "intake:delivery": Expected(CREDITOR, obj="delivery"),
    "intake:delivery_rejected_csv": Expected(CREDITOR, obj="delivery"),
    "intake:delivery_rejected_xlsx": Expected(CREDITOR, obj="delivery"),
    "intake:delivery_signals": Expected(CREDITOR, obj="delivery"),
    "feedback:signals": Expected(CREDITOR),
    "feedback:download": Expected(CREDITOR, kwargs=(("fmt", "csv"),)),
    # Feedback pages show only signals with released feedback; feedback's own tests cover those.
    "feedback:signal": Expected(CREDITOR, kwargs=(("pk", 999999),), missing=True),
    "feedback:heropaf_checks": Expected(CREDITOR),
    "feedback:heropaf_check": Expected(CREDITOR, kwargs=(("pk", 999999),), missing=True),
    "feedback:overview": Expected(INTAKE),
    "feedback:overdue_heropaf": Expected(INTAKE, kwargs=(("creditor_pk", 999999),), missing=True),
    # API (session log-in here; API keys are tested in tests/intake/test_api.py)
    "api-deliveries": Expected(CREDITOR, api=True),
    "api-feedback": Expected(CREDITOR, api=True),
    "api-heropaf-checks": Expected(CREDITOR, api=True),
    "api-heropaf-check-answer": Expected(
        CREDITOR, kwargs=(("pk", 999999),), missing=True, method="post", api=True
    ),
    "api-schema": Expected(EVERY_ROLE, public=True, api=True),
    # Municipality: casework, matching, letters
    "casework:worklist": Expected(CASEWORK),
    "casework:search": Expected(CASEWORK),
    "casework:melding": Expected(CASEWORK, obj="melding"),
    "casework:assign": Expected(CASEWORK, obj="melding", method="post"),
    "casework:unassign": Expected(CASEWORK, obj="melding", method="post"),
    "casework:contact": Expected(CASEWORK, obj="melding"),
    "casework:leave_card": Expected(
        CASEWORK, obj="melding", method="post", kwargs=(("attempt_pk", 999999),)
    ),
    # No signal with that id in the melding: allowed roles get 404.
    "casework:confirm_not_resident": Expected(
        CASEWORK, obj="melding", kwargs=(("signal_pk", 999999),), missing=True
    ),
    "casework:withdraw_not_resident": Expected(
        CASEWORK, obj="melding", method="post", kwargs=(("signal_pk", 999999),), missing=True
    ),
    "casework:conversation": Expected(CASEWORK, obj="melding"),
    "casework:budget": Expected(CASEWORK, obj="melding"),
    # No line with that id: allowed roles get 404, the melding of another municipality too.
    "casework:budget_line": Expected(
        CASEWORK, obj="melding", kwargs=(("line_pk", 999999),), missing=True
    ),
    "casework:remove_budget_line": Expected(
        CASEWORK, obj="melding", method="post", kwargs=(("line_pk", 999999),), missing=True
    ),
    "casework:plan": Expected(CASEWORK, obj="melding"),
    "casework:referral": Expected(CASEWORK, obj="melding"),
    # No referral with that id in the melding: allowed roles get 404.
    "casework:move_handover": Expected(
        CASEWORK, obj="melding", kwargs=(("referral_pk", 999999),), missing=True
    ),
    "casework:close": Expected(CASEWORK, obj="melding"),
    "casework:reopen": Expected(CASEWORK, obj="melding", method="post"),
    "casework:complete_heropaf": Expected(CASEWORK, obj="melding", method="post"),
    "casework:close_heropaf_unanswered": Expected(CASEWORK, obj="melding", method="post"),
    "matching:reference_lists": Expected(INTAKE),
    "matching:runs": Expected(INTAKE),
    # No run with that id: intake staff get 404, as for another municipality's run.
    "matching:run": Expected(INTAKE, kwargs=(("pk", 999999),), missing=True),
    "letters:overview": Expected(CASEWORK),
    "letters:settings": Expected(CASEWORK),
    "letters:template": Expected(CASEWORK, kwargs=(("kind", "eerste_brief"),)),
    "letters:template_preview": Expected(
        CASEWORK, kwargs=(("kind", "eerste_brief"),), method="post"
    ),
    "letters:melding": Expected(CASEWORK, obj="melding"),
    "letters:sent_pdf": Expected(CASEWORK, kwargs=(("pk", 999999),), missing=True),
    "letters:batch": Expected(CASEWORK),
    "letters:batch_pdf": Expected(CASEWORK, kwargs=(("pk", 999999),), missing=True),
    # Aggregates
    "monitoring:dashboard": Expected(MONITORING),
    "monitoring:chart": Expected(MONITORING, kwargs=(("key", "onbekend"),), missing=True),
    "monitoring:download": Expected(
        MONITORING, kwargs=(("key", "onbekend"), ("fmt", "csv")), missing=True
    ),
    "monitoring:monthly": Expected(MONITORING),
    "monitoring:quarterly": Expected(MONITORING),
    "monitoring:ddas": Expected(INTAKE),
    "monitoring:businesscase": Expected(MONITORING),
    "monitoring:year_figures": Expected({"project_leader"}),
    # Privacy officer
    "privacy:audit_log": Expected(PRIVACY),
    "privacy:audit_export": Expected(PRIVACY),
    "privacy:retention_runs": Expected(PRIVACY),
    "privacy:access_request": Expected(PRIVACY),
}


def url_patterns(resolver=None, namespace=""):
    """(full name, pattern) of every URL, in every included URLconf."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield (
                f"{namespace}{pattern.name or '<zonder naam: ' + str(pattern.pattern) + '>'}",
                pattern,
            )


def project_url_names() -> list[str]:
    return sorted({name for name, _ in url_patterns(get_resolver())})


PAGE_NAMES = sorted(EXPECTED)


# Routes that only answer 'not found', for every role: the API's catch-all gives a Dutch JSON
# 404 instead of the website's HTML page (tests/test_api_errors.py).
NOT_FOUND_FOR_EVERYONE = {"<zonder naam: ^api/>"}


def test_every_url_has_an_expected_outcome():
    names = project_url_names()
    unknown = [
        n
        for n in names
        if n not in EXPECTED and n not in NOT_FOUND_FOR_EVERYONE and not n.startswith("admin:")
    ]
    assert not unknown, (
        "Nieuwe URL's zonder verwachting in EXPECTED (wie mag erbij?): " + ", ".join(unknown)
    )


@pytest.fixture
def world(db):
    """Two municipalities in one region, two creditors, a user per role and objects of each side."""
    region = RegionFactory()
    enschede = MunicipalityFactory(region=region)
    hengelo = MunicipalityFactory(code="0164", name="Hengelo", region=region)
    energy = CreditorFactory()
    water = CreditorFactory(
        code="water-twente", name="Water Twente", partner_type=Signaalpartner.WATER
    )
    users = {
        "creditor_staff": UserFactory(creditor_staff=True, creditor=energy),
        "intake": UserFactory(intake=True, municipality=enschede),
        "caseworker": UserFactory(caseworker=True, municipality=enschede),
        "project_leader": UserFactory(project_leader=True, region=region),
        "administrator": UserFactory(administrator=True),
        "privacy_officer": UserFactory(privacy_officer=True, municipality=enschede),
    }
    own_melding = MeldingFactory(municipality=enschede, signals__creditor=energy)
    other_melding = MeldingFactory(
        municipality=hengelo, key="0164-2026-10-1", signals__creditor=water
    )
    objects = {
        "delivery": (DeliveryFactory(creditor=energy), DeliveryFactory(creditor=water)),
        "melding": (own_melding, other_melding),
    }
    return users, objects


def outcome(response, api: bool) -> str:
    status = response.status_code
    location = response.get("Location", "")
    if status == 302 and reverse("web:login") in location:
        return "login"
    if status == 403 or (api and status == 401):
        return "denied"
    if status == 404:
        return "hidden"
    if status == 405:
        return "wrong method"
    if status >= 500:
        return f"error {status}"
    return "allowed"


def request(client, name: str, expected: Expected, pk) -> str:
    kwargs = dict(expected.kwargs)
    if expected.obj:
        kwargs["pk"] = pk
    url = reverse(name, kwargs=kwargs or None)
    response = getattr(client, expected.method)(url)
    return outcome(response, expected.api)


def wanted_for(role: str, expected: Expected) -> str:
    if expected.public:
        return expected.public_outcome
    if role == ANONYMOUS:
        return "denied" if expected.api else "login"
    if role not in expected.roles:
        return "denied"
    return "hidden" if expected.missing else "allowed"


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_each_role_reaches_exactly_what_the_policy_allows(client, world, name):
    users, objects = world
    expected = EXPECTED[name]
    own, other = objects.get(expected.obj, (None, None))
    pk = own.pk if own else 999999
    mismatches = []
    for role in [ANONYMOUS, *ROLES]:
        client.logout()
        if role != ANONYMOUS:
            client.force_login(users[role])
        got = request(client, name, expected, pk)
        if got != wanted_for(role, expected):
            mismatches.append(f"{role}: verwacht {wanted_for(role, expected)}, kreeg {got}")
        if other is not None and role in expected.roles and not expected.public:
            got = request(client, name, expected, other.pk)
            if got != "hidden":
                mismatches.append(f"{role} op object van een ander: verwacht hidden, kreeg {got}")
    assert not mismatches, f"{name}:\n" + "\n".join(mismatches)


def test_only_administrators_reach_the_admin(client, world):
    users, _ = world
    # The admin's unnamed catch-all only redirects to a named admin page.
    names = [
        n
        for n in project_url_names()
        if n.startswith("admin:")
        and n not in {"admin:login", "admin:logout"}
        and "<zonder naam" not in n
    ]
    for role in [ANONYMOUS, *[r for r in ROLES if r != "administrator"]]:
        client.logout()
        if role != ANONYMOUS:
            client.force_login(users[role])
        for name in names:
            response = client.get(_admin_url(name))
            if role == ANONYMOUS:
                assert response.status_code == 302, (role, name, response.status_code)
                assert reverse("admin:login") in response["Location"], (role, name)
            else:  # the app's 'Geen toegang', not Django's log-in form for another account
                assert response.status_code == 403, (role, name, response.status_code)
    client.force_login(users["administrator"])
    assert client.get(reverse("admin:index")).status_code == 200


def _admin_url(name: str) -> str:
    for full_name, pattern in url_patterns(get_resolver()):
        if full_name == name:
            groups = (
                getattr(pattern.pattern, "converters", None) or pattern.pattern.regex.groupindex
            )
            samples = {"app_label": "organisations", "content_type_id": 1}
            kwargs = {group: samples.get(group, "1") for group in groups}
            return reverse(name, kwargs=kwargs or None)
    raise LookupError(name)
