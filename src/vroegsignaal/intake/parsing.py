"""Parsers for the cell values creditors deliver: one small pure function per kind of value.

Each parser takes a raw cell (str, or int/float/date/datetime/bool as XLSX gives them, or
int/Decimal/bool/dict/list as the API's JSON gives them: the API reads JSON numbers with a
fraction as Decimal, so an amount is judged as written) and returns the normalised value, or
raises ValueError with a Dutch explanation that names the value (never anything else, whatever
the input). Blank cells are the caller's business: see
`is_blank`. The accepted variants are listed in docs/aanleverformaat.md.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from decimal import ROUND_HALF_UP, Decimal

from vroegsignaal.ddas import Geslacht


def is_blank(value: object) -> bool:
    """True for a missing cell: None or text with only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: object) -> str:
    """The value as the creditor will recognise it in the message, cut short when very long.

    Text, numbers and dates stand between quotes ('31-02-2024'). What only JSON sends (true,
    false, an object, a list) is written as JSON without quotes: Python's "True" or
    "{'a': 1}" is not what the creditor's system sent.
    """
    if isinstance(value, bool | dict | list):
        return _cut(json.dumps(value, ensure_ascii=False, default=str))
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    return f"'{_cut(text)}'"


def _cut(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


# Larger JSON numbers are no cell value of ours; converting 1e999999999 to int would not end.
_MAX_DIGITS = 18


def _finite_decimal(value: object) -> bool:
    return isinstance(value, Decimal) and value.is_finite() and value.adjusted() < _MAX_DIGITS


def _whole_number(value: object) -> int | None:
    """An int, or a float without fraction (Excel stores 12 as 12.0); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if _finite_decimal(value) and value == value.to_integral_value():
        return int(value)
    return None


# --- dates --------------------------------------------------------------------------------

_ISO_DATE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$", re.ASCII
)
_DUTCH_DATE = re.compile(
    r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$", re.ASCII
)
# Excel counts days from 1899-12-30 (it believes 1900 was a leap year, so serial 60 does not
# exist and serials below it are one day off); the last serial Excel knows is 9999-12-31.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_MAX_SERIAL = 2958465


_TWO_DIGIT_YEAR = re.compile(r"^\d{1,2}([-/.])\d{1,2}\1(\d{2})(?: .*)?$", re.ASCII)


def _date_error(value: object) -> ValueError:
    shown = _shown(value)
    if isinstance(value, str) and (two_digits := _TWO_DIGIT_YEAR.match(value.strip())):
        year = two_digits.group(2)
        # The example is this year's: a creditor copies it into the file it delivers now.
        return ValueError(
            f"{shown} heeft een jaartal van twee cijfers, en dat is dubbelzinnig "
            f"(19{year} of 20{year}?); schrijf het jaar in vier cijfers, "
            f"bv. 31-01-{dt.date.today().year}"
        )
    return ValueError(f"{shown} is geen geldige datum (verwacht bv. 2024-01-31 of 31-01-2024)")


def _from_excel_serial(value: object, serial: float | Decimal) -> dt.date:
    if not 1 <= serial <= _EXCEL_MAX_SERIAL or int(serial) == 60:
        raise _date_error(value)
    days = int(serial)
    if days < 60:
        days += 1
    return _EXCEL_EPOCH + dt.timedelta(days=days)


def parse_date(value: object) -> dt.date:
    """YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY, D-M-YYYY (a time part is ignored), Excel date cells
    and Excel serial numbers."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        # A Decimal NaN cannot even be compared; a float NaN or infinity fails the range check.
        if isinstance(value, Decimal) and not value.is_finite():
            raise _date_error(value)
        return _from_excel_serial(value, value)
    if not isinstance(value, str):
        raise _date_error(value)
    text = value.strip()
    if match := _ISO_DATE.match(text):
        year, month, day = match.groups()
    elif match := _DUTCH_DATE.match(text):
        day, _separator, month, year = match.groups()
    else:
        raise _date_error(value)
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"{_shown(value)} is geen bestaande datum") from None


# --- amounts ------------------------------------------------------------------------------

