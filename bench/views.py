"""The two baselines every page is measured against."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render

from volunteers.models import Volunteer


@login_not_required
def hello(request):
    """The least Django can do: no template, no database."""
    return HttpResponse("hello", content_type="text/plain")


@login_not_required
def fifty_rows(request):
    """A plain page: 50 rows of one table from the database, through a template."""
    rows = Volunteer.objects.order_by("pk").values_list("first_name", "last_name", "town")[:50]
    return render(request, "bench/fifty_rows.html", {"rows": rows})
