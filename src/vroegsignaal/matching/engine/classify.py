"""Signal-level rules: onterecht signaal, herhaalde melding, known client and the BRP check.

Each function returns per signal_id the columns the status step needs; none decides the final
status on its own (see `status.py` for the order of precedence).
"""

from __future__ import annotations

import polars as pl

from vroegsignaal.matching.engine.persons import find_in_register
from vroegsignaal.matching.engine.vocabulary import REFERENCE_PREFIX


def euro(cents: pl.Expr) -> pl.Expr:
    """Dutch money text: 7500 -> '€ 75,00', 123456 -> '€ 1.234,56'.

    Integer arithmetic instead of a regex: it runs once per melding at national scale.
    """
    whole = cents // 100

    def group(value: pl.Expr) -> pl.Expr:
        return (value % 1000).cast(pl.String).str.zfill(3)

    text = (
        pl.when(whole >= 1_000_000)
        .then(pl.format("{}.{}.{}", whole // 1_000_000, group(whole // 1000), group(whole)))
        .when(whole >= 1000)
        .then(pl.format("{}.{}", whole // 1000, group(whole)))
        .otherwise(whole.cast(pl.String))
    )
    return pl.format("€ {},{}", text, (cents % 100).cast(pl.String).str.zfill(2))


def onterecht_reason(signals: pl.LazyFrame) -> pl.LazyFrame:
    """Add `onterecht_reason` ('' when valid); needs the policy and window columns joined in.

    The texts that depend only on the policy (`minimum_text`, `window_text`) come formatted
    from the policy tables, so only the number of days is formatted per signal.
    """
    business = pl.when(pl.col("exclude_business") & (pl.col("contract_type") == "zakelijk")).then(
        pl.lit("Zakelijk contract")
    )
    below = pl.when(pl.col("amount_cents") < pl.col("minimum_amount_cents")).then("minimum_text")
    outside = (pl.col("arrears_days") < pl.col("window_min")) | (
        pl.col("arrears_days") > pl.col("window_max")
    )
    window = pl.when(outside).then(
        pl.format("Achterstand {} dagen {}", "arrears_days", "window_text")
    )
    return signals.with_columns(
        pl.concat_str([business, below, window], separator="; ", ignore_nulls=True)
        .fill_null("")
        .alias("onterecht_reason")
    )


def repeats(signals: pl.LazyFrame, history: pl.LazyFrame) -> pl.LazyFrame:
    """signal_id -> attach_to_melding_id, repeat_reason for herhaalde meldingen.

    A repeat: the same creditor reported the same customer within `repeat_months` before the
    signal (and before its period), and that melding is still open or that report was handled
    (`melding_handled` is per earlier signal: a report that was itself a repeat was not, so the
    window runs from the report that was picked up; see matching.adapter.history).
    """
    earlier = history.filter(
        pl.col("melding_id").is_not_null() & (pl.col("melding_open") | pl.col("melding_handled"))
    ).select(
        "creditor_id",
        "customer_number",
        pl.col("signal_date").alias("earlier_date"),
        "melding_id",
    )
    since = pl.col("signal_date").dt.offset_by(pl.format("-{}mo", pl.col("repeat_months")))
    return (
        signals.select(
            "signal_id",
            "creditor_id",
            "customer_number",
            "signal_date",
            "period_start",
            "repeat_months",
        )
        .join(earlier, on=["creditor_id", "customer_number"])
        .filter(
            (pl.col("earlier_date") >= since) & (pl.col("earlier_date") < pl.col("period_start"))
        )
        .sort("earlier_date", "melding_id", descending=True)
        .group_by("signal_id")
        .first()
        .select(
            "signal_id",
            pl.col("melding_id").alias("attach_to_melding_id"),
            # The earlier melding by its kenmerk, the name users know: the melding page,
            # exports and the inzage show this text as stored.
            pl.format(
                "Eerder gemeld door dezelfde schuldeiser op {} (melding {}{})",
                pl.col("earlier_date").dt.strftime("%d-%m-%Y"),
                pl.lit(REFERENCE_PREFIX),
                "melding_id",
            ).alias("repeat_reason"),
        )
    )


def known_clients(probes: pl.DataFrame, clients: pl.DataFrame) -> pl.DataFrame:
    """signal_id -> client_reason for persons on the municipality's debt-help client list."""
    found = find_in_register(probes, clients, name_needs_address=True)
    return (
        found.sort("by_bsn", descending=True)
        .group_by("signal_id")
        .first()
        .select(
            "signal_id",
            pl.when(pl.col("by_bsn"))
            .then(pl.lit("Bekend bij schuldhulpverlening (BSN)"))
            .otherwise(pl.lit("Bekend bij schuldhulpverlening (naam, geboortedatum en adres)"))
            .alias("client_reason"),
        )
    )


# The note on a signal whose person the extract has at another address of the municipality;
# privacy.inzage finds the signals tied to a resident by it.
BRP_OTHER_ADDRESS = "Volgens de BRP woonachtig op ander adres: {}"
# Named by the municipality's name: caseworkers do not know CBS codes.
BRP_NOT_FOUND = "Niet gevonden in de BRP van {}"
# Said of a signal whose person the BRP does not find in a melding with a crisis signal or
# with someone the BRP has living at the address: the run does not close it (see
# `hold_not_found_for_a_check`); the melding page shows it as a warning.
BRP_CHECK_BY_HAND = ": controleer of de inwoner hier woont voordat u de melding afsluit."
_REGISTER_ADDRESS = ["postcode", "house_number", "house_letter", "house_number_addition"]
# The BRP's spelling of the name of the person found, under the names the signals get.
BRP_NAME = {
    "initials": "brp_initials",
    "surname_prefix": "brp_surname_prefix",
    "surname": "brp_surname",
}


# How closely a resident in the register fits a signal, closest first.
_CLOSENESS = ["by_bsn", "same_address", "same_birth_date"]


def brp_check(probes: pl.DataFrame, brp: pl.DataFrame) -> pl.DataFrame:
    """signal_id -> brp_status ('overleden'/'geen_inwoner'/None), brp_reason, brp_note and the
    BRP's spelling of the name (`BRP_NAME`).

    Only municipalities present in the extract are checked; a person found at another address
    of the municipality is an inwoner, with that address in the note. A signal that fits
    several residents equally (twins, for a signal without initials) is an inwoner with an
    empty name: the BRP cannot say whose it is.
    """
    checked = probes.filter(
        pl.col("municipality_code").is_in(brp["municipality_code"].unique().to_list())
    )
    found = find_in_register(checked, brp, name_needs_address=False)
    # The closest resident first: a typo-tolerant birth date also fits a relative of one name
    # at the address (father 1957, son 1975), and the signal born 1957 is the father's.
    ordered = found.join(
        brp.select("row_id", "death_date", "bsn", *_REGISTER_ADDRESS, *BRP_NAME), on="row_id"
    ).sort(
        [*_CLOSENESS, "death_date", "row_id"],
        descending=[True, True, True, False, False],
        nulls_last=[False, False, False, False, False],
    )
    best = (
        ordered.group_by("signal_id", maintain_order=True)
        .first()
        .join(_fits_several_residents(ordered), on="signal_id", how="left")
    )
    # From the register's own fields: the address key has lost the dash of an addition.
    addition = pl.col("house_number_addition").fill_null("")
    other_address = pl.format(
        "{} {}{}{}",
        "postcode",
        "house_number",
        pl.col("house_letter").fill_null(""),
        pl.when(addition != "").then(pl.concat_str([pl.lit("-"), addition])).otherwise(pl.lit("")),
    )
    return (
        checked.select("signal_id", "municipality_code")
        .join(_municipality_names(brp), on="municipality_code", how="left")
        .join(best, on="signal_id", how="left")
        .select(
            "signal_id",
            pl.when(pl.col("row_id").is_null())
            .then(pl.lit("geen_inwoner"))
            .when(pl.col("death_date").is_not_null())
            .then(pl.lit("overleden"))
            .alias("brp_status"),
            pl.when(pl.col("row_id").is_null())
            .then(pl.format(BRP_NOT_FOUND, "municipality_name"))
            .when(pl.col("death_date").is_not_null())
            .then(
                pl.format(
                    "Overleden volgens de BRP ({})", pl.col("death_date").dt.strftime("%d-%m-%Y")
                )
            )
            .alias("brp_reason"),
            pl.when(pl.col("row_id").is_not_null() & ~pl.col("same_address"))
            .then(pl.format(BRP_OTHER_ADDRESS, other_address))
            .alias("brp_note"),
            # Whose name it is the BRP cannot say: '' (not null: someone does live here, see
            # `hold_not_found_for_a_check`), and the signal keeps its own spelling.
            *(
                pl.when(pl.col("several").fill_null(False))
                .then(pl.lit(""))
                .otherwise(column)
                .alias(name)
                for column, name in BRP_NAME.items()
            ),
        )
    )


def _fits_several_residents(ordered: pl.DataFrame) -> pl.DataFrame:
    """signal_id -> several: the signal fits two or more residents equally closely (twins
    J. and K. at one address and birth date, for a signal without initials), told apart by
    their initials or BSN. `ordered` has the found pairs closest first per signal."""
    tied = pl.all_horizontal(
        pl.col(column).eq_missing(pl.col(column).first().over("signal_id")) for column in _CLOSENESS
    )
    initials = pl.col("initials").fill_null("").str.to_uppercase().str.replace_all(r"[^\p{L}]", "")
    resident = pl.struct(initials.alias("initials"), pl.col("bsn").fill_null(""))
    return (
        ordered.filter(tied).group_by("signal_id").agg((resident.n_unique() > 1).alias("several"))
    )


def _municipality_names(brp: pl.DataFrame) -> pl.DataFrame:
    """municipality_code -> municipality_name of the extract ('de gemeente' when it has none)."""
    name = pl.col("municipality_name")
    return brp.group_by("municipality_code").agg(
        pl.coalesce(name.filter(name != "").first(), pl.lit("de gemeente"))
    )


def hold_not_found_for_a_check(rules: pl.LazyFrame) -> pl.LazyFrame:
    """Keep the BRP from closing a signal on a person it did not find, where a caseworker
    should check instead: in a melding with a crisis signal, or at an address where the BRP
    does find another signal's person living (someone lives there).

    Name matching fails on spelling, tussenvoegsels, diacritics and maiden names; for an
    imminent eviction or disconnection, or beside a resident the BRP has at the address (her
    partner under a maiden name), every 'geen inwoner' of such a melding counts as a found
    person (a crisis melding is routed as a crisis) and carries the note to check. 'Overleden'
    stays: a death is registered for a person who was found, and a deceased person found at
    the address is no one living there. `rules` has melding_id, crisis and the brp_* columns
    of `brp_check`.
    """
    lives_here = (
        pl.col("brp_status").is_null()
        & pl.col(BRP_NAME["surname"]).is_not_null()
        & pl.col("brp_note").is_null()  # found at another address of the municipality
    )
    to_check = pl.col("melding_id").is_in(
        pl.col("melding_id").filter(pl.col("crisis").fill_null(False) | lives_here).implode()
    )
    held = (pl.col("brp_status") == "geen_inwoner") & to_check
    return rules.with_columns(
        pl.when(held)
        .then(pl.concat_str("brp_reason", pl.lit(BRP_CHECK_BY_HAND)))
        .otherwise("brp_note")
        .alias("brp_note"),
        *(pl.when(~held).then(name).alias(name) for name in ("brp_status", "brp_reason")),
    )


# The reason the engine gives a signal a caseworker confirmed as 'geen inwoner (meer)'; the
# signal keeps the status and reason stored (matching.services writes no status a person set).
CONFIRMED_REASON = "Geen inwoner (meer) na controle door de uitvoerder"


def confirmed_not_resident(rules: pl.LazyFrame, signal_ids: pl.Series) -> pl.LazyFrame:
    """Make the signals `signal_ids`, whose person a caseworker confirmed is no resident (any
    more), 'geen inwoner' as the BRP check does for a person it did not find: they count
    neither towards a go nor in the melding's figures, priority and route. After
    `hold_not_found_for_a_check`: the confirmation is that check, done."""
    confirmed = pl.col("signal_id").is_in(signal_ids.implode())
    return rules.with_columns(
        pl.when(confirmed).then(pl.lit("geen_inwoner")).otherwise("brp_status").alias("brp_status"),
        pl.when(confirmed)
        .then(pl.lit(CONFIRMED_REASON))
        .otherwise("brp_reason")
        .alias("brp_reason"),
    )
