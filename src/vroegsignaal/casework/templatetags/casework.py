"""Template filters for casework pages: amounts in cents as Dutch euro amounts."""

from django import template

from vroegsignaal import dutch_numbers

register = template.Library()


@register.filter
def euros(cents: int | None) -> str:
    """1234567 → '€ 12.345,67'; no amount → '–'."""
    return "–" if cents is None else dutch_numbers.euros(cents)
