"""One melding counted again, as a matching run of its period would count it now.

A caseworker's 'Bevestig: geen inwoner (meer)' (``casework.not_resident``) changes which signals
of a melding count. Its amount, partner types, priority and reasons, crisis, warme overdracht,
go and werkbakje must then be what the next run gives, or the page contradicts itself until
that run (QA9 B6). So they come from the run's own path: the adapter's frames and the engine,
fed only this melding's signals of its period. The engine counts a melding from its own signals
with the history, client list and BRP extract; the other addresses of the month change nothing.
Like a run, the recount writes the werkbakje the routing gives, also on a melding in progress.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from vroegsignaal.casework.models import Melding, MeldingSignal
from vroegsignaal.matching import adapter
from vroegsignaal.matching.engine import run_matching, with_priority_reasons
from vroegsignaal.matching.policies import effective_policy
from vroegsignaal.matching.services import refreshed_values


def recounted(melding: Melding, today: dt.date) -> dict:
    """The matching fields (``services.MATCHING_FIELDS``) a run of ``melding``'s period on
    ``today`` would write on it, with the statuses its signals have now."""
    municipality = melding.municipality
    period = f"{melding.period_start:%Y-%m}"
    # A later signal joined as herhaalde melding is in a run of its own month, not of this one.
    own = MeldingSignal.objects.filter(
        melding=melding, signal__signal_date__range=adapter.month_bounds(period)
    ).values_list("signal_id", flat=True)
    policy, _ = effective_policy(municipality)
    signals = adapter.period_signals(municipality, period, only=list(own))
    result = run_matching(
        signals,
        adapter.history(municipality, period, policy.repeat_months),
        policy,
        clients=adapter.known_clients(municipality),
        brp=adapter.population_register(municipality, near=signals),
        period=period,
    )
    meldingen = with_priority_reasons(result.meldingen)
    if meldingen.height > 1:  # never for a melding a run made: one address, one key
        meldingen = meldingen.filter(pl.col("melding_key") == melding.key)
    return refreshed_values(melding, meldingen.row(0, named=True), result, today)
