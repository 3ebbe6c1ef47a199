"""Every PDF the application makes is an accessible, tagged PDF (PDF/UA-1) in Dutch, with a title.

All of them are rendered by `vroegsignaal.pdf.render_pdf`; the second test keeps it that way.
"""

import io
import re
from pathlib import Path

from pypdf import PdfReader

from vroegsignaal.pdf import render_pdf

SOURCE = Path(__file__).parents[1] / "src" / "vroegsignaal"


def test_a_rendered_pdf_is_tagged_pdf_ua_with_dutch_language_and_its_title(tmp_path):
    stylesheet = tmp_path / "style.css"
    stylesheet.write_text("body { font-family: sans-serif; }")
    html = "<html lang='nl'><head><title>Inzageverzoek</title></head><body><h1>Uw gegevens</h1>"
    content = render_pdf(html + "<p>Tekst.</p></body></html>", stylesheet)
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "nl"
    assert reader.metadata.title == "Inzageverzoek"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]  # the title, not the file name
    assert "pdfuaid" in root["/Metadata"].get_object().get_data().decode()


def test_a_page_without_a_language_is_still_rendered_as_dutch(tmp_path):
    stylesheet = tmp_path / "style.css"
    stylesheet.write_text("")
    content = render_pdf(
        "<html><head><title>T</title></head><body><p>x</p></body></html>", stylesheet
    )
    assert PdfReader(io.BytesIO(content)).trailer["/Root"]["/Lang"] == "nl"


def test_no_module_renders_a_pdf_past_the_shared_renderer():
    direct = [
        path.relative_to(SOURCE).as_posix()
        for path in SOURCE.rglob("*.py")
        if re.search(r"\.write_pdf\(", path.read_text(encoding="utf-8"))
    ]
    assert direct == ["pdf.py"]
