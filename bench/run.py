"""`make bench`: seed PostgreSQL at scale, serve the app with gunicorn, and measure.

Prints a table and writes bench/results.json. Every server it starts listens on loopback
and is stopped at the end, whatever happens. Run `python -m bench.run --help` for sizes.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench.scenario import THINK_SECONDS, lua_script, simulate

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results.json"
WRK = shutil.which("wrk")

# (label, persona, path): the main pages, as the person who uses each.
BASELINE = "Baseline: "
PAGES = [
    ("Portal home", "volunteer", "/portal/"),
    ("Duty list (portal)", "volunteer", "/portal/duties/"),
    ("Staff today page", "coordinator", "/staff/today/"),
    ("People list, filtered", "coordinator", "/staff/people/?status=active&sort=name"),
    ("Roster (week)", "coordinator", "/staff/roster/"),
    ("Minimum-hours grid", "coordinator", "/staff/minimums/"),
    ("Strategy dashboard", "staff", "/staff/strategy/"),
    ("Roles open now (public)", None, "/roles/"),
    ("Applicants", "coordinator", "/staff/applicants/"),
    ("Recruitment funnel", "staff", "/staff/recruitment/"),
    ("PSV roles and settings", "staff", "/staff/psv/roles/"),
    ("PSV placements", "staff", "/staff/psv/placements/"),
    ("ESV activities", "staff", "/staff/esv/activities/"),
    ("Custody visits rota", "staff", "/staff/custody/rota/"),
    ("Custody visit reports", "staff", "/staff/custody/reports/"),
    ("Custody visiting summary", "staff", "/staff/custody/summary/"),
    ("Dog welfare coverage", "staff", "/staff/dogs/"),
    ("Dog register", "staff", "/staff/dogs/register/"),
]
BASELINES = [
    ("Baseline: hello", None, "/bench/hello/"),
    ("Baseline: 50 rows", None, "/bench/fifty-rows/"),
]
PERSONAS = {
    "volunteer": "volunteer@demo.cip.example",
    "coordinator": "coordinator.special-constabulary@demo.cip.example",
    "staff": "opcc@demo.cip.example",
}
TARGETS = {
    "page_ratio": 0.5,
    "csv_seconds": 5.0,
    "csv_growth_mib": 50.0,
    "worker_mib": 250.0,
    "job_seconds": 60.0,
    "import_seconds": 60.0,
    "scenario_p95_ms": 500.0,
}


def database_url(name: str) -> str:
    return os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/") + name


def env_for(db: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",  # manage.py would otherwise assume the local demo
        "DATABASE_URL": database_url(db),
        "REQUIRE_STAFF_MFA": "false",
    }


def manage(db: str, *args: str, quiet: bool = True) -> str:
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env_for(db),
        capture_output=quiet,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args[:2])} failed on {db}:\n{result.stderr or ''}")
    return result.stdout or ""


def django_shell(db: str, code: str) -> str:
    return manage(db, "shell", "--no-imports", "-c", code)


def recreate_database(db: str) -> None:
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')


def seed(db: str, *, volunteers: int, duties: int, hours: int) -> dict:
    started = time.monotonic()
    recreate_database(db)
    manage(db, "migrate", "--no-input")
    manage(db, "createcachetable")
    manage(db, "seed_demo", "--volunteers", str(volunteers))
    demo_seconds = time.monotonic() - started
    counts = json.loads(
        django_shell(
            db,
            (
                "import json; from bench.seed import top_up; "
                f"print(json.dumps(top_up(duties={duties}, hours={hours})))"
            ),
        )
        .strip()
        .splitlines()[-1]
    )
    return {
        **counts,
        "seed_seconds": round(time.monotonic() - started, 1),
        "seed_demo_seconds": round(demo_seconds, 1),
    }


def session_cookies(db: str) -> dict[str, str]:
    """A signed-in session for each persona, made the way Django's test client does."""
    code = (
        "import json; from django.test import Client; from volunteers.models import User; "
        "out = {}\n"
        f"for persona, email in {PERSONAS!r}.items():\n"
        "    c = Client(); c.force_login(User.objects.get(email=email))\n"
        "    out[persona] = c.cookies['sessionid'].value\n"
        "print(json.dumps(out))"
    )
    return json.loads(django_shell(db, code).strip().splitlines()[-1])


