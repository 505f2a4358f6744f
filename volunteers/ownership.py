"""Which scheme a record about a person belongs to, and whether it was given anonymously:
the one rule behind which parts of a person a coordinator may see (their page's panels,
its history, its exports) and what the audit trail may link to a person.

A record belongs to
- the scheme its model names through an `owning_scheme` attribute (a property where it
  depends on the row: a training record of one scheme's own course), else
- the scheme of its `scheme` foreign key (memberships, duties, hours), else
- the scheme its app declares (`scheme = SchemeSlug...` on the app's AppConfig: every
  record of `careers` is the Special Constabulary's, every record of `esp` is ESP's), else
- no scheme (`SHARED`): the shared person record (details, vetting, accounts), which anyone
  who may see the person may see.

A record given anonymously (a suggestion with the name hidden) says so through a
`given_anonymously` attribute; the audit trail then never links it to the person.
"""

from django.apps import apps

SHARED = ""


def scheme_of(record) -> str:
    """The slug of the scheme `record` belongs to, or SHARED."""
    if record is None:
        return SHARED
    declared = getattr(record, "owning_scheme", None)
    if declared is not None:
        return str(declared)
    if getattr(record, "scheme_id", None) is not None:
        return record.scheme.slug
    return str(getattr(apps.get_app_config(record._meta.app_label), "scheme", SHARED))


def given_anonymously(record) -> bool:
    return bool(getattr(record, "given_anonymously", False))
