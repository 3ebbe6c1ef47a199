"""Twelve months of synthetic signals for the demo region, as the rows each creditor delivers.

Per month and municipality about 4 signals per 1,000 inhabitants, spread over the partner
types by `region.PARTNER_MIX`. Some addresses had a signal in the previous six months
(opeenvolgend, often from the same creditor with the same klantnummer), some get signals from
several creditors in the same month (meervoudig). Amounts and arrears ages follow the partner
type; a few signals are crisis signals, warme overdrachten or business contracts, about one in
ten Zorg signals carries a BSN, and some deliveries carry one invalid row.

Everything comes from one seeded `random.Random` and one seeded Faker: the same seed and the
same day give the same rows.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from faker import Faker

from vroegsignaal.casework.deadlines import is_working_day
from vroegsignaal.ddas import Signaalpartner
from vroegsignaal.demo.households import Household, HouseholdSource, valid_bsn
from vroegsignaal.demo.region import (
    CREDITOR_PROFILES,
    PARTNER_MIX,
    SIGNALS_PER_1000_PER_MONTH,
)

REPEAT_SHARE = 0.40  # a signal at an address with a signal in the previous six months
REPEAT_SAME_CREDITOR = 0.7  # ... of which this share comes from the same creditor again
MULTIPLE_SHARE = 0.10  # another creditor at an address that already has a signal this month
REPEAT_WINDOW_MONTHS = 6
WARM_HANDOVER_SHARE = 0.04
ZORG_BSN_SHARE = 0.10
DEFECT_CHANCE = 0.35  # the chance that a monthly delivery carries one invalid row

# Postcodes just outside the region (Zwolle, Deventer, Lichtenvoorde): no agreement there.
_OUTSIDE_REGION = (("8011", "Zwolle"), ("7411", "Deventer"), ("7131", "Lichtenvoorde"))


@dataclass(frozen=True)
class Arrears:
    """Plausible arrears for a partner type: age window in days, amount per unpaid term in
    cents, and the chance of a crisis signal (end of supply, eviction) or business contract."""

    min_days: int
    max_days: int
    term_cents: tuple[int, int]
    crisis: float
    business: float


ARREARS: dict[str, Arrears] = {
    Signaalpartner.ZORG: Arrears(30, 100, (12_500, 17_500), 0.0, 0.0),
    Signaalpartner.ENERGIE: Arrears(30, 270, (9_000, 26_000), 0.05, 0.03),
    Signaalpartner.WATER: Arrears(30, 365, (1_500, 4_000), 0.02, 0.02),
    Signaalpartner.HUUR: Arrears(30, 120, (55_000, 95_000), 0.04, 0.0),
    Signaalpartner.OVERIGE: Arrears(30, 180, (2_500, 8_000), 0.0, 0.02),
}


@dataclass(frozen=True)
class MonthlyDelivery:
    creditor_code: str
    delivery_date: dt.date
    rows: list[dict]


@dataclass(frozen=True)
class _Customer:
    number: str | int
    with_bsn: bool


def _working_day_on_or_before(day: dt.date) -> dt.date:
    """A creditor uploads on a working day: a delivery day on a weekend or holiday moves to the
    working day before (still before the matching day)."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def delivery_months(today: dt.date, count: int) -> list[dt.date]:
    """The first days of the `count` months ending with today's month, oldest first."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


class SignalPlanner:
    """Plans the monthly deliveries of all demo creditors, month after month."""

    def __init__(self, document: dict, *, seed: int, scale: float, today: dt.date) -> None:
        self._rng = random.Random(seed)
        faker = Faker("nl_NL")
        faker.seed_instance(seed)
        self._municipalities = document["municipalities"]
        self._households = HouseholdSource(
            self._municipalities, faker, self._rng, born_before=today.replace(day=1)
        )
        self._scale = scale
        self._today = today
        self._partner_type = {c["code"]: c["partner_type"] for c in document["creditors"]}
        self._creditors_in = self._creditors_by_municipality(document["creditors"])
        self._recent: dict[str, list[tuple[int, Household, str]]] = defaultdict(list)
        self._customers: dict[tuple[str, int], _Customer] = {}
        self._next_number = {
            code: self._rng.randint(100_000, 900_000) for code in CREDITOR_PROFILES
        }

    @staticmethod
    def _creditors_by_municipality(creditors: list[dict]) -> dict[tuple[str, str], list[str]]:
        found: dict[tuple[str, str], list[str]] = defaultdict(list)
        for creditor in creditors:
            for code in creditor["agreements"]:
                found[(str(code), creditor["partner_type"])].append(creditor["code"])
        return found

    def plan(self, months: list[dt.date]) -> list[MonthlyDelivery]:
        """Every delivery of the given months, in the order they arrive."""
        deliveries: list[MonthlyDelivery] = []
        for index, month in enumerate(months):
            deliveries.extend(self._plan_month(index, month))
        return deliveries

    def _plan_month(self, index: int, month: dt.date) -> list[MonthlyDelivery]:
        dates = {
            c: _working_day_on_or_before(month.replace(day=p.delivery_day))
            for c, p in CREDITOR_PROFILES.items()
        }
        rows: dict[str, list[dict]] = defaultdict(list)
        this_month: dict[str, list[Household]] = defaultdict(list)
        used: set[tuple[str, int]] = set()
        for municipality in self._municipalities:
            code = municipality["code"]
            self._recent[code] = [
                e for e in self._recent[code] if e[0] >= index - REPEAT_WINDOW_MONTHS
            ]
            for _ in range(self._volume(municipality["inhabitants"])):
                creditor = self._pick_creditor(code)
                household, creditor = self._pick_address(code, creditor, index, this_month, used)
                used.add((creditor, household.id))
                this_month[code].append(household)
                self._recent[code].append((index, household, creditor))
                rows[creditor].append(self._row(creditor, household, dates[creditor]))
        deliveries = []
        for creditor, day in sorted(dates.items(), key=lambda item: (item[1], item[0])):
            creditor_rows = rows[creditor]
            if self._rng.random() < DEFECT_CHANCE:
                position = self._rng.randint(0, len(creditor_rows))
                creditor_rows.insert(position, self._defective_row(creditor, day))
            # A delivery day still to come is planned (so the random stream, and with it every
            # earlier file, is the same all month) but not delivered yet.
            if creditor_rows and day <= self._today:
                deliveries.append(MonthlyDelivery(creditor, day, creditor_rows))
        return deliveries

    def _volume(self, inhabitants: int) -> int:
        expected = inhabitants * SIGNALS_PER_1000_PER_MONTH / 1000 * self._scale
        return round(expected * self._rng.uniform(0.9, 1.1))

    def _pick_creditor(self, municipality_code: str) -> str:
        types = [t for t in PARTNER_MIX if self._creditors_in.get((municipality_code, t))]
        partner_type = self._rng.choices(types, weights=[PARTNER_MIX[t] for t in types])[0]
        candidates = self._creditors_in[(municipality_code, partner_type)]
        weights = [CREDITOR_PROFILES[c].share for c in candidates]
        return self._rng.choices(candidates, weights=weights)[0]

    def _pick_address(self, municipality_code, creditor, index, this_month, used):
        """An earlier address (opeenvolgend), one signalled this month (meervoudig) or a new one."""
        draw = self._rng.random()
        recent = self._recent[municipality_code]
        if draw < REPEAT_SHARE and recent:
            _, household, previous = self._rng.choice(recent)
            again = previous if self._rng.random() < REPEAT_SAME_CREDITOR else creditor
            if (again, household.id) not in used:
                return household, again
        elif draw < REPEAT_SHARE + MULTIPLE_SHARE and this_month[municipality_code]:
            household = self._rng.choice(this_month[municipality_code])
            if (creditor, household.id) not in used:
                return household, creditor
        return self._households.new(municipality_code), creditor

    def _customer(self, creditor: str, household: Household) -> _Customer:
        key = (creditor, household.id)
        if key not in self._customers:
            self._next_number[creditor] += self._rng.randint(1, 40)
            pattern = CREDITOR_PROFILES[creditor].customer_number
            number = self._next_number[creditor]
            self._customers[key] = _Customer(
                number=number if pattern == "{n}" else pattern.format(n=number),
                with_bsn=self._partner_type[creditor] == Signaalpartner.ZORG
                and self._rng.random() < ZORG_BSN_SHARE,
            )
        return self._customers[key]

    def _row(self, creditor: str, household: Household, signal_date: dt.date) -> dict:
        """One signal with canonical values: dates, amounts in cents, booleans."""
        arrears = ARREARS[self._partner_type[creditor]]
        days = self._rng.randint(arrears.min_days, arrears.max_days)
        terms = max(1, round(days / 30.4))
        crisis = self._rng.random() < arrears.crisis
        customer = self._customer(creditor, household)
        return {
            "klantnummer": customer.number,
            "signaaldatum": signal_date,
            "voorletters": household.initials,
            "voornamen": household.first_names,
            "voorvoegsel": household.surname_prefix,
            "achternaam": household.surname,
            "geboortedatum": household.birth_date,
            "geslacht": household.gender,
            "straat": household.street,
            "huisnummer": household.house_number,
            "huisletter": household.house_letter,
            "huisnummertoevoeging": household.addition,
            "postcode": household.postcode,
            "woonplaats": household.city,
            "telefoon": household.phone,
            "email": household.email,
            "bsn": household.bsn if customer.with_bsn else "",
            "bedrag_achterstand": terms * self._rng.randint(*arrears.term_cents),
            "datum_ontstaan": signal_date - dt.timedelta(days=days),
            "aantal_termijnen": terms,
            "contractsoort": "zakelijk" if self._rng.random() < arrears.business else "particulier",
            "crisissignaal": crisis,
            "datum_voorgenomen_beeindiging": (
                signal_date + dt.timedelta(days=self._rng.randint(28, 60)) if crisis else None
            ),
            "warme_overdracht": self._rng.random() < WARM_HANDOVER_SHARE,
        }

    def _defective_row(self, creditor: str, signal_date: dt.date) -> dict:
        """A row intake must reject: a mistyped postcode, a date in the future, a BSN that fails
        the elfproef, or an address outside the region (no agreement there)."""
        municipality = self._rng.choice(
            [
                m["code"]
                for m in self._municipalities
                if creditor in self._all_creditors_in(m["code"])
            ]
        )
        row = self._row(creditor, self._households.new(municipality), signal_date)
        kinds = ["postcode", "future", "outside"]
        if CREDITOR_PROFILES[creditor].style.with_bsn:
            kinds.append("bsn")
        kind = self._rng.choice(kinds)
        if kind == "postcode":
            row["postcode"] = row["postcode"][:3] + row["postcode"][4:]  # one digit dropped
        elif kind == "future":
            row["datum_ontstaan"] = signal_date + dt.timedelta(days=self._rng.randint(20, 60))
        elif kind == "outside":
            pc4, row["woonplaats"] = self._rng.choice(_OUTSIDE_REGION)
            row["postcode"] = pc4 + row["postcode"][4:]
        else:
            valid = valid_bsn(self._rng)
            row["bsn"] = valid[:8] + str((int(valid[8]) + 1) % 10)
        return row

    def _all_creditors_in(self, municipality_code: str) -> set[str]:
        return {c for t in PARTNER_MIX for c in self._creditors_in.get((municipality_code, t), [])}