def time_jobs(db: str) -> dict:
    code = "import json; from bench.jobs import time_jobs; print(json.dumps(time_jobs()))"
    return json.loads(django_shell(db, code).strip().splitlines()[-1])


def scenario(db: str, base: str, *, users: int, seconds: int) -> dict:
    """The mixed load of many people at once (bench/scenario.py): the people pausing
    between pages as people do, then the same mix through wrk flat out."""
    code = "import json; from bench.scenario import prepare; print(json.dumps(prepare()))"
    people = json.loads(django_shell(db, code).strip().splitlines()[-1])
    figures = simulate(base, people, users=users, seconds=seconds)
    figures["think_seconds"] = list(THINK_SECONDS)
    script = ROOT / "var" / "bench-scenario.lua"
    script.parent.mkdir(exist_ok=True)
    script.write_text(lua_script(people, (ROOT / "bench" / "report.lua").read_text()))
    command = [WRK, "-t2", f"-c{users}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script)]
    output = subprocess.run([*command, base], capture_output=True, text=True, check=True).stdout  # noqa: S603 - wrk, a fixed command
    flat_out = json.loads(output.strip().splitlines()[-1])
    for run_figures in (figures, flat_out):
        run_figures["rps"] = round(run_figures["requests"] / run_figures["seconds"], 1)
        run_figures["error_rate"] = round(
            100 * run_figures["errors"] / max(run_figures["requests"], 1), 2
        )
        run_figures["users"] = users
    return {**figures, "flat_out": flat_out}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(db: str):
    """The app as deployed (config/gunicorn.py) on loopback, stopped on the way out
    whatever happened."""
    manage(db, "collectstatic", "--no-input")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--config",
            "config/gunicorn.py",  # as deployed: 2 workers of 4 threads
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            os.environ.get("BENCH_ACCESS_LOG", os.devnull),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env_for(db),
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/health/", timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield base, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


class MemoryWatch:
    """Samples the workers' resident memory five times a second, keeping the peak."""

    def __init__(self, master: int):
        self.master, self.peak, self._stop = master, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.wait(0.2):
            for pid in worker_pids(self.master):
                try:
                    self.peak = max(self.peak, rss_mib(pid))
                except (FileNotFoundError, AttributeError):
                    continue  # a worker restarting

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def fetch(base: str, path: str, cookie: str | None):
    request = urllib.request.Request(base + path)  # noqa: S310 - loopback only
    if cookie:
        request.add_header("Cookie", f"sessionid={cookie}")
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - the loopback server it started
        return response.status, response.headers, response.read()


def load(base: str, path: str, cookie: str | None, seconds: int) -> dict:
    """wrk for `seconds` with 8 connections; its Lua script prints the figures as JSON."""
    command = [
        WRK,
        "-t2",
        "-c8",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "report.lua"),
        base + path,
    ]
    if cookie:
        command[1:1] = ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603 - our own fixed command
    figures = json.loads(output.strip().splitlines()[-1])
    figures["rps"] = round(figures["requests"] / figures["seconds"], 1)
    return figures


def counted_fetch(base: str, path: str, cookie: str | None) -> tuple[int, int]:
    """(status, SQL queries) of a page as someone coming back to it sees it: the second of
    two fetches, so what the first put in a cache (the dashboard's figures) is counted the
    same way at every size."""
    fetch(base, path, cookie)
    status, headers, _ = fetch(base, path, cookie)
    return status, int(headers["X-Query-Count"])


