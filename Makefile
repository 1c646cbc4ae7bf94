# newsdesk: `make run` sets everything up and starts the app; `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: setup run test test-sqlite test-scale-out services lint bench catalogs db browser clean help

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned: argostranslate -> stanza -> torch would pull a multi-GB CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev,postgres]'
	touch $(STAMP)

setup: $(STAMP) catalogs  ## Create the virtualenv and install newsdesk with its dependencies.

catalogs: $(STAMP)  ## Compile the UI catalogs (.po -> .mo).
	$(BIN)/newsdesk i18n compile

db: setup  ## Create or migrate the SQLite database; demo stories and an admin on a new one.
	$(BIN)/newsdesk init --demo-if-empty

run: db  ## Set up, then serve on http://$(HOST):$(PORT) with the embedded job queue.
	$(BIN)/newsdesk serve --host $(HOST) --port $(PORT)

browser:  ## Install Debian's Chromium (browser tests) and a Java runtime (HTML checker), if missing.
	@missing=""; \
	  command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	  command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	  if [ -n "$$missing" ]; then \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	  fi

services:  ## Install Debian's PostgreSQL and Redis (scale-out run) and wrk (load tests), if missing.
	@missing=""; \
	  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	  command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	  command -v wrk >/dev/null 2>&1 || missing="$$missing wrk"; \
	  if [ -n "$$missing" ]; then \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	  fi

# pytest exits 5 when it collected no tests: that is a failure here, not a pass.
PYTEST = $(BIN)/python -m pytest

test: setup browser services  ## Import contracts, catalogs, then the whole suite on SQLite and on PostgreSQL + Redis.
	$(BIN)/lint-imports
	$(BIN)/newsdesk i18n check
	$(PYTEST)
	$(PYTEST) --scale-out

test-sqlite: setup browser  ## The suite on the embedded defaults only (SQLite, inline jobs).
	$(PYTEST)

test-scale-out: setup browser services  ## The suite on PostgreSQL + Redis, started on loopback.
	$(PYTEST) --scale-out

lint: $(STAMP)  ## ruff check, format check, and the import contracts (import-linter, pyproject.toml).
	$(BIN)/ruff check newsdesk tests bench
	$(BIN)/ruff format --check newsdesk tests bench
	$(BIN)/lint-imports

bench: setup services  ## Run every benchmark (M1-M5, the load test in M4, LIN, QA, EXACT); Markdown table on stdout.
	$(BIN)/python -m bench.run --only M1,M2,M3,M4,M5,LIN,QA,EXACT --reps 3 --long-reps 1

clean:  ## Remove the virtualenv and caches (keeps instance/).
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
