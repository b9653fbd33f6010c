# One command per task, the same for people and CI.
# The interpreter of the virtual environments: Debian's python3.11 where it is installed, else the
# python3 on PATH. Debian's interpreter is linked statically and built optimised; measured 16-21 %
# faster on extraction and assessment than pyenv's default build of 3.11 (a shared libpython,
# configured without --enable-optimizations).
PYTHON ?= $(firstword $(wildcard /usr/bin/python3.11) python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

BENCH_VENV := .venv-bench

.PHONY: demo test lint typecheck validate bench browser hpo-index unit-factors clean postgres

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev,bench]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/calcidx assess examples/case-idiopathic-fingertips.json

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy src

validate: $(STAMP)
	$(BIN)/calcidx knowledge validate

# Debian chromium + chromium-driver and a pinned axe-core for the browser tests (idempotent).
browser:
	bash scripts/ci/browser.sh

# A local PostgreSQL server for the registry tests (scripts/ci/postgres.sh: installs Debian's
# postgresql if missing, starts it on a loopback port). Its URL goes to $(PG_URL_FILE); in CI a
# failure here fails the build, locally the PostgreSQL tests are then skipped with the reason.
PG_URL_FILE := $(VENV)/postgres-url

postgres: $(STAMP)
	@if scripts/ci/postgres.sh > $(PG_URL_FILE).tmp; then mv $(PG_URL_FILE).tmp $(PG_URL_FILE); \
	elif [ "$$CI" = "true" ]; then echo "postgres: could not start PostgreSQL" >&2; exit 1; \
	else rm -f $(PG_URL_FILE).tmp; : > $(PG_URL_FILE); echo "postgres: not available; PostgreSQL tests will be skipped" >&2; fi

test: $(STAMP) browser lint typecheck validate postgres
	CALCIDX_TEST_POSTGRES_URL="$$(tail -n 1 $(PG_URL_FILE))" $(BIN)/pytest

# medspaCy pins spaCy < 3.8 (no memory zones), so its comparison runs in its own environment.
$(BENCH_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install -q --upgrade pip
	$(BENCH_VENV)/bin/pip install -q "medspacy>=1.3,<1.4"
	touch $(BENCH_VENV)/.installed

bench: $(STAMP) $(BENCH_VENV)/.installed
	$(BIN)/python bench/run.py

# Release step: rebuild the shipped HPO candidate index from the installed hpo3 release
# (`calcidx knowledge validate` fails when the shipped file no longer matches).
hpo-index: $(STAMP)
	$(BIN)/python scripts/build_hpo_index.py

# Release step: rewrite the shipped lab-unit conversion factors (case/data/unit_factors.json)
# after a change to analytes.yaml or case/data/units.txt (a test fails when they differ from pint).
unit-factors: $(STAMP)
	$(BIN)/python scripts/build_unit_factors.py

clean:
	rm -rf $(VENV) $(BENCH_VENV) .pytest_cache .mypy_cache .ruff_cache
