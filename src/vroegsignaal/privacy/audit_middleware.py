"""Audit every request to a page that shows or changes personal data, so no view can forget it.

Views with a more precise record of their own (`audit.record(request, ...)`) are not recorded
twice. Which pages hold personal data is listed here, per URL namespace or view name; a test
(tests/privacy/test_audit_coverage.py) fails when a new page in such an app is not covered.
"""

from __future__ import annotations

from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction
from vroegsignaal.privacy.pages import describe_page

PERSONAL_DATA_NAMESPACES = {"casework", "letters", "feedback", "intake", "privacy", "matching"}
PERSONAL_DATA_VIEWS = {
    "monitoring:ddas", "api-deliveries", "api-feedback", "api-heropaf-checks",
    "api-heropaf-check-answer",
}  # fmt: skip
# The object a page is about, by view name, when its URL carries the object's id.
OBJECT_TYPES = {
    "casework": "casework.melding",
    "letters:melding": "casework.melding",
    "letters:sent_pdf": "letters.sentletter",
    "letters:batch_pdf": "letters.letterbatch",
    "feedback:signal": "intake.signal",
    "feedback:heropaf_check": "feedback.heropafcheck",
    "api-heropaf-check-answer": "feedback.heropafcheck",
    "intake": "intake.delivery",
}


def _covers(match) -> bool:
    return match.namespace in PERSONAL_DATA_NAMESPACES or match.view_name in PERSONAL_DATA_VIEWS


def _action(request, response) -> AuditAction:
    if response.status_code in (403, 404):
        return AuditAction.REFUSED
    attachment = "attachment" in response.get("Content-Disposition", "")
    # A form sent back with its errors, or a preview, shows data but changes nothing; a change
    # ends in a redirect or a file. An action refused with a message redirects too, back to where
    # it came from, but the view said it changed nothing (audit.note_unchanged).
    posted = request.method not in ("GET", "HEAD")
    unchanged = getattr(request, "audit_unchanged", False)
    if posted and not unchanged and (attachment or response.status_code != 200):
        return AuditAction.CHANGE
    return AuditAction.DOWNLOAD if attachment else AuditAction.VIEW


def _object_type(match) -> str:
    return OBJECT_TYPES.get(match.view_name) or OBJECT_TYPES.get(match.namespace, "")


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            match is None
            or getattr(request, "audited", False)
            or not request.user.is_authenticated
            or (response.status_code >= 400 and response.status_code not in (403, 404))
            or not _covers(match)
        ):
            return response
        object_id = match.kwargs.get("pk", match.kwargs.get("id"))
        audit.record(
            request,
            _action(request, response),
            describe_page(match.view_name),
            object_type=_object_type(match) if object_id is not None else "",
            object_id=str(object_id) if object_id is not None else "",
        )
        return response
