from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = "People"

    def ready(self):
        # Each app's panels.py registers what it adds to the person pages.
        autodiscover_modules("panels")
