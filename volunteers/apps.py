from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = "People"

    def ready(self):
        # Every app's plug-in modules (panels.py, reminders.py, kpis.py, eligibility.py,
        # demo.py, providers.py, ...) register what they add: volunteers/plugins.py.
        from . import plugins

        plugins.discover()
