"""Top a seeded county up to the benchmark's scale of duties and hours, in SQL.

`seed_demo` builds people believably; the benchmark also wants 20,000 duties and two
million hours entries, which generate_series inserts in seconds (PostgreSQL only).
"""

from django.db import connection

from schemes.services import month_totals
from volunteers.demo import settle_after_bulk_load

EXTRA_DUTIES = """
INSERT INTO schemes_duty (scheme_id, title, kind, starts_at, ends_at, place, district_id,
    min_people, places, signup_deadline, cancel_cutoff_hours, required_vetting,
    required_course_id, notes, status, cancel_reason, booked_count, series, sequence,
    created_by_id, created_at, updated_at, requirement)
SELECT s.ids[1 + g %% array_length(s.ids, 1)], 'Patrol ' || g, 'patrol',
    day + (g %% 12) * interval '1 hour', day + (g %% 12 + 4) * interval '1 hour',
    'Police station', NULL, 2, 6, NULL, 24, '', NULL, '', 'scheduled', '', 0, NULL, 0, NULL,
    now(), now(), ''
FROM generate_series(1, %(count)s) AS g,
     (SELECT array_agg(id ORDER BY id) AS ids FROM volunteers_scheme) AS s,
     LATERAL (SELECT date_trunc('hour', now()) + ((g %% 210) - 140) * interval '1 day' AS day) d
"""

EXTRA_HOURS = """
WITH members AS (
    SELECT row_number() OVER (ORDER BY id) AS n, volunteer_id, scheme_id
    FROM volunteers_membership WHERE status = 'active'
), total AS (SELECT count(*) AS c FROM members)
INSERT INTO schemes_hoursentry (volunteer_id, scheme_id, worked_on, hours, kind, description,
    signup_id, status, decided_by_id, decided_at, rejection_reason, created_at, updated_at)
SELECT m.volunteer_id, m.scheme_id, current_date - (g %% 540), (1 + g %% 16) * 0.25, 'admin',
    'Logged hours', NULL, CASE WHEN g %% 20 = 0 THEN 'pending' ELSE 'approved' END, NULL, now(),
    '', now(), now()
FROM generate_series(1, %(count)s) AS g CROSS JOIN total
JOIN members m ON m.n = 1 + (g %% total.c)
"""


def top_up(*, duties: int, hours: int) -> dict:
    """Add duties and hours entries until the tables hold at least the numbers asked."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM schemes_duty")
        have_duties = cursor.fetchone()[0]
        if duties > have_duties:
            cursor.execute(EXTRA_DUTIES, {"count": duties - have_duties})
        cursor.execute("SELECT count(*) FROM schemes_hoursentry")
        have_hours = cursor.fetchone()[0]
        if hours > have_hours:
            cursor.execute(EXTRA_HOURS, {"count": hours - have_hours})
            month_totals.rebuild()
        settle_after_bulk_load()
        cursor.execute(
            "SELECT (SELECT count(*) FROM volunteers_volunteer), "
            "(SELECT count(*) FROM schemes_duty), "
            "(SELECT count(*) FROM schemes_hoursentry)"
        )
        people, duty_rows, hour_rows = cursor.fetchone()
    return {"volunteers": people, "duties": duty_rows, "hours_entries": hour_rows}
