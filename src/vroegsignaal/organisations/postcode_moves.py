"""What a file's postcode areas changed, told to the beheerder and to the audit log
(`import-postcodes`, `setup-organisations`).

A moved area changes where new signals go, not what is already there: signals keep the
municipality they were delivered for (intake sets it), so they and their meldingen stay with the
old municipality, also at its next matching. A partner under contract with the old municipality
only is refused for the area from now on, and the new municipality's BRP extract and client list
must hold its residents. The output says so for each move.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from vroegsignaal.casework.models import Melding
from vroegsignaal.dutch_numbers import counted
from vroegsignaal.dutch_text import listed
from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.models import Creditor, Municipality
from vroegsignaal.organisations.postcodes import MOVE_HINT, AreaChange, AreaPlan
from vroegsignaal.privacy import command_line
from vroegsignaal.privacy.admin_audit import change_part
from vroegsignaal.privacy.models import AuditAction


def add_move_option(parser) -> None:
    parser.add_argument(
        "--verhuizen",
        action="store_true",
        help="Een postcodegebied dat al bij een andere gemeente hoort naar de gemeente in het "
        "bestand verhuizen (zonder deze optie wordt het bestand dan geweigerd).",
    )


def refusal(filename: str, problems: list[str], moves_refused: bool) -> str:
    """Every error of the file, one a line, and how to move an area that belongs elsewhere."""
    faults = counted(len(problems), "fout", "fouten")
    lines = [f"{filename} is niet ingelezen; er is niets opgeslagen. {faults}:", *problems]
    return "\n  ".join(lines) + (f"\n{MOVE_HINT}" if moves_refused else "")


def counts(plan: AreaPlan) -> str:
    """'4 nieuw, 1 verhuisd', '1 ongewijzigd'."""
    new = len(plan.changes) - len(plan.moves)
    parts = [(new, "nieuw"), (len(plan.moves), "verhuisd"), (plan.unchanged, "ongewijzigd")]
    return ", ".join(f"{count} {word}" for count, word in parts if count) or "geen"


def move_lines(plan: AreaPlan) -> list[str]:
    """Each moved area with the municipality it left, then what the moves leave behind."""
    if not plan.moves:
        return []
    lines = ["Verhuisd naar een andere gemeente:"]
    lines += [
        f"  {move.postcode}: van {move.previous} naar {move.municipality}" for move in plan.moves
    ]
    for (previous, new), postcodes in _by_pair(plan.moves).items():
        lines += _left_behind(previous, new, postcodes)
    return lines


def _by_pair(moves: Iterable[AreaChange]) -> dict[tuple[Municipality, Municipality], list[str]]:
    pairs: dict[tuple[Municipality, Municipality], list[str]] = {}
    for move in moves:
        pairs.setdefault((move.previous, move.municipality), []).append(move.postcode)
    return pairs


def _left_behind(previous: Municipality, new: Municipality, postcodes: list[str]) -> list[str]:
    areas = listed(postcodes, "of")
    in_areas = Q()
    for postcode in postcodes:
        in_areas |= Q(postcode__startswith=postcode)
    signals = Signal.objects.filter(in_areas, municipality=previous).count()
    meldingen = Melding.objects.filter(in_areas, municipality=previous).count()
    lines = []
    if signals or meldingen:
        held = [
            counted(count, *nouns)
            for count, nouns in (
                (signals, ("signaal", "signalen")),
                (meldingen, ("melding", "meldingen")),
            )
            if count
        ]
        stays = "blijft" if signals + meldingen == 1 else "blijven"
        lines.append(
            f"Wat al binnen is, verhuist niet mee: {listed(held)} met een postcode in {areas} "
            f"{stays} bij {previous}, ook bij de volgende matching. Nieuwe aanleveringen gaan "
            f"naar {new}."
        )
    partners = list(
        Creditor.objects.filter(agreements__municipality=previous)
        .exclude(agreements__municipality=new)
        .distinct()
        .values_list("name", flat=True)
    )
    if partners:
        have, their = ("heeft", "zijn") if len(partners) == 1 else ("hebben", "hun")
        lines.append(
            f"{listed(partners)} {have} een convenant met {previous}, niet met {new}: {their} "
            f"signalen voor {areas} worden geweigerd tot er een convenant met {new} is."
        )
    lines.append(
        f"Staan de inwoners van {areas} nog niet in het BRP-uittreksel en de klantenlijst van "
        f"{new}, lees die dan opnieuw in vóór de volgende matching: anders gelden ze als geen "
        "inwoner (meer) en niet als bekend bij schuldhulpverlening."
    )
    return lines


def record_in_audit_log(plan: AreaPlan, command: str) -> None:
    """One entry per municipality whose areas changed, as a change on its page in the
    beheeromgeving would be (handeling Beheer): a moved area in the entries of both, so the
    privacy officer of the municipality that lost it finds it too. Nothing changed, no entry."""
    touched: dict[Municipality, list[str]] = {}
    added: dict[Municipality, list[str]] = {}
    for change in plan.changes:
        if change.previous is None:
            added.setdefault(change.municipality, []).append(change.postcode)
            touched.setdefault(change.municipality, [])
            continue
        moved = change_part(
            f"postcodegebied {change.postcode}", str(change.previous), str(change.municipality)
        )
        for municipality in (change.municipality, change.previous):
            touched.setdefault(municipality, []).append(moved)
    for municipality, moves in touched.items():
        postcodes = added.get(municipality, [])
        parts = [
            *([f"{_noun(postcodes)} toegevoegd: {', '.join(postcodes)}"] if postcodes else []),
            *moves,
        ]
        command_line.record(
            AuditAction.ADMIN,
            municipality,
            command=command,
            municipality=municipality,
            description=f"gemeente {municipality} gewijzigd: {'; '.join(parts)}",
        )


def _noun(postcodes: list[str]) -> str:
    return "postcodegebied" if len(postcodes) == 1 else "postcodegebieden"
