"""Template tags for the monitoring pages: figures written the Dutch way, and the chain's words
explained (``chain_terms``: one list for the dashboard and both reports)."""

from django import template

from vroegsignaal.monitoring.businesscase import dutch
from vroegsignaal.monitoring.terms import TERMS

register = template.Library()

register.filter("dutch", dutch)


@register.inclusion_tag("monitoring/_terms.html")
def chain_terms() -> dict:
    """'Wat betekenen deze woorden?' with ``terms.TERMS``."""
    return {"terms": TERMS}
