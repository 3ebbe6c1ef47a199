"""Log-in throttling: django-axes refuses a log-in after too many failures (see settings AXES_*)."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class ThrottledLoginBackend(AxesStandaloneBackend):
    """Axes' check for every log-in through a page (which always passes the request).

    Code that authenticates without a request (the test client, a management command) is not a
    log-in form anyone can hammer, so it skips the throttle instead of failing outright.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
