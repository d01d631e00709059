"""Fuzzing every importer with mutated exports: read or refused, never a crash or a hang.

Each case is a seed export (see ``seeds.py``) with one to four mutations (see
``mutate.py``). Two levels:

* **extract**: the importer's ``identify`` and ``extract`` (where the parsing is),
  with the format forced as ``--format`` would, and again with the importer that
  ``identify`` picks when that is another one. Most cases run here: no database,
  a few milliseconds each. This level does not touch the database, so only the
  SQLite run of the suite runs it (the PostgreSQL run would repeat it exactly).
* **import**: ``partways import``'s own functions (``sources``, ``import_source``),
  a dry run or a real import, on SQLite and on PostgreSQL; a refused file or a dry
  run must leave every partways table as it was.

Every case must end in records or a refusal whose messages name the file, within
30 s. CI runs a fixed, derandomised set: 65 extract cases and 16 import cases per
format, 31 formats (2,015 + 496 = 2,511 cases, about a minute on two cores), plus
100 IMAP URLs. ``PARTWAYS_FUZZ_CASES=10000`` runs that many cases in all (nine
tenths extract), drawn afresh each run; a failure prints the shrunk input and a
``@reproduce_failure`` blob. The tally is printed after the run.
"""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partways.importers import ImportFailed
from partways.importers.imap.source import parse_url

from . import seeds as seed_files
from .harness import extract, import_path, time_limit
from .mutate import Case, cases
from .stats import STATS

LONG_CASES = int(os.environ.get("PARTWAYS_FUZZ_CASES", "0") or 0)
FORMATS = seed_files.formats()
EXTRACT_EACH = math.ceil(LONG_CASES * 0.9 / len(FORMATS)) if LONG_CASES else 65
IMPORT_EACH = math.ceil(LONG_CASES * 0.1 / len(FORMATS)) if LONG_CASES else 16
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        # CI replays the same cases every run; a long run draws new ones.
        derandomize=not LONG_CASES,
        database=None,
        deadline=None,  # the harness's own 30 s limit applies, on the wall clock
        print_blob=True,
        suppress_health_check=list(HealthCheck),
    )


def _seeds(fmt: str) -> list[seed_files.Seed]:
    found = seed_files.all_seeds().get(fmt)
    assert found, f"no seed export for the importer {fmt!r}: add a fixture for it"
    return found


def _written(case: Case, root: Path) -> Path:
    return seed_files.write(case.seed, case.files, root, case.archive)


def test_every_registered_importer_has_seeds() -> None:
    assert set(FORMATS) <= set(seed_files.all_seeds()), "an importer has no seed"


@pytest.mark.skipif(ON_POSTGRES, reason="reads files only: the SQLite run of the suite covers it")
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_mutated_export_is_read_or_refused(fmt: str) -> None:
    @_settings(EXTRACT_EACH)
    @given(case=cases(_seeds(fmt)))
    def run(case: Case) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            path = _written(case, Path(tmp))
            with time_limit():
                outcome = extract(path, fmt)
                STATS.record("extract", fmt, outcome, f"{case.seed.label} {case.done}")
                if outcome.identified not in (None, fmt):
                    extract(path, outcome.identified)

    run()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_mutated_export_imports_whole_or_writes_nothing(fmt: str) -> None:
    @_settings(IMPORT_EACH)
    @given(case=cases(_seeds(fmt)), dry_run=st.booleans(), named=st.booleans())
    def run(case: Case, dry_run: bool, named: bool) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            path = _written(case, Path(tmp))
            with time_limit():
                outcome = import_path(path, fmt if named else None, dry_run=dry_run)
            level = "import (dry run)" if dry_run else "import"
            STATS.record(level, fmt, outcome, f"{case.seed.label} {case.done}")

    run()


URLS = st.one_of(
    st.text(max_size=80),
    st.builds(
        "{}://{}{}{}/{}".format,
        st.sampled_from(["imap", "imaps", "IMAPS", "imap+ssl", ""]),
        st.sampled_from(["", "ana@", "ana:pw@", "a%40b@", "@", "ana@@"]),
        st.sampled_from(["host", "[::1", "[::1]", "[zz]", "[", "]", "h:o:s:t", "", "\u0130.com"]),
        st.sampled_from(["", ":", ":0", ":993", ":99999", ":-1", ":x", ":" + "9" * 30]),
        st.text(max_size=20),
    ),
)


@pytest.mark.skipif(ON_POSTGRES, reason="reads files only: the SQLite run of the suite covers it")
@_settings(100 if not LONG_CASES else 1000)
@given(url=URLS)
def test_any_imap_url_is_understood_or_refused_with_a_sentence(url: str) -> None:
    try:
        account = parse_url(url)
    except ImportFailed as exc:
        str(exc).encode("utf-8", "surrogatepass")
        return
    assert account.scheme in ("imap", "imaps") and account.host and account.user
    assert 0 < account.port < 65536 or account.port == 0
