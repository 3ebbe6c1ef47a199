"""The second log-in factor: set up an authenticator app (TOTP) and verify its code after the password."""

from __future__ import annotations

from base64 import b32encode

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator-app"


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code",
        max_length=8,
        error_messages={"required": "Vul de zescijferige code uit uw authenticator-app in."},
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else "/"


@login_required
def verify(request):
    """After the password: the code from the user's authenticator app."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].replace(" ", "")
        for device in TOTPDevice.objects.devices_for_user(request.user, confirmed=True):
            if device.verify_token(token):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error("token", "Deze code klopt niet of is verlopen. Vul de nieuwste code in.")
    return render(request, "web/otp_verify.html", {"form": form, "next": _next_url(request)})


@login_required
def setup(request):
    """Link an authenticator app: the secret as text and as otpauth URI, then one code to confirm."""
    user = request.user
    if user_has_device(user) and not user.is_verified():
        # Adding a device is itself protected by the factor the user already has.
        return redirect(f"{reverse('web:otp_verify')}?next={reverse('web:otp_setup')}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, confirmed=False, name=DEVICE_NAME)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "token", "Deze code klopt niet. Controleer de tijd op uw telefoon en probeer opnieuw."
        )
    context = {
        "form": form,
        "next": _next_url(request),
        "secret": b32encode(device.bin_key).decode(),
        "otpauth_uri": device.config_url,
        "qr_code": _qr_code(device.config_url),
        "has_device": user_has_device(user),
    }
    return render(request, "web/otp_setup.html", context)


def _qr_code(otpauth_uri: str) -> SafeString:
    """The otpauth URI as an inline SVG QR code: what authenticator apps scan.

    Inline (not an image URL or data: URI) so that the content security policy needs no
    exception and the secret never travels in a second request.
    """
    svg = segno.make(otpauth_uri, error="m").svg_inline(
        scale=5, border=4, title="QR-code om de authenticator-app te koppelen"
    )
    return mark_safe(svg)  # segno's own markup; the URI is encoded in the modules, not as text
