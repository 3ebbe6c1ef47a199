"""Validating delivered rows: every problem in a row is reported, a row with any problem is
rejected as a whole, and the valid rows come back with the Signal model's field names.

Every message reads "Rij 7, postcode: ..." so it stands on its own wherever it is shown; the
field is the column as the creditor named it in its file (`labels`: its own name for a column of
its column mapping, else the canonical name). docs/aanleverformaat.md lists rules and messages.
A row that reading found misshapen (`ROW_PROBLEM`) gets that one message, field empty.

A notice (`RowNotice`) is not an error: the row is processed, but a value in it is not taken
over (a BSN from a partner that is not a health insurer), or the signal lacks what the
municipality needs to write to the resident (straat, woonplaats: optional columns).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from vroegsignaal.addresses import address_key
from vroegsignaal.ddas import Signaalpartner
from vroegsignaal.dutch_numbers import euros
from vroegsignaal.dutch_text import listed
from vroegsignaal.intake import parsing
from vroegsignaal.intake.columns import (
    CANONICAL_COLUMNS,
    EXAMPLE_CUSTOMER_NUMBER,
    REQUIRED_COLUMNS,
)
from vroegsignaal.intake.reading import ROW_PROBLEM, InputRow

Locator = Callable[[str, dt.date | None], tuple[int | None, str | None]]
"""(normalised postcode, signal date) -> (municipality id, None) or (None, Dutch reason).

