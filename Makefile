# The README's commands. `make demo` and `make test` each set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= dragoman.duckdb

.PHONY: setup demo test test-fast lint audit bench serve clean chromium

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --require-hashes -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e '.[dev,spark]'
	touch $(STAMP)

setup: $(STAMP)

## demo: set up, code the bundled samples/ corpus into $(DB) and print the events table
demo: setup
	$(BIN)/dragoman code samples/ --db $(DB)

## chromium: Debian's chromium for the browser tests, installed with apt-get when it is
## missing and we are root; without it the browser tests skip (with their reason)
CHROMIUM := /usr/bin/chromium
chromium:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian chromium for the browser tests (apt-get)"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	    || echo "warning: apt-get could not install chromium: the browser tests will be skipped"; \
	else \
	  echo "note: no $(CHROMIUM) and no root apt-get to install it: the browser tests will be skipped"; \
	fi

## test: set up, lint, type-check, audit the dependencies and run the whole test suite (CI)
test: setup lint audit chromium
	$(BIN)/python -m pytest

## audit: known vulnerabilities in the locked dependencies (pip-audit, in its own venv);
## reports and goes on when the vulnerability service cannot be reached
audit: setup
	bash tools/audit.sh

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
