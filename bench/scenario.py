"""The load scenario: many people at once, mixed as the issue asks (70% volunteers browsing
their portal, 20% booking duties, 10% coordinators on their staff pages), for a minute.

`prepare()` runs inside the app (through `manage.py shell`): it gives signed-in sessions to
a pool of real volunteers and the Specials' coordinator, and lists bookable duties.
`simulate()` then plays the people: each one a thread with its own kept-alive connection,
like a browser tab, that picks a page by those weights, times the answer, and reads for 1
to 5 seconds before the next click. `lua_script()` writes the same mix for wrk with no
pauses, which finds the most the server can answer. Bookings POST with a CSRF token like a
browser form.

The pauses are not left to wrk: its `delay()` hook keeps the connection open, and its
latency then counted time spent waiting (p95 2.5 s where gunicorn's own log said 90 ms).
"""

import http.client
import json
import random
import secrets
import statistics
import threading
import time
from urllib.parse import urlsplit

from volunteers.catalogue import SchemeSlug

BOOKERS = 60
CSRF_TOKEN = "b" * 32  # any 32 letters: the cookie and the header only have to agree
BROWSE = ["/portal/", "/portal/duties/", "/portal/hours/", "/portal/duties/mine/"]
STAFF = ["/staff/roster/", "/staff/people/?status=active&sort=name", "/staff/hours/"]
WEIGHTS = {"browse": 0.7, "book": 0.2, "staff": 0.1}
# A person reads a page before the next click: each simulated person waits a random
# 1 to 5 seconds between requests (the spread load-testing tools commonly default to).
THINK_SECONDS = (1, 5)


def prepare() -> dict:
    from allauth.account.models import EmailAddress
    from django.test import Client
    from django.utils import timezone

    from schemes.models import Duty
    from volunteers.models import Membership, User, Volunteer

    members = (
        Membership.objects.filter(
            scheme__slug=SchemeSlug.SPECIAL_CONSTABULARY,
            role=Membership.Role.MEMBER,
            status=Membership.Status.ACTIVE,
        )
        .order_by("pk")
        .values_list("volunteer_id", flat=True)
    )
    people = list(Volunteer.objects.filter(pk__in=members).order_by("pk")[:BOOKERS])
    sessions = []
    for number, person in enumerate(people):
        user = person.user
        if user is None:
            email = f"load{number}@bench.example"
            user, _ = User.objects.get_or_create(email=email)
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            person.user = user
            person.save(update_fields=["user"])
        client = Client()
        client.force_login(user)
        sessions.append(client.cookies["sessionid"].value)
    coordinator = User.objects.get(email="coordinator.special-constabulary@demo.cip.example")
    client = Client()
    client.force_login(coordinator)
    duties = list(
        Duty.objects.filter(
            scheme__slug=SchemeSlug.SPECIAL_CONSTABULARY,
            status=Duty.Status.SCHEDULED,
            starts_at__gt=timezone.now() + timezone.timedelta(days=2),
            requirement="",
            required_course__isnull=True,
            required_vetting="",
        )
        .order_by("starts_at")
        .values_list("pk", flat=True)[:200]
    )
    return {
        "volunteers": sessions,
        "coordinators": [client.cookies["sessionid"].value],
        "duties": duties,
        "seed": secrets.randbelow(10_000),
    }


def _lua_list(values) -> str:
    return "{" + ", ".join(json.dumps(str(v)) for v in values) + "}"


