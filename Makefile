# partways: `make demo` sets up and runs the demo; `make test` sets up and runs every test.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The demo lives in its own data directory, so it never touches your real data.
DEMO_HOME ?= $(CURDIR)/.partways/demo
# The CPU build of PyTorch this machine kind keeps on disk; elsewhere, e.g.
# make setup TORCH='torch --index-url https://download.pytorch.org/whl/cpu'
TORCH ?= torch==2.13.0
# PostgreSQL for the second test run; skipped locally (not in CI) when it does not answer.
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: setup demo test test-sqlite test-postgres lint typecheck bench docs clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned: the models extra (tier-1 text analysis, tested offline with a
	# tiny model) would otherwise pull the newest build with gigabytes of CUDA packages.
	$(BIN)/pip install --quiet $(TORCH)
	$(BIN)/pip install --quiet -e '.[dev,models]'
	touch $(STAMP)

demo: setup
	PARTWAYS_HOME=$(DEMO_HOME) $(BIN)/partways demo --replace
	@echo
	@echo "The demo data is in $(DEMO_HOME). Try:"
	@echo "  PARTWAYS_HOME=$(DEMO_HOME) $(BIN)/partways client 'Al Waha'"

test: setup lint typecheck test-sqlite test-postgres

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: setup
	$(BIN)/mypy src/partways

test-sqlite: setup
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: setup
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(TEST_POSTGRES_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "== the same suite on PostgreSQL ($(TEST_POSTGRES_URL))"; \
		DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/pytest; \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL does not answer at $(TEST_POSTGRES_URL), and CI must test on it."; exit 1; \
	else \
		echo "== SKIPPED the PostgreSQL run: no server answers at $(TEST_POSTGRES_URL)"; \
		echo "   (start one, or set TEST_POSTGRES_URL; CI always runs it)"; \
	fi

bench: setup
	$(BIN)/partways bench
	$(BIN)/partways bench-import

docs: setup
	$(BIN)/python -c "from partways.core.config import settings_markdown as m; open('docs/settings.md','w').write(m())"
	$(BIN)/python -c "from partways.importers.docs import importing_markdown as m; open('docs/importing.md','w').write(m())"

clean:
	rm -rf $(VENV) .partways .pytest_cache .mypy_cache .ruff_cache