Without a signal date (the row's is missing or invalid) the locator still gives the reasons
that do not depend on the date (no known municipality, no agreement with it ever), and
(None, None) when only the date could decide."""

MIN_AGE, MAX_AGE = 16, 120
MAX_HOUSE_NUMBER = 99999
MAX_UNPAID_TERMS = 999
_COLUMN_ORDER = {column: position for position, column in enumerate(CANONICAL_COLUMNS)}


# Only health insurers deliver a BSN (domain.md step 1): the Besluit gemeentelijke
# schuldhulpverlening gives them, and no other partner, a basis to. 'CAK Zorgverzekeringen' is
# not a health insurer in that sense. From anyone else the signal is taken without the BSN.
BSN_PARTNER_TYPES = frozenset({Signaalpartner.ZORG})
BSN_NOT_TAKEN_OVER = (
    "niet overgenomen; alleen zorgverzekeraars leveren een BSN aan. Laat deze kolom voortaan leeg."
)


def may_deliver_bsn(partner_type: str) -> bool:
    """Whether a partner of this type (DDAS Signaalpartner) may deliver a BSN."""
    return partner_type in BSN_PARTNER_TYPES


@dataclass(frozen=True)
class RowMessage:
    """A Dutch message about one row and column: 'Rij 7, postcode: ...'."""

    row: int
    field: str
    message: str


class RowError(RowMessage):
    """Why a row was rejected."""


class RowNotice(RowMessage):
    """A value that was not taken over from a row, which is no reason to reject the row."""


@dataclass
class ValidRow:
    row_number: int
    municipality_id: int
    fields: dict[str, object]


@dataclass
class CheckedRows:
    """The outcome of `validate_rows`.

    `repeats`: the rejected rows that repeat the klantnummer and signaaldatum of an earlier row
    of the same delivery. Delivered again on their own they would replace that earlier row's
    signal as a correction, so they are no rows to correct and deliver again.
    """

    valid: list[ValidRow]
    errors: list[RowError]
    notices: list[RowNotice]
    repeats: set[int]


@dataclass(frozen=True)
class _Field:
    column: str
    target: str
    parse: Callable[[object], object]
    default: object


# Columns that map one-to-one onto a Signal field. huisnummer, huisletter and
# huisnummertoevoeging are combined separately (`_house_number`), bsn depends on the partner
# (`_bsn`).
_FIELDS = (
    _Field("klantnummer", "customer_number", partial(parsing.parse_text, max_length=64), ""),
    _Field("signaaldatum", "signal_date", parsing.parse_date, None),
    _Field("voorletters", "initials", partial(parsing.parse_text, max_length=30), ""),
    _Field("voornamen", "first_names", partial(parsing.parse_text, max_length=120), ""),
    _Field("voorvoegsel", "surname_prefix", partial(parsing.parse_text, max_length=20), ""),
    _Field("achternaam", "surname", partial(parsing.parse_text, max_length=120), ""),
    _Field("geboortedatum", "birth_date", parsing.parse_date, None),
    _Field("geslacht", "gender", parsing.parse_gender, parsing.parse_gender(None)),
    _Field("straat", "street", partial(parsing.parse_text, max_length=120), ""),
    _Field("postcode", "postcode", parsing.parse_postcode, ""),
    _Field("woonplaats", "city", partial(parsing.parse_text, max_length=80), ""),
    _Field("telefoon", "phone", partial(parsing.parse_phone, max_length=30), ""),
    _Field("email", "email", partial(parsing.parse_text, max_length=254), ""),
    _Field("bedrag_achterstand", "amount_cents", parsing.parse_amount_cents, None),
    _Field("datum_ontstaan", "arrears_start", parsing.parse_date, None),
    _Field("aantal_termijnen", "unpaid_terms", parsing.parse_count, None),
    _Field("contractsoort", "contract_type", parsing.parse_contract_type, "particulier"),
    _Field("crisissignaal", "crisis", parsing.parse_bool, False),
    _Field("datum_voorgenomen_beeindiging", "intended_termination_date", parsing.parse_date, None),
    _Field("warme_overdracht", "warm_handover", parsing.parse_bool, False),
)


def validate_rows(
    rows: list[InputRow],
    *,
    today: dt.date,
    oldest_signal_date: dt.date,
    locate: Locator,
    max_amount_cents: int,
    bsn_allowed: bool,
    labels: dict[str, str] | None = None,
) -> CheckedRows:
    """Check every row: the valid rows, every error of the rejected ones, and the notices.

    A later row with the same klantnummer and signaaldatum as an earlier one is rejected (one of
    `repeats`), and so is a signal dated before `oldest_signal_date` (past its retention term on
    arrival). Without `bsn_allowed` (`may_deliver_bsn`) a filled bsn cell is not read at all,
    so it cannot reject the row, and gets a notice instead. `labels`: the creditor's own name of
    a canonical column, used in the messages.
    """
    checked = CheckedRows(valid=[], errors=[], notices=[], repeats=set())
    first_row_of: dict[tuple[str, dt.date], int] = {}
    for number, cells in rows:
        if ROW_PROBLEM in cells:
            checked.errors.append(RowError(number, "", str(cells[ROW_PROBLEM])))
            continue
        check = _RowCheck(number, today, oldest_signal_date, bsn_allowed, labels or {})
        fields = check.parse(cells)
        check.rules(fields, max_amount_cents)
        key = (fields.get("customer_number"), fields.get("signal_date"))
        if None not in key and "" not in key:
            if key in first_row_of:
                check.duplicate(key, first_row_of[key])
                checked.repeats.add(number)
            else:
                first_row_of[key] = number
        municipality_id = check.municipality(fields, locate)
        check.without_signal_date(fields)
        if check.errors:
            checked.errors.extend(error for _, error in sorted(check.errors, key=lambda e: e[0]))
        else:
            check.letter_address(fields)
            checked.valid.append(ValidRow(number, municipality_id, fields))
        checked.notices.extend(check.notices)
    return checked


class _RowCheck:
    """The checks of one row, collecting its errors."""

    def __init__(
        self,
        number: int,
        today: dt.date,
        oldest_signal_date: dt.date,
        bsn_allowed: bool,
        labels: dict[str, str],
    ) -> None:
        self.number = number
        self.today = today
        self.oldest_signal_date = oldest_signal_date
        self.bsn_allowed = bsn_allowed
        self.labels = labels
        # (position of the column in the format, error): reported in the format's column order
        self.errors: list[tuple[int, RowError]] = []
        self.notices: list[RowNotice] = []
        # Checks that needed the signal date this row lacks, as "of ..." clauses.
        self.unchecked: list[str] = []

    def label(self, column: str) -> str:
        return self.labels.get(column, column)

    def error(self, column: str, text: str) -> None:
        text = text.rstrip(".")
        name = self.label(column)
        self.errors.append(
            (
                _COLUMN_ORDER[column],
                RowError(self.number, name, f"Rij {self.number}, {name}: {text}."),
            )
        )

    def parse(self, cells: dict[str, object]) -> dict[str, object]:
        """Every field parsed, blank ones given their default; errors for bad or missing ones."""
        fields: dict[str, object] = {}
        for spec in _FIELDS:
            fields[spec.target] = self._value(cells, spec.column, spec.parse, spec.default)
        fields["bsn"] = self._bsn(cells)
        fields.update(self._house_number(cells))
        if fields["postcode"] and fields["house_number"] is not None:
            fields["address_key"] = address_key(
                fields["postcode"],
                fields["house_number"],
                fields["house_letter"],
                fields["house_number_addition"],
            )
        else:
            fields["address_key"] = ""
        return fields

    def _value(self, cells, column: str, parse, default):
        raw = cells.get(column)
        if parsing.is_blank(raw):
            if column in REQUIRED_COLUMNS:
                # Only a JSON object can lack a column (reading.ROW_PROBLEM).
                state = "ontbreekt" if column not in cells else "is leeg"
                self.error(column, f"dit veld is verplicht maar {state}")
            return default
        try:
            return parse(raw)
        except ValueError as exc:
            self.error(column, str(exc))
            return default

    def _bsn(self, cells) -> str:
        if self.bsn_allowed:
            return self._value(cells, "bsn", parsing.parse_bsn, "")
        if not parsing.is_blank(cells.get("bsn")):
            self.notice("bsn", BSN_NOT_TAKEN_OVER)
        return ""

    def notice(self, column: str, text: str) -> None:
        name = self.label(column)
        self.notices.append(RowNotice(self.number, name, f"Rij {self.number}, {name}: {text}"))

    def letter_address(self, fields: dict[str, object]) -> None:
        """A notice when an accepted signal lacks straat or woonplaats: the municipality then
        has no address to send a letter to ('5A, 7421CD'; QA14 B13). Not an error: the columns
        are optional, and a home visit or a call can still reach the resident."""
        missing = [
            column
            for column, target in (("straat", "street"), ("woonplaats", "city"))
            if not fields[target]
        ]
        if len(missing) == 2:
            self.notice(
                "straat",
                "straat en woonplaats ontbreken; de gemeente kan geen brief sturen zonder straat "
                "en woonplaats. Lever ze mee als u ze heeft.",
            )
        elif missing:
            [column] = missing
            self.notice(
                column,
                f"ontbreekt; de gemeente kan geen brief sturen zonder {column}. Lever de "
                f"{column} mee als u die heeft.",
            )

    def _house_number(self, cells) -> dict[str, object]:
        """huisnummer with a letter/addition in the same cell or in their own columns."""
        parsed = self._value(cells, "huisnummer", parsing.parse_house_number, None)
        number, letter, addition = parsed or (None, "", "")
        for column, parse, in_cell in (
            ("huisletter", parsing.parse_house_letter, letter),
            ("huisnummertoevoeging", parsing.parse_addition, addition),
        ):
            own = self._value(cells, column, parse, "")
            if own and in_cell and own.lower() != in_cell.lower():
                self.error(
                    column,
                    f"'{own}' wijkt af van '{in_cell}' in {self.label('huisnummer')} "
                    f"'{cells.get('huisnummer')}'; vul het op één plek in",
                )
            if column == "huisletter":
                letter = in_cell or own
            else:
                addition = in_cell or own
        if number is not None and not 1 <= number <= MAX_HOUSE_NUMBER:
            self.error("huisnummer", f"{number} ligt niet tussen 1 en {MAX_HOUSE_NUMBER}")
        return {"house_number": number, "house_letter": letter, "house_number_addition": addition}

    def rules(self, fields: dict[str, object], max_amount_cents: int) -> None:
        """The rules that look at a value's meaning or at several fields together."""
        customer = fields["customer_number"]
        if isinstance(customer, str) and customer.upper() == EXAMPLE_CUSTOMER_NUMBER:
            self.error(
                "klantnummer",
                "dit is de voorbeeldrij uit het voorbeeldbestand; vervang haar door uw eigen "
                "signalen",
            )
        amount = fields["amount_cents"]
        if amount is not None and amount <= 0:
            self.error(
                "bedrag_achterstand", f"het bedrag moet groter zijn dan 0 (is {euros(amount)})"
            )
        elif amount is not None and amount > max_amount_cents:
            self.error(
                "bedrag_achterstand",
                f"{euros(amount)} is onaannemelijk hoog (hoogstens {euros(max_amount_cents)})",
            )
        for column, target in (
            ("signaaldatum", "signal_date"),
            ("datum_ontstaan", "arrears_start"),
            ("geboortedatum", "birth_date"),
        ):
            if fields[target] is not None and fields[target] > self.today:
                self.error(column, f"{_day(fields[target])} ligt in de toekomst")
        signal_date, start = fields["signal_date"], fields["arrears_start"]
        if signal_date is not None and signal_date < self.oldest_signal_date:
            days = (self.today - self.oldest_signal_date).days
            self.error(
                "signaaldatum",
                f"{_day(signal_date)} is ouder dan de bewaartermijn van signalen ({days} dagen): "
                f"alleen een signaaldatum vanaf {_day(self.oldest_signal_date)} wordt aangenomen",
            )
        if signal_date is not None and start is not None and start > signal_date:
            self.error(
                "datum_ontstaan",
                f"{_day(start)} ligt na de signaaldatum ({_day(signal_date)})",
            )
        self._age(fields["birth_date"], signal_date)
        terms = fields["unpaid_terms"]
        if terms is not None and terms > MAX_UNPAID_TERMS:
            self.error("aantal_termijnen", f"{terms} is onaannemelijk hoog")

    def _age(self, birth_date: dt.date | None, signal_date: dt.date | None) -> None:
        if birth_date is None or signal_date is None or birth_date > self.today:
            return
        age = _years_between(birth_date, signal_date)
        if not MIN_AGE <= age <= MAX_AGE:
            self.error(
                "geboortedatum",
                f"{_day(birth_date)} geeft een leeftijd van {age} jaar op de signaaldatum; "
                f"verwacht tussen {MIN_AGE} en {MAX_AGE} jaar",
            )

    def duplicate(self, key: tuple[str, dt.date], first_row: int) -> None:
        customer, signal_date = key
        self.error(
            "klantnummer",
            f"klantnummer '{customer}' met signaaldatum {_day(signal_date)} staat al in "
            f"rij {first_row}; deze latere rij is niet verwerkt",
        )

    def municipality(self, fields: dict[str, object], locate: Locator) -> int | None:
        """The municipality of the postcode, if the creditor may deliver there on that date.

        Without a valid signal date the row is rejected anyway, but a postcode that no date
        makes deliverable is still reported, with the other problems of the row.
        """
        if not fields["postcode"]:
            return None
        signal_date = fields["signal_date"]
        municipality_id, reason = locate(fields["postcode"], signal_date)
        if reason:
            self.error("postcode", reason)
        elif municipality_id is None and signal_date is not None:
            self.error("postcode", "deze postcode ligt niet in een bekende gemeente")
        elif municipality_id is None:
            self.unchecked.append("of uw convenant voor deze postcode op de signaaldatum geldt")
        return municipality_id

    def without_signal_date(self, fields: dict[str, object]) -> None:
        """Say which checks of the row need the signal date it lacks, so the creditor does not
        take the reported problems for all there are."""
        if fields["signal_date"] is not None:
            return
        needing_the_date = [
            (fields["customer_number"], "of deze rij een eerdere rij herhaalt"),
            (fields["arrears_start"], f"of {self.label('datum_ontstaan')} na de signaaldatum ligt"),
            (
                _past_or_today(fields["birth_date"], self.today),
                "of de leeftijd op de signaaldatum klopt",
            ),
        ]
        clauses = [clause for value, clause in needing_the_date if value] + self.unchecked
        if clauses:
            self.error(
                "signaaldatum", f"zonder geldige signaaldatum is niet nagegaan {listed(clauses)}"
            )


def _past_or_today(day: dt.date | None, today: dt.date) -> dt.date | None:
    """The day if it is not in the future (a future birth date is an error of its own)."""
    return day if day is not None and day <= today else None


def _years_between(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _day(value: dt.date) -> str:
    return f"{value:%d-%m-%Y}"
