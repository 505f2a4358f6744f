"""The test clock: every test runs on a clock that starts at one chosen instant.

`pytest --clock 2028-02-29` (or `2027-03-28T01:30`, local time in Europe/London) starts
every test at that instant; without the option the instant is the moment the run began
(never later than 23:00, so no test crosses midnight while it runs). The clock ticks from
there, as a real one would, so waits and time-outs still work, but each test starts at the
same instant: `today` and `now` are what the code under test reads, on any day the suite
is run. Tests that need "now" take the `now` or `today` fixture; nothing reads the real
clock for an expectation.

Tests marked `date_sensitive` are the ones CI also runs at the calendar's awkward dates (a
month's end, a year's end, 29 February, the days the clocks change): see `.ci/run`.

A test that starts other processes (a Celery worker, gunicorn) cannot share a patched
clock with them: it is marked `real_clock` and runs on the machine's clock.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

LONDON = ZoneInfo("Europe/London")
LATEST_DEFAULT_START = time(23, 0)


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default=None,
        metavar="YYYY-MM-DD[THH:MM]",
        help="Start every test's clock at this local (Europe/London) date and time "
        "(default: when the run began; a date alone means noon).",
    )


def parse_start(value: str | None, *, real_now: datetime) -> datetime:
    """The instant every test starts at, as an aware datetime in Europe/London.

    A wall time the clocks skip (01:30 on the spring-forward day) is read as the moment
    one hour later by the wall clock, as `zoneinfo` resolves it; an ambiguous one (01:30 on
    the autumn day) is the first of the two."""
    if value is None:
        local = real_now.astimezone(LONDON)
        if local.time() > LATEST_DEFAULT_START:
            local = datetime.combine(local.date(), LATEST_DEFAULT_START, tzinfo=LONDON)
        return local.replace(microsecond=0)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise pytest.UsageError(f"--clock {value!r}: use YYYY-MM-DD or YYYY-MM-DDTHH:MM") from error
    if len(value) == len("YYYY-MM-DD"):
        parsed = parsed.replace(hour=12)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=LONDON)
    # Normalise through UTC: a skipped wall time becomes the real instant it names.
    return parsed.astimezone(ZoneInfo("UTC")).astimezone(LONDON)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "date_sensitive: depends on the calendar; CI also runs it at awkward dates (--clock)",
    )
    config.addinivalue_line(
        "markers",
        "real_clock: starts other processes, so runs on the machine's clock, not the test clock",
    )
    start = parse_start(config.getoption("--clock"), real_now=datetime.now(LONDON))
    config.stash[_START] = start
    # Module-level code and session-wide fixtures see the test clock too.
    traveller = time_machine.travel(start, tick=True)
    traveller.start()
    config.stash[_SESSION_TRAVEL] = traveller


def pytest_unconfigure(config):
    traveller = config.stash.get(_SESSION_TRAVEL, None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    start = config.stash[_START]
    return f"test clock: every test starts at {start.isoformat()} (Europe/London)"


_START = pytest.StashKey[datetime]()
_SESSION_TRAVEL = pytest.StashKey[time_machine.travel]()


@pytest.fixture(autouse=True)
def _test_clock(request):
    """Start the test at the run's instant (or the real time, for a `real_clock` test)."""
    if request.node.get_closest_marker("real_clock"):
        destination = time_machine.escape_hatch.time.time()
    else:
        destination = request.config.stash[_START]
    with time_machine.travel(destination, tick=True) as traveller:
        yield traveller


def travel_to_start(config) -> time_machine.travel:
    """A clock at the run's instant, for fixtures wider than one test (use with `with`)."""
    return time_machine.travel(config.stash[_START], tick=True)


@pytest.fixture
def clock(_test_clock):
    """The running test's clock: `clock.shift(timedelta(days=1))`, `clock.move_to(...)`."""
    return _test_clock


@pytest.fixture
def now(request) -> datetime:
    """The instant the test started at (aware, Europe/London)."""
    return request.config.stash[_START]


@pytest.fixture
def today(now) -> date:
    """The local date the test started on."""
    return now.date()


@pytest.fixture
def yesterday(today) -> date:
    return today - timedelta(days=1)


@pytest.fixture
def this_month(today) -> date:
    """The first day of the month the test started in."""
    return today.replace(day=1)
