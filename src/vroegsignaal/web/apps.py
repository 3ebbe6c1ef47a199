from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "vroegsignaal.web"
    verbose_name = "Web"
