"""Middleware for the second log-in factor and the security and caching headers of responses."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django_otp import user_has_device

# Pages a logged-in user must reach before the second factor is verified.
SECOND_FACTOR_PAGES = {"web:login", "web:logout", "web:otp_verify", "web:otp_setup"}

# No inline scripts or styles anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecondFactorMiddleware:
    """A user with a TOTP device verifies it after the password before reaching any page;
    with OTP_REQUIRED a user without one sets one up first.

    Must come after django_otp's OTPMiddleware. API calls with a key have no session user here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in SECOND_FACTOR_PAGES:
            return None
        query = urlencode({"next": request.get_full_path()})
        if user_has_device(user):
            return redirect(f"{reverse('web:otp_verify')}?{query}")
        if settings.OTP_REQUIRED:
            return redirect(f"{reverse('web:otp_setup')}?{query}")
        return None


class ContentSecurityPolicyMiddleware:
    """A strict Content-Security-Policy and Permissions-Policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class NoStoreBehindLoginMiddleware:
    """`Cache-Control: no-store, private` on every answer to a logged-in user or a partner's
    system with its API key: pages, downloads and API answers name people, and neither a
    browser on a shared workstation nor a proxy may keep them (OWASP ASVS 8.2.1).

    Runs after the view, so the user is the one the REST framework authenticated by key too.
    Directives a view set stay (the login page sends its own, stricter set).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class MethodNotAllowedPageMiddleware:
    """A Dutch page for 'method not allowed' (405), which Django sends without a body.

    It happens when an address that only receives a form (log out, assign a melding) is opened
    in the browser, e.g. from its history; the browser then showed its own English error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content:
            return response
        page = render(request, "405.html", status=405)
        page["Allow"] = response.get("Allow", "")
        return page
