"""CSV exports that open safely in Excel and stream, so a county-sized export stays small."""

import csv
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

# A cell that starts with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """The cell as text, with a leading apostrophe when a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


def stream_csv(filename: str, header: list[str], rows: Iterable[Iterable]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"  # so Excel reads the file as UTF-8 (Siân stays Siân)
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([csv_safe(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


PEOPLE_HEADER = [
    "First name",
    "Last name",
    "Preferred name",
    "E-mail",
    "Phone",
    "Town",
    "Postcode",
    "District",
    "Schemes",
]


CHUNK = 2000


def people_rows(volunteers, memberships) -> Iterator[list]:
    """One row per person, schemes as "Scheme (status)", read in chunks of 2,000.

    `memberships` is what the reader may see, so a coordinator's export lists only their
    own schemes against each person.
    """
    chunk = []
    for volunteer in volunteers.select_related("district").iterator(chunk_size=CHUNK):
        chunk.append(volunteer)
        if len(chunk) == CHUNK:
            yield from _rows_for(chunk, memberships)
            chunk = []
    yield from _rows_for(chunk, memberships)


def _rows_for(volunteers, memberships) -> Iterator[list]:
    if not volunteers:
        return
    schemes: dict[int, list[str]] = {}
    found = (
        memberships.filter(volunteer_id__in=[v.pk for v in volunteers])
        .select_related("scheme")
        .order_by("scheme__name")
    )
    for membership in found:
        schemes.setdefault(membership.volunteer_id, []).append(
            f"{membership.scheme.name} ({membership.get_status_display().lower()})"
        )
    for v in volunteers:
        yield [
            v.first_name,
            v.last_name,
            v.preferred_name,
            v.email,
            v.phone,
            v.town,
            v.postcode,
            v.district.name if v.district else "",
            "; ".join(schemes.get(v.pk, [])),
        ]
