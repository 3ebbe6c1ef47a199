"""Log-in security: second factor (TOTP), throttled failures, security headers, upload checks."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import DEMO_PASSWORD, UserFactory
from tests.logins import lock_out, log_in

pytestmark = pytest.mark.django_db(databases="__all__")


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_every_page_carries_a_strict_content_security_policy(client):
    response = client.get(reverse("web:login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_with_otp_required_a_user_without_a_device_must_set_one_up_first(client, settings):
    settings.OTP_REQUIRED = True
    client.force_login(UserFactory(caseworker=True))
    response = client.get(reverse("web:start"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:otp_setup"))
    page = client.get(reverse("web:otp_setup")).content.decode()
    assert "otpauth://totp/" in page


def test_the_set_up_page_shows_a_qr_code_of_the_users_own_key(client):
    """Authenticator apps scan a QR code; typing a 32-letter key is the fallback."""
    import segno

    user = UserFactory(caseworker=True)
    client.force_login(user)
    page = client.get(reverse("web:otp_setup")).content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    expected = segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, title="QR-code om de authenticator-app te koppelen"
    )
    assert expected in page
    assert "<title>QR-code om de authenticator-app te koppelen</title>" in page
    assert client.get(reverse("web:otp_setup")).content.decode().count("<svg") == 1
    assert TOTPDevice.objects.filter(user=user).count() == 1  # a second visit adds no device


def test_setting_up_the_app_with_a_correct_code_opens_the_pages(client, settings):
    settings.OTP_REQUIRED = True
    user = UserFactory(caseworker=True)
    client.force_login(user)
    client.get(reverse("web:otp_setup"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("web:otp_setup"), {"token": code_for(device), "next": "/"})
    assert response.status_code == 302
    assert client.get(reverse("web:start")).status_code == 200
    assert TOTPDevice.objects.get(user=user).confirmed


def test_a_user_with_a_device_enters_a_code_after_the_password(client):
    user = UserFactory(caseworker=True)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.post(reverse("web:login"), {"username": user.username, "password": DEMO_PASSWORD})
    response = client.get(reverse("web:start"))
    assert response["Location"].startswith(reverse("web:otp_verify"))
    wrong = client.post(reverse("web:otp_verify"), {"token": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    # A wrong code throttles the device for a moment; let that moment pass.
    device.refresh_from_db()
    device.throttle_reset()
    client.post(reverse("web:otp_verify"), {"token": code_for(device), "next": "/"})
    assert client.get(reverse("web:start")).status_code == 200


def test_too_many_wrong_passwords_lock_the_login_with_a_dutch_message(client):
    user = UserFactory(caseworker=True)
    lock_out(client, user.username)
    response = log_in(client, user.username, DEMO_PASSWORD)
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_upload_whose_content_does_not_match_its_name_is_refused(client):
    client.force_login(UserFactory(creditor_staff=True))
    fake = SimpleUploadedFile("signalen.xlsx", b"klantnummer;achternaam\n1;Smit\n")
    response = client.post(reverse("intake:upload"), {"file": fake})
    assert "past niet bij de naam" in response.content.decode()
    program = SimpleUploadedFile("signalen.exe", b"MZ\x90\x00")
    response = client.post(reverse("intake:upload"), {"file": program})
    assert "geen CSV- of Excel-bestand" in response.content.decode()


def test_an_expired_session_sends_the_user_to_the_login_page(client, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    client.force_login(UserFactory(caseworker=True))
    session = client.session
    session.set_expiry(-1)
    session.save()
    response = client.get(reverse("web:start"))
    assert response.status_code == 302 and reverse("web:login") in response["Location"]
