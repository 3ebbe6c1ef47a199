"""Dutch names in the beheeromgeving for the apps we use but do not own.

django-axes, django-otp's TOTP plug-in and django-tasks' database backend ship no Dutch
translations (and some names are not translatable strings at all), so their sections in the
beheeromgeving read "Access attempts" or "OTP_TOTP". These configurations, listed in
INSTALLED_APPS instead of the apps' own, give the sections and their models Dutch names; the
apps' behaviour is unchanged.

Their other texts are translated in vroegsignaal/locale/nl/LC_MESSAGES/django.po (LOCALE_PATHS).
Texts the packages never pass through gettext (django-otp's field names and help texts, a few
admin column and fieldset titles) are wrapped here in gettext_lazy with their own English text as
msgid, so the catalogue translates them too; migrations are made without translation and still
see the English.
"""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpAppConfig
from django_tasks_db.apps import TasksAppConfig


def _name_models(config, names: dict[str, tuple[str, str]]) -> None:
    for model_name, (singular, plural) in names.items():
        meta = config.get_model(model_name)._meta
        meta.verbose_name, meta.verbose_name_plural = singular, plural


def _translate_fields(model) -> None:
    """Plain-English field names and help texts go through the catalogue (English as msgid)."""
    for field in model._meta.fields:
        for attr in ("verbose_name", "help_text"):
            text = getattr(field, attr)
            if isinstance(text, str) and text:
                setattr(field, attr, gettext_lazy(text))


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
        device = self.get_model("TOTPDevice")
        _translate_fields(device)
        from django_otp.plugins.otp_totp import admin as totp_admin  # registers its admin

        class DeviceAdmin(totp_admin.TOTPDeviceAdmin):
            # The package's text lists the User model's verbose names after "Search by user's".
            search_help_text = gettext_lazy("Search by the user's username or email address.")

            def get_fieldsets(self, request, obj=None):
                return [
                    (gettext(name) if name else name, options)
                    for name, options in super().get_fieldsets(request, obj)
                ]

            @admin.display(description=gettext_lazy("QR Code"))
            def qrcode_link(self, device):
                href = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
                return format_html('<a href="{}">{}</a>', href, gettext("qrcode"))

        if admin.site.is_registered(device):
            admin.site.unregister(device)
        admin.site.register(device, DeviceAdmin)


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = "Achtergrondtaken"

    def ready(self):
        super().ready()
        _name_models(self, {"DBTaskResult": ("resultaat van een taak", "resultaten van taken")})
        result = self.get_model("DBTaskResult")
        _translate_fields(result)
        result.task_name.fget.short_description = gettext_lazy("task name")
        from django_tasks_db.admin import DBTaskResultAdmin

        DBTaskResultAdmin.formatted_traceback.short_description = gettext_lazy("traceback")
        DBTaskResultAdmin.display_run_after.short_description = gettext_lazy("run after")
