"""The demo's matching policy: the Twente regional proposal and Enschede's own override.

Saved through `matching.policies.save_if_changed` before the first matching run, as a project leader
would in the admin. Saving again only happens when the document changed, so a second demo run
adds no policy versions.
"""

from __future__ import annotations

import datetime as dt

from vroegsignaal.casework.models import Queue
from vroegsignaal.demo.history import backdate_policy_versions
from vroegsignaal.matching.policies import save_if_changed
from vroegsignaal.organisations.models import Municipality, Region, Team

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
# Enschede's districts each have a wijkteam with a werkbakje of its own (a caseworker of one
# team does not see the other team's meldingen); the postcode areas are Enschede's real ones.
WIJKTEAMS = {
    "Team Zuid": (
        "Wijkteam Zuid",
        ["7541", "7542", "7543", "7544", "7545", "7546", "7547", "7548"],
    ),
    "Team Noord": ("Wijkteam Noord", ["7521", "7522", "7523", "7524", "7525"]),
}


def _wijkteam_rules() -> list[dict]:
    return [
        {
            "name": queue,
            "queue": queue,
            "first_contact_channel": "Huisbezoek",
            "term_days": HOME_VISIT_TERM_DAYS,
            "condition": {"postcode_prefixes": postcodes},
        }
        for queue, postcodes in WIJKTEAMS.values()
    ]


# Enschede picks up a single signal too (the other municipalities wait for a second one), and
# sends what is not a crisis in its two districts to their wijkteams.
ENSCHEDE_POLICY: dict = {
    "minimum_signals_for_go": 1,
    "routing_rules": [
        TWENTE_POLICY["routing_rules"][0],  # crisis first, wherever it is
        *_wijkteam_rules(),
        *TWENTE_POLICY["routing_rules"][1:],
    ],
}


def ensure_demo_policies(region: Region, saved_at: dt.datetime | None = None) -> int:
    """Save the Twente policy and the Enschede override unless unchanged; returns how many saved.
    A new version is dated `saved_at` (before the first matching run that uses it), if given.

    The wijkteams' werkbakjes are made here with their team (matching makes a werkbakje without
    one, and keeps the team of one that exists)."""
    enschede = Municipality.objects.get(code=ENSCHEDE)
    for team_name, (queue, _) in WIJKTEAMS.items():
        Queue.objects.update_or_create(
            municipality=enschede,
            name=queue,
            defaults={
                # The region file names the teams; made here too when a caller has none yet.
                "team": Team.objects.get_or_create(municipality=enschede, name=team_name)[0],
                "first_contact_channel": "Huisbezoek",
                "term_days": HOME_VISIT_TERM_DAYS,
            },
        )
    saved = [
        version
        for version, new in (
            save_if_changed(TWENTE_POLICY, region=region),
            save_if_changed(ENSCHEDE_POLICY, municipality=enschede),
        )
        if new
    ]
    if saved_at is not None:
        backdate_policy_versions(saved, saved_at)
    return len(saved)