def next_request(rng: random.Random, people: dict) -> tuple[str, str, dict, str | None]:
    """A person and a page by the scenario's weights: (method, path, headers, body)."""
    roll = rng.random()
    if roll < WEIGHTS["browse"]:
        cookie = f"sessionid={rng.choice(people['volunteers'])}"
        return "GET", rng.choice(BROWSE), {"Cookie": cookie}, None
    if roll < WEIGHTS["browse"] + WEIGHTS["book"]:
        headers = {
            "Cookie": f"sessionid={rng.choice(people['volunteers'])}; csrftoken={CSRF_TOKEN}",
            "X-CSRFToken": CSRF_TOKEN,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        return "POST", f"/portal/duties/{rng.choice(people['duties'])}/book/", headers, "waitlist=1"
    cookie = f"sessionid={rng.choice(people['coordinators'])}"
    return "GET", rng.choice(STAFF), {"Cookie": cookie}, None


def simulate(base: str, people: dict, *, users: int, seconds: float, think=THINK_SECONDS):
    """`users` people for `seconds`, each pausing `think` seconds (lowest, highest) between
    pages; returns the requests, p50/p95/p99 in ms and the errors (no answer, or a status
    of 400 and above), by kind."""
    address = urlsplit(base)
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    errors: dict[str, int] = {}  # what went wrong ("HTTP 500", "TimeoutError") and how often
    lock = threading.Lock()

    def person(number: int) -> None:
        rng = random.Random(people["seed"] * 1000 + number)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        time.sleep(rng.uniform(0, think[1]))  # people arrive over the first few seconds
        while time.monotonic() < deadline:
            method, path, headers, body = next_request(rng, people)
            started = time.perf_counter()
            try:
                outcome = _send(connection, method, path, headers, body)
            except STALE_CONNECTION:
                # The server closed the idle connection as the click went out: a browser
                # opens a new one and sends again, and so does this person.
                connection.close()
                outcome = _send_or_name_the_failure(connection, method, path, headers, body)
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                outcome = type(error).__name__
            with lock:
                latencies.append(1000 * (time.perf_counter() - started))
                if outcome != "ok":
                    errors[outcome] = errors.get(outcome, 0) + 1
            time.sleep(rng.uniform(*think))
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=person, args=(n,), daemon=True) for n in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "requests": len(latencies),
        "seconds": round(elapsed, 3),
        "p50_ms": round(cuts[49], 2),
        "p95_ms": round(cuts[94], 2),
        "p99_ms": round(cuts[98], 2),
        "errors": sum(errors.values()),
        "errors_by_kind": errors,
    }


STALE_CONNECTION = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


def _send(connection, method, path, headers, body) -> str:
    """One request on the person's connection: "ok", or "HTTP <status>" from 400 up."""
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    return "ok" if response.status < 400 else f"HTTP {response.status}"


def _send_or_name_the_failure(connection, method, path, headers, body) -> str:
    try:
        return _send(connection, method, path, headers, body)
    except (OSError, http.client.HTTPException) as error:
        connection.close()
        return type(error).__name__


def lua_script(people: dict, report: str) -> str:
    """A wrk script: each request a person and a page by the scenario's weights, at once."""
    return f"""-- generated by bench/scenario.py
local volunteers = {_lua_list(people["volunteers"])}
local coordinators = {_lua_list(people["coordinators"])}
local duties = {_lua_list(people["duties"])}
local browse = {_lua_list(BROWSE)}
local staff = {_lua_list(STAFF)}
local token = "{CSRF_TOKEN}"

local function pick(list) return list[math.random(#list)] end

init = function(args)
  math.randomseed({people["seed"]} + os.time())
end

request = function()
  local roll = math.random()
  if roll < {WEIGHTS["browse"]} then
    return wrk.format("GET", pick(browse), {{["Cookie"] = "sessionid=" .. pick(volunteers)}})
  elseif roll < {WEIGHTS["browse"] + WEIGHTS["book"]} then
    return wrk.format("POST", "/portal/duties/" .. pick(duties) .. "/book/", {{
      ["Cookie"] = "sessionid=" .. pick(volunteers) .. "; csrftoken=" .. token,
      ["X-CSRFToken"] = token,
      ["Content-Type"] = "application/x-www-form-urlencoded",
    }}, "waitlist=1")
  end
  return wrk.format("GET", pick(staff), {{["Cookie"] = "sessionid=" .. pick(coordinators)}})
end

{report}
"""
