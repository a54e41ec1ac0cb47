# Opvangregie — the two commands: `make demo` (run the app with demo data) and `make test` (all tests).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
export DJANGO_SETTINGS_MODULE ?= opvangregie.conf.dev
# PostgreSQL databases of the test runs; override both when several clones test on one server at once.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/opvangregie
export SMOKE_DATABASE ?= opvangregie_smoke
# Python keeps compiled modules (and pytest its rewritten test modules) in __pycache__: without it every test
# worker, gunicorn worker and command compiles the project again. Some machines switch that off in the environment.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: setup system-packages demo test test-sqlite test-postgres test-e2e test-production check bench mutate lock messages clean

$(BIN)/opvangregie: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(BIN)/opvangregie node_modules/.package-lock.json ## virtual environment and NL Design System CSS

system-packages: ## Debian packages for the browser and PostgreSQL test runs (root only)
	scripts/install-system-packages.sh

demo: setup system-packages ## run the app with the demo data set on SQLite at http://$(HOST)/
	mkdir -p var
	rm -f var/opvangregie.sqlite3
	$(BIN)/opvangregie migrate --verbosity 0
	$(BIN)/opvangregie load_demo --url http://$(HOST)/
	$(BIN)/opvangregie db_worker --verbosity 0 & worker=$$!; trap 'kill $$worker' EXIT; \
		$(BIN)/opvangregie runserver $(HOST)

# Two parts at a time (TEST_JOBS): the browser tests mostly wait on Chromium and the production run uses one
# core, so a second part fills the idle time; each part's output is printed in one piece when it ends.
# OPVANGREGIE_TEST_TEMPLATES: the SQLite runs share one migrated database with the demo data (tests/db_template.py)
TEST_JOBS ?= 2
test: setup system-packages ## all tests: the browser, the production path, PostgreSQL and SQLite
	templates=$$(mktemp -d) && trap 'rm -rf "$$templates"' EXIT && \
		OPVANGREGIE_TEST_TEMPLATES=$$templates $(MAKE) --no-print-directory -j$(TEST_JOBS) --output-sync=target \
		test-e2e test-production test-postgres test-sqlite

test-sqlite: setup
	DJANGO_SETTINGS_MODULE=opvangregie.conf.test $(BIN)/pytest -q -n 2 -m "not e2e and not postgres_only" --no-migrations --durations=10

test-postgres: setup
	scripts/start-postgres.sh
	DJANGO_SETTINGS_MODULE=opvangregie.conf.test DATABASE_URL=$(POSTGRES_URL) \
		$(BIN)/pytest -q -n 2 -m "not e2e and not engine_agnostic" --ignore=tests/core --no-migrations --durations=10

test-production: setup ## collectstatic, migrate on PostgreSQL, gunicorn + task worker, a letter made and downloaded
	scripts/start-postgres.sh
	$(BIN)/python scripts/production_smoke.py

test-e2e: setup
	DJANGO_SETTINGS_MODULE=opvangregie.conf.test DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -q -n 2 -m e2e --no-migrations --durations=5

check: setup ## ruff, formatting, mypy, the import rules (core/ never imports Django) and models = migrations
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=opvangregie.conf.test $(BIN)/opvangregie makemigrations --check --dry-run

bench: setup system-packages ## benchmarks, with ratios against a baseline measured in the same run
	DJANGO_SETTINGS_MODULE=opvangregie.conf.test $(BIN)/python -m tests.bench.run

# One worker; sessions in var/mutation/ are reused while a module and its tests are unchanged (FRESH=1 starts
# over). MODULES="periods placement.model" runs only those.
mutate: setup ## mutation testing of core/ with Cosmic Ray: mutants, caught and score per module (docs/mutation.md)
	$(BIN)/python scripts/mutate.py $(if $(FRESH),--fresh) $(MODULES)

lock: ## refresh requirements.lock from pyproject.toml
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -q -o requirements.lock

messages: setup ## update and compile the Dutch translations
	cd src/opvangregie && ../../$(BIN)/opvangregie makemessages -l nl --no-obsolete && ../../$(BIN)/opvangregie compilemessages

clean:
	rm -rf $(VENV) node_modules var
