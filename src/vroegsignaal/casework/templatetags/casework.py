"""Template filters for casework pages: amounts in cents as Dutch euro amounts, counts with
Dutch thousands, the werkbakje of a melding, a signal's BRP note and status reason, a melding's
kenmerk as a link, an example kenmerk, the note beside a due date on a day off."""

from django import template

from vroegsignaal import dutch_numbers, kenmerk
from vroegsignaal.casework import melding_links, residence_check
from vroegsignaal.casework.deadlines import WorkingCalendar, closed_day_note
from vroegsignaal.casework.worklist import queue_label

register = template.Library()


@register.filter
def euros(cents: int | None) -> str:
    """1234567 → '€ 12.345,67'; no amount → '–'."""
    return "–" if cents is None else dutch_numbers.euros(cents)


@register.filter
def dutch_number(value) -> str:
    """4642 → '4.642', as Dutch readers write a count; None → '–'."""
    return dutch_numbers.dutch_number(value)


@register.simple_tag
def kenmerk_example() -> str:
    """'VS-7941': the kenmerk a search field gives as its example (`vroegsignaal.kenmerk`)."""
    return kenmerk.EXAMPLE


@register.filter
def werkbakje(melding) -> str:
    """The werkbakje a page names for the melding ('' for none): ``worklist.queue_label``."""
    return queue_label(melding)


@register.filter
def day_off_note(day, calendar: WorkingCalendar) -> str:
    """'Eerste Kerstdag; laatste werkdag ervoor 24-12-2026' beside a due date that is no working
    day in ``calendar`` (the municipality's, ``policy.calendar_for``): `deadlines.closed_day_note`,
    as the melding page and the werkbakjes say it; '' on a working day or without a date."""
    return closed_day_note(day, calendar) if day else ""


@register.filter
def brp_note(signal, melding) -> str:
    """The signal's BRP note on ``melding``'s page: ``residence_check.note_shown``."""
    return residence_check.note_shown(signal, melding)


@register.filter
def status_reason(signal, melding):
    """The signal's status reason on ``melding``'s page: ``melding_links.reason_shown``."""
    return melding_links.reason_shown(signal.status_reason, melding.pk)


@register.filter
def melding_link(melding_id: int):
    """The kenmerk of a melding linked to its page: ``melding_links.melding_link``."""
    return melding_links.melding_link(melding_id)


def described_by(field) -> str:
    """The ids of the help text and error message `casework/field.html` shows for ``field``
    ('<id>-uitleg', '<id>-fout'), for aria-describedby; empty when it shows neither."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-uitleg")
    if field.errors:
        ids.append(f"{field.auto_id}-fout")
    return " ".join(ids)


@register.simple_tag
def field_widget(field):
    """The field's input, described by the help text and error that the page shows. Django
    would point at '<id>_helptext' and '<id>_error', elements its own templates make and ours
    do not, so a screen reader read neither."""
    described = described_by(field)
    return field.as_widget(attrs={"aria-describedby": described} if described else None)


@register.filter
def description_ids(field) -> str:
    """``described_by`` for a template (a fieldset's aria-describedby)."""
    return described_by(field)
