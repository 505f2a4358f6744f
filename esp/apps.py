from django.apps import AppConfig


class EspConfig(AppConfig):
    name = "esp"
    verbose_name = "Employer Supported Policing"