_CURRENCY = re.compile(r"^(?:€|eur(?:o)?)\s*|\s*(?:€|eur(?:o)?)$", re.IGNORECASE)
_WHOLE_EUROS_SUFFIX = re.compile(r",-{1,2}$")  # Dutch "€ 12,-" means twelve whole euros
_PLAIN_NUMBER = re.compile(r"^\d{1,15}$", re.ASCII)
_GROUPED = re.compile(
    r"^[1-9]\d{0,2}(?:X\d{3}){1,4}$", re.ASCII
)  # X stands for the thousands separator


class _TooManyDecimals(ValueError):
    """More than two digits after the decimal separator: cents are the smallest unit."""


_TOO_MANY_DECIMALS = "hoogstens twee cijfers na de komma: hele centen"


def _amount_error(value: object, reason: str = "verwacht bv. 1234,56 of € 1.234,56") -> ValueError:
    return ValueError(f"{_shown(value)} is geen geldig bedrag ({reason})")


def _euros(digits: str, thousands: str | None) -> str:
    """The integer part without thousands separators; raises when the grouping is not by three."""
    if thousands is None or thousands not in digits:
        if not _PLAIN_NUMBER.match(digits):
            raise ValueError(digits)
        return digits
    if not _GROUPED.match(digits.replace(thousands, "X")):
        raise ValueError(digits)
    return digits.replace(thousands, "")


def _split_amount(text: str) -> tuple[str, str]:
    """(euros, cents digits) from an amount in any accepted notation; raises ValueError."""
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal == "." else "."
    elif dots + commas == 0:
        return _euros(text, None), ""
    else:
        separator = "." if dots else ","
        head, _, tail = text.rpartition(separator)
        # One separator followed by exactly three digits after a short first group is a
        # thousands separator (1.234 or 1,234 is 1234 euros); otherwise it is the decimal one.
        if dots + commas > 1 or (len(tail) == 3 and _PLAIN_NUMBER.match(head) and len(head) <= 3):
            return _euros(text, separator), ""
        decimal, thousands = separator, None
    head, _, tail = text.rpartition(decimal)
    if not _PLAIN_NUMBER.match(tail):
        raise ValueError(text)
    if len(tail) > 2:
        raise _TooManyDecimals(text)
    return _euros(head, thousands), tail


def parse_amount_cents(value: object) -> int:
    """An amount in euros to whole cents, exactly: 1234.56, 1234,56, 1.234,56, 1,234.56,
    € 1.234,56, EUR 12, € 12,- and numeric XLSX cells. May be zero or negative; the caller
    decides what is plausible."""
    if isinstance(value, bool):
        raise _amount_error(value)
    if isinstance(value, int):
        return value * 100
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _amount_error(value)
        # repr gives the shortest decimal that is this float, so 1234.56 stays 1234.56.
        return int((Decimal(repr(value)) * 100).to_integral_value(ROUND_HALF_UP))
    if isinstance(value, Decimal):
        return _decimal_cents(value)
    if not isinstance(value, str):
        raise _amount_error(value)
    text = _CURRENCY.sub("", "".join(value.split()))  # spaces (also non-breaking) group digits
    negative = text.startswith("-")
    text = _WHOLE_EUROS_SUFFIX.sub("", _CURRENCY.sub("", text.removeprefix("-")))
    try:
        euros, cents = _split_amount(text)
    except _TooManyDecimals:
        raise _amount_error(value, _TOO_MANY_DECIMALS) from None
    except ValueError:
        raise _amount_error(value) from None
    total = int(euros) * 100 + int(cents.ljust(2, "0"))
    return -total if negative else total


def _decimal_cents(value: Decimal) -> int:
    """A JSON number as written: like an amount in text, three or more decimals are refused
    (1234.565 is not rounded to 1234.57)."""
    if not _finite_decimal(value):
        raise _amount_error(value)
    if value.as_tuple().exponent < -2:
        raise _amount_error(value, _TOO_MANY_DECIMALS)
    return int(value * 100)


# --- postcode and house number ------------------------------------------------------------

_POSTCODE = re.compile(r"^[1-9]\d{3}[A-Z]{2}$", re.ASCII)
_UNUSED_POSTCODE_LETTERS = frozenset({"SA", "SD", "SS"})


