"""Reading a rendered letter back, as a screen reader or a search would."""

import io

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """All text of the PDF, with line breaks as spaces so sentences can be searched whole."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))
