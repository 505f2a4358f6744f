from django.apps import AppConfig

from volunteers.catalogue import SchemeSlug


class DogWelfareConfig(AppConfig):
    name = "scrutiny.dogwelfare"
    label = "dogwelfare"
    verbose_name = "Dog Welfare visitors"
    # Every record of this app belongs to the Dog Welfare scheme (volunteers.ownership).
    scheme = SchemeSlug.DOG_WELFARE
