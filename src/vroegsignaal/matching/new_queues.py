"""Werkbakjes that a policy sends meldingen to but that do not exist yet.

The matching makes such a werkbakje at its first run with the rule (docs/matching.md), without a
team, so that every uitvoerder of the municipality sees its meldingen. That is deliberate for a
new werkbakje, but a typo in a rule ('Wijkteam zuid' for 'Wijkteam Zuid') made one silently and
showed a team's meldingen to the other teams. So the policy page offers the names that exist
(`existing_queue_names`) and, after a save, warns about the ones that do not (`new_queues_warning`).
"""

from __future__ import annotations

import difflib
from collections import defaultdict

from vroegsignaal.casework.models import Queue
from vroegsignaal.dutch_text import listed
from vroegsignaal.matching.engine.policy import Policy, PolicyError, inherit
from vroegsignaal.matching.models import PolicyVersion
from vroegsignaal.matching.policies import latest_version
from vroegsignaal.organisations.models import Municipality


def existing_queue_names(*, municipality_id=None, region_id=None) -> list[str]:
    """The werkbakjes of the owner's municipality, or of every municipality of its region."""
    if municipality_id:
        queues = Queue.objects.filter(municipality_id=municipality_id)
    elif region_id:
        queues = Queue.objects.filter(municipality__region_id=region_id)
    else:
        return []
    return sorted(set(queues.values_list("name", flat=True)))


def new_queues_warning(version: PolicyVersion) -> str | None:
    """What the page says after saving `version` when a municipality it applies to does not have
    a werkbakje of its rules yet; None when all exist."""
    missing = _missing_queues(version)
    if not missing:
        return None
    sentences = [_sentence(name, municipalities) for name, municipalities in missing.items()]
    if len(missing) == 1:
        consequence = (
            "De eerstvolgende matching maakt het aan zonder team, en dan ziet elke uitvoerder van "
            "de gemeente de meldingen erin. Is het een tikfout, verbeter dan de regel; is het "
            "nieuw, geef het werkbakje vooraf een team onder Casuïstiek → Werkbakjes."
        )
    else:
        consequence = (
            "De eerstvolgende matching maakt ze aan zonder team, en dan ziet elke uitvoerder van "
            "de gemeente de meldingen erin. Verbeter een naam met een tikfout in de regel; geef "
            "een nieuw werkbakje vooraf een team onder Casuïstiek → Werkbakjes."
        )
    return " ".join([*sentences, consequence])


def _missing_queues(version: PolicyVersion) -> dict[str, dict[str, str | None]]:
    """Per werkbakje that is missing somewhere: per municipality name, the existing werkbakje
    whose name is closest (a likely typo), or None."""
    if version.municipality_id:
        municipalities = [version.municipality]
    else:
        municipalities = list(Municipality.objects.filter(region=version.region_id))
    existing = defaultdict(set)
    for municipality_id, name in Queue.objects.filter(municipality__in=municipalities).values_list(
        "municipality_id", "name"
    ):
        existing[municipality_id].add(name)
    missing: dict[str, dict[str, str | None]] = defaultdict(dict)
    for municipality in sorted(municipalities, key=lambda m: m.name):
        have = existing[municipality.pk]
        for name in _queues_used(version, municipality):
            if name not in have:
                close = difflib.get_close_matches(name, sorted(have), n=1, cutoff=0.8)
                missing[name][municipality.name] = close[0] if close else None
    return dict(sorted(missing.items()))


def _queues_used(version: PolicyVersion, municipality: Municipality) -> list[str]:
    """The werkbakjes of the policy that `version` makes for `municipality`: a region's version
    counts for a municipality only where its own settings do not replace it."""
    if version.municipality_id:
        region = latest_version(region=municipality.region_id) if municipality.region_id else None
        documents = (region.document if region else {}, version.document)
    else:
        own = latest_version(municipality=municipality)
        documents = (version.document, own.document if own else {})
    try:
        policy = inherit(*documents)
    except PolicyError:  # the other version is refused by a newer check: this one's own rules
        policy = Policy.from_dict(version.document)
    return list(
        dict.fromkeys([*(r.queue for r in policy.routing_rules), policy.default_route.queue])
    )


def _sentence(name: str, municipalities: dict[str, str | None]) -> str:
    where = listed(municipalities)
    close = sorted({c for c in municipalities.values() if c})
    hint = f" (bedoelt u '{close[0]}'?)" if len(close) == 1 else ""
    return f"Werkbakje '{name}' bestaat nog niet in {where}{hint}."
