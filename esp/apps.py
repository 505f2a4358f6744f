from django.apps import AppConfig

from volunteers.catalogue import SchemeSlug


class EspConfig(AppConfig):
    name = "esp"
    verbose_name = "Employer Supported Policing"
    # Every record of this app belongs to ESP (volunteers.ownership).
    scheme = SchemeSlug.EMPLOYER_SUPPORTED_POLICING
