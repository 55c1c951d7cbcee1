# The two commands a person needs: `make run` and `make test`. Both set up first (idempotent).
.PHONY: setup run test test-fast lint check

VENV := .venv
PY := $(VENV)/bin/python

setup:
	@bash scripts/setup.sh

run: setup
	@$(VENV)/bin/interbot $(ARGS)

test: setup
	$(PY) -m pytest -q -ra $(PYTEST_ARGS)

test-fast: setup
	$(PY) -m pytest -q -m "not slow" $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

check: lint test

# A one-question plain interview with the default local model, traced: fails on any AF_INET/6 connect.
.PHONY: check-offline
check-offline:
	@bash scripts/check_offline.sh
