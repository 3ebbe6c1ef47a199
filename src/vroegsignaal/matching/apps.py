from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "vroegsignaal.matching"
    verbose_name = "Matching"
