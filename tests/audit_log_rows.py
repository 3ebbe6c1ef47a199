"""The privacy officer's audit log (/privacy/auditlog/) as she reads it: one line per row."""

import re

from django.urls import reverse

from tests.page_text import page_text


def rows_of(response) -> list[str]:
    """The rows of the audit log table on a page, newest first, one line each."""
    html = response.content.decode()
    body = html[html.index("utrecht-table__body") : html.index("</tbody>")]
    return [" ".join(page_text(row).split()) for row in re.split(r"<tr\b[^>]*>", body)[1:]]


def audit_log_rows(client, officer, **search) -> list[str]:
    """Log in as `officer` and read the rows the audit log shows for `search`."""
    client.force_login(officer)
    return rows_of(client.get(reverse("privacy:audit_log"), search))