def query_counts(db: str, cookies: dict) -> dict[str, int]:
    counts = {}
    with gunicorn(db) as (base, _):
        for label, persona, path in PAGES:
            status, counts[label] = counted_fetch(base, path, cookies.get(persona))
            assert status == 200, (label, status)
    return counts


def export_csv(base: str, cookie: str, master: int) -> dict:
    """Stream the CSV of everyone, timing it and watching the serving worker's memory."""
    before = {pid: rss_mib(pid) for pid in worker_pids(master)}
    peak = dict(before)
    done = threading.Event()

    def watch():
        while not done.wait(0.05):
            for pid in worker_pids(master):
                try:
                    peak[pid] = max(peak.get(pid, 0), rss_mib(pid))
                except FileNotFoundError:
                    continue

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    started = time.monotonic()
    status, _, body = fetch(base, "/staff/people/export.csv", cookie)
    seconds = time.monotonic() - started
    done.set()
    watcher.join()
    growth = max(peak[pid] - before.get(pid, peak[pid]) for pid in peak)
    return {
        "seconds": round(seconds, 2),
        "rows": body.count(b"\n") - 1,
        "memory_growth_mib": round(growth, 1),
        "status": status,
    }


def run(args) -> dict:
    if WRK is None:
        sys.exit("wrk is needed for the load runs: apt-get install wrk")
    results: dict = {"sizes": {}, "pages": [], "targets": TARGETS}
    small, large = f"{args.database}_small", args.database
    if args.skip_seed:  # the code may have moved on since the databases were seeded
        for db in (small, large):
            manage(db, "migrate", "--no-input")
    else:
        print(f"Seeding {args.volunteers:,} volunteers (and 1,000 for the query-count check)…")
        results["sizes"]["small"] = seed(small, volunteers=1000, duties=2000, hours=20000)
        results["sizes"]["large"] = seed(
            large, volunteers=args.volunteers, duties=args.duties, hours=args.hours
        )
    print("Timing the reminder sweep and the KPI rollup…")
    results["jobs"] = time_jobs(large)
    if args.jobs_only:
        return results
    small_counts = query_counts(small, session_cookies(small))
    cookies = session_cookies(large)
    with gunicorn(large) as (base, process), MemoryWatch(process.pid) as memory:
        baseline = {}
        for label, persona, path in BASELINES + PAGES:
            status, queries = counted_fetch(base, path, cookies.get(persona))
            figures = load(base, path, cookies.get(persona), args.seconds)
            row = {"page": label, "status": status, "queries": queries, **figures}
            if label.startswith(BASELINE):
                baseline[label.removeprefix(BASELINE)] = figures["rps"]
            else:  # a page of the app (the public ones have no persona)
                row["queries_at_1000"] = small_counts[label]
                row["ratio_to_50_rows"] = round(figures["rps"] / baseline["50 rows"], 2)
            results["pages"].append(row)
            print(f"  {label}: {figures['rps']} req/s")
        results["csv_export"] = export_csv(base, cookies["staff"], process.pid)
        print(f"Load scenario: {args.users} people at once for {args.scenario_seconds} s…")
        results["scenario"] = scenario(large, base, users=args.users, seconds=args.scenario_seconds)
        results["peak_worker_mib"] = round(memory.peak, 1)
    return results


