from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = "People"

    def ready(self):
        # Every app's plug-in modules (panels.py, reminders.py, kpis.py, eligibility.py,
        # demo.py, providers.py, ...) register what they add: volunteers/plugins.py.
        from django.db.models.signals import post_migrate

        from . import plugins, roles

        plugins.discover()
        # The groups' permissions are code, applied after every migrate (volunteers/roles.py).
        post_migrate.connect(roles.apply_roles, sender=self, dispatch_uid="cip-roles")
