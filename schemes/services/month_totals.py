"""Each person's approved hours per scheme and month (`MonthlyHours`), kept up to date.

Every change that adds, removes or alters approved hours calls `refresh()` for the months
it touched, in the same transaction; bulk loads (the demo, the benchmark) call `rebuild()`.
A total is always worked out again from the entries, never nudged up or down, so calling
either twice does no harm.
"""

from datetime import date

from django.db import connection, transaction
from django.db.models import Sum
from django.db.models.functions import TruncMonth

from schemes.models import HoursEntry, MonthlyHours
from volunteers.models import Volunteer

Key = tuple[int, int, date]  # (volunteer id, scheme id, a day in the month)


def key_of(entry: HoursEntry) -> Key:
    return (entry.volunteer_id, entry.scheme_id, entry.worked_on)


@transaction.atomic(savepoint=False)  # part of the caller's change, when it has one
def refresh(*keys: Key) -> None:
    """Work out again the totals of these people's schemes and months.

    Each person's row is locked first (in id order), so two coordinators approving the same
    person's hours at once take turns, and the second sums what the first committed."""
    months = {(v, s, day.replace(day=1)) for v, s, day in keys}
    for volunteer_id in sorted({v for v, _, _ in months}):
        Volunteer.objects.lock(volunteer_id)
    for volunteer_id, scheme_id, first in sorted(months):
        total = (
            HoursEntry.objects.approved()
            .filter(volunteer_id=volunteer_id, scheme_id=scheme_id)
            .in_month(first)
            .total()
        )
        row = {"volunteer_id": volunteer_id, "scheme_id": scheme_id, "month": first}
        if total:
            MonthlyHours.objects.update_or_create(**row, defaults={"hours": total})
        else:
            MonthlyHours.objects.filter(**row).delete()


@transaction.atomic
def rebuild() -> int:
    """Replace every total with the sums of the approved entries, in one statement; after a
    bulk load that bypassed the services. Returns how many totals there are."""
    sums = (
        HoursEntry.objects.approved()
        .annotate(first=TruncMonth("worked_on"))
        .values_list("volunteer_id", "scheme_id", "first")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    select, params = sums.query.sql_with_params()
    table = MonthlyHours._meta.db_table
    MonthlyHours.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (volunteer_id, scheme_id, month, hours) {select}",  # noqa: S608 - Django's own SQL
            params,
        )
    return MonthlyHours.objects.count()
