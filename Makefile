# One task runner, the same locally and in CI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck pytest bench train clean lock

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

## Code the example corpus into the embedded store and print the events table.
run: $(STAMP)
	rm -f examples.duckdb
	$(BIN)/whimbrel run examples/ --db examples.duckdb --published 2024-03-15
	$(BIN)/whimbrel events --db examples.duckdb

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/whimbrel bench

## Build local learned-stage models from the dev splits of ../shared/data into out/models (never shipped).
train: $(STAMP)
	$(BIN)/python scripts/train.py --out out/models --data ../shared/data

lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) examples.duckdb .mypy_cache .ruff_cache .pytest_cache
