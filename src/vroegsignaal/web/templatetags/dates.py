"""Dates as the pages show them: '26-11-2026', inside a <time> element that carries the ISO
date for software and screen readers and that never wraps at its hyphens (vroegsignaal.css),
so a date column on a phone reads '26-11-2026', not '26-11-' over '2026'."""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html

register = template.Library()


@register.filter
def nl_date(value: dt.date | dt.datetime | None) -> str:
    """A date (or the local day of a moment) as '26-11-2026'; nothing for no date."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), f"{value:%d-%m-%Y}")


@register.filter
def nl_datetime(value: dt.datetime | None, seconds: str = "") -> str:
    """A moment in local time as '26-11-2026 14:05' ('...:07' with the argument 'seconden')."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    shown = f"{local:%d-%m-%Y %H:%M:%S}" if seconds == "seconden" else f"{local:%d-%m-%Y %H:%M}"
    return format_html('<time datetime="{}">{}</time>', local.isoformat(), shown)