def report(results: dict) -> None:
    print()
    if results.get("pages"):
        _report_pages(results)
    jobs = results["jobs"]
    print(
        f"\nBackground jobs on {jobs['volunteers']:,} volunteers and "
        f"{jobs['hours_entries']:,} hours entries (target: each under "
        f"{TARGETS['job_seconds']:.0f} s):"
    )
    for label in ["sweep_today", "sweep_last_week_of_month"]:
        sweep = jobs[label]
        print(
            f"  Reminder sweep ({label.removeprefix('sweep_').replace('_', ' ')}): "
            f"{sweep['seconds']} s, {sweep['queued']:,} queued; again {sweep['again_seconds']} s, "
            f"{sweep['again_queued']} queued"
        )
    rollup = jobs["rollup"]
    print(
        f"  KPI rollup (this month): {rollup['seconds']} s, {rollup['snapshots']:,} snapshots; "
        f"again {rollup['again_seconds']} s, {rollup['again_snapshots']:,} snapshots"
    )
    spreadsheet = jobs["import"]
    print(
        f"  Bringing in {spreadsheet['rows']:,} people from a spreadsheet: "
        f"{spreadsheet['first_seconds']} s {spreadsheet['first_counts']}; the same file again "
        f"{spreadsheet['again_seconds']} s {spreadsheet['again_counts']}; peak memory growth "
        f"{spreadsheet['peak_growth_mib']} MiB (target: under {TARGETS['import_seconds']:.0f} s)"
    )
    for name, size in results.get("sizes", {}).items():
        print(
            f"Seed ({name}): {size['volunteers']:,} volunteers, {size['duties']:,} duties, "
            f"{size['hours_entries']:,} hours entries in {size['seed_seconds']} s "
            f"(seed_demo {size['seed_demo_seconds']} s)"
        )


def _report_pages(results: dict) -> None:
    print(
        f"{'page':<26}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}{'queries':>9}"
        f"{'at 1k':>7}{'x 50-row':>10}{'errors':>8}"
    )
    for row in results["pages"]:
        ratio = row.get("ratio_to_50_rows", "")
        print(
            f"{row['page']:<26}{row['rps']:>8}{row['p50_ms']:>8.1f}{row['p95_ms']:>8.1f}"
            f"{row['p99_ms']:>8.1f}{row['queries']:>9}{row.get('queries_at_1000', ''):>7}"
            f"{ratio:>10}{row['errors']:>8}"
        )
    csv = results["csv_export"]
    print(
        f"\nCSV export of everyone: {csv['rows']:,} rows in {csv['seconds']} s, "
        f"worker memory growth {csv['memory_growth_mib']} MiB "
        f"(target: under {TARGETS['csv_seconds']} s and {TARGETS['csv_growth_mib']} MiB)"
    )
    print(
        f"Peak gunicorn worker memory: {results['peak_worker_mib']} MiB "
        f"(target: under {TARGETS['worker_mib']} MiB)"
    )
    load = results.get("scenario")
    if load:
        low, high = load["think_seconds"]
        print(
            f"Load scenario ({load['users']} people, each pausing {low}-{high} s between "
            f"pages: 70% browsing, 20% booking, 10% coordinators): {load['rps']} req/s, "
            f"p50 {load['p50_ms']:.0f} ms, p95 {load['p95_ms']:.0f} ms, "
            f"{load['errors']} errors ({load['error_rate']}%) {load['errors_by_kind'] or ''}"
            f"(target: p95 under {TARGETS['scenario_p95_ms']:.0f} ms, no errors)"
        )
    flat = load and load["flat_out"]
    if flat:
        print(
            f"The same mix flat out (no pauses, {flat['users']} connections): "
            f"{flat['rps']} req/s, p95 {flat['p95_ms']:.0f} ms, {flat['errors']} errors"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--volunteers", type=int, default=100_000)
    parser.add_argument("--duties", type=int, default=20_000)
    parser.add_argument("--hours", type=int, default=2_000_000)
    parser.add_argument("--seconds", type=int, default=10, help="length of each load run")
    parser.add_argument("--database", default="cipdhub_bench")
    parser.add_argument(
        "--skip-seed", action="store_true", help="reuse the databases from the last run"
    )
    parser.add_argument(
        "--jobs-only", action="store_true", help="time the sweep and rollup, not the pages"
    )
    parser.add_argument("--users", type=int, default=200, help="people in the load scenario")
    parser.add_argument(
        "--scenario-seconds", type=int, default=60, help="length of the load scenario"
    )
    args = parser.parse_args()
    results = run(args)
    RESULTS.write_text(json.dumps(results, indent=2))
    report(results)
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
