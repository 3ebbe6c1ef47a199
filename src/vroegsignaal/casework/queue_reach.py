"""Who sees the meldingen in a werkbakje, said to the beheerder (QA14 B4).

A werkbakje with a team is seen by the caseworkers of that team, by the caseworkers without a
team and by the meldpunt; caseworkers of other teams do not see it (privacy.policy.meldingen_for).
A caseworker without a team works for the whole municipality, so giving a werkbakje a team
shields it from the other teams only. The help text says so, and after saving a team's werkbakje
the beheerder reads which caseworkers without a team see it too: the ones to give a team when it
must be the team's alone (docs/privacy.md, 'Werkbakje van een team').
"""

from __future__ import annotations

from vroegsignaal.casework.models import Queue
from vroegsignaal.dutch_numbers import counted
from vroegsignaal.dutch_text import listed
from vroegsignaal.organisations.models import Role, User

TEAM_HELP_TEXT = (
    "Uitvoerders van dit team zien de meldingen in dit werkbakje; uitvoerders van andere teams "
    "zien ze niet, uitvoerders zonder team en het meldpunt wel. Wilt u het werkbakje voor hen "
    "afschermen, geef dan elke uitvoerder van de gemeente een team. Leeg: alle uitvoerders van "
    "de gemeente."
)
# Named one by one up to this many; a larger municipality's are counted after them.
NAMED_AT_MOST = 5


def seen_by(team: str) -> str:
    """Who sees the meldingen in a werkbakje of ``team`` (its name), as a sentence part."""
    return f"uitvoerders van {team}, uitvoerders zonder team en het meldpunt"


def teamless_caseworkers(queue: Queue):
    """The active caseworkers of ``queue``'s municipality without a team, by name."""
    return User.objects.filter(
        role=Role.CASEWORKER, municipality_id=queue.municipality_id, team__isnull=True,
        is_active=True,
    ).order_by("first_name", "last_name", "username")  # fmt: skip


def teamless_notice(queue: Queue) -> str:
    """What the beheerder reads after saving ``queue`` with a team while caseworkers without a
    team see it too: how many, who, and what to do if it must be the team's alone; '' for a
    werkbakje without a team or when every caseworker has one."""
    if queue.team_id is None:
        return ""
    caseworkers = list(teamless_caseworkers(queue))
    if not caseworkers:
        return ""
    names = [caseworker.display_name for caseworker in caseworkers[:NAMED_AT_MOST]]
    if len(caseworkers) > NAMED_AT_MOST:
        names.append(f"nog {len(caseworkers) - NAMED_AT_MOST}")
    one = len(caseworkers) == 1
    return (
        f"Ook {counted(len(caseworkers), 'uitvoerder', 'uitvoerders')} zonder team "
        f"{'ziet' if one else 'zien'} de meldingen in dit werkbakje: {listed(names)}. "
        f"Alleen voor {queue.team.name} en het meldpunt? Geef die "
        f"{'uitvoerder' if one else 'uitvoerders'} dan een team (Gebruikers)."
    )
