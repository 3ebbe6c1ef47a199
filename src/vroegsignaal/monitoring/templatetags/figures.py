"""Template filters for the monitoring tables: numbers as Dutch readers expect them."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def dutch_number(value):
    """30744 → '30.744', 3.85 → '3,85'; texts (month names, '–') stay as they are.

    Only for display: the CSV and XLSX downloads keep plain numbers for spreadsheets.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return number_format(value, use_l10n=True, force_grouping=True)
