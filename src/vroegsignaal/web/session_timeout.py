"""The end of an idle session, told in time and afterwards (WCAG 2.2.1 Timing Adjustable).

A session ends SESSION_COOKIE_AGE after the last request (BIO 9.4.2). Every page of a logged-in
user carries a warning dialog (web/session_warning.html, shown by static/web/session-timeout.js)
that appears SESSION_WARNING_SECONDS before the end, with one button that renews the session
without leaving the page, so nothing typed is lost. When the session has ended, the log-in page
says why: a marker cookie remembers that this browser was logged in, and only logging out
oneself removes it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import user_logged_out
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.dispatch import receiver
from django.http import HttpResponse
from django.views.decorators.http import require_POST

# Says "this browser had a session"; holds nothing about the user.
MARKER_COOKIE = "vroegsignaal_was_ingelogd"


def idle_time_text(seconds: int) -> str:
    """'30 minuten', '2 minuten', '1 minuut'; seconds for the short times tests use."""
    if seconds >= 60 and seconds % 60 == 0:
        minutes = seconds // 60
        return "1 minuut" if minutes == 1 else f"{minutes} minuten"
    return "1 seconde" if seconds == 1 else f"{seconds} seconden"


def session_timing(request) -> dict:
    """Template context for the warning dialog in web/base.html."""
    age = settings.SESSION_COOKIE_AGE
    warning = min(settings.SESSION_WARNING_SECONDS, age)
    return {
        "session_seconds": age,
        "session_warning_seconds": warning,
        "session_warning_in": idle_time_text(warning),
        "session_idle_time": idle_time_text(age),
    }


class SessionTimeoutMiddleware:
    """Sets the marker cookie for a logged-in user; flags a request that comes with the marker
    but without a session as one whose session timed out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        had_session = bool(request.COOKIES.get(MARKER_COOKIE))
        request.session_timed_out = had_session and not request.user.is_authenticated
        response = self.get_response(request)
        if getattr(request, "logged_out_by_hand", False):
            response.delete_cookie(MARKER_COOKIE)
        elif request.user.is_authenticated and not had_session:
            response.set_cookie(
                MARKER_COOKIE,
                "ja",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


@receiver(user_logged_out)
def _remember_logging_out_by_hand(sender, request, **kwargs):
    if request is not None:
        request.logged_out_by_hand = True


class Login(LoginView):
    """The log-in page, which says once that the session ended through inactivity."""

    template_name = "web/login.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["session_timed_out"] = getattr(self.request, "session_timed_out", False)
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["session_timed_out"]:
            response.delete_cookie(MARKER_COOKIE)
        return response


@require_POST
@login_required
def extend_session(request):
    """'Ingelogd blijven': the request itself renews the session (SESSION_SAVE_EVERY_REQUEST).
    Too late, the log-in page answers, and the script sends the user there."""
    request.session.modified = True
    return HttpResponse(status=204)
