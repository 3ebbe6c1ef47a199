"""What a year of casework on one melding looks like: a pure plan of dated steps.

`plan_casework` turns the facts of one melding into the steps a caseworker would take, each with
the moment it happened: assigning, one to three contact attempts (a card after a missed home
visit), the conversation, a budget scan, a plan van aanpak, a referral with a warm hand-over and
the result. The proportions follow the reference figures in ../shared/domain.md: about 70% of
households reached when home visits are made, about half of the reached households referred,
about one in ten with problematic debts. No Django here, so the plan is fast and easy to test;
`demo.casework_run` carries it out through the casework services.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from vroegsignaal.casework.deadlines import add_working_days, roll_forward
from vroegsignaal.ddas import Contactsoort, Eindresultaat

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Channels per first contact channel of the queue, tried in this order until someone is reached.
ATTEMPT_ORDER = {
    Contactsoort.HUISBEZOEK: (Contactsoort.HUISBEZOEK, Contactsoort.HUISBEZOEK, Contactsoort.HUISBEZOEK),
    Contactsoort.TELEFOON: (Contactsoort.TELEFOON, Contactsoort.SMS_WHATSAPP, Contactsoort.HUISBEZOEK),
    Contactsoort.BRIEF: (Contactsoort.BRIEF, Contactsoort.TELEFOON, Contactsoort.HUISBEZOEK),
}  # fmt: skip
# Chance of reaching the resident per attempt: three home visits reach about 70%.
REACH = {
    Contactsoort.HUISBEZOEK: 0.33,
    Contactsoort.TELEFOON: 0.30,
    Contactsoort.SMS_WHATSAPP: 0.20,
    Contactsoort.BRIEF: 0.12,
}
# Times of day per channel: home visits also in the evening, letters go out in the morning.
TIMES = {
    Contactsoort.HUISBEZOEK: ((10, 30), (14, 0), (16, 30), (19, 0)),
    Contactsoort.TELEFOON: ((9, 15), (11, 0), (13, 30), (15, 45), (18, 30)),
    Contactsoort.SMS_WHATSAPP: ((10, 0), (12, 30), (17, 0)),
    Contactsoort.BRIEF: ((9, 0),),
}
FINANCIAL_REFERRALS = ("schuldhulpverlening", "budgetcoaching", "bewindvoering", "vrijwilligers")
OTHER_REFERRALS = ("maatschappelijk_werk", "wijkteam")
CAUSES = ("inkomensdaling", "hogere_uitgaven", "levensgebeurtenis", "geen_overzicht", "vergeten")
DOMAINS = ("wonen", "werk", "gezondheid", "psychisch", "gezin", "administratie")
PROVISIONS = ("huurtoeslag", "zorgtoeslag", "kindgebonden_budget", "kwijtschelding")
PROVISION_STATUSES = ("ontvangt_al", "aangevraagd", "geen_recht", "onbekend")
BUDGET_LINES = (
    ("inkomsten", "Netto inkomen", 155_000, 260_000),
    ("uitgaven", "Huur", 62_000, 95_000),
    ("uitgaven", "Energie en water", 14_000, 26_000),
    ("uitgaven", "Zorgverzekering", 13_500, 16_000),
    ("uitgaven", "Boodschappen", 35_000, 70_000),
)


@dataclass(frozen=True)
class MeldingFacts:
    """What the plan needs to know of a melding (read from the database by the runner)."""

    key: str
    matched_on: dt.date
    channel: str
    partner_types: tuple[str, ...] = ()
    crisis: bool = False


@dataclass(frozen=True)
class Step:
    """One thing a caseworker did, at `moment`; `data` holds the service's arguments."""

    moment: dt.datetime
    action: str
    data: dict = field(default_factory=dict)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """The moment `hour:minute` on `day` in Dutch time."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=AMSTERDAM)


def plan_casework(facts: MeldingFacts, seed: int) -> list[Step]:
    """The dated steps for one melding that policy picks up (matching closes the no-gos itself);
    the same seed and key always give the same plan."""
    rng = random.Random(f"{seed}:{facts.key}")
    gap = rng.choice((0, 1, 1, 2, 3))
    assigned_on = add_working_days(facts.matched_on, gap) if gap else roll_forward(facts.matched_on)
    steps = [Step(at(assigned_on, 8, 45), "assign")]
    reached_on, reached_by = _attempts(facts, rng, assigned_on, steps)
    if reached_on is None:
        day = add_working_days(steps[-1].moment.date(), rng.randint(1, 5))
        steps.append(Step(at(day, 16), "close", {"result": Eindresultaat.GEEN_CONTACT}))
        return steps
    _after_contact(facts, rng, reached_on, reached_by, steps)
    return steps


def _attempts(facts, rng, assigned_on, steps) -> tuple[dt.date | None, str]:
    first_gap = 1 if facts.crisis else rng.randint(1, 6)
    day = add_working_days(assigned_on, first_gap)
    for kind in ATTEMPT_ORDER.get(facts.channel, ATTEMPT_ORDER[Contactsoort.BRIEF]):
        hour, minute = rng.choice(TIMES[kind])
        reached = rng.random() < REACH[kind]
        steps.append(Step(at(day, hour, minute), "attempt", {"kind": kind, "reached": reached}))
        if reached:
            return day, kind
        if kind == Contactsoort.HUISBEZOEK:
            steps.append(Step(at(day, hour, minute + 5), "card"))
        day = add_working_days(day, rng.randint(2, 6))
    return None, ""


def _after_contact(facts, rng, reached_on, reached_by, steps) -> None:
    # Half of the conversations happen at the door, right after the visit that reached someone.
    if reached_by == Contactsoort.HUISBEZOEK and rng.random() < 0.6:
        day, moment = reached_on, steps[-1].moment + dt.timedelta(minutes=45)
    else:
        day = add_working_days(reached_on, rng.randint(2, 8))
        moment = at(day, 11)
    answer = rng.choices(("ja", "nee", "later"), weights=(60, 30, 10))[0]
    steps.append(Step(moment, "conversation", _talk(rng, answer)))
    if answer == "nee":
        result = rng.choice((Eindresultaat.REGELT_ZELF,) * 2 + (Eindresultaat.ZELF_BETAALD,))
        close_on = add_working_days(day, rng.randint(1, 3))
        steps.append(Step(at(close_on, 16, 30), "close", {"result": result}))
        return
    if answer == "later":
        close_on = add_working_days(day, rng.randint(10, 20))
        steps.append(Step(at(close_on, 16, 30), "close", {"result": Eindresultaat.GEEN_REACTIE}))
        return
    _help(facts, rng, day, steps)


def _talk(rng, answer: str) -> dict:
    domains = rng.sample(DOMAINS, rng.choice((0, 0, 1, 1, 2)))
    provisions = {name: rng.choice(PROVISION_STATUSES) for name in rng.sample(PROVISIONS, 3)}
    return {"help_accepted": answer, "cause": rng.choice(CAUSES), "domains": domains,
            "provisions": provisions}  # fmt: skip


def _help(facts, rng, day, steps) -> None:
    if rng.random() < 0.5:
        lines = [(kind, text, rng.randint(low, high) // 100 * 100)
                 for kind, text, low, high in BUDGET_LINES]  # fmt: skip
        steps.append(Step(at(day, 21), "budget", {"lines": lines}))
    plan_on = add_working_days(day, rng.randint(1, 3))
    # About 10% of the reached households (60% of them accept help) have problematic debts.
    problematic = rng.random() < 0.17
    plan = {
        "problematic": problematic,
        "room": "nee" if problematic else rng.choice(("ja", "ja", "nee", "onbekend")),
        "payments": {p: "Betalingsregeling afgesproken" for p in facts.partner_types},
    }
    refer_on = add_working_days(plan_on, rng.randint(1, 2))
    handover_on = add_working_days(refer_on, rng.randint(1, 5))
    if problematic and rng.random() < 0.5:
        plan["debt_help_on"] = plan_on
    steps.append(Step(at(plan_on, 14), "plan", plan))
    result = Eindresultaat.ADVIES_QUICK_FIX
    # About half of the reached households are referred: all with problematic debts, most others.
    if problematic or rng.random() < 0.8:
        kind = "schuldhulpverlening" if problematic else _referral_kind(rng)
        steps.append(Step(at(refer_on, 10), "refer", {"kind": kind, "handover_on": handover_on}))
        result = (
            Eindresultaat.VERWIJZING_FINANCIEEL
            if kind in FINANCIAL_REFERRALS
            else Eindresultaat.VERWIJZING_NIET_FINANCIEEL
        )
    # Most are closed within weeks; some need months before the hand-over is complete.
    wait = rng.randint(3, 12) if rng.random() < 0.85 else rng.randint(30, 70)
    steps.append(Step(at(add_working_days(handover_on, wait), 15), "close", {"result": result}))


def _referral_kind(rng) -> str:
    return rng.choices(
        ("budgetcoaching", "vrijwilligers", "bewindvoering", "maatschappelijk_werk", "wijkteam"),
        weights=(35, 20, 5, 20, 20),
    )[0]
