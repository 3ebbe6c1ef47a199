"""The demo runs as production does (DEBUG=false), with secret keys made once per var/ folder."""

import os
import subprocess
import sys

from vroegsignaal.demo.environment import ensure_environment, key_fingerprint, read_environment


def test_the_demo_environment_turns_debug_off_and_makes_secret_keys_once(tmp_path):
    path = tmp_path / "demo.env"

    first = ensure_environment(path)
    again = ensure_environment(path)

    assert first == again == read_environment(path)
    assert first["DEBUG"] == "false" and first["OTP_REQUIRED"] == "false"
    assert first["EMAIL_DELIVERY"] == "console"  # a demo has no mail server
    keys = [first[name] for name in ("SECRET_KEY", "PSEUDONYM_KEY", "BSN_ENCRYPTION_KEY")]
    assert len(set(keys)) == 3 and all(len(key) >= 60 for key in keys)
    assert not any(key.startswith("dev-only") for key in keys)
    assert path.stat().st_mode & 0o777 == 0o600  # secret: only the owner reads it


def test_a_key_missing_from_the_file_is_added_and_the_others_are_kept(tmp_path):
    path = tmp_path / "demo.env"
    path.write_text(
        "# eigen opmerking\nPSEUDONYM_KEY=bestaande-sleutel\nPORT_EXTRA=1\n", encoding="utf-8"
    )

    values = ensure_environment(path)

    assert values["PSEUDONYM_KEY"] == "bestaande-sleutel" and values["PORT_EXTRA"] == "1"
    assert values["SECRET_KEY"] and values["BSN_ENCRYPTION_KEY"]


def test_the_settings_accept_the_demo_environment_with_debug_off(tmp_path):
    """settings.py refuses DEBUG=false with the development keys; the demo's keys pass."""
    env = {"PATH": os.environ.get("PATH", ""), "VAR_DIR": str(tmp_path)}
    env |= ensure_environment(tmp_path / "demo.env")
    code = (
        "from django.conf import settings; "
        "print(settings.DEBUG, settings.OTP_REQUIRED, settings.EMAIL_BACKEND.rsplit('.', 2)[1])"
    )

    result = subprocess.run(
        [sys.executable, "-c", f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
         f"'vroegsignaal.settings'; django.setup(); {code}"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip

    assert result.stdout.split() == ["False", "False", "console"]


def test_the_key_fingerprint_tells_keys_apart_and_reveals_neither():
    fingerprint = key_fingerprint("sleutel-a", "sleutel-b")

    assert fingerprint == key_fingerprint("sleutel-a", "sleutel-b")
    assert fingerprint != key_fingerprint("sleutel-b", "sleutel-a")
    assert "sleutel" not in fingerprint and len(fingerprint) == 16
