"""The one place that turns HTML into a PDF (WeasyPrint): letters, the quarterly report and the
inzageverzoek all go through ``render_pdf``.

Every PDF is tagged as PDF/UA-1: a structure tree in reading order that screen readers follow,
the document language (Dutch unless the page says otherwise) and the title shown instead of the
file name. Government documents must be accessible (Besluit digitale toegankelijkheid overheid),
and the quarterly report and the letters leave the application.
"""

from __future__ import annotations

from pathlib import Path

LANGUAGE = "nl"
VARIANT = "pdf/ua-1"


def render_pdf(html: str, stylesheet: Path, url_fetcher=None) -> bytes:
    """``html`` with ``stylesheet`` as tagged PDF bytes; ``url_fetcher`` limits what it may load.

    The page's ``<title>`` becomes the PDF's title and ``<html lang>`` its language.
    """
    # WeasyPrint loads its fonts on import; only the paths that make a PDF pay for that.
    import weasyprint

    options = {"url_fetcher": url_fetcher} if url_fetcher else {}
    document = weasyprint.HTML(string=html, **options).render(
        stylesheets=[weasyprint.CSS(filename=str(stylesheet))], pdf_variant=VARIANT
    )
    document.metadata.lang = document.metadata.lang or LANGUAGE
    return document.write_pdf(pdf_variant=VARIANT)
