"""Delivery files for the web and browser tests, dated relative to today so they never expire."""

from __future__ import annotations

import datetime as dt

HEADER = (
    "klantnummer",
    "signaaldatum",
    "voorletters",
    "achternaam",
    "geboortedatum",
    "huisnummer",
    "postcode",
    "woonplaats",
    "bedrag_achterstand",
    "datum_ontstaan",
    "crisissignaal",
)


def _day(days_ago: int) -> str:
    return f"{dt.date.today() - dt.timedelta(days=days_ago):%d-%m-%Y}"


def row(customer: str, *, surname="Jansen", postcode="7511 ab", amount="€ 1.234,56", crisis="nee"):
    """One row in the Dutch office style: DD-MM-YYYY dates, euro amounts, loose postcodes."""
    return (
        customer, _day(5), "J.", surname, "12-05-1980", "12a", postcode, "Enschede", amount,
        _day(60), crisis,
    )  # fmt: skip


def valid_rows() -> list[tuple]:
    return [row("K001"), row("K002", surname="Müller-Öztürk", postcode="7512cd", amount="89,00")]


def messy_rows() -> list[tuple]:
    """Two valid rows (file rows 2, 3) and two invalid ones (row 4: postcode, row 5: amount)."""
    return [*valid_rows(), row("K003", postcode="0511AB"), row("K004", amount="0")]


def delivery_csv(rows: list[tuple], header: tuple[str, ...] = HEADER) -> bytes:
    """A `;`-separated Windows-1252 file, as Excel on a Dutch PC saves it."""
    lines = [";".join(header), *(";".join(r) for r in rows)]
    return "\r\n".join(lines).encode("cp1252")
