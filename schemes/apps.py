from django.apps import AppConfig


class SchemesConfig(AppConfig):
    name = "schemes"
    verbose_name = "Shared scheme machinery (duties, hours, KPIs)"
