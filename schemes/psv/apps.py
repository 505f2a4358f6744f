from django.apps import AppConfig

from volunteers.catalogue import SchemeSlug


class PsvConfig(AppConfig):
    name = "schemes.psv"
    label = "psv"
    verbose_name = "Police Support Volunteers and Emergency Services Volunteers"
    # Its records belong to the Police Support Volunteers unless they say otherwise
    # (volunteers.ownership): an ESV activity belongs to the Emergency Services Volunteers.
    scheme = SchemeSlug.POLICE_SUPPORT_VOLUNTEERS
