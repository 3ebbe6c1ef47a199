"""What a corrected re-delivery changed in a stored signal (`SignalCorrection.changes`).

A row with the klantnummer and signaaldatum of an accepted signal replaces it (services). When
that signal is in a melding already, the melding keeps what the run counted until its period
is matched again (QA14 B2): matching names the correction on the melding's timeline and in the
run's report, the matching page counts the corrections not matched yet, and the melding page
says the melding still counts the old values.

What is kept: per field, [old, new] for what a melding counts and retention keeps of a signal
too (amount, dates, terms, contract type, crisis, warme overdracht); of personal data (name,
birth date, address, contact details, BSN) only that it changed (None), never the values, so a
correction holds nothing a signal loses at its erasure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from vroegsignaal.dutch_numbers import euros

Changes = dict[str, list | None]

# Field -> its name in the texts, in the order they are named.
COUNTED = {
    "amount_cents": "bedrag",
    "arrears_start": "datum ontstaan",
    "unpaid_terms": "aantal termijnen",
    "contract_type": "contractsoort",
    "crisis": "crisissignaal",
    "intended_termination_date": "datum voorgenomen beëindiging",
    "warm_handover": "warme overdracht",
}
PERSONAL = {
    "initials": "voorletters",
    "first_names": "voornamen",
    "surname_prefix": "voorvoegsel",
    "surname": "achternaam",
    "birth_date": "geboortedatum",
    "gender": "geslacht",
    "street": "straat",
    "house_number": "huisnummer",
    "house_letter": "huisletter",
    "house_number_addition": "huisnummertoevoeging",
    "postcode": "postcode",
    "city": "woonplaats",
    "phone": "telefoon",
    "email": "e-mail",
    "bsn": "BSN",
}


def _kept(value: object) -> object:
    """A counted value as JSON keeps it: a date as ISO text."""
    return value.isoformat() if isinstance(value, dt.date) else value


def changes_of(signal, values: dict[str, object]) -> Changes:
    """What storing ``values`` (the fields of a valid row) on ``signal`` changes."""
    changed: Changes = {}
    for name in COUNTED:
        if name in values and getattr(signal, name) != values[name]:
            changed[name] = [_kept(getattr(signal, name)), _kept(values[name])]
    for name in PERSONAL:
        if name in values and getattr(signal, name) != values[name]:
            changed[name] = None
    return changed


def merged(corrections: Iterable[Changes]) -> Changes:
    """Several corrections of one signal, oldest first, as one: from the first old value to
    the last new one; a field corrected back to what it was is left out."""
    first: Changes = {}
    for changes in corrections:
        for name, values in changes.items():
            if name not in first:
                first[name] = None if values is None else list(values)
            elif values is not None:
                first[name][1] = values[1]
    return {
        name: values for name, values in first.items() if values is None or values[0] != values[1]
    }


def per_signal(rows: Iterable[tuple]) -> dict[int, tuple[tuple, dt.date, Changes]]:
    """Corrections as rows (signal id, created_at, changes, *about), oldest first, per signal:
    ``about`` (what the caller read of the signal), the day of its latest correction and its
    corrections `merged`; a signal whose corrections undid each other is left out."""
    found: dict[int, tuple[tuple, list[Changes], dt.datetime]] = {}
    for signal_id, created_at, changes, *about in rows:
        first = found.setdefault(signal_id, (tuple(about), [], created_at))
        found[signal_id] = (first[0], [*first[1], changes], created_at)
    return {
        signal_id: (about, timezone.localdate(latest), changes)
        for signal_id, (about, all_changes, latest) in found.items()
        if (changes := merged(all_changes))
    }


def _value_text(name: str, value: object) -> str:
    if value is None or value == "":
        return "leeg"
    if name == "amount_cents":
        return euros(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if name in ("arrears_start", "intended_termination_date"):
        return f"{dt.date.fromisoformat(value):%d-%m-%Y}"
    return str(value)


def described(changes: Changes) -> str:
    """'bedrag € 450,00 → € 455,00; crisissignaal nee → ja; straat gewijzigd', in the order of
    `COUNTED` and `PERSONAL`."""
    parts = [
        f"{label} {_value_text(name, changes[name][0])} → {_value_text(name, changes[name][1])}"
        for name, label in COUNTED.items()
        if changes.get(name)
    ]
    parts += [f"{label} gewijzigd" for name, label in PERSONAL.items() if name in changes]
    return "; ".join(parts)
