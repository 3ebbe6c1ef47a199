from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "vroegsignaal.letters"
    verbose_name = "Brieven en kaartjes"
