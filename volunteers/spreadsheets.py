"""Reading the spreadsheets schemes and forces send us: a CSV (UTF-8, or Excel's own
Windows encoding) or an XLSX file, its first row the headings. Each importer names its
columns (and other headings people commonly write for them); a row comes back as
{column: text}, and a file that cannot be used says why in plain words."""

import csv
import io
from datetime import date, datetime
from itertools import islice

UNREADABLE = "This file could not be read as a CSV or XLSX spreadsheet: save it as one of those."
EMPTY = "The file has no rows under its headings."
TOO_MANY = "The file has more than {most:,} rows: split it into smaller files."
MISSING_COLUMNS = "The file needs a column headed {columns} (see the template)."
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"]


def normal_heading(text, aliases: dict[str, str]) -> str:
    """A heading as a column name: "Date of birth" and "DOB" both "date_of_birth"."""
    words = "".join(c if c.isalnum() else " " for c in str(text or "").lower()).split()
    key = "_".join(words)
    return aliases.get(key, key)


def cell_text(value) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _sheet_rows(name: str, content: bytes, most: int) -> list[list]:
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        rows = book.worksheets[0].iter_rows(values_only=True)
        return [list(row) for row in islice(rows, most + 2)]  # headings and one too many
    text = content.decode("utf-8-sig") if content[:3] == b"\xef\xbb\xbf" else None
    if text is None:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            text = content.decode("cp1252")  # Excel's own "CSV" on Windows
    return list(islice(csv.reader(io.StringIO(text)), most + 2))


def read_table(
    name: str,
    content: bytes,
    *,
    columns: list[tuple[str, str, bool]],
    aliases: dict[str, str],
    most: int,
    empty: str = EMPTY,
) -> tuple[list[dict[str, str]], list[str]]:
    """The file's rows as {column: text} for the `columns` ((name, heading, needed)), and
    what is wrong with the file as a whole."""
    try:
        table = _sheet_rows(name, content, most)
    except Exception:  # a damaged or mislabelled file: openpyxl and csv raise many kinds
        return [], [UNREADABLE]
    table = [row for row in table if any(cell_text(cell) for cell in row)]
    if not table:
        return [], [empty]
    headings = [normal_heading(cell, aliases) for cell in table[0]]
    missing = [heading for column, heading, needed in columns if needed and column not in headings]
    if missing:
        return [], [MISSING_COLUMNS.format(columns=", ".join(f"“{m}”" for m in missing))]
    known = {column for column, _, _ in columns}
    rows = [
        {h: cell_text(cell) for h, cell in zip(headings, row, strict=False) if h in known}
        for row in table[1:]
    ]
    if not rows:
        return [], [empty]
    if len(rows) > most:
        return [], [TOO_MANY.format(most=most)]
    return rows, []


def parse_date(text: str) -> date | None:
    for shape in DATE_FORMATS:
        try:
            return datetime.strptime(text, shape).date()
        except ValueError:
            continue
    return None


def choices_written(pairs) -> dict[str, str]:
    """{what a person might write, lower case: the stored value}, from (value, label)."""
    found = {}
    for value, label in pairs:
        for text in (value, label):
            found[str(text).lower()] = value
            found[str(text).lower().replace(" ", "")] = value
    return found
