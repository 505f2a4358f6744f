"""Lists a page at a time, the same way on every page: `?page=` picks the page (anything
that is not a page number gives the first or last), and templates build the links with
Django's `{% querystring %}` so the filters in force stay on them
(templates/partials/_pagination.html)."""

from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int) -> Page:
    return Paginator(items, per_page).get_page(request.GET.get("page"))
