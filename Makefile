# The two commands: `make run` (the app with demo data) and `make test` (the whole suite).
PYTHON ?= python3.12
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The local demo lifts the MFA requirement for staff so the demo sign-ins work at once.
REQUIRE_STAFF_MFA ?= false

.PHONY: run test test-dates check venv migrate seed bench clean

$(VENV)/.installed: requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed

migrate: venv
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py createcachetable

seed: migrate
	DEBUG=true $(PY) manage.py seed_demo

run: seed
	@echo ""
	@echo "Serving on http://127.0.0.1:$(PORT)/  (Ctrl+C to stop); reminders run in the background."
	@echo "E-mails are written to var/mail/ (one file per batch), not to this terminal."
	@DEBUG=true EMAIL_BACKEND=file $(PY) manage.py run_jobs >var/jobs.log 2>&1 & jobs=$$!; \
	  ( sleep 4; echo ""; \
	    if [ "$(REQUIRE_STAFF_MFA)" = "false" ]; then \
	      echo "NOTE: MFA for staff and coordinators is LIFTED for this local demo (REQUIRE_STAFF_MFA=false)."; \
	      echo "      Production and the tests always require it. Run 'make run REQUIRE_STAFF_MFA=true' to try it."; \
	    fi; \
	    DEBUG=true $(PY) manage.py demo_sign_ins; \
	    echo "Open http://127.0.0.1:$(PORT)/ and sign in as any of them." ) & \
	  trap 'kill $$jobs 2>/dev/null' EXIT INT TERM; \
	  DEBUG=true EMAIL_BACKEND=file REQUIRE_STAFF_MFA=$(REQUIRE_STAFF_MFA) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: venv
	$(PY) -m pytest $(PYTEST_ARGS)

# The date-sensitive tests (marked `date_sensitive`) again with the test clock at the
# calendar's awkward moments: the 28th of a 30-day month, a month's last day, 31 December,
# 29 February 2028, and the two days the UK's clocks change in 2027 at 00:30 and 01:30.
# Two at a time; each leaves var/clock-<date>.xml and .log. See tests/clock.py.
CLOCK_DATES ?= 2027-04-28 2027-06-30 2026-12-31 2028-02-29 \
	2027-03-28T00:30 2027-03-28T01:30 2027-10-31T00:30 2027-10-31T01:30
test-dates: venv
	@mkdir -p var
	@printf '%s\n' $(CLOCK_DATES) | xargs -P 2 -I{} sh -c '\
	  if DATABASE_URL= $(PY) -m pytest -q -m date_sensitive --clock {} \
	       --junitxml=var/clock-{}.xml >var/clock-{}.log 2>&1; \
	  then echo "clock {}: $$(tail -n 1 var/clock-{}.log)"; \
	  else echo "clock {}: FAILED"; cat var/clock-{}.log; exit 255; fi'

# Lint (with ruff's security rules, S), formatting, known vulnerabilities in the locked
# requirements (pip-audit; exceptions dated and reasoned in pyproject.toml), migrations that
# models need, and Django's deployment checks under production-like settings.
check: venv
	$(VENV)/bin/ruff check .
	$(PY) -m config.audit_dependencies requirements-dev.txt
	$(VENV)/bin/ruff format --check .
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run
	DEBUG=false ALLOWED_HOSTS=cip.example.org \
	  SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	  $(PY) manage.py check --deploy --fail-level WARNING

# Seeds PostgreSQL at scale (BENCH_ARGS="--volunteers 1000" for a quick run), serves the app
# with gunicorn on loopback and measures; prints a table and writes bench/results.json.
bench: venv
	@command -v wrk >/dev/null || { echo "Installing wrk (Debian package) for the load runs"; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -q wrk >/dev/null; }
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/*.sqlite3 var/static
