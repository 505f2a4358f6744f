"""CSV exports that open safely in Excel and stream, so a county-sized export stays small."""

import csv
from collections.abc import Iterable, Iterator

from django.db.models import OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Concat
from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

# A cell that starts with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """The cell as text, with a leading apostrophe when a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


# Rows go to the client in pieces of about this many characters: one write per row made
# 100,000 small writes for a county's people, most of the export's time through gunicorn.
CHUNK_CHARS = 64 * 1024


def stream_csv(filename: str, header: list[str], rows: Iterable[Iterable]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        # The mark first, so Excel reads the file as UTF-8 (Siân stays Siân).
        piece, size = ["\ufeff", writer.writerow(header)], 0
        for row in rows:
            line = writer.writerow([csv_safe(cell) for cell in row])
            piece.append(line)
            size += len(line)
            if size >= CHUNK_CHARS:
                yield "".join(piece)
                piece, size = [], 0
        yield "".join(piece)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    return as_download(response, filename)


def as_download(response, filename: str, *, inline: bool = False):
    """Name the file a response carries, for every browser: a name outside ASCII (a letter
    to Łukaszewicz) goes in RFC 6266's `filename*` form, with a plain fallback."""
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
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


SCHEME_SEPARATOR = "; "
PEOPLE_COLUMNS = [
    "first_name",
    "last_name",
    "preferred_name",
    "email",
    "phone",
    "town",
    "postcode",
    "district__name",
]


def people_rows(volunteers, memberships) -> Iterator[tuple]:
    """One row per person, their schemes as "Scheme (status); ...", streamed from one query.

    The schemes are aggregated by the database and rows come back as plain tuples, so a
    county-sized export builds no model objects. `memberships` is what the reader may see,
    so a coordinator's export lists only their own schemes against each person.
    """
    schemes = (
        memberships.filter(volunteer_id=OuterRef("pk"))
        .order_by()
        .values("volunteer_id")
        .annotate(
            names=StringAgg(
                Concat("scheme__name", Value(" ("), "status", Value(")")),
                delimiter=Value(SCHEME_SEPARATOR),
            )
        )
        .values("names")
    )
    rows = volunteers.annotate(schemes=Subquery(schemes)).values_list(*PEOPLE_COLUMNS, "schemes")
    for *details, district, names in rows.iterator(chunk_size=2000):
        # Sorted here: SQLite before 3.44 cannot order inside an aggregate.
        schemes_in_order = (
            SCHEME_SEPARATOR.join(sorted(names.split(SCHEME_SEPARATOR))) if names else ""
        )
        yield (*details, district or "", schemes_in_order)
