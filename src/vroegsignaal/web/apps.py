from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "vroegsignaal.web"
    verbose_name = "Web"

    def ready(self) -> None:
        # Registered on import: the system checks, and the audit entry of each lock-out.
        from vroegsignaal.web import checks, lockouts  # noqa: F401
