from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "vroegsignaal.web"
    verbose_name = "Web"

    def ready(self) -> None:
        # Registered on import: the system checks, the audit entry of each lock-out, the reset
        # mails let through again after a log-in, and the `<id:...>` path converter (before
        # any URLconf is read).
        from vroegsignaal import path_ids  # noqa: F401
        from vroegsignaal.web import checks, lockouts, passwords  # noqa: F401
