from django.apps import AppConfig

from volunteers.catalogue import SchemeSlug


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Special Constabulary careers"
    # Every record of this app belongs to the Special Constabulary (volunteers.ownership).
    scheme = SchemeSlug.SPECIAL_CONSTABULARY
