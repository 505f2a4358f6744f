"""Real-browser tests: Playwright driving Debian's Chromium against Django's live server.

They run when /usr/bin/chromium exists (`make test`) and skip otherwise, except in CI's
service pass (CI_REQUIRE_SERVICES=1), where a missing browser is an error. A failing test
leaves a screenshot in test-artifacts/.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.factories import totp_code

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# How long an action or an expectation waits for the page (CI's PostgreSQL pass is slow).
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)
# Chromium as the probe ran it here: no background traffic on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# Playwright's sync API keeps an event loop in this thread; Django's ORM refuses to run
# beside one unless told the code is synchronous, which these tests are.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI_REQUIRE_SERVICES") == "1":
        raise pytest.UsageError(f"CI_REQUIRE_SERVICES=1 but there is no browser at {CHROMIUM}.")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, request):
    """new_page(width=320) -> a page in a fresh British-English context; screenshots on failure."""
    contexts = []

    def build(*, width: int = 1280, height: int = 900):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="en-GB",
            timezone_id="Europe/London",
            # No sliding menus: a click never lands on a link that is still moving.
            reduced_motion="reduce",
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.on("pageerror", lambda e: page.console_errors.append(str(e)))
        contexts.append((context, page))
        return page

    yield build
    failed = getattr(request.node, "report_call", None) and request.node.report_call.failed
    for number, (context, page) in enumerate(contexts):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / f"{request.node.name}-{number}.png", full_page=True)
        context.close()


_axe = Axe()


def check_page(page, *, width_ok: bool = True) -> None:
    """What every page the journeys reach must pass: axe's WCAG 2.0–2.2 A and AA rules, no
    script errors, and nothing wider than the window (so it works at 320 px)."""
    # A click that leads to another page returns before it has loaded: judge the page only
    # once it and its style sheets are in (else axe sees unstyled text mid-load).
    page.wait_for_load_state("load")
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    assert page.console_errors == [], page.url
    if width_ok:
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{page.url} is {overflow}px wider than the window"


def date_keys(page, day) -> str:
    """The keys that type `day` into a native date field, in this browser's own order.

    Chromium orders a date field's day, month and year by the machine's locale, not the
    page's, so a scratch field is asked first. Focus returns to the top of the page."""
    page.evaluate("""() => {
        const probe = document.createElement("input");
        probe.type = "date";
        probe.id = "date-order-probe";
        document.body.append(probe);
    }""")
    probe = page.locator("#date-order-probe")
    probe.focus()
    page.keyboard.type("01022000")
    day_first = probe.input_value() == "2000-02-01"
    page.evaluate("() => document.getElementById('date-order-probe').remove()")
    return day.strftime("%d%m%Y" if day_first else "%m%d%Y")


def sign_in(
    page,
    live_server,
    email: str,
    password: str = "correct-horse-battery",
    *,
    mfa_secret: str | None = None,
) -> None:
    """Sign in through the real pages; with `mfa_secret`, answer the authenticator step too
    and fail there, with what the page said, if it does not let the person through."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Sign In").click()
    if mfa_secret is None:
        return
    page.get_by_label("Code").fill(totp_code(mfa_secret))
    page.locator("main").get_by_role("button", name="Sign In").click()
    try:
        page.wait_for_url(lambda url: "/accounts/2fa/authenticate/" not in url)
    except PlaywrightTimeoutError:
        said = page.locator("main").inner_text()
        raise AssertionError(f"The authenticator code was not accepted: {said}") from None


def open_from_menu(page, label: str, *, group: str | None = None) -> None:
    """Follow a link of the main menu as a person does: open the menu on a phone, open the
    link's group when it has one (a group of one link shows as that link), then click."""
    main = page.get_by_role("navigation", name="Main")
    toggler = main.get_by_role("button", name="Show menu")
    if toggler.is_visible():
        toggler.click()
    if group is not None:
        opener = main.get_by_role("button", name=group)
        if opener.count():
            opener.click()
    main.get_by_role("link", name=label, exact=True).click()
