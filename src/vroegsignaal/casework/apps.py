from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "vroegsignaal.casework"
    verbose_name = "Casuïstiek"
