"""Django settings. Every value that differs between installations comes from `conf.SETTINGS`."""

import copy
import datetime as dt
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from vroegsignaal.conf import BASE_DIR, env, env_bool, env_int, env_list

DEBUG = env_bool("DEBUG")
SECRET_KEY = env("SECRET_KEY")
if not DEBUG and SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("Zet SECRET_KEY als DEBUG=false.")
PSEUDONYM_KEY = env("PSEUDONYM_KEY")
BSN_ENCRYPTION_KEY = env("BSN_ENCRYPTION_KEY")
for _name, _value in (("PSEUDONYM_KEY", PSEUDONYM_KEY), ("BSN_ENCRYPTION_KEY", BSN_ENCRYPTION_KEY)):
    if not DEBUG and _value.startswith("dev-only"):
        raise ImproperlyConfigured(f"Zet {_name} als DEBUG=false.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

VAR_DIR = Path(env("VAR_DIR"))
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
DELIVERY_MAX_BYTES = env_int("DELIVERY_MAX_BYTES")
MAX_PLAUSIBLE_AMOUNT_CENTS = env_int("MAX_PLAUSIBLE_AMOUNT_EUR") * 100

INSTALLED_APPS = [
    # django.contrib.admin with the beheeromgeving's site: access by role, changes audited.
    "vroegsignaal.web.admin_config.BeheerConfig",
    # Before django.contrib.auth, so that its `changepassword` (audited) is the one that runs.
    "vroegsignaal.web",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    # Third-party apps with Dutch names in the beheeromgeving (vroegsignaal/third_party_apps.py).
    "vroegsignaal.third_party_apps.BackgroundTasksConfig",
    "django_otp",
    "vroegsignaal.third_party_apps.SecondStepConfig",
    "vroegsignaal.third_party_apps.LoginAttemptsConfig",
    "vroegsignaal.organisations",
    "vroegsignaal.intake",
    "vroegsignaal.matching",
    "vroegsignaal.casework",
    "vroegsignaal.monitoring",
    "vroegsignaal.letters",
    "vroegsignaal.feedback",
    "vroegsignaal.demo",
    "vroegsignaal.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "vroegsignaal.web.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "vroegsignaal.web.middleware.ContentSecurityPolicyMiddleware",
    "vroegsignaal.web.middleware.NoStoreBehindLoginMiddleware",
    "vroegsignaal.web.middleware.MethodNotAllowedPageMiddleware",
    "axes.middleware.AxesMiddleware",
    "vroegsignaal.privacy.audit_middleware.AuditMiddleware",
    "vroegsignaal.web.session_timeout.SessionTimeoutMiddleware",
]

ROOT_URLCONF = "vroegsignaal.urls"
WSGI_APPLICATION = "vroegsignaal.wsgi.application"
AUTH_USER_MODEL = "organisations.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:start"
LOGOUT_REDIRECT_URL = "web:login"
AUTHENTICATION_BACKENDS = [
    "vroegsignaal.web.auth_backends.ThrottledLoginBackend",
    "django.contrib.auth.backends.ModelBackend",
    # The beheeromgeving's permissions of a functioneel beheerder come with the role.
    "vroegsignaal.privacy.admin_access.RolePermissionBackend",
]
# Two factors: everyone with a confirmed TOTP device verifies it; OTP_REQUIRED makes it compulsory.
OTP_REQUIRED = env_bool("OTP_REQUIRED") if env("OTP_REQUIRED").strip() else not DEBUG
OTP_TOTP_ISSUER = "Vroegsignaal"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Overrides of Django's admin templates; searched before the apps, so before the
        # admin's own templates, which they extend.
        "DIRS": [BASE_DIR / "web" / "admin_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vroegsignaal.web.session_timeout.session_timing",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL"), conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the demo server read while a command writes.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;"}
    # The worklist's covering indexes (INCLUDE) are a PostgreSQL optimisation; SQLite builds
    # them without the extra columns, which is fine for the embedded database.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
# Audit entries are written on their own connection so they survive a rolled-back transaction.
# SQLite allows one writer at a time, so there the audit log gets its own file.
AUDIT_DATABASE_IS_SEPARATE = bool(env("AUDIT_DATABASE_URL")) or DATABASES["default"][
    "ENGINE"
].endswith("sqlite3")
if env("AUDIT_DATABASE_URL"):
    DATABASES["audit"] = dj_database_url.parse(env("AUDIT_DATABASE_URL"), conn_max_age=60)
else:
    DATABASES["audit"] = copy.deepcopy(DATABASES["default"])
    if AUDIT_DATABASE_IS_SEPARATE:
        DATABASES["audit"]["NAME"] = str(
            Path(DATABASES["default"]["NAME"]).with_suffix(".audit.sqlite3")
        )
DATABASE_ROUTERS = ["vroegsignaal.privacy.routers.AuditRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [  # in the order the password pages state them
    {"NAME": "vroegsignaal.web.password_rules.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# A reset link by e-mail works for an hour (and once): a mailbox read by someone else later
# does not open the account.
PASSWORD_RESET_TIMEOUT = 3600

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
# Dutch for the third-party apps in the beheeromgeving (axes, tasks, TOTP); goes before their own.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = BASE_DIR.parent.parent / "node_modules"
# Front-end packages come from npm at set-up time (make setup), never from the internet at run time.
STATICFILES_DIRS = [
    ("utrecht", NODE_MODULES / "@utrecht"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
]

SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES") * 60
# WCAG 2.2.1: this long before the session ends, a warning offers to stay logged in
# (web/session_timeout.py). Tests shorten both to see the warning without waiting long.
SESSION_WARNING_SECONDS = 120
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if SESSION_COOKIE_SECURE:
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
if env_bool("TRUST_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
RETENTION_DELIVERY_FILE_DAYS = env_int("RETENTION_DELIVERY_FILE_DAYS")
RETENTION_SIGNAL_DAYS = env_int("RETENTION_SIGNAL_DAYS")
RETENTION_MELDING_DAYS = env_int("RETENTION_MELDING_DAYS")
RETENTION_AUDIT_DAYS = env_int("RETENTION_AUDIT_DAYS")

EMAIL_BACKEND = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
}.get(env("EMAIL_DELIVERY"))
if EMAIL_BACKEND is None:
    raise ImproperlyConfigured("EMAIL_DELIVERY is `smtp` of `console`.")
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SITE_URL = env("SITE_URL")
DDAS_SUPPLIER_CODE = env("DDAS_SUPPLIER_CODE")
DDAS_SUPPLIER_NAME = env("DDAS_SUPPLIER_NAME")

# Background work (matching runs, daily jobs) goes through the Django tasks API. In development
# tasks run at once; in production set TASKS_BACKEND=database and run `vroegsignaal db_worker`.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[env("TASKS_BACKEND")]
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "vroegsignaal.organisations.api_auth.ApiKeyAuthentication",
        "vroegsignaal.organisations.api_auth.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON in and out: the browsable API and form posts would bring REST framework's own texts.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "vroegsignaal.api_errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Vroegsignaal API",
    "DESCRIPTION": "API voor vastelastenpartners: aanleveren van signalen en terugkoppeling.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The `<id:...>` converter (vroegsignaal.path_ids) is an integer id to API clients, not the
    # string with a pattern that drf-spectacular makes of an unknown converter.
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "format": "int64", "minimum": 1, "maximum": 2**63 - 1}
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
