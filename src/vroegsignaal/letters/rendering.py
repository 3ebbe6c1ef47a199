"""Letters as an accessible PDF (WeasyPrint): A4, the address in the window of a Dutch window
envelope, real text in reading order (tagged PDF), DejaVu Sans for every Dutch diacritic, a
title and ``lang="nl"`` in the PDF.

This module knows nothing of meldingen: it takes ready ``Letter`` and ``Sender`` values, so the
print room's batch, the preview and the benchmark all render the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string

from vroegsignaal import pdf

if TYPE_CHECKING:
    from vroegsignaal.letters.privacy_notice import PrivacyNotice

STYLESHEET = Path(__file__).parent / "static" / "letters" / "letter.css"


@dataclass(frozen=True)
class Sender:
    """The municipality as it appears on the letter: letterhead, signature and ways to respond."""

    name: str
    address_lines: list[str]
    signature_name: str
    signature_role: str
    contact_lines: list[tuple[str, str]]
    logo_path: str = ""


@dataclass(frozen=True)
class Letter:
    """One letter to one addressee; ``paragraphs`` holds the lines of each paragraph."""

    address_lines: list[str]
    date: str
    subject: str
    paragraphs: list[list[str]] = field(default_factory=list)
    # 'Ons kenmerk': the melding's reference, which a resident who calls back can quote.
    reference: str = ""
    # What the municipality does with her data, on a page of its own (letters that open a round).
    privacy: PrivacyNotice | None = None
    # For the caseworker only, in a preview: what the letter lacks and what to do about it.
    preview_notice: str = ""


def paragraphs(text: str) -> list[list[str]]:
    """A filled-in body as paragraphs (split on blank lines) of lines (split on line breaks)."""
    blocks = (block.strip() for block in text.replace("\r\n", "\n").split("\n\n"))
    return [[line.strip() for line in block.split("\n")] for block in blocks if block]


def _fetch_local_only(url: str, timeout: int = 10, ssl_context=None):
    # A letter may only show files from our own media folder (the logo): never fetch from the
    # network, whatever a text or an upload contains.
    media = Path(settings.MEDIA_ROOT).resolve().as_uri()
    if not url.startswith(media + "/"):
        raise ValueError(f"Brieven laden geen bestanden buiten de mediamap: {url}")
    import weasyprint  # only when a letter is drawn: see `pdf.render_pdf`

    return weasyprint.default_url_fetcher(url, timeout, ssl_context)


def letters_html(letters: list[Letter], sender: Sender, title: str) -> str:
    """The HTML of ``letters`` (each starting on a new page), as WeasyPrint renders it."""
    logo_url = Path(sender.logo_path).resolve().as_uri() if sender.logo_path else ""
    context = {"letters": letters, "sender": sender, "logo_url": logo_url, "title": title}
    return render_to_string("letters/pdf/letters.html", context)


def render_pdf(letters: list[Letter], sender: Sender, title: str) -> bytes:
    """One PDF with ``letters`` in order, titled ``title``."""
    return pdf.render_pdf(letters_html(letters, sender, title), STYLESHEET, _fetch_local_only)
