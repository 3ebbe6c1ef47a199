"""Template filters for casework pages: amounts in cents as Dutch euro amounts, counts with
Dutch thousands, the werkbakje of a melding, a signal's BRP note."""

from django import template

from vroegsignaal import dutch_numbers
from vroegsignaal.casework import residence_check
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


@register.filter
def werkbakje(melding) -> str:
    """The werkbakje a page names for the melding ('' for none): ``worklist.queue_label``."""
    return queue_label(melding)


@register.filter
def brp_note(signal, melding) -> str:
    """The signal's BRP note on ``melding``'s page: ``residence_check.note_shown``."""
    return residence_check.note_shown(signal, melding)


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
