from django import template

register = template.Library()


@register.filter
def count_of(counts: dict, key) -> int:
    """How many of `key` a {key: count} holds (none: 0)."""
    return counts.get(key, 0)
