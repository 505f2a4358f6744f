"""Reading pages in tests as a person does."""

import html
import re
from html.parser import HTMLParser


def text_of(response) -> str:
    """The page's words as a person reads them: no markup, entities decoded, one space."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: list[list[list[tuple[str, str]]]] = []
        self._cell: list[str] | None = None
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.tables[-1].append([])
        elif tag in {"th", "td"} and self._in_body:
            self._cell = [tag]

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag in {"th", "td"} and self._cell is not None:
            kind, *words = self._cell
            self.tables[-1][-1].append((kind, " ".join(" ".join(words).split())))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables_of(response) -> list[dict[str, list[str]]]:
    """Each table's body rows as a person reads them: {row heading: [each cell's words]}."""
    parser = _Tables()
    parser.feed(response.content.decode())
    return [
        {
            next(text for kind, text in row if kind == "th"): [
                text for kind, text in row if kind == "td"
            ]
            for row in table
            if any(kind == "th" for kind, _ in row)
        }
        for table in parser.tables
    ]
