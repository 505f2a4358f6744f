from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = "People"

    def ready(self):
        # Every app's plug-in modules (panels.py, reminders.py, kpis.py, eligibility.py,
        # demo.py, providers.py, ...) register what they add: volunteers/plugins.py.
        from allauth.account.signals import email_confirmed
        from django.db.models.signals import post_migrate

        from . import plugins, roles

        plugins.discover()
        # Someone staff already have a record of (by hand or from a spreadsheet) finds it
        # theirs once they confirm its e-mail address.
        email_confirmed.connect(_claim_record, dispatch_uid="cip-claim-record")
        # The groups' permissions are code, applied after every migrate (volunteers/roles.py).
        post_migrate.connect(roles.apply_roles, sender=self, dispatch_uid="cip-roles")


def _claim_record(request, email_address, **kwargs):
    from .services import claim_record

    claim_record(email_address.user, email_address.email)
