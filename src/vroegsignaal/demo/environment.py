"""The demo's environment: it runs as production does (DEBUG=false), with keys of its own.

With DEBUG on, a wrong address showed Django's English debug page with the list of every URL,
and an error a stack trace; a new user judges the product by exactly those pages. Off, the
Dutch error pages show, as in production. DEBUG=false demands real secret keys (settings.py
refuses the development ones), so the demo makes them once per `var/` folder, in
`var/demo.env`, and keeps them: the pseudonyms and encrypted BSNs in the demo database are made
with them. The demo stamp (`fresh_start`) records a fingerprint of the keys, so a demo database
loaded with other keys is started over instead of topped up. A second factor stays optional in
the demo (OTP_REQUIRED=false): everyone can try it under *Inloggen in twee stappen*. Mail goes to the
terminal that runs the demo (EMAIL_DELIVERY=console).

Run as `python -m vroegsignaal.demo.environment var/demo.env` before anything that loads the
settings; `make demo` reads the file into the environment of every command.
"""

from __future__ import annotations

import hashlib
import secrets
import sys
from pathlib import Path

# Mail (a forgotten password's link, the partners' digests) is written to the server's output:
# a demo has no mail server.
FIXED = {"DEBUG": "false", "OTP_REQUIRED": "false", "EMAIL_DELIVERY": "console"}
SECRETS = ("SECRET_KEY", "PSEUDONYM_KEY", "BSN_ENCRYPTION_KEY")


def ensure_environment(path: Path) -> dict[str, str]:
    """The demo's settings from `path`, written first (with new secret keys) when missing.

    Keys already in the file are kept; a key missing from it is added, never replaced.
    """
    values = read_environment(path)
    wanted = {
        **values,
        **FIXED,
        **{name: values.get(name) or secrets.token_urlsafe(48) for name in SECRETS},
    }
    if wanted != values:
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [f"{name}={value}" for name, value in wanted.items()]
        header = "# Instellingen van de demo (make demo). Geheim; niet voor productie.\n"
        path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
        path.chmod(0o600)
    return wanted


def read_environment(path: Path) -> dict[str, str]:
    """NAME=value lines of an env file (comments and blank lines skipped)."""
    if not path.exists():
        return {}
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, separator, value = line.partition("=")
        if separator and not line.lstrip().startswith("#"):
            values[name.strip()] = value.strip()
    return values


def key_fingerprint(pseudonym_key: str, bsn_key: str) -> str:
    """A short, one-way fingerprint of the keys the demo data was made with."""
    digest = hashlib.sha256(f"{pseudonym_key}\x00{bsn_key}".encode()).hexdigest()
    return digest[:16]


if __name__ == "__main__":
    ensure_environment(Path(sys.argv[1]))
