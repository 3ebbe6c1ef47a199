"""A matching period: a calendar month written `JJJJ-MM`.

The one place that says how a period is written, how it is named for people, and which months
can be matched: the matching page and the commands `match` and `meldingen` all ask here, so the
website and the command line refuse the same months with the same words.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from django.utils.formats import date_format

from vroegsignaal.matching.adapter import month_bounds
from vroegsignaal.matching.services import period_has_signals
from vroegsignaal.organisations.models import Municipality
from vroegsignaal.privacy.pages import describe_page

_PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


class PeriodError(ValueError):
    """A period that is no month, or a month that cannot be matched; the message is Dutch."""


def is_period(text: str) -> bool:
    """Whether `text` is a month written JJJJ-MM (2026-10; not 2026-13 or 2026-1)."""
    return _PERIOD.fullmatch(text) is not None


def parse_period(text: str) -> str:
    """`text` as a period; PeriodError naming it when it is no month JJJJ-MM."""
    period = text.strip()
    if not is_period(period):
        raise PeriodError(f"Periode '{text}' is geen maand in de vorm JJJJ-MM.")
    return period


def check_begun(period: str, today: dt.date | None = None) -> None:
    """Raise PeriodError for a month that has not begun: its signals are still to come."""
    if period > f"{today or timezone.localdate():%Y-%m}":
        raise PeriodError("Een maand in de toekomst kan nog niet gematcht worden.")


def check_matchable(municipality: Municipality, period: str, today: dt.date | None = None) -> None:
    """Raise PeriodError when `period` cannot be matched for `municipality`: a month that has
    not begun, or one without signals of the municipality (a run would only add an empty line
    to the list of runs)."""
    check_begun(period, today)
    if not period_has_signals(municipality, period):
        raise PeriodError(
            f"Er zijn geen signalen met een signaaldatum in {month_name(period)} voor "
            f"{municipality.name}; kies een maand waarvoor signalen zijn aangeleverd."
        )


def month_name(period: str) -> str:
    """'januari 1999' for '1999-01', as the list of runs names a month."""
    return date_format(month_bounds(period)[0], "F Y")


def run_description(municipality: Municipality, period: str) -> str:
    """What the audit log says of a run started for a month: 'matching november 2026, gemeente
    Enschede', from the website and from the command line alike."""
    return f"{describe_page('matching:runs')} {month_name(period)}, gemeente {municipality.name}"
