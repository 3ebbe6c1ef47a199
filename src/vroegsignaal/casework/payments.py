"""The plan's agreements on ongoing payments, one per creditor of the melding.

A plan keeps them as {creditor id (text, JSON keys are text): agreement}: a creditor's name can
change and two creditors can share one, so only the id finds the creditor the agreement was made
with. Users only ever see the names. Migration casework.0007 converted the older name keys and
kept a name it could not place as "onbekend: <naam>" (``UNPLACED_PREFIX``).
"""

from __future__ import annotations

from collections.abc import Iterable

from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.models import Melding, Plan
from vroegsignaal.organisations.models import Creditor

UNPLACED_PREFIX = "onbekend: "
UNKNOWN_CREDITOR = "onbekende signaalpartner"


def payment_key(creditor: Creditor) -> str:
    """The key under which a plan keeps the agreement with ``creditor``."""
    return str(creditor.pk)


def agreement_with(plan: Plan, creditor: Creditor) -> str:
    """What ``plan`` agreed about the ongoing payments to ``creditor`` ('' when nothing)."""
    return plan.ongoing_payments.get(payment_key(creditor), "")


def melding_creditors(melding: Melding) -> list[Creditor]:
    """The creditors with a signal in ``melding``, by name: whom a plan makes agreements with."""
    creditors = Creditor.objects.filter(signals__melding_link__melding=melding)
    return list(creditors.distinct().order_by("name", "pk"))


def check_agreements(melding: Melding, ongoing_payments: dict[str, str]) -> None:
    """Raise ``CaseworkError`` unless every agreement is with a creditor of ``melding``."""
    allowed = {payment_key(creditor) for creditor in melding_creditors(melding)}
    stray = [key for key in ongoing_payments if key not in allowed]
    if not stray:
        return
    ids = [int(key) for key in stray if key.isdigit()]
    names = sorted(Creditor.objects.filter(pk__in=ids).values_list("name", flat=True))
    raise CaseworkError(
        "Een afspraak over lopende betalingen kan alleen met een signaalpartner van deze "
        f"melding; niet met {', '.join(names) or UNKNOWN_CREDITOR}."
    )


def agreements_by_name(plan: Plan, creditors: Iterable[Creditor]) -> list[tuple[str, str]]:
    """The plan's agreements as (creditor name, agreement), by name.

    ``creditors`` are the melding's creditors, already at hand on the page; a key none of them
    has (a name the migration could not place) shows that name.
    """
    names = {payment_key(creditor): creditor.name for creditor in creditors}
    return sorted(
        (_label(key, names), agreement) for key, agreement in plan.ongoing_payments.items()
    )


def _label(key: str, names: dict[str, str]) -> str:
    if key.startswith(UNPLACED_PREFIX):
        return key.removeprefix(UNPLACED_PREFIX)
    return names.get(key, UNKNOWN_CREDITOR)
