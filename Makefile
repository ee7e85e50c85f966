# Skillpath — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs on every core; `make test PYTEST_ARGS=-x` to stop at the first failure.
PYTEST_ARGS ?= -n auto

.PHONY: install run test test-postgres bench check-flaky lint format messages clean

# A virtualenv with the project and its development tools, rebuilt when pyproject changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

## run: set everything up (venv, dependencies, database, built-in curriculum) and serve
run: install
	$(BIN)/skillpath serve --host $(HOST) --port $(PORT)

## test: set up, then run the whole suite (SQLite unless DATABASE_URL is set); the tests
## that measure speed (load stages) run last, alone, so the rest cannot slow them down
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS) -m "not speed"
	$(BIN)/python -m pytest -m speed

## test-postgres: the suite against the local PostgreSQL server
test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/skillpath} $(MAKE) test

## bench: benchmarks, printed as JSON
bench: install
	@$(BIN)/python bench/run.py

## check-flaky: run every practice check suite 20 times against its reference solution
check-flaky: install
	DJANGO_SETTINGS_MODULE=skillpath.config.settings $(BIN)/python -m skillpath.checks.proof --repeat $${REPEAT:-20}

## lint: ruff (lint + format check) and mypy on the core modules
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## messages: refresh the translation catalogs (needs GNU gettext) and compile them
messages: install
	cd src/skillpath && ../../$(BIN)/django-admin makemessages -l ru -l en --no-obsolete --settings=skillpath.config.settings
	cd src/skillpath && ../../$(BIN)/django-admin compilemessages --settings=skillpath.config.settings

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
