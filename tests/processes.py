"""Running the app's own processes from a test: a clean environment, and Celery's worker
and beat against the test database and a real Redis."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
# A Redis database of its own, so the test's queue is not anyone else's.
TEST_REDIS_DB = 14


def clean_env(**env) -> dict:
    """This process's environment without the app's own variables, plus `env`."""
    own = {
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }  # the browser tests set the last one for themselves
    clean = {k: v for k, v in os.environ.items() if k not in own}
    return {**clean, **env, "DJANGO_SETTINGS_MODULE": "config.settings"}


def shared_database_url() -> str:
    """The URL of the database this test is using (pytest-django's test_… database)."""
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    return f"postgres://{s['USER']}{password}@{host}:{port}/{s['NAME']}"


def isolated_redis_url() -> str:
    base = os.environ["REDIS_URL"].rsplit("/", 1)[0]
    return f"{base}/{TEST_REDIS_DB}"


def wait_until(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout} s waiting for {what}")
        time.sleep(0.2)


@contextlib.contextmanager
def celery(tmp_path, *kinds: str, **env):
    """Start Celery processes ("worker", "beat") as production runs them; yields them by
    kind, and stops whatever is still running at the end. Logs go to tmp_path."""
    environment = clean_env(
        DEBUG="true",
        DATABASE_URL=shared_database_url(),
        REDIS_URL=isolated_redis_url(),
        DB_CONN_MAX_AGE="0",
        **env,
    )
    started = {}
    try:
        for kind in kinds:
            args = [sys.executable, "-m", "celery", "-A", "config", kind, "--loglevel", "INFO"]
            if kind == "worker":
                args += ["--pool", "solo", "--without-gossip", "--without-mingle"]
            else:
                args += ["--schedule", str(tmp_path / "beat-schedule")]
            log = (tmp_path / f"{kind}-{time.monotonic_ns()}.log").open("w")
            started[kind] = subprocess.Popen(  # noqa: S603 - our own interpreter and app
                args,
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so a kill takes it all
            )
        yield started
    finally:
        for process in started.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()


def kill(process) -> None:
    """Kill a process at once, as a crash or an OOM kill would: no chance to tidy up."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def purge_test_queue() -> None:
    import redis

    redis.Redis.from_url(isolated_redis_url()).flushdb()


@contextlib.contextmanager
def publishing_to(broker_url: str):
    """The web side publishes tasks to `broker_url` instead of running them in-process.
    Celery keeps its connections to the broker it first used, so they are dropped on the
    way in and out (the reset it does itself after a fork); else a task would go to the
    broker an earlier test used, where no worker of this test listens."""
    from config.celery import app

    before = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.update(task_always_eager=False, broker_url=broker_url)
    app._after_fork()
    try:
        yield
    finally:
        app.conf.update(task_always_eager=before[0], broker_url=before[1])
        app._after_fork()