def parse_postcode(value: object) -> str:
    """'7511ab', '7511 AB', ' 7511AB ' -> '7511AB': four digits not starting with 0, two
    letters, not SA, SD or SS."""
    text = "".join(str(value).split()).upper() if isinstance(value, str | int) else ""
    if not _POSTCODE.match(text):
        raise ValueError(
            f"{_shown(value)} is geen geldige postcode "
            "(verwacht 4 cijfers en 2 letters, bv. 7511 AB)"
        )
    if text[4:] in _UNUSED_POSTCODE_LETTERS:
        raise ValueError(
            f"{_shown(value)} is geen geldige postcode "
            "(de letters SA, SD en SS worden in postcodes niet gebruikt)"
        )
    return text


_HOUSE_NUMBER = re.compile(r"^(\d{1,9})(?![0-9])[\s\-/]*(.*)$", re.ASCII)
_PARTS = re.compile(r"[\s\-/]+")
MAX_ADDITION_LENGTH = 10


def _is_letter(text: str) -> bool:
    return text.isascii() and text.isalpha()


def _is_addition(addition: str) -> bool:
    """Letters and digits (words separated by single spaces), at most 10 characters."""
    plain = addition.replace(" ", "")
    return len(addition) <= MAX_ADDITION_LENGTH and (
        not plain or (plain.isascii() and plain.isalnum())
    )


def _house_number_error(value: object) -> ValueError:
    return ValueError(
        f"{_shown(value)} is geen geldig huisnummer (verwacht bv. 12, 12a, 12-2 of 12 bis)"
    )


def parse_house_number(value: object) -> tuple[int, str, str]:
    """A house number with its letter and addition in one cell -> (number, letter, addition).

    '12a', '12 A', '12-A' -> (12, 'A', ''); '12-2' -> (12, '', '2'); '12 bis' -> (12, '', 'bis');
    '12a-2' -> (12, 'A', '2'); XLSX 12.0 -> (12, '', ''). A single letter right after the number
    is the huisletter, anything else the huisnummertoevoeging.
    """
    number = _whole_number(value)
    if number is not None:
        if number < 0:
            raise _house_number_error(value)
        return number, "", ""
    if not isinstance(value, str):
        raise _house_number_error(value)
    match = _HOUSE_NUMBER.match(value.strip())
    if not match:
        raise _house_number_error(value)
    digits, rest = match.groups()
    parts = [p for p in _PARTS.split(rest) if p]
    letter = ""
    if parts and len(parts[0]) == 1 and _is_letter(parts[0]):
        letter = parts.pop(0).upper()
    elif parts and len(parts[0]) > 1 and _is_letter(parts[0][0]) and parts[0][1].isdigit():
        # '12a2' is letter a with addition 2, as in the BAG
        letter, parts[0] = parts[0][0].upper(), parts[0][1:]
    addition = " ".join(parts)
    if not _is_addition(addition):
        raise _house_number_error(value)
    return int(digits), letter, addition


def parse_house_letter(value: object) -> str:
    """The huisletter column: one letter, upper-cased."""
    text = value.strip() if isinstance(value, str) else ""
    if len(text) != 1 or not _is_letter(text):
        raise ValueError(f"{_shown(value)} is geen geldige huisletter (verwacht één letter)")
    return text.upper()


def parse_addition(value: object) -> str:
    """The huisnummertoevoeging column: letters and digits, at most 10 characters."""
    number = _whole_number(value)
    text = str(number) if number is not None else value.strip() if isinstance(value, str) else ""
    parts = [p for p in _PARTS.split(text) if p]
    addition = " ".join(parts)
    if not addition or not _is_addition(addition):
        raise ValueError(
            f"{_shown(value)} is geen geldige huisnummertoevoeging "
            f"(letters en cijfers, hoogstens {MAX_ADDITION_LENGTH} tekens)"
        )
    return addition


# --- yes/no, contract type, gender --------------------------------------------------------

_TRUE = frozenset({"ja", "j", "yes", "y", "true", "waar", "1", "x"})
_FALSE = frozenset({"nee", "n", "no", "false", "onwaar", "0"})


