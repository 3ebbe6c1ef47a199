"""Template filters for casework pages: amounts in cents as Dutch euro amounts."""

from django import template

register = template.Library()


@register.filter
def euros(cents: int | None) -> str:
    """1234567 → '€ 12.345,67'; negative amounts keep their minus sign."""
    if cents is None:
        return "–"
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(int(cents)), 100)
    return f"{sign}€ {whole:,}".replace(",", ".") + f",{rest:02d}"
