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

.PHONY: system setup demo serve-demo messages test test-sqlite test-sqlite-cli-a test-sqlite-cli-b \
	test-sqlite-rest test-postgres lint typecheck bench docs clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned: the models extra (tier-1 text analysis, tested offline with a
	# tiny model) would otherwise pull the newest build with gigabytes of CUDA packages.
	$(BIN)/pip install --quiet $(TORCH)
	$(BIN)/pip install --quiet -e '.[dev,models]'
	touch $(STAMP)

# System packages (fonts, Chromium, Dovecot, PostgreSQL's client): installed as root
# through apt-get, or named in one line when they can't be.
system:
	bash scripts/system-setup

# The demo's owner log-in (the demo folder only; never use these for real data).
DEMO_OWNER ?= maja@studio-horvat.example
DEMO_PASSWORD ?= demo-password-2026

demo: setup
	PARTWAYS_HOME=$(DEMO_HOME) $(BIN)/partways demo --replace
	@echo
	@echo "The demo data is in $(DEMO_HOME). In the terminal, try:"
	@echo "  PARTWAYS_HOME=$(DEMO_HOME) $(BIN)/partways client 'Al Waha'"
	@echo "In the browser: http://127.0.0.1:8000/  log in as $(DEMO_OWNER) / $(DEMO_PASSWORD)"
	@$(MAKE) --no-print-directory serve-demo

serve-demo: setup
	PARTWAYS_HOME=$(DEMO_HOME) PARTWAYS_OWNER_EMAIL=$(DEMO_OWNER) \
	  PARTWAYS_OWNER_PASSWORD=$(DEMO_PASSWORD) PARTWAYS_OWNER_NAME="Maja Horvat" \
	  $(BIN)/partways serve

# The SQLite run goes in three parts beside the PostgreSQL run: most of the time goes to
# the `partways` processes, servers and browsers the tests start, and one SQLite run
# beside the PostgreSQL run left a core idle for minutes (23 minutes on a 2-core machine,
# against 30 allowed in CI). Each part's output is printed whole when it ends.
test: system setup lint typecheck
	$(MAKE) --no-print-directory -j4 --output-sync=target \
	  test-sqlite-cli-a test-sqlite-cli-b test-sqlite-rest test-postgres

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: setup
	$(BIN)/mypy src/partways

test-sqlite: setup
	env -u DATABASE_URL $(BIN)/pytest $(DURATIONS)

# The SQLite run's parts: the command-line tests in two halves of about equal time, and
# everything else. Together they are exactly `test-sqlite`.
CLI_HALF_A = tests/cli/test_offboarding_cmd.py tests/cli/test_setup_and_settings.py \
	tests/cli/test_demo_and_triage.py tests/cli/test_repair_cmd.py tests/cli/test_errors.py \
	tests/cli/test_eval_cmd.py tests/cli/test_readme_own_data.py \
	tests/cli/test_terminal_safety.py tests/cli/test_field_limit.py

test-sqlite-cli-a: setup
	env -u DATABASE_URL $(BIN)/pytest $(CLI_HALF_A) $(DURATIONS)

test-sqlite-cli-b: setup
	env -u DATABASE_URL $(BIN)/pytest tests/cli $(addprefix --ignore=,$(CLI_HALF_A)) $(DURATIONS)

test-sqlite-rest: setup
	env -u DATABASE_URL $(BIN)/pytest --ignore=tests/cli $(DURATIONS)

# The domain core, the importers' own tests, the letters, the import value checks and the
# triage evaluation (whose children always use a scratch SQLite file) never open the
# suite's database: the PostgreSQL run would only repeat them.
# (--ignore-glob: a plain --ignore does not drop a folder named in testpaths.)
NO_DATABASE_TESTS = --ignore=tests/core --ignore=tests/evaluation --ignore=tests/letters \
	--ignore=tests/test_import_values.py --ignore=tests/test_import_values_range.py \
	--ignore=tests/test_importing_docs.py --ignore=tests/test_english_runs.py \
	--ignore-glob='src/partways/importers/*'
# The reader-language tests word the same findings on either database: the words do not
# depend on it, and the SQLite run checks them (the browser's are with BROWSER_TESTS).
LANGUAGE_TESTS = --ignore=tests/cli/test_cli_languages.py --ignore=tests/cli/test_import_languages.py \
	--ignore=tests/cli/test_help_catalog.py
# The command line's own words and flow (offboarding and repair walk-throughs, the demo's
# tables, error wording, terminal safety, analyze, eval, serve and bench, the README's
# walk-through) are checked on SQLite. What those commands store goes through the same
# code that tests/web and tests/store check on PostgreSQL, and the command line's own
# database work (imports, values, settings, concurrency, races, a killed import) stays.
CLI_WORDING_TESTS = --ignore=tests/cli/test_offboarding_cmd.py --ignore=tests/cli/test_demo_and_triage.py \
	--ignore=tests/cli/test_eval_cmd.py --ignore=tests/cli/test_repair_cmd.py \
	--ignore=tests/cli/test_errors.py --ignore=tests/cli/test_readme_own_data.py \
	--ignore=tests/cli/test_analyze_cmd.py --ignore=tests/cli/test_terminal_safety.py \
	--ignore=tests/cli/test_serve_cmd.py --ignore=tests/cli/test_bench_cmd.py
# The browser tests check what a page does in Chromium (HTMX, the content policy,
# accessibility); the views behind them are checked on PostgreSQL by tests/web.
BROWSER_TESTS = --ignore=tests/browser
# The slowest tests of each run are listed at its end, to keep CI under its limit.
DURATIONS = --durations=20

test-postgres: setup
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(TEST_POSTGRES_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "== the suite on PostgreSQL ($(TEST_POSTGRES_URL)), less what never opens a database, the language, command-line wording and browser tests"; \
		DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/pytest $(NO_DATABASE_TESTS) $(LANGUAGE_TESTS) $(CLI_WORDING_TESTS) $(BROWSER_TESTS) $(DURATIONS); \
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

# The interface's translations: collect the strings (GNU gettext), the core's findings
# included (web/management/commands/makemessages.py), then compile them.
messages: setup
	$(BIN)/python scripts/help-catalog
	cd src/partways && DJANGO_SETTINGS_MODULE=partways.store.settings \
	  ../../$(BIN)/django-admin makemessages -l id -l hr -l ar --no-obsolete --no-location \
	  --ignore "evaluation/*" --ignore "demo/*" --ignore "bench/*" --ignore "letters/*"
	cd src/partways/web && DJANGO_SETTINGS_MODULE=partways.store.settings \
	  ../../../$(BIN)/django-admin compilemessages

clean:
	rm -rf $(VENV) .partways .pytest_cache .mypy_cache .ruff_cache
