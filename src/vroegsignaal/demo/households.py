"""Synthetic households of the demo region: a Dutch name (Faker nl_NL), a date of birth, a
phone number and e-mail address for some, a valid BSN, and a unique address in one of the
municipality's PC4 areas. Every street lies in one PC6 area, as in the Netherlands.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass

from faker import Faker

from vroegsignaal.demo.region import place_for

# PostNL does not use F, I, O, Q, U and Y in postcode letters, nor the combinations SA, SD, SS.
_POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
_UNUSED_LETTERS = {"SA", "SD", "SS"}
_PREFIXES = ("van der", "van den", "van de", "van", "de", "den", "der", "ter", "ten", "te", "'t")


@dataclass(frozen=True)
class Household:
    id: int
    municipality_code: str
    street: str
    house_number: int
    house_letter: str
    addition: str
    postcode: str
    city: str
    initials: str
    first_names: str
    surname_prefix: str
    surname: str
    birth_date: dt.date
    gender: str  # "M" or "V", as most creditors write it
    phone: str
    email: str
    bsn: str


def valid_bsn(rng: random.Random) -> str:
    """A random nine-digit number that passes the elfproef."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def split_surname(full: str) -> tuple[str, str]:
    """'van der Berg' -> ('van der', 'Berg'): the voorvoegsel is a field of its own."""
    for prefix in _PREFIXES:
        if full.startswith(prefix + " "):
            return prefix, full[len(prefix) + 1 :]
    return "", full


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


class HouseholdSource:
    """Creates new households on demand, each at an address not used before."""

    def __init__(
        self, municipalities: list[dict], faker: Faker, rng: random.Random, born_before: dt.date
    ):
        self._municipalities = {m["code"]: m for m in municipalities}
        self._faker = faker
        self._rng = rng
        self._born_before = born_before
        self._streets: dict[str, str] = {}
        self._addresses: set[tuple[str, int, str, str]] = set()
        self._count = 0

    def new(self, municipality_code: str) -> Household:
        municipality = self._municipalities[municipality_code]
        postcode, street, number, letter, addition = self._address(municipality["postcodes"])
        gender = self._rng.choice("MV")
        names = [
            self._faker.first_name_male() if gender == "M" else self._faker.first_name_female()
            for _ in range(self._rng.choice((1, 1, 2, 2, 3)))
        ]
        prefix, surname = split_surname(self._faker.last_name())
        self._count += 1
        return Household(
            id=self._count,
            municipality_code=municipality_code,
            street=street,
            house_number=number,
            house_letter=letter,
            addition=addition,
            postcode=postcode,
            city=place_for(postcode[:4], municipality["name"]),
            initials="".join(f"{n[0]}." for n in names),
            first_names=" ".join(names),
            surname_prefix=prefix,
            surname=surname,
            birth_date=self._birth_date(),
            gender=gender,
            phone=self._phone() if self._rng.random() < 0.7 else "",
            email=self._email(names[0], surname) if self._rng.random() < 0.4 else "",
            bsn=valid_bsn(self._rng),
        )

    def _address(self, pc4s: list[str]) -> tuple[str, str, int, str, str]:
        while True:
            letters = "".join(self._rng.choices(_POSTCODE_LETTERS, k=2))
            if letters in _UNUSED_LETTERS:
                continue
            postcode = self._rng.choice(pc4s) + letters
            street = self._streets.setdefault(postcode, self._faker.street_name())
            number = self._rng.randint(1, 180)
            letter = self._rng.choice("ABC") if self._rng.random() < 0.06 else ""
            addition = str(self._rng.randint(1, 4)) if self._rng.random() < 0.05 else ""
            if (key := (postcode, number, letter, addition)) not in self._addresses:
                self._addresses.add(key)
                return postcode, street, number, letter, addition

    def _birth_date(self) -> dt.date:
        # Most residents with arrears are between 25 and 55.
        age_days = int(self._rng.triangular(19, 88, 38) * 365.25)
        return self._born_before - dt.timedelta(days=age_days)

    def _phone(self) -> str:
        digits = "".join(str(self._rng.randint(0, 9)) for _ in range(8))
        return self._rng.choice((f"06-{digits}", f"06 {digits[:4]} {digits[4:]}", f"+316{digits}"))

    def _email(self, first_name: str, surname: str) -> str:
        return f"{_ascii(first_name)}.{_ascii(surname)}{self._rng.randint(1, 99)}@example.nl"
