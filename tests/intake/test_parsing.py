"""The cell parsers: every accepted variant, and property tests that formatting a value in any
accepted way parses back to the same value and that arbitrary input only ever gives ValueError."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from vroegsignaal.ddas import Geslacht
from vroegsignaal.intake import parsing

# Anything a cell can hold: text, numbers (as XLSX and JSON give them: JSON's fractions as
# Decimal), dates, booleans, None, and JSON's objects and lists, which no cell should hold.
ANY_CELL = st.one_of(
    st.text(),
    st.text(alphabet="0123456789 .,-/€EURabAB"),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)

PARSERS = [
    parsing.parse_date,
    parsing.parse_amount_cents,
    parsing.parse_postcode,
    parsing.parse_house_number,
    parsing.parse_house_letter,
    parsing.parse_addition,
    parsing.parse_bool,
    parsing.parse_contract_type,
    parsing.parse_gender,
    parsing.parse_bsn,
    lambda v: parsing.parse_text(v, max_length=20),
    lambda v: parsing.parse_phone(v, max_length=20),
    parsing.parse_count,
]


@pytest.mark.parametrize("parse", PARSERS)
@given(value=ANY_CELL)
def test_parsers_raise_only_value_error_with_the_value_quoted(parse, value):
    try:
        parse(value)
    except ValueError as exc:
        assert str(exc)  # a Dutch explanation, never empty


# --- dates --------------------------------------------------------------------------------


def _excel_serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


DATE_FORMATS = [
    lambda d: d.isoformat(),
    lambda d: f"{d:%d-%m-%Y}",
    lambda d: f"{d:%d/%m/%Y}",
    lambda d: f"{d.day}-{d.month}-{d.year}",
    lambda d: f"{d.day}/{d.month}/{d.year}",
    lambda d: f" {d:%d-%m-%Y} 00:00",
    lambda d: f"{d.isoformat()}T00:00:00",
    lambda d: dt.datetime(d.year, d.month, d.day, 13, 5),
    lambda d: d,
    _excel_serial,
    lambda d: float(_excel_serial(d)) + 0.25,  # an Excel date with a time of day
]


@pytest.mark.parametrize("fmt", DATE_FORMATS)
@given(day=st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)))
def test_date_in_every_accepted_format_parses_back(fmt, day):
    assert parsing.parse_date(fmt(day)) == day


@pytest.mark.parametrize("text", ["2024/01/15", "15-01/2024", "gisteren", ""])
def test_date_rejects_malformed_dates(text):
    with pytest.raises(ValueError, match="geen geldige datum"):
        parsing.parse_date(text)


@pytest.mark.parametrize("text", ["2024-02-30", "31-13-2024", "31-02-2026"])
def test_an_impossible_date_is_called_not_existing(text):
    with pytest.raises(ValueError, match=f"^'{text}' is geen bestaande datum$"):
        parsing.parse_date(text)


@pytest.mark.parametrize("text", ["15-01-24", "26/11/26"])
def test_a_two_digit_year_is_refused_saying_why(text):
    with pytest.raises(ValueError, match="jaartal van twee cijfers, en dat is dubbelzinnig"):
        parsing.parse_date(text)


@pytest.mark.parametrize(
    ("text", "readings"), [("25-11-26", "(1926 of 2026?)"), ("3/1/07", "(1907 of 2007?)")]
)
def test_a_two_digit_year_names_the_two_centuries_of_the_year_typed(text, readings):
    """Rule: the message reads the year that was typed; it always said '(1924 of 2024?)'."""
    with pytest.raises(ValueError, match=re.escape(readings)):
        parsing.parse_date(text)


def test_a_two_digit_year_is_shown_how_to_write_it_in_this_years_example():
    this_year = dt.date.today().year
    with pytest.raises(ValueError) as refused:
        parsing.parse_date("25-11-26")
    assert str(refused.value).endswith(f"schrijf het jaar in vier cijfers, bv. 31-01-{this_year}")


def test_date_rejects_excel_serial_of_non_existent_29_february_1900():
    with pytest.raises(ValueError):
        parsing.parse_date(60)


# --- amounts ------------------------------------------------------------------------------


def _dutch(cents: int) -> str:
    euros, rest = divmod(cents, 100)
    return f"{euros:,}".replace(",", ".") + f",{rest:02d}"


def _english(cents: int) -> str:
    euros, rest = divmod(cents, 100)
    return f"{euros:,}.{rest:02d}"


AMOUNT_FORMATS = [
    lambda c: f"{c // 100}.{c % 100:02d}",  # 1234.56
    lambda c: f"{c // 100},{c % 100:02d}",  # 1234,56
    _dutch,  # 1.234,56
    _english,  # 1,234.56
    lambda c: f"€ {_dutch(c)}",
    lambda c: f"€{_dutch(c)}",
    lambda c: f"EUR {_english(c)}",
    lambda c: f"{_dutch(c)} EUR",
    lambda c: f"€\u00a0{_dutch(c)}",  # Excel puts a non-breaking space after the euro sign
    lambda c: c / 100,  # numeric XLSX cell
]


@pytest.mark.parametrize("fmt", AMOUNT_FORMATS)
@given(cents=st.integers(min_value=0, max_value=10**11))
def test_amount_in_every_accepted_format_parses_back_to_exact_cents(fmt, cents):
    assert parsing.parse_amount_cents(fmt(cents)) == cents


@given(euros=st.integers(min_value=0, max_value=10**9))
def test_whole_euro_amounts_parse_in_every_notation(euros):
    dutch = f"{euros:,}".replace(",", ".")
    for text in (f"EUR {euros}", f"€ {dutch},-", str(euros), euros, float(euros)):
        assert parsing.parse_amount_cents(text) == euros * 100


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("1234.56", 123456),
        ("1234,56", 123456),
        ("1.234,56", 123456),
        ("1,234.56", 123456),
        ("€ 1.234,56", 123456),
        ("EUR 12", 1200),
        ("12,5", 1250),
        ("1.234", 123400),
        ("12,345", 1234500),
        ("-75,00", -7500),
        ("€ -75", -7500),
        (1234.56, 123456),
        (0.1 + 0.2, 30),
    ],
)
def test_amount_examples_from_the_delivery_format(text, cents):
    assert parsing.parse_amount_cents(text) == cents


@pytest.mark.parametrize(
    "text",
    ["1234,567", "1.23.45", "1,2,3", "12.3456", "€", "twaalf", "1e5", "0.125", True, "1.234.5"],
)
def test_amount_rejects_ambiguous_or_malformed_notation(text):
    with pytest.raises(ValueError, match="geen geldig bedrag"):
        parsing.parse_amount_cents(text)


@pytest.mark.parametrize("text", ["1234.567", "1234,567", "12.3456"])
def test_an_amount_with_more_than_two_decimals_is_refused_saying_why(text):
    with pytest.raises(
        ValueError, match=r"geen geldig bedrag \(hoogstens twee cijfers na de komma"
    ):
        parsing.parse_amount_cents(text)


@pytest.mark.parametrize("number", ["1234.565", "1234.560", "0.001"])
def test_a_json_number_with_three_decimals_is_refused_like_the_same_amount_as_text(number):
    """The API reads JSON fractions as Decimal: 1234.565 is not rounded to 1234.57."""
    with pytest.raises(
        ValueError, match=r"geen geldig bedrag \(hoogstens twee cijfers na de komma"
    ):
        parsing.parse_amount_cents(Decimal(number))


@pytest.mark.parametrize(
    ("number", "cents"), [("1234.56", 123456), ("12.5", 1250), ("1E+3", 100000)]
)
def test_a_json_number_with_at_most_two_decimals_is_its_exact_cents(number, cents):
    assert parsing.parse_amount_cents(Decimal(number)) == cents


def test_a_json_number_too_large_for_any_cell_is_refused_at_once():
    for parse in (parsing.parse_amount_cents, parsing.parse_date, parsing.parse_count):
        with pytest.raises(ValueError):
            parse(Decimal("1e999999999"))


@pytest.mark.parametrize(
    ("parse", "value", "message"),
    [
        (parsing.parse_amount_cents, True, "true is geen geldig bedrag"),
        (lambda v: parsing.parse_text(v, max_length=20), {"a": 1}, '{"a": 1} is geen tekst'),
        (parsing.parse_postcode, ["7511AB"], '["7511AB"] is geen geldige postcode'),
        (parsing.parse_postcode, "75", "'75' is geen geldige postcode"),
    ],
)
def test_a_value_only_json_can_send_is_shown_in_json_notation(parse, value, message):
    with pytest.raises(ValueError) as error:
        parse(value)
    assert str(error.value).startswith(message)


# --- postcode -----------------------------------------------------------------------------

VALID_POSTCODES = st.builds(
    lambda digits, letters: f"{digits}{letters}",
    st.integers(min_value=1000, max_value=9999).map(str),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2).filter(
        lambda letters: letters not in {"SA", "SD", "SS"}
    ),
)
POSTCODE_FORMATS = [
    lambda p: p,
    lambda p: p.lower(),
    lambda p: f"{p[:4]} {p[4:]}",
    lambda p: f"  {p[:4]} {p[4:].lower()} ",
    lambda p: f"{p[:4]}\u00a0{p[4:]}",
]


@pytest.mark.parametrize("fmt", POSTCODE_FORMATS)
@given(postcode=VALID_POSTCODES)
def test_postcode_in_every_accepted_format_normalises_to_7511AB_form(fmt, postcode):
    assert parsing.parse_postcode(fmt(postcode)) == postcode


@pytest.mark.parametrize("text", ["1234", "0511AB", "75111AB", "7511A", "AB7511", "7511-AB"])
def test_postcode_rejects_wrong_shape(text):
    with pytest.raises(ValueError, match="verwacht 4 cijfers en 2 letters"):
        parsing.parse_postcode(text)


@pytest.mark.parametrize("text", ["7511 SA", "7511sd", "7511SS"])
def test_postcode_rejects_letter_pairs_sa_sd_ss(text):
    with pytest.raises(ValueError, match="SA, SD en SS"):
        parsing.parse_postcode(text)


# --- house number -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("12", (12, "", "")),
        ("12a", (12, "A", "")),
        ("12 A", (12, "A", "")),
        ("12-A", (12, "A", "")),
        ("12-2", (12, "", "2")),
        ("12 bis", (12, "", "bis")),
        ("12 hs", (12, "", "hs")),
        ("12a-2", (12, "A", "2")),
        ("12a2", (12, "A", "2")),
        ("12 1 hoog", (12, "", "1 hoog")),
        (12, (12, "", "")),
        (12.0, (12, "", "")),
        (" 7 ", (7, "", "")),
    ],
)
def test_house_number_splits_letter_and_addition_from_the_same_cell(cell, expected):
    assert parsing.parse_house_number(cell) == expected


@given(
    number=st.integers(min_value=1, max_value=99999),
    letter=st.sampled_from(["", "A", "b", "Z"]),
    addition=st.sampled_from(["", "2", "bis", "hs", "101"]),
    separator=st.sampled_from(["", " ", "-"]),
)
def test_house_number_formatted_any_way_parses_back(number, letter, addition, separator):
    tail = f"-{addition}" if addition else ""
    cell = f"{number}{separator}{letter}{tail}"
    assert parsing.parse_house_number(cell) == (number, letter.upper(), addition)


@pytest.mark.parametrize(
    "cell", ["", "a12", "twaalf", 12.5, "12 !", "12 abcdefghijklm", "1234567890"]
)
def test_house_number_rejects_what_is_not_a_house_number(cell):
    with pytest.raises(ValueError, match="geen geldig huisnummer"):
        parsing.parse_house_number(cell)


def test_house_letter_column_accepts_one_letter_only():
    assert parsing.parse_house_letter(" b ") == "B"
    with pytest.raises(ValueError, match="geen geldige huisletter"):
        parsing.parse_house_letter("bis")


def test_addition_column_accepts_short_alphanumeric_text_and_numeric_cells():
    assert parsing.parse_addition("hs") == "hs"
    assert parsing.parse_addition(2.0) == "2"
    with pytest.raises(ValueError, match="geen geldige huisnummertoevoeging"):
        parsing.parse_addition("veel te lange toevoeging")


# --- yes/no, contract type, gender --------------------------------------------------------

TRUE_VALUES = ["ja", "j", "yes", "true", "1", "x", "X", "JA", " Ja ", 1, 1.0, True]
FALSE_VALUES = ["nee", "n", "no", "false", "0", "NEE", 0, 0.0, False]


@pytest.mark.parametrize("cell", TRUE_VALUES)
def test_bool_accepts_every_yes_variant(cell):
    assert parsing.parse_bool(cell) is True


@pytest.mark.parametrize("cell", FALSE_VALUES)
def test_bool_accepts_every_no_variant(cell):
    assert parsing.parse_bool(cell) is False


@given(word=st.sampled_from(["ja", "nee", "yes", "no", "true", "false", "j", "n"]), data=st.data())
def test_bool_ignores_case_and_surrounding_spaces(word, data):
    cased = "".join(data.draw(st.sampled_from([c.lower(), c.upper()])) for c in word)
    assert parsing.parse_bool(f"  {cased} ") == parsing.parse_bool(word)


def test_bool_rejects_maybe():
    with pytest.raises(ValueError, match="verwacht ja of nee"):
        parsing.parse_bool("misschien")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("particulier", "particulier"),
        ("Particulier", "particulier"),
        ("P", "particulier"),
        ("prive", "particulier"),
        ("privé", "particulier"),
        ("zakelijk", "zakelijk"),
        ("Z", "zakelijk"),
    ],
)
def test_contract_type_variants(cell, expected):
    assert parsing.parse_contract_type(cell) == expected


def test_contract_type_rejects_unknown_kind():
    with pytest.raises(ValueError, match="verwacht particulier of zakelijk"):
        parsing.parse_contract_type("huur")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("M", Geslacht.MAN),
        ("man", Geslacht.MAN),
        ("V", Geslacht.VROUW),
        ("Vrouw", Geslacht.VROUW),
        ("O", Geslacht.ONBEKEND),
        ("onbekend", Geslacht.ONBEKEND),
        ("", Geslacht.LEEG),
        (None, Geslacht.LEEG),
    ],
)
def test_gender_variants_map_to_ddas_values(cell, expected):
    assert parsing.parse_gender(cell) == expected.value


def test_gender_rejects_unknown_value():
    with pytest.raises(ValueError, match="geen geldig geslacht"):
        parsing.parse_gender("q")


# --- BSN, klantnummer, text, phone, count -------------------------------------------------


@st.composite
def valid_bsns(draw):
    first_eight = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    total = sum(int(d) * w for d, w in zip(first_eight, range(9, 1, -1), strict=True))
    check = total % 11

    assume(check < 10 and first_eight != "00000000")
    return first_eight + str(check)


@given(bsn=valid_bsns())
def test_bsn_passing_the_elfproef_is_accepted_as_text_number_or_dotted(bsn):
    assert parsing.parse_bsn(bsn) == bsn
    if not bsn.startswith("00"):  # Excel drops one leading zero, which is restored
        assert parsing.parse_bsn(int(bsn)) == bsn
    assert parsing.parse_bsn(f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}") == bsn


@given(bsn=valid_bsns(), position=st.integers(min_value=0, max_value=8), step=st.integers(1, 9))
def test_bsn_with_one_digit_changed_fails_the_elfproef(bsn, position, step):
    changed = bsn[:position] + str((int(bsn[position]) + step) % 10) + bsn[position + 1 :]
    with pytest.raises(ValueError, match="elfproef"):
        parsing.parse_bsn(changed)


def test_bsn_leading_zero_dropped_by_excel_is_restored():
    assert parsing.parse_bsn("11222335") == "011222335"
    assert parsing.parse_bsn(11222335.0) == "011222335"


@pytest.mark.parametrize("cell", ["1234567", "1234567890", "12345678a", "000000000"])
def test_bsn_rejects_wrong_length_letters_and_all_zeros(cell):
    with pytest.raises(ValueError, match="geen geldig burgerservicenummer"):
        parsing.parse_bsn(cell)


def test_customer_number_from_numeric_xlsx_cell_has_no_trailing_zero():
    assert parsing.parse_text(1234.0, max_length=64) == "1234"
    assert parsing.parse_text(1234, max_length=64) == "1234"


def test_text_collapses_whitespace_and_rejects_text_longer_than_the_field():
    assert parsing.parse_text("  van  der\tBerg ", max_length=20) == "van der Berg"
    with pytest.raises(ValueError, match="te lang"):
        parsing.parse_text("x" * 21, max_length=20)


def test_phone_from_numeric_cell_gets_its_leading_zero_back():
    assert parsing.parse_phone(612345678, max_length=30) == "0612345678"
    assert parsing.parse_phone("06-12345678", max_length=30) == "06-12345678"


@given(count=st.integers(min_value=0, max_value=10**6))
def test_count_parses_text_and_numeric_cells(count):
    assert parsing.parse_count(str(count)) == count
    assert parsing.parse_count(float(count)) == count


@pytest.mark.parametrize("cell", ["-1", "2,5", "drie", 2.5])
def test_count_rejects_negative_and_fractional_numbers(cell):
    with pytest.raises(ValueError, match="geen geldig aantal"):
        parsing.parse_count(cell)
