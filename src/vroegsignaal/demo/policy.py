"""The demo's matching policy: the Twente regional proposal and Enschede's own override.

Saved through `matching.policies.save_policy` before the first matching run, as a project leader
would in the admin. Saving again only happens when the document changed, so a second demo run
adds no policy versions.
"""

from __future__ import annotations

from vroegsignaal.matching.models import PolicyVersion
from vroegsignaal.matching.policies import save_policy
from vroegsignaal.organisations.models import Municipality, Region

ENSCHEDE = "0153"
HOME_VISIT_TERM_DAYS = 14


def _home_visit(name: str, condition: dict) -> dict:
    return {
        "name": name,
        "queue": "Huisbezoek",
        "first_contact_channel": "Huisbezoek",
        "term_days": HOME_VISIT_TERM_DAYS,
        "condition": condition,
    }


# First match wins: crisis before the home visits, young people before the letter queue.
TWENTE_POLICY: dict = {
    "minimum_amount_cents": 7500,
    "minimum_signals_for_go": 2,
    "routing_rules": [
        {
            "name": "Crisis",
            "queue": "Crisis",
            "first_contact_channel": "Huisbezoek",
            "term_days": 3,
            "condition": {"flags": ["crisis"]},
        },
        _home_visit("Meervoudig", {"flags": ["meervoudig"]}),
        _home_visit("Opeenvolgend", {"flags": ["opeenvolgend"]}),
        _home_visit("Hoog bedrag", {"min_amount_cents": 100_000}),
        {
            "name": "Jongeren",
            "queue": "Jongeren",
            "first_contact_channel": "Telefoon",
            "term_days": 14,
            "condition": {"max_age": 27},
        },
    ],
    "default_route": {
        "name": "Brief en bellen",
        "queue": "Brief en bellen",
        "first_contact_channel": "Brief",
        "term_days": 28,
    },
}
# Enschede picks up a single signal too (the other municipalities wait for a second one).
ENSCHEDE_POLICY: dict = {"minimum_signals_for_go": 1}


def _ensure(document: dict, **owner) -> bool:
    latest = PolicyVersion.objects.filter(**owner).order_by("-number").first()
    if latest is not None and latest.document == document:
        return False
    save_policy(document, **owner)
    return True


def ensure_demo_policies(region: Region) -> int:
    """Save the Twente policy and the Enschede override unless unchanged; returns how many saved."""
    enschede = Municipality.objects.get(code=ENSCHEDE)
    return _ensure(TWENTE_POLICY, region=region) + _ensure(ENSCHEDE_POLICY, municipality=enschede)
