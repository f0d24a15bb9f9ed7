# Son La Learning City portal. `make run` serves the demo; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Test processes (pytest-xdist); WORKERS=0 runs the tests in this process.
WORKERS ?= 2
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: run dev test test-fast lint format messages bench install install-test sysdeps sysdeps-test npm clean smoke mutate

# What running the portal needs (the project's own dependencies, no test or lint tools)…
$(VENV)/.deps: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

# …and what testing and linting add (pytest, Playwright, ruff, import-linter).
$(VENV)/.deps-test: $(VENV)/.deps
	$(PY) -m pip install -q -e '.[test,dev]'
	touch $@

install: $(VENV)/.deps sysdeps

install-test: $(VENV)/.deps-test sysdeps-test npm

# Node tools the tests use (axe-core for the accessibility checks), from package-lock.json.
# Node.js and npm come from Debian when the machine has none: the checks never skip for want of them.
npm:
	@command -v npm >/dev/null || bash scripts/sysdeps.sh nodejs npm
	@if [ -d node_modules/axe-core ] && [ node_modules/axe-core -nt package-lock.json ]; then :; \
	else npm ci --no-audit --no-fund && touch node_modules/axe-core; fi

# System packages the portal needs (gettext to compile translations; fonts for PDF reports).
sysdeps:
	@bash scripts/sysdeps.sh gettext fonts-dejavu-core

# …and those the tests need besides (a headless Chromium for the browser tests; Gnumeric's
# ssconvert, the spreadsheet program that opens the CSV files in tests/commitments).
sysdeps-test:
	@bash scripts/sysdeps.sh gettext fonts-dejavu-core chromium poppler-utils gnumeric

var:
	mkdir -p var

prepare: install var
	$(PY) manage.py compilemessages --ignore '$(VENV)' --ignore node_modules -v0
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo
	$(PY) manage.py collectstatic --noinput -v0

## Serve the portal with its demo data as production would: gunicorn + WhiteNoise, DEBUG off.
run: prepare
	@echo "Serving http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(VENV)/bin/gunicorn learningcity.wsgi -c learningcity/gunicorn.py --bind 127.0.0.1:$(PORT)

## The development server with auto-reload and DEBUG on.
dev: prepare
	DJANGO_DEBUG=true $(PY) manage.py runserver 127.0.0.1:$(PORT)

## Every test: SQLite by default; PostgreSQL and Redis (and a real Celery worker) when
## DATABASE_URL and REDIS_URL are set.
test: install-test
	$(PY) manage.py compilemessages --ignore '$(VENV)' --ignore node_modules -v0
	$(PY) -m pytest -n $(WORKERS) --durations=15 $(PYTEST_ARGS)

test-fast: $(VENV)/.deps-test
	$(PY) -m pytest -m "not browser" -x -q $(PYTEST_ARGS)

## What docker-compose.yml describes, run natively behind the shipped nginx.conf (needs root,
## PostgreSQL and Redis running): every key page, photos, sign-in, a report built by the worker.
smoke: install
	bash scripts/smoke_production.sh --self-test

## Mutation check before a release (not in CI: 25-60 minutes): breaks each guard listed in
## scripts/mutations.toml in turn, on a copy of the tree, and checks that a test fails.
## MUTATIONS=id,id runs some of them.
mutate: $(VENV)/.deps-test
	$(PY) scripts/mutate.py --copy $(if $(MUTATIONS),--only $(MUTATIONS)) $(MUTATE_ARGS)

lint: $(VENV)/.deps-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.deps-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Refresh the translation catalogues after changing strings (then fill every msgstr).
messages: $(VENV)/.deps
	$(PY) manage.py makemessages -l vi -l en --no-obsolete --no-wrap --ignore '$(VENV)/*' --ignore 'bench/*' --ignore 'tests/*' --ignore 'node_modules/*'
	$(PY) manage.py compilemessages --ignore '$(VENV)' --ignore node_modules

## Benchmark: every key public page against a trivial Django view, through gunicorn (SCALE=1|10|100).
bench: install var
	@command -v wrk >/dev/null || bash scripts/sysdeps.sh wrk
	$(PY) bench/run.py --scale $(or $(SCALE),1)

clean:
	rm -rf var media
