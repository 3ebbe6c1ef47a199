"""Every management command runs the system checks, which import the URL configuration and so
every view. The chart and PDF libraries (matplotlib, WeasyPrint) took half of that start-up
(QA14 B14: 22-28 s per command on a busy machine); they load only where a chart or PDF is drawn."""

import subprocess
import sys

LOADED_AFTER_URLS = """
import sys, django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
print(" ".join(name for name in ("matplotlib", "weasyprint") if name in sys.modules))
"""


def test_loading_the_urls_does_not_import_the_chart_and_pdf_libraries():
    completed = subprocess.run(
        [sys.executable, "-c", LOADED_AFTER_URLS], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == ""
