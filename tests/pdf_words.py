"""Where the words of a rendered PDF land on its pages, read with poppler's pdftotext -bbox
(installed by make setup): for layout rules such as 'every column is on the paper' or 'the
address sits in the envelope's window'."""

import re
import subprocess
from html import unescape

MM_PER_POINT = 25.4 / 72


def pdf_words(path) -> list[dict]:
    """Every word of the PDF with its page number, box and the size of its page (pdftotext)."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = []
    for number, (width, height, body) in enumerate(
        re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S), start=1
    ):
        for x0, y0, x1, y1, text in re.findall(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>',
            body,
        ):
            words.append({
                "page": number, "text": unescape(text), "box": tuple(map(float, (x0, y0, x1, y1))),
                "page_size": (float(width), float(height)),
            })  # fmt: skip
    return words