def parse_bool(value: object) -> bool:
    """ja/nee, j/n, yes/no, true/false, 1/0 and x (a ticked box), in any case."""
    if isinstance(value, bool):
        return value
    number = _whole_number(value)
    text = (
        str(number)
        if number is not None
        else value.strip().lower()
        if isinstance(value, str)
        else ""
    )
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{_shown(value)} is geen geldige ja/nee-waarde (verwacht ja of nee)")


_CONTRACT_TYPES = {
    "particulier": "particulier",
    "p": "particulier",
    "prive": "particulier",
    "privé": "particulier",
    "zakelijk": "zakelijk",
    "z": "zakelijk",
}


def parse_contract_type(value: object) -> str:
    """particulier (also P, prive, privé) or zakelijk (also Z)."""
    text = value.strip().lower() if isinstance(value, str) else ""
    if text not in _CONTRACT_TYPES:
        raise ValueError(
            f"{_shown(value)} is geen geldige contractsoort (verwacht particulier of zakelijk)"
        )
    return _CONTRACT_TYPES[text]


_GENDERS = {
    "m": Geslacht.MAN,
    "man": Geslacht.MAN,
    "v": Geslacht.VROUW,
    "vrouw": Geslacht.VROUW,
    "o": Geslacht.ONBEKEND,
    "onbekend": Geslacht.ONBEKEND,
    "x": Geslacht.ONBEKEND,
}


def parse_gender(value: object) -> str:
    """M/man, V/vrouw, O/onbekend/X to the DDAS Geslacht values; a blank cell is Leeg."""
    if is_blank(value):
        return Geslacht.LEEG.value
    text = value.strip().lower() if isinstance(value, str) else ""
    if text not in _GENDERS:
        raise ValueError(f"{_shown(value)} is geen geldig geslacht (verwacht M, V of O)")
    return _GENDERS[text].value


# --- identifiers and text -----------------------------------------------------------------

_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def bsn_passes_elfproef(digits: str) -> bool:
    """The eleven test of a 9-digit BSN (all zeros is not a BSN)."""
    total = sum(int(d) * w for d, w in zip(digits, _BSN_WEIGHTS, strict=True))
    return total % 11 == 0 and digits != "000000000"


def parse_bsn(value: object) -> str:
    """A burgerservicenummer of 9 digits passing the elfproef; spaces and dots are ignored, and
    a leading zero that Excel dropped (8 digits) is restored."""
    number = _whole_number(value)
    if number is not None:
        text = str(number)
    elif isinstance(value, str):
        text = re.sub(r"[\s.]", "", value)
    else:
        text = ""
    if text.isascii() and text.isdigit() and len(text) == 8:
        text = "0" + text
    if not (text.isascii() and text.isdigit() and len(text) == 9):
        raise ValueError(f"{_shown(value)} is geen geldig burgerservicenummer (verwacht 9 cijfers)")
    if not bsn_passes_elfproef(text):
        raise ValueError(
            f"{_shown(value)} is geen geldig burgerservicenummer (de elfproef klopt niet)"
        )
    return text


def parse_text(value: object, max_length: int) -> str:
    """Free text (names, street, city, e-mail) with whitespace collapsed; numbers as written."""
    number = _whole_number(value)
    if number is not None:
        text = str(number)  # a klantnummer Excel stored as 1234.0 is "1234"
    elif isinstance(value, str | int | float | Decimal) and not isinstance(value, bool):
        text = " ".join(str(value).split())
    else:
        raise ValueError(f"{_shown(value)} is geen tekst")
    if len(text) > max_length:
        raise ValueError(f"{_shown(value)} is te lang (hoogstens {max_length} tekens)")
    return text


def parse_phone(value: object, max_length: int) -> str:
    """A phone number as text; restores the leading 0 Excel drops from a numeric cell
    (612345678 -> 0612345678)."""
    number = _whole_number(value)
    if number is not None and len(str(number)) == 9:
        return f"0{number}"
    return parse_text(value, max_length)


def parse_count(value: object) -> int:
    """A whole number of zero or more (aantal termijnen)."""
    number = _whole_number(value)
    if number is None and isinstance(value, str) and _PLAIN_NUMBER.match(value.strip()):
        number = int(value.strip())
    if number is None or number < 0:
        raise ValueError(f"{_shown(value)} is geen geldig aantal (verwacht een heel getal, bv. 3)")
    return number
