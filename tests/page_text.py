"""A page's text as a reader sees it: without markup, so an assertion on a sentence does not
depend on the elements inside it (a date is a <time> element, vroegsignaal.web dates)."""

from html import unescape

from django.utils.html import strip_tags


def page_text(response_or_html) -> str:
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    return unescape(strip_tags(html))
