"""The privacy officer's audit log (/privacy/auditlog/) as she reads it: one line per row; and
entries as older code wrote them."""

import re

from django.urls import reverse

from tests.page_text import page_text
from vroegsignaal.privacy.models import AuditAction, AuditEntry


def rows_of(response) -> list[str]:
    """The rows of the audit log table on a page, newest first, one line each."""
    html = response.content.decode()
    body = html[html.index("utrecht-table__body") : html.index("</tbody>")]
    return [" ".join(page_text(row).split()) for row in re.split(r"<tr\b[^>]*>", body)[1:]]


def audit_log_rows(client, officer, **search) -> list[str]:
    """Log in as `officer` and read the rows the audit log shows for `search`."""
    client.force_login(officer)
    return rows_of(client.get(reverse("privacy:audit_log"), search))


def entry_written_before(username: str, description: str, endpoint: str) -> AuditEntry:
    """A page view logged as the code before 27-11-2026 did, typed texts and all in its page
    address: straight into the table, as `audit.record` now takes them out of any address."""
    return AuditEntry.objects.create(
        username=username, action=AuditAction.VIEW, description=description, endpoint=endpoint
    )
