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
        str(50_000_000),  # 50 MB as users count megabytes (10^6 bytes)
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
    EnvSetting(
        "DDAS_SUPPLIER_CODE",
        "",
        "codeGegevensleverancier in de DDAS-levering; leeg: de gemeentecode.",
    ),
    EnvSetting(
        "DDAS_SUPPLIER_NAME",
        "",
        "Naam van de aanleverende organisatie in de DDAS-levering; leeg: 'Gemeente <naam>'.",
    ),
    EnvSetting(
        "EMAIL_DELIVERY",
        "smtp",
        "`smtp`: e-mail gaat naar EMAIL_HOST. `console`: e-mail wordt alleen in het serverlog "
        "geschreven (demo en ontwikkeling; zo is een herstellink voor een wachtwoord te zien).",
    ),
    EnvSetting("EMAIL_HOST", "localhost", "SMTP-server voor e-mail."),
    EnvSetting("EMAIL_PORT", "25", "Poort van de SMTP-server."),
    EnvSetting("DEFAULT_FROM_EMAIL", "vroegsignaal@localhost", "Afzender van e-mail."),
    EnvSetting(
        "SECURE_COOKIES",
        "false",
        "Cookies alleen over HTTPS en HSTS aan (`true` achter HTTPS in productie).",
    ),
    EnvSetting(
        "TRUST_X_FORWARDED_PROTO",
        "false",
        "`true` als een proxy HTTPS afhandelt en `X-Forwarded-Proto: https` doorgeeft.",
    ),
    EnvSetting(
        "OTP_REQUIRED",
        "",
        "Inloggen met een tweede factor (TOTP) verplicht voor iedereen (`true`/`false`). "
        "Leeg: verplicht als DEBUG=false, niet verplicht in ontwikkeling en demo.",
    ),
    EnvSetting(
        "LOGIN_FAILURE_LIMIT",
        "5",
        "Na zoveel mislukte inlogpogingen (per gebruikersnaam en IP-adres) volgt een blokkade.",
    ),
    EnvSetting("LOGIN_LOCKOUT_MINUTES", "15", "Duur van de blokkade na te veel mislukte pogingen."),
    EnvSetting(
        "SESSION_IDLE_MINUTES",
        "30",
        "Minuten zonder activiteit waarna iemand wordt uitgelogd; 2 minuten eerder verschijnt "
        "een waarschuwing met de knop 'Ingelogd blijven'.",
    ),
    EnvSetting(
        "AUDIT_DATABASE_URL",
        "",
        "Database voor het auditlog. Leeg: dezelfde database via een eigen verbinding "
        "(PostgreSQL), of een eigen bestand naast de database (SQLite).",
    ),
    EnvSetting(
        "PSEUDONYM_KEY",
        "dev-only-pseudonym-key-change-me",
        "Geheime sleutel voor de HMAC van adressen op gewiste gegevens. Verplicht als "
        "DEBUG=false; wijzig hem nooit (anders werkt 'opeenvolgend' niet meer op oude gegevens).",
    ),
    EnvSetting(
        "BSN_ENCRYPTION_KEY",
        "dev-only-bsn-key-change-me",
        "Geheime sleutel waarmee BSN's versleuteld worden opgeslagen (elke lange geheime tekst). "
        "Verplicht als DEBUG=false; wijzig hem niet, anders zijn opgeslagen BSN's niet meer te "
        "lezen.",
    ),
    EnvSetting(
        "RETENTION_DELIVERY_FILE_DAYS",
        "30",
        "Dagen na verwerking waarna het originele bestand en de geweigerde rijen verdwijnen.",
    ),
    EnvSetting(
        "RETENTION_SIGNAL_DAYS",
        "183",
        "Dagen na de signaaldatum waarna persoonsgegevens van signalen zonder opgepakte "
        "melding worden gewist.",
    ),
    EnvSetting(
        "RETENTION_MELDING_DAYS",
        "730",
        "Dagen na afsluiten waarna persoonsgegevens van een melding en haar signalen worden gewist.",
    ),
    EnvSetting(
        "RETENTION_AUDIT_DAYS",
        "1826",
        "Dagen dat auditregels bewaard blijven; langer dan de gegevens die ze beschrijven.",
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
