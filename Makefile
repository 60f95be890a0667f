# The README's commands. `make demo` and `make test` each set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= dragoman.duckdb

.PHONY: setup demo test test-fast lint bench serve clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## demo: set up, code the bundled samples/ corpus into $(DB) and print the events table
demo: setup
	$(BIN)/dragoman code samples/ --db $(DB)

## test: set up, lint, type-check and run the whole test suite (what CI runs)
test: setup lint
	$(BIN)/python -m pytest

## test-fast: unit tests only (no model, no browser, no Spark)
test-fast: setup
	$(BIN)/python -m pytest -m "not model and not slow and not browser and not spark"

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

bench: setup
	$(BIN)/dragoman bench samples/

serve: setup
	$(BIN)/dragoman serve --db $(DB)

clean:
	rm -rf $(VENV) build dist *.egg-info $(DB)
