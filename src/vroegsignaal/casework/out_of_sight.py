"""Open meldingen assigned to someone who can no longer see them (QA12 B7).

An assignment does not widen what a caseworker sees (privacy.policy.meldingen_for). So when the
administrator moves a caseworker to another team or municipality, gives him another role or
deactivates him, the meldingen assigned to him stay assigned (their history matters) but he no
longer reaches them: the meldpunt assigns them anew. The same happens to the assignees of a
werkbakje given another team. The beheeromgeving says so after saving the user or the werkbakje,
and the werkbakjes show and filter them.

Only open meldingen count (QA13 N2). A closed melding waiting for its heropaf needs no new
assignee: the Heropaf queue belongs to the team of its werkbakje, whoever is assigned, and a
closed melding cannot be assigned. Reopened by the heropaf, it is open and counts again.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import Melding, Queue
from vroegsignaal.casework.queue_reach import seen_by
from vroegsignaal.dutch_numbers import counted
from vroegsignaal.dutch_text import listed
from vroegsignaal.organisations.models import User
from vroegsignaal.privacy.policy import assignee_cannot_see

# The value of the werkbakjes' filter 'Toegewezen' for these meldingen.
OUT_OF_SIGHT = "out_of_sight"
_FILTER_WORDS = "in Werkbakjes, filter Toegewezen: Aan iemand die ze niet meer kan zien"


def out_of_sight() -> Q:
    """Open meldingen whose assignee cannot see them: the ones to assign anew."""
    return ~Q(state=State.CLOSED) & assignee_cannot_see()


def open_out_of_sight(meldingen: QuerySet[Melding]) -> QuerySet[Melding]:
    """The ones among ``meldingen`` to assign anew (``out_of_sight``)."""
    return meldingen.filter(out_of_sight())


def with_assignee_out_of_sight(meldingen: QuerySet[Melding]) -> QuerySet[Melding]:
    """``meldingen`` with ``assignee_out_of_sight``: whether to assign it anew."""
    return meldingen.annotate(
        assignee_out_of_sight=ExpressionWrapper(out_of_sight(), BooleanField())
    )


def is_out_of_assignees_sight(melding: Melding) -> bool:
    """Whether to assign ``melding`` anew (``out_of_sight``; the melding page says so)."""
    if melding.assigned_to_id is None:
        return False
    return open_out_of_sight(Melding.objects.filter(pk=melding.pk)).exists()


def notice_after_saving(user: User) -> str:
    """What the administrator reads after saving ``user`` while open meldingen he can no longer
    see are assigned to him: how many, of which team (or municipality), and who assigns them
    anew; '' when there are none."""
    groups = list(
        open_out_of_sight(Melding.objects.filter(assigned_to=user))
        .values("municipality__name", "queue__team__name")
        .annotate(count=Count("pk"))
        .order_by("municipality__name", "queue__team__name")
    )
    if not groups:
        return ""
    parts = [
        (group["count"], group["queue__team__name"] or group["municipality__name"])
        for group in groups
    ]
    total = sum(count for count, _ in parts)
    if len(parts) == 1:
        held = f"{counted(total, 'open melding', 'open meldingen')} van {parts[0][1]}"
    else:
        each = listed([f"{count} van {where}" for count, where in parts])
        held = f"{counted(total, 'open melding', 'open meldingen')} ({each})"
    them = "haar" if total == 1 else "ze"
    meldpunten = listed(sorted({group["municipality__name"] for group in groups}))
    return (
        f"Deze gebruiker heeft nog {held} toegewezen, maar kan {them} niet meer zien. "
        f"Het meldpunt van {meldpunten} kan {them} opnieuw toewijzen: {_FILTER_WORDS}."
    )


def queue_notice_after_saving(queue: Queue) -> SafeString | str:
    """What the administrator reads after saving ``queue`` (given another team, say) while
    open meldingen in it are assigned to someone who cannot see them: how many, who sees the
    werkbakje, and a link to the meldpunt's filter for them in this werkbakje; '' when none."""
    count = open_out_of_sight(Melding.objects.filter(queue=queue)).count()
    if not count:
        return ""
    them = "haar" if count == 1 else "ze"
    team = queue.team
    who_sees = f"; {seen_by(team.name)} zien de meldingen in dit werkbakje" if team else ""
    query = urlencode({"werkbakje": queue.pk, "toegewezen": OUT_OF_SIGHT})
    return format_html(
        "Dit werkbakje heeft nog {} toegewezen aan iemand die {} niet meer kan zien{}. "
        'Het meldpunt van {} kan {} opnieuw toewijzen: <a href="{}">{}</a>.',
        counted(count, "open melding", "open meldingen"),
        them,
        who_sees,
        queue.municipality.name,
        them,
        f"{reverse('casework:worklist')}?{query}",
        _FILTER_WORDS,
    )
