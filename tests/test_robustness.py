"""Bad input never breaks a page: every URL of the access matrix, opened as each persona
with bad query parameters, and every form on it sent back with bad values, answers with
something other than a server error (finding 11 of the security issue, as a class).

The forms are read from the pages themselves, so a page or field added later is walked
too. Bad values: extreme and impossible dates, huge and negative numbers, very long
strings, unusual Unicode (a NUL, right-to-left marks, combining marks), missing fields.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client

from tests.conftest import PERSONAS
from tests.test_access_matrix import OURS, SAMPLES, _url

LONG = "Ł" * 5000
BAD_VALUES = [
    "9999-12-31",
    "0001-01-01",
    "0001-01-15",
    "2026-02-30",
    "9999-12-31T23:59",
    "0001-01-01T00:00",
    "9999-12",
    "0000-00",
    "99999999999999999999999",
    "-1",
    "-99999999999",
    "1e309",
    "NaN",
    LONG,
    "nul\x00byte",
    "\u202emirrored\u202c Zalgo\u0335\u0321 \U0001d518\U0001f46e\u200d\u2640\ufe0f",
    "",
]
# Tried in one field at a time, the others keeping the values the page gave them.
PER_FIELD = ["9999-12-31", "-99999999999", LONG + "\x00"]
# What a query parameter is tried with (each kind of value parsing, once).
QUERY_VALUES = [
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "9999-12",
    "99999999999999999999999",
    "-1",
    LONG + "\x00",
    BAD_VALUES[-2],
    "",
]
# Query parameters the pages read, tried on every page whether or not it shows a form.
QUERY_NAMES = ["date", "month", "view", "scheme", "status", "district", "page", "q", "sort"]
NEVER_SENT = ("/accounts/logout/",)  # the walk would sign itself out


class _Forms(HTMLParser):
    """Every form of a page: its method, action and fields with the values the page gave."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "method": (attrs.get("method") or "get").lower(),
                    "action": attrs.get("action"),
                    "fields": {},
                }
            )
        elif not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = attrs.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs or name not in fields:
                    fields[name] = attrs.get("value", "on")
            elif kind not in {"submit", "button", "file"}:
                fields[name] = attrs.get("value") or ""
        elif tag == "button" and name:
            fields.setdefault(name, attrs.get("value", ""))
        elif tag == "textarea" and name:
            fields[name] = ""
        elif tag == "select" and name:
            self._select = name
            fields[name] = ""
        elif tag == "option" and self._select and ("selected" in attrs or not fields[self._select]):
            fields[self._select] = attrs.get("value", "")  # the chosen one, or the first real one

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def forms_of(response, page_url: str) -> list[dict]:
    if "html" not in response.get("Content-Type", ""):
        return []
    parser = _Forms()
    parser.feed(response.content.decode())
    for form in parser.forms:
        form["action"] = urlsplit(form["action"] or page_url).path or page_url
    return [form for form in parser.forms if not form["action"].startswith(NEVER_SENT)]


def _variants(fields: dict):
    """Every field bad at once, each field bad alone, and nothing at all."""
    for value in BAD_VALUES:
        yield dict.fromkeys(fields, value)
    for name in fields:
        for value in PER_FIELD:
            yield {**fields, name: value}
    yield {}


def _send(client, method: str, url: str, data: dict, failures: list, label: str):
    response = getattr(client, method)(url, data)
    if response.status_code >= 500:
        shown = {k: (v[:20] + "…" if len(v) > 20 else v) for k, v in data.items()}
        failures.append(f"{label}: {method.upper()} {url} {shown} -> {response.status_code}")


@pytest.mark.django_db
@pytest.mark.parametrize("name", [*OURS, *SAMPLES])
def test_bad_input_never_breaks_a_page(name, volunteer, request):
    rule = OURS.get(name) or SAMPLES[name]
    url = _url(name, rule, request, volunteer)
    failures: list[str] = []
    walked = set()  # a form several personas see alike is walked by the first
    for persona in PERSONAS:
        client = Client(raise_request_exception=False)
        user = request.getfixturevalue(persona)
        if user is not None:
            client.force_login(user)
        # Someone the page turns away gets a taste; those it serves get everything.
        served = rule.statuses[persona] in {200, 302} and not (
            persona == "anonymous" and rule.statuses[persona] == 302
        )
        values = QUERY_VALUES if served else ["9999-12-31", LONG + "\x00"]
        if rule.method == "post":
            for value in values:
                _send(client, "post", url, dict.fromkeys(QUERY_NAMES, value), failures, persona)
            continue
        page = client.get(url)
        if page.status_code >= 500:
            failures.append(f"{persona}: GET {url} -> {page.status_code}")
            continue
        for value in values:
            _send(client, "get", url, dict.fromkeys(QUERY_NAMES, value), failures, persona)
        for form in forms_of(page, url):
            seen = (form["method"], form["action"], tuple(sorted(form["fields"])))
            if seen in walked:
                continue
            walked.add(seen)
            for data in _variants(form["fields"]):
                _send(client, form["method"], form["action"], data, failures, persona)
    assert failures == []
