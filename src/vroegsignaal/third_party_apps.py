"""Dutch names in the beheeromgeving for the apps we use but do not own.

django-axes, django-otp's TOTP plug-in and django-tasks' database backend ship no Dutch
translations (and some names are not translatable strings at all), so their sections in the
beheeromgeving read "Access attempts" or "OTP_TOTP". These configurations, listed in
INSTALLED_APPS instead of the apps' own, give the sections and their models Dutch names; the
apps' behaviour is unchanged.
"""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpAppConfig
from django_tasks_db.apps import TasksAppConfig


def _name_models(config, names: dict[str, tuple[str, str]]) -> None:
    for model_name, (singular, plural) in names.items():
        meta = config.get_model(model_name)._meta
        meta.verbose_name, meta.verbose_name_plural = singular, plural


class LoginAttemptsConfig(AxesAppConfig):
    verbose_name = "Inlogpogingen"

    def ready(self):
        super().ready()
        _name_models(
            self,
            {
                "AccessAttempt": ("geblokkeerde inlogpoging", "geblokkeerde inlogpogingen"),
                "AccessFailureLog": ("mislukte inlogpoging", "mislukte inlogpogingen"),
                "AccessLog": ("inlogregistratie", "inlogregistraties"),
                "AccessAttemptExpiration": ("verloop van een blokkade", "verloop van blokkades"),
            },
        )


class SecondStepConfig(TotpAppConfig):
    verbose_name = "Tweede inlogstap"

    def ready(self):
        super().ready()
        _name_models(self, {"TOTPDevice": ("authenticator-app", "authenticator-apps")})


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = "Achtergrondtaken"

    def ready(self):
        super().ready()
        _name_models(self, {"DBTaskResult": ("resultaat van een taak", "resultaten van taken")})
