"""One hand-made scenario per matching rule, with the statuses and flags a user would see."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from vroegsignaal.matching.engine import Policy, run_matching, with_priority_reasons
from vroegsignaal.matching.engine import policy as bounds
from vroegsignaal.matching.engine import vocabulary as v
from vroegsignaal.matching.engine.policy import RouteCondition, RoutingRule
from vroegsignaal.matching.engine.schema import BRP, CLIENTS, HISTORY, SIGNALS, frame

D = dt.date
PERIOD = "2025-07"
BASE = {
    "municipality_code": "0153",
    "creditor_id": 1,
    "partner_type": "Energie",
    "customer_number": "K1",
    "signal_date": D(2025, 7, 10),
    "initials": "J.",
    "surname": "Berg",
    "surname_prefix": "van der",
    "birth_date": D(1980, 3, 4),
    "postcode": "7511AB",
    "house_number": 12,
    "amount_cents": 20_000,
    "arrears_start": D(2025, 5, 1),
    "contract_type": "particulier",
    "crisis": False,
    "warm_handover": False,
}


def signals(*overrides: dict) -> pl.DataFrame:
    """Signals 1, 2, ... built from BASE with the given changes."""
    return frame(
        [
            {**BASE, "signal_id": i, "customer_number": f"K{i}", **o}
            for i, o in enumerate(overrides, 1)
        ],
        SIGNALS,
    )


def history(*rows: dict) -> pl.DataFrame:
    base = {"municipality_code": "0153", "creditor_id": 1, "customer_number": "K1",
            "address_key": "7511AB|12|", "melding_open": False, "melding_handled": False}  # fmt: skip
    return frame([{**base, "signal_id": 900 + i, **r} for i, r in enumerate(rows)], HISTORY)


def match(sigs, hist=None, policy=None, **kwargs):
    return run_matching(sigs, hist if hist is not None else history(), policy or Policy(),
                        period=PERIOD, **kwargs)  # fmt: skip


def status_of(result, signal_id: int) -> tuple[str, str]:
    row = result.signals.filter(pl.col("signal_id") == signal_id).row(0, named=True)
    return row["status"], row["status_reason"]


def only_melding(result) -> dict:
    """The one melding, with its priority reasons as they are stored and shown."""
    assert result.meldingen.height == 1
    return with_priority_reasons(result.meldingen).row(0, named=True)


def test_meervoudig_two_partner_types_at_one_address_make_one_melding():
    result = match(signals({}, {"partner_type": "Huur", "creditor_id": 2}))
    melding = only_melding(result)
    assert melding["meervoudig"] and not melding["enkelvoudig"]
    assert melding["partner_type_count"] == 2
    assert melding["total_amount_cents"] == 40_000
    assert melding["melding_key"] == "0153|2025-07|7511AB|12|"
    assert result.signals["status"].to_list() == [v.OPGEPAKT, v.OPGEPAKT]


def test_enkelvoudig_single_signal_is_not_meervoudig():
    melding = only_melding(match(signals({})))
    assert melding["enkelvoudig"] and not melding["meervoudig"] and not melding["opeenvolgend"]


def test_opeenvolgend_signal_exactly_six_months_before_the_period_counts():
    result = match(signals({}), history({"signal_date": D(2025, 1, 1), "customer_number": "X"}))
    assert only_melding(result)["opeenvolgend"]


def test_opeenvolgend_signal_six_months_and_one_day_before_the_period_does_not_count():
    result = match(signals({}), history({"signal_date": D(2024, 12, 31), "customer_number": "X"}))
    assert not only_melding(result)["opeenvolgend"]


def test_opeenvolgend_needs_the_same_address():
    hist = history({"signal_date": D(2025, 3, 1), "address_key": "7511AB|12|A"})
    assert not only_melding(match(signals({}), hist))["opeenvolgend"]


def test_opeenvolgend_within_one_catch_up_run_looks_at_the_earlier_meldingen_of_the_run():
    # A catch-up over years (no period): January 2019, then six years later January and
    # July 2025, then January 2026 (more than six months after July 2025).
    dates = [D(2019, 1, 15), D(2025, 1, 1), D(2025, 7, 31), D(2026, 2, 1)]
    result = run_matching(
        signals(*({"signal_date": day, "arrears_start": day} for day in dates)),
        history(),
        Policy(),
    )
    flags = result.meldingen.sort("period_start")["opeenvolgend"].to_list()
    assert flags == [False, False, True, False]


def test_opeenvolgend_history_and_run_together_across_a_year_end():
    # History in August 2024 makes the January 2025 melding opeenvolgend (five months), and
    # the January melding makes the June 2025 melding opeenvolgend.
    result = run_matching(
        signals({"signal_date": D(2025, 1, 10)}, {"signal_date": D(2025, 6, 30)}),
        history({"signal_date": D(2024, 8, 1), "customer_number": "X"}),
        Policy(),
    )
    assert result.meldingen.sort("period_start")["opeenvolgend"].to_list() == [True, True]


def test_address_spelling_variants_12A_12_a_12_dash_A_and_addition_a_are_one_address():
    result = match(
        signals(
            {"house_letter": "A"},
            {"house_number_addition": " a"},
            {"house_number_addition": "-A"},
            {"house_letter": "a"},
        )
    )
    melding = only_melding(result)
    assert melding["address_key"] == "7511AB|12|A"
    assert melding["signal_count"] == 4


def test_address_12_and_12A_and_14_are_different_addresses():
    result = match(signals({}, {"house_letter": "A"}, {"house_number": 14}))
    assert sorted(result.meldingen["address_key"]) == ["7511AB|12|", "7511AB|12|A", "7511AB|14|"]
    assert result.meldingen["enkelvoudig"].all()


def test_person_variants_of_tussenvoegsel_accents_initials_and_birth_typo_link_to_one_person():
    result = match(
        signals(
            {},
            {"surname": "van der Berg", "surname_prefix": "", "first_names": "Jan"},
            {"surname": "Berg, van der", "surname_prefix": "", "birth_date": D(1980, 3, 5)},
            {"surname": "BËRG", "surname_prefix": "v.d.", "birth_date": D(1980, 4, 3)},
            {"surname": "Bergh", "bsn": "123456782", "birth_date": None},
        )
    )
    assert result.signals["person_key"].n_unique() == 1
    assert result.signals["person_key"][0] == "0153|2025-07|7511AB|12||1"


def test_different_persons_at_one_address_stay_apart():
    result = match(
        signals(
            {"bsn": "111111110"},
            {"initials": "P.", "bsn": ""},
            {"birth_date": D(2005, 9, 21)},
            {"surname": "Burg"},
            {"bsn": "222222220", "partner_type": "Zorg"},
        )
    )
    keys = result.signals["person_key"].to_list()
    assert len(set(keys)) == 5


def test_business_contract_is_onterecht_signaal():
    result = match(signals({"contract_type": "zakelijk"}))
    assert status_of(result, 1) == (v.ONTERECHT, "Zakelijk contract")
    assert not only_melding(result)["go"]


def test_business_contract_allowed_when_policy_does_not_exclude_it():
    result = match(signals({"contract_type": "zakelijk"}),
                   policy=Policy(exclude_business_contracts=False))  # fmt: skip
    assert status_of(result, 1)[0] == v.OPGEPAKT


def test_amount_below_municipal_minimum_is_onterecht_with_the_minimum_in_euros():
    policy = Policy(minimum_amount_cents=7_500)
    result = match(signals({"amount_cents": 7_499}, {"amount_cents": 7_500, "house_number": 2}),
                   policy=policy)  # fmt: skip
    assert status_of(result, 1) == (v.ONTERECHT, "Bedrag onder minimum van € 75,00")
    assert status_of(result, 2)[0] == v.OPGEPAKT


def test_arrears_age_windows_per_partner_type():
    result = match(
        signals(
            {"partner_type": "Zorg", "arrears_start": D(2025, 3, 12)},
            {"partner_type": "Energie", "arrears_start": D(2025, 3, 12), "house_number": 2},
            {"partner_type": "Energie", "arrears_start": D(2025, 6, 20), "house_number": 4},
            {"partner_type": "Zorg", "arrears_start": D(2025, 4, 1), "house_number": 6},
        )
    )
    assert status_of(result, 1) == (
        v.ONTERECHT,
        "Achterstand 120 dagen buiten venster Zorg (30-100)",
    )
    assert status_of(result, 2)[0] == v.OPGEPAKT
    assert status_of(result, 3) == (
        v.ONTERECHT,
        "Achterstand 20 dagen buiten venster Energie (vanaf 30)",
    )
    assert status_of(result, 4)[0] == v.OPGEPAKT  # 100 days: the boundary is inside


def test_herhaalde_melding_same_creditor_and_customer_attaches_to_the_open_melding():
    hist = history({"signal_date": D(2025, 5, 2), "melding_id": 41, "melding_open": True})
    result = match(signals({"customer_number": "K1"}), hist)
    assert status_of(result, 1)[0] == v.HERHAALDE_MELDING
    melding = only_melding(result)
    assert melding["attach_to_melding_id"] == 41 and not melding["go"]


def test_the_herhaalde_melding_reason_names_the_earlier_melding_by_its_kenmerk():
    """Users know a melding as 'VS-41' (letters, melding page, search), not by the database
    number; every page, export and the inzage show this stored reason as it is."""
    hist = history({"signal_date": D(2025, 5, 2), "melding_id": 41, "melding_open": True})
    _, reason = status_of(match(signals({"customer_number": "K1"}), hist), 1)
    assert reason == "Eerder gemeld door dezelfde schuldeiser op 02-05-2025 (melding VS-41)"


def test_herhaalde_melding_also_when_the_earlier_melding_was_handled():
    hist = history({"signal_date": D(2025, 4, 15), "melding_id": 42, "melding_handled": True})
    assert status_of(match(signals({}), hist), 1)[0] == v.HERHAALDE_MELDING


def test_no_herhaalde_melding_when_older_than_policy_months_or_other_creditor_or_not_picked_up():
    hist = history(
        {"signal_date": D(2025, 4, 9), "melding_id": 43, "melding_open": True},
        {"signal_date": D(2025, 6, 1), "melding_id": 44, "melding_open": True, "creditor_id": 2},
        {"signal_date": D(2025, 6, 1), "melding_id": 45},
    )
    result = match(signals({}), hist)
    assert status_of(result, 1)[0] == v.OPGEPAKT
    assert only_melding(result)["attach_to_melding_id"] is None


def test_known_client_by_bsn_or_by_name_birth_date_and_address():
    clients = frame(
        [
            {"municipality_code": "0153", "bsn": "123456782"},
            {"municipality_code": "0153", "surname": "van den Bosch", "birth_date": D(1970, 1, 2),
             "postcode": "7511AB", "house_number": 2, "house_letter": "b"},
            {"municipality_code": "0153", "surname": "Smit", "birth_date": D(1960, 1, 1),
             "postcode": "7511AB", "house_number": 99},
        ],
        CLIENTS,
    )  # fmt: skip
    result = match(
        signals(
            {"bsn": "123456782"},
            {"surname": "Bosch", "surname_prefix": "van den", "birth_date": D(1970, 1, 2),
             "house_number": 2, "house_number_addition": "B"},
            {"surname": "Smit", "surname_prefix": "", "birth_date": D(1960, 1, 1), "house_number": 4},
        ),
        clients=clients,
    )  # fmt: skip
    assert status_of(result, 1) == (v.AL_BEKEND, "Bekend bij schuldhulpverlening (BSN)")
    assert status_of(result, 2) == (
        v.AL_BEKEND, "Bekend bij schuldhulpverlening (naam, geboortedatum en adres)")  # fmt: skip
    assert status_of(result, 3)[0] == v.OPGEPAKT  # same name and birth date, other address


def brp(*rows: dict) -> pl.DataFrame:
    base = {"municipality_code": "0153", "municipality_name": "Enschede", "initials": "J",
            "surname_prefix": "van der", "surname": "Berg", "birth_date": D(1980, 3, 4),
            "postcode": "7511AB", "house_number": 12}  # fmt: skip
    return frame([{**base, **r} for r in rows], BRP)


def test_brp_deceased_person_is_overleden():
    result = match(signals({}), brp=brp({"death_date": D(2025, 6, 1)}))
    assert status_of(result, 1) == (v.OVERLEDEN, "Overleden volgens de BRP (01-06-2025)")


def test_brp_person_not_in_extract_is_geen_inwoner_named_by_the_municipalitys_name():
    result = match(signals({"surname": "Jansen", "surname_prefix": ""}), brp=brp({}))
    assert status_of(result, 1) == (v.GEEN_INWONER, "Niet gevonden in de BRP van Enschede")


CHECK_BY_HAND = (
    "Niet gevonden in de BRP van Enschede: controleer of de inwoner hier woont voordat u de "
    "melding afsluit."
)


def test_a_crisis_signal_not_found_in_the_brp_stays_open_with_a_notice_to_check():
    """Name matching against the BRP fails on spelling, tussenvoegsels and maiden names: for an
    eviction or disconnection a caseworker checks, the run does not close it."""
    result = match(signals({"surname": "Jansen", "surname_prefix": "", "crisis": True}),
                   brp=brp({}))  # fmt: skip
    row = result.signals.row(0, named=True)
    assert (row["status"], row["status_reason"], row["brp_note"]) == (
        v.OPGEPAKT, "", CHECK_BY_HAND)  # fmt: skip
    melding = only_melding(result)
    assert melding["go"] and melding["crisis"]
    assert (melding["term_kind"], melding["term_days"]) == (v.TERM_CRISIS, 3)


def test_every_signal_not_found_in_a_crisis_melding_waits_for_the_caseworkers_check():
    """The caseworker checks the address for the whole melding; a signal of the same household
    is not closed beside it."""
    result = match(
        signals({"surname": "Jansen", "surname_prefix": "", "crisis": True},
                {"surname": "Jansen", "surname_prefix": "", "creditor_id": 2,
                 "partner_type": "Water"}),
        brp=brp({}),
    )  # fmt: skip
    assert result.signals["status"].to_list() == [v.OPGEPAKT, v.OPGEPAKT]
    assert result.signals["brp_note"].to_list() == [CHECK_BY_HAND, CHECK_BY_HAND]


def test_a_signal_not_found_in_the_brp_beside_a_crisis_elsewhere_is_still_geen_inwoner():
    result = match(
        signals({"surname": "Jansen", "surname_prefix": ""},
                {"crisis": True, "house_number": 14, "customer_number": "K9"}),
        brp=brp({}, {"house_number": 14}),
    )  # fmt: skip
    assert status_of(result, 1) == (v.GEEN_INWONER, "Niet gevonden in de BRP van Enschede")


def test_a_crisis_signal_of_a_person_who_died_according_to_the_brp_is_still_overleden():
    """A death in the BRP is a registered fact of a found person, not a failed name match."""
    result = match(signals({"crisis": True}), brp=brp({"death_date": D(2025, 6, 1)}))
    assert status_of(result, 1) == (v.OVERLEDEN, "Overleden volgens de BRP (01-06-2025)")
    assert not only_melding(result)["go"]


def test_brp_spelling_variant_is_still_an_inwoner():
    result = match(signals({"surname": "Berg, van der", "surname_prefix": "", "first_names": "Jan"}),
                   brp=brp({"surname": "Bérg"}))  # fmt: skip
    assert status_of(result, 1)[0] == v.OPGEPAKT


def test_brp_person_at_another_address_is_an_inwoner_with_the_address_noted():
    result = match(signals({}), brp=brp({"house_number": 40, "house_letter": "A"}))
    row = result.signals.row(0, named=True)
    assert row["status"] == v.OPGEPAKT
    assert row["brp_note"] == "Volgens de BRP woonachtig op ander adres: 7511AB 40A"


def test_brp_note_writes_the_address_the_dutch_way_with_its_addition():
    """Huisnummer 14 with toevoeging 3 is '14-3' (the address key, '14|3', has lost the dash:
    '143' would be another house)."""
    result = match(signals({}), brp=brp({"house_number": 14, "house_number_addition": "3"}))
    assert result.signals.row(0, named=True)["brp_note"] == (
        "Volgens de BRP woonachtig op ander adres: 7511AB 14-3"
    )


def brp_name_of(result, signal_id: int) -> tuple[str, str, str]:
    row = result.signals.filter(pl.col("signal_id") == signal_id).row(0, named=True)
    return tuple(row[f"brp_{part}"] or "" for part in ("initials", "surname_prefix", "surname"))


TWINS_DIFFER_BY = {
    "initials": ({"initials": "J"}, {"initials": "K"}),
    "BSN": ({"bsn": "111222333"}, {"bsn": "123456782"}),
}


@pytest.mark.parametrize("twins", TWINS_DIFFER_BY.values(), ids=TWINS_DIFFER_BY.keys())
def test_a_signal_that_fits_twins_in_the_brp_is_an_inwoner_without_a_twins_brp_name(twins):
    """Two residents at the address fit the signal equally well: the BRP cannot say whose name
    it is, so the signal keeps its own spelling (a twin's name would put the debt on them)."""
    result = match(signals({"initials": ""}), brp=brp(*twins))
    assert status_of(result, 1)[0] == v.OPGEPAKT
    assert brp_name_of(result, 1) == ("", "", "")


def test_a_signal_with_a_twins_initials_still_gets_that_twins_brp_name():
    result = match(signals({"initials": "K."}), brp=brp({"initials": "J"}, {"initials": "K"}))
    assert brp_name_of(result, 1) == ("K", "van der", "Berg")


def test_a_signal_that_fits_twins_still_counts_as_someone_living_at_the_address():
    """A signal beside it that the BRP does not find waits for the caseworker's check."""
    result = match(
        signals({"initials": ""}, {"surname": "Jansen", "surname_prefix": "", "creditor_id": 2}),
        brp=brp({"initials": "J"}, {"initials": "K"}),
    )
    assert status_of(result, 2) == (v.OPGEPAKT, "")
    assert result.signals.row(1, named=True)["brp_note"] == CHECK_BY_HAND


def test_brp_check_is_skipped_without_extract_or_for_municipalities_not_in_it():
    other = brp({"municipality_code": "0164"})
    assert status_of(match(signals({})), 1)[0] == v.OPGEPAKT
    assert status_of(match(signals({}), brp=other), 1)[0] == v.OPGEPAKT


def test_minimum_signals_for_go_leaves_a_single_signal_not_picked_up_for_andere_reden():
    policy = Policy(minimum_signals_for_go=2)
    result = match(signals({}, {"house_number": 2}, {"house_number": 2, "creditor_id": 2}),
                   policy=policy)  # fmt: skip
    assert status_of(result, 1) == (
        v.ANDERE_REDEN, "Te weinig signalen op dit adres: 1 van minimaal 2 (beleid gemeente)")  # fmt: skip
    assert status_of(result, 2)[0] == v.OPGEPAKT
    go = dict(result.meldingen.select("address_key", "go").iter_rows())
    assert go == {"7511AB|12|": False, "7511AB|2|": True}


def test_excluded_signals_do_not_count_towards_the_minimum_for_go():
    policy = Policy(minimum_signals_for_go=2)
    result = match(signals({}, {"contract_type": "zakelijk"}), policy=policy)
    assert not only_melding(result)["go"]
    assert status_of(result, 1)[0] == v.ANDERE_REDEN


def test_a_crisis_signal_is_picked_up_even_below_the_minimum_number_of_signals():
    """Laatsignalering (eviction, disconnection) cannot wait for a second creditor: by default a
    crisis signal that counts makes its melding a go, whatever the minimum."""
    policy = Policy(minimum_signals_for_go=2)
    result = match(signals({"crisis": True}), policy=policy)
    assert only_melding(result)["go"]
    assert status_of(result, 1) == (v.OPGEPAKT, "")


def test_a_municipality_can_let_the_minimum_hold_for_crisis_signals_too():
    policy = Policy(minimum_signals_for_go=2, crisis_always_go=False)
    result = match(signals({"crisis": True}), policy=policy)
    assert not only_melding(result)["go"]
    assert status_of(result, 1)[0] == v.ANDERE_REDEN


def test_an_excluded_crisis_signal_does_not_make_its_melding_a_go():
    """A crisis signal on a business contract is onterecht: it neither counts nor overrides."""
    policy = Policy(minimum_signals_for_go=2)
    result = match(signals({}, {"crisis": True, "contract_type": "zakelijk"}), policy=policy)
    melding = only_melding(result)
    # Nor is the melding a crisis: its figures are those of the signals that count.
    assert not melding["crisis"] and not melding["go"]
    assert status_of(result, 1)[0] == v.ANDERE_REDEN
    assert status_of(result, 2)[0] == v.ONTERECHT


def test_priority_score_is_the_sum_of_named_reasons():
    result = match(
        signals(
            {"crisis": True, "amount_cents": 120_000, "arrears_start": D(2025, 4, 1)},
            {"partner_type": "Huur", "creditor_id": 2, "warm_handover": True,
             "birth_date": D(2000, 1, 1), "initials": "K", "amount_cents": 30_000},
        ),
        history({"signal_date": D(2025, 2, 1), "customer_number": "X"}),
    )  # fmt: skip
    melding = only_melding(result)
    assert melding["priority_reasons"] == [
        "Crisissignaal (+50)",
        "2 soorten signaalpartners (+15)",
        "Eerder signaal op dit adres in de zes maanden hiervoor (+20)",
        "Totale achterstand € 1.500,00 (+30)",
        "Huurachterstand (+25)",
        "Oudste achterstand 100 dagen (+15)",
        "Jongvolwassene (18-27 jaar) (+15)",
        "Warme overdracht (+10)",
    ]
    assert melding["priority_score"] == 50 + 15 + 20 + 30 + 25 + 15 + 15 + 10


def test_melding_without_scoring_factors_has_no_priority_reasons():
    policy = Policy.from_dict({"weights": {"amount_per_100_euro": 0, "arrears_age_per_30_days": 0}})
    melding = only_melding(match(signals({}), policy=policy))
    assert melding["priority_reasons"] == []
    assert melding["priority_score"] == 0


def test_priority_weights_come_from_the_policy_and_amount_points_are_capped():
    policy = Policy.from_dict({"weights": {"crisis": 0, "amount_per_100_euro": 10, "amount_max": 25,
                                           "arrears_age_per_30_days": 0}})  # fmt: skip
    melding = only_melding(match(signals({"crisis": True, "amount_cents": 900_000}), policy=policy))
    assert melding["priority_reasons"] == ["Totale achterstand € 9.000,00 (+25)"]
    assert melding["priority_score"] == 25


def test_a_policy_at_every_upper_bound_scores_without_overflowing_the_engines_integers():
    """A weight of 10^20 stopped every run of the municipality (polars: i128 to i64): the
    bounds keep the score of the worst case, every factor at its maximum, a small number."""
    policy = Policy.from_dict({
        "minimum_amount_cents": bounds.MAX_AMOUNT_CENTS,
        "windows": {},
        "default_window": {"min_days": 0, "max_days": bounds.MAX_WINDOW_DAYS},
        "weights": dict.fromkeys(vars(Policy().weights), bounds.MAX_WEIGHT),
    })  # fmt: skip
    every_partner_type = [
        {"partner_type": partner, "creditor_id": number,
         "amount_cents": bounds.MAX_AMOUNT_CENTS,
         "crisis": True, "warm_handover": True, "birth_date": D(2000, 1, 1),
         "arrears_start": D(2016, 1, 1)}
        for number, partner in enumerate(v.PARTNER_TYPES, 1)
    ]  # fmt: skip
    result = match(
        signals(*every_partner_type),
        history({"signal_date": D(2025, 2, 1), "customer_number": "X"}),
        policy,
    )

    melding = only_melding(result)
    assert melding["go"]
    # Seven factors at their weight, the extra partner types at the weight per extra type.
    assert melding["priority_score"] == bounds.MAX_WEIGHT * (7 + len(v.PARTNER_TYPES) - 1)


ROUTED = Policy(
    routing_rules=(
        RoutingRule("Jongeren", "Jongeren", "SMS/Whatsapp", 14, RouteCondition(max_age=27)),
        RoutingRule("Meervoudig", "Huisbezoek", "Huisbezoek", 14,
                    RouteCondition(flags=("meervoudig",))),
        RoutingRule("Centrum huur", "Centrum", "Telefoon", 7,
                    RouteCondition(partner_types=("Huur",), postcode_prefixes=("7511",),
                                   min_amount_cents=50_000)),
    ),
)  # fmt: skip


def test_routing_first_matching_rule_wins_and_the_default_queue_catches_the_rest():
    result = match(
        signals(
            {"birth_date": D(2001, 1, 1)},
            {"birth_date": D(2001, 1, 1), "creditor_id": 2},
            {"house_number": 2},
            {"house_number": 2, "creditor_id": 2},
            {"house_number": 4, "partner_type": "Huur", "amount_cents": 60_000},
            {"house_number": 6, "partner_type": "Huur", "amount_cents": 40_000},
        ),
        policy=ROUTED,
    )
    queues = dict(result.meldingen.select("address_key", "queue").iter_rows())
    assert queues == {"7511AB|12|": "Jongeren", "7511AB|2|": "Huisbezoek",
                      "7511AB|4|": "Centrum", "7511AB|6|": "Standaard"}  # fmt: skip
    centre = result.meldingen.filter(pl.col("queue") == "Centrum").row(0, named=True)
    assert (centre["first_contact_channel"], centre["term_kind"], centre["term_days"]) == (
        "Telefoon", v.TERM_CALENDAR_DAYS, 7)  # fmt: skip


def test_crisis_melding_keeps_its_queue_with_the_three_working_day_term():
    melding = only_melding(match(signals({"crisis": True}), policy=ROUTED))
    assert melding["queue"] == "Standaard"
    assert (melding["term_kind"], melding["term_days"]) == ("crisis_3_working_days", 3)


def test_each_municipality_uses_its_own_policy():
    sigs = signals({"amount_cents": 5_000}, {"amount_cents": 5_000, "municipality_code": "0164"})
    result = run_matching(sigs, history(), {"0153": Policy(minimum_amount_cents=7_500),
                                            "0164": Policy()}, period=PERIOD)  # fmt: skip
    assert status_of(result, 1)[0] == v.ONTERECHT
    assert status_of(result, 2)[0] == v.OPGEPAKT


def test_signal_outside_the_period_is_refused_with_a_dutch_message():
    import pytest

    with pytest.raises(ValueError, match="buiten de periode 2025-07: 1"):
        match(signals({"signal_date": D(2025, 8, 1)}))
