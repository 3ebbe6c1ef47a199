"""Letters benchmark: render the print room's PDF of first letters (default text, full letterhead).

Measures ``letters.rendering.render_pdf`` on ready letters, the step that dominates a batch; the
database work per melding (one contact attempt) is small next to it.
"""

from __future__ import annotations

import io
import os
import time

FULL_SIZE = 500
QUICK_SIZE = 20
SURNAMES = ["Jansen", "de Vries", "Öztürk", "Bakker", "Çelik", "van den Berg", "Nguyễn", "Smit"]


def _letters(count: int):
    from vroegsignaal.letters.default_texts import DEFAULT_TEXTS
    from vroegsignaal.letters.kinds import LetterKind
    from vroegsignaal.letters.placeholders import fill
    from vroegsignaal.letters.rendering import Letter, paragraphs

    texts = DEFAULT_TEXTS[LetterKind.FIRST]
    letters = []
    for number in range(count):
        surname = SURNAMES[number % len(SURNAMES)]
        values = {
            "aanhef": f"Beste J. {surname}",
            "soort_schuldeiser": "uw energieleverancier",
            "gemeente": "Enschede",
        }
        letters.append(
            Letter(
                address_lines=[
                    f"J. {surname}",
                    f"Oldenzaalsestraat {number + 1}",
                    "7511 AB  ENSCHEDE",
                ],
                date="25 november 2026",
                subject=fill(texts.subject, values),
                paragraphs=paragraphs(fill(texts.body, values)),
            )
        )
    return letters


def _sender():
    from vroegsignaal.letters.rendering import Sender

    return Sender(
        name="Gemeente Enschede",
        address_lines=["Postbus 20", "7500 AA  Enschede"],
        signature_name="Anneke Brinkman",
        signature_role="Consulent vroegsignalering",
        contact_lines=[
            ("Telefoon", "053 481 48 00"),
            ("E-mail", "vroegeropaf@enschede.nl"),
            ("WhatsApp", "06 12 34 56 78"),
            ("Inloopspreekuur", "dinsdag van 9.00 tot 12.00 uur in het Stadskantoor"),
        ],
    )


def run(quick: bool = False) -> list[dict]:
    """Render one batch PDF of 500 (quick: 20) first letters; report time, pages and size."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vroegsignaal.settings")
    django.setup()
    from pypdf import PdfReader

    from vroegsignaal.letters.rendering import render_pdf

    count = QUICK_SIZE if quick else FULL_SIZE
    letters, sender = _letters(count), _sender()
    render_pdf(letters[:1], sender, "Opwarmen")  # fonts and templates load once per process
    start = time.perf_counter()
    pdf = render_pdf(letters, sender, "Eerste brieven")
    seconds = time.perf_counter() - start
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return [
        {
            "letters": count,
            "pages": pages,
            "seconds": round(seconds, 2),
            "ms_per_letter": round(1000 * seconds / count, 1),
            "pdf_kb": len(pdf) // 1024,
        }
    ]
