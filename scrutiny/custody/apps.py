from django.apps import AppConfig

from volunteers.catalogue import SchemeSlug


class CustodyConfig(AppConfig):
    name = "scrutiny.custody"
    label = "custody"
    verbose_name = "Independent Custody Visitors"
    # Every record of this app belongs to the custody visiting scheme (volunteers.ownership).
    scheme = SchemeSlug.INDEPENDENT_CUSTODY_VISITORS
