"""Every setting that can be changed comes from one documented environment variable.

`SETTINGS` is the single list of them; `docs/configuration.md` is generated from it
(`vroegsignaal document-settings`), so the documentation cannot drift from the code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


@dataclass(frozen=True)
class EnvSetting:
    name: str
    default: str
    help: str

    def raw(self) -> str:
        return os.environ.get(self.name, self.default)


SETTINGS = [
    EnvSetting("DEBUG", "true", "Ontwikkelmodus (`true`/`false`). Zet op `false` in productie."),
    EnvSetting(
        "SECRET_KEY",
        "dev-only-insecure-key-change-me",
        "Django's geheime sleutel. Verplicht (en geheim) als DEBUG=false.",
    ),
    EnvSetting(
        "ALLOWED_HOSTS",
        "127.0.0.1,localhost,testserver",
        "Komma-gescheiden hostnamen waaronder de applicatie bereikbaar is.",
    ),
    EnvSetting(
        "DATABASE_URL",
        f"sqlite:///{PROJECT_DIR / 'var' / 'vroegsignaal.sqlite3'}",
        "Database, bv. `postgres://user:pw@host:5432/vroegsignaal`. Standaard SQLite in `var/`.",
    ),
    EnvSetting("VAR_DIR", str(PROJECT_DIR / "var"), "Map voor bestanden (aanleveringen, media)."),
    EnvSetting(
        "DELIVERY_MAX_BYTES",
        str(50 * 1024 * 1024),
        "Grootste aanlevering in bytes; een groter bestand wordt als geheel geweigerd.",
    ),
    EnvSetting(
        "MAX_PLAUSIBLE_AMOUNT_EUR",
        "100000",
        "Hoogste aannemelijke achterstand in euro's; hoger wordt als onaannemelijk geweigerd.",
    ),
    EnvSetting(
        "TASKS_BACKEND",
        "immediate",
        "Achtergrondtaken: `immediate` (direct, ontwikkeling) of `database` (wachtrij in de "
        "database; draai dan `vroegsignaal db_worker`).",
    ),
    EnvSetting(
        "SITE_URL", "http://127.0.0.1:8000", "Adres van Vroegsignaal, voor links in e-mail."
    ),
    EnvSetting("EMAIL_HOST", "localhost", "SMTP-server voor e-mail."),
    EnvSetting("EMAIL_PORT", "25", "Poort van de SMTP-server."),
    EnvSetting("DEFAULT_FROM_EMAIL", "vroegsignaal@localhost", "Afzender van e-mail."),
    EnvSetting(
        "SECURE_COOKIES",
        "false",
        "Cookies alleen over HTTPS (`true` achter HTTPS in productie).",
    ),
]

_BY_NAME = {s.name: s for s in SETTINGS}


def env(name: str) -> str:
    return _BY_NAME[name].raw()


def env_bool(name: str) -> bool:
    return env(name).strip().lower() in {"1", "true", "yes", "ja", "on"}


def env_int(name: str) -> int:
    return int(env(name))


def env_list(name: str) -> list[str]:
    return [part.strip() for part in env(name).split(",") if part.strip()]


def settings_markdown() -> str:
    """docs/configuratie.md, generated from `SETTINGS` (`vroegsignaal document-settings`)."""
    lines = [
        "# Configuratie",
        "",
        "Alle instellingen komen uit omgevingsvariabelen. Deze pagina is gemaakt met",
        "`vroegsignaal document-settings` uit `src/vroegsignaal/conf.py`; pas die lijst aan, niet",
        "deze pagina.",
        "",
        "| Variabele | Standaard | Betekenis |",
        "|---|---|---|",
    ]
    for setting in SETTINGS:
        default = setting.default
        if str(PROJECT_DIR) in default:
            default = default.replace(str(PROJECT_DIR), "<project>")
        lines.append(f"| `{setting.name}` | `{default}` | {setting.help} |")
    return "\n".join(lines) + "\n"
