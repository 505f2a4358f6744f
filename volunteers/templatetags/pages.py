"""Site-wide page furniture that reads the page's own context."""

from django import template
from django.forms import BaseForm

register = template.Library()


@register.simple_tag(takes_context=True)
def error_prefix(context) -> str:
    """ "Error: " at the start of the title when any form on the page came back with a
    problem, so a screen reader hears it first (GOV.UK's pattern), whatever the form is
    called in the view's context."""
    for scope in context.dicts:
        for value in scope.values():
            if isinstance(value, BaseForm) and value.is_bound and value.errors:
                return "Error: "
    return ""


@register.filter
def error_anchor(field) -> str:
    """Where the error summary's link for `field` leads: its input, or for a choice of
    radio buttons (whose group has no single id) the first of them."""
    if field.id_for_label:
        return field.id_for_label
    subwidgets = field.subwidgets
    return subwidgets[0].id_for_label if subwidgets else field.auto_id


@register.filter
def count_of(counts: dict, key) -> int:
    """How many of `key` a {key: count} holds (none: 0)."""
    return counts.get(key, 0)


@register.filter
def with_errors(forms) -> list:
    """Of the forms of one page, those that came back with a problem, for one summary."""
    return [form for form in forms if form.is_bound and form.errors]
