"""List every URL pattern of the project, so tests can insist each one is declared."""

from django.urls import URLPattern, URLResolver, get_resolver


def all_patterns():
    """Yield (name, route) for every pattern; name is namespaced, or None when unnamed."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                child_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                yield from walk(pattern.url_patterns, route, child_ns)
            elif isinstance(pattern, URLPattern):
                name = pattern.name
                if name and namespace:
                    name = f"{namespace}:{name}"
                yield name, route

    yield from walk(get_resolver().url_patterns, "", None)
