# Vroegsignaal. Two commands on a fresh Debian/Ubuntu machine: `make demo` and `make test`.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
RUN := $(UV) run --frozen
PORT ?= 8000

.PHONY: setup system-packages python-env node-env demo serve test test-pg test-sqlite lint bench clean

setup: system-packages python-env node-env ## install everything (idempotent)

system-packages:
	@scripts/install-system-packages

python-env:
	@command -v uv >/dev/null 2>&1 || [ -x "$(UV)" ] || python3 -m pip install --user --quiet uv || python3 -m pip install --quiet --break-system-packages uv
	$(UV) sync --frozen --quiet

node-env: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

# The demo runs as production does (DEBUG=false) with keys of its own, made once in var/demo.env
# (src/vroegsignaal/demo/environment.py); every demo command reads them.
DEMO_ENV := var/demo.env
WITH_DEMO_ENV := set -a && . ./$(DEMO_ENV) && set +a &&

demo: setup ## load a synthetic Twente region into SQLite and serve it on http://127.0.0.1:$(PORT)
	$(RUN) python -m vroegsignaal.demo.environment $(DEMO_ENV)
	$(WITH_DEMO_ENV) $(RUN) vroegsignaal migrate --no-input
	$(WITH_DEMO_ENV) $(RUN) vroegsignaal demo --seed 2026
	$(WITH_DEMO_ENV) $(RUN) vroegsignaal collectstatic --no-input --verbosity 0
	@echo "Vroegsignaal draait op http://127.0.0.1:$(PORT) (inloggegevens: docs/demo.md)"
	$(WITH_DEMO_ENV) $(RUN) vroegsignaal runserver --insecure 127.0.0.1:$(PORT)

test: setup lint ## the whole suite: PostgreSQL (started here) with browser tests, then SQLite
	$(RUN) vroegsignaal makemigrations --check --dry-run
	scripts/with-postgres $(RUN) pytest -p no:cacheprovider -n 2 $(PYTEST_ARGS)
	$(RUN) pytest -p no:cacheprovider -n 2 -m "not e2e and not postgres" $(PYTEST_ARGS)

lint:
	$(RUN) ruff check .
	$(RUN) ruff format --check .

bench: setup ## performance figures into benchmarks/results/
	scripts/with-postgres $(RUN) python -m benchmarks

clean:
	rm -rf var/ .venv/ node_modules/
