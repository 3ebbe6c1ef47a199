from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "vroegsignaal.web"
    verbose_name = "Web"

    def ready(self) -> None:
        from vroegsignaal.web import checks  # noqa: F401  (registers the system checks)
