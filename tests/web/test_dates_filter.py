"""Dates on the pages: '26-11-2026' inside <time> with the ISO date, in Dutch local time, and
a date that never wraps at its hyphens on a phone (vroegsignaal.css, tests/e2e)."""

import datetime as dt
from zoneinfo import ZoneInfo

from vroegsignaal.web.templatetags.dates import nl_date, nl_datetime

UTC = ZoneInfo("UTC")


def test_a_date_reads_day_month_year_and_carries_its_iso_date():
    assert nl_date(dt.date(2026, 11, 26)) == '<time datetime="2026-11-26">26-11-2026</time>'


def test_a_moment_as_date_is_the_dutch_day_not_the_utc_day():
    late_evening = dt.datetime(2026, 11, 26, 23, 30, tzinfo=UTC)  # 00:30 on the 27th in NL
    assert nl_date(late_evening) == '<time datetime="2026-11-27">27-11-2026</time>'


def test_a_moment_reads_in_dutch_time_with_its_offset_for_software():
    moment = dt.datetime(2026, 7, 1, 12, 5, 7, tzinfo=UTC)  # summer time: UTC+2
    assert nl_datetime(moment) == (
        '<time datetime="2026-07-01T14:05:07+02:00">01-07-2026 14:05</time>'
    )
    assert ">01-07-2026 14:05:07<" in nl_datetime(moment, "seconden")


def test_no_date_shows_nothing_so_a_default_can_follow():
    assert nl_date(None) == "" and nl_datetime(None) == ""
