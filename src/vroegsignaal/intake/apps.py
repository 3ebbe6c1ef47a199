from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "vroegsignaal.intake"
    verbose_name = "Aanlevering"
