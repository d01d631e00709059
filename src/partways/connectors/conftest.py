"""Set-up for the connectors' own tests: a throw-away data folder and database.

The same as ``tests/conftest.py`` does for the rest of the suite (these tests live
beside the connectors, as the importers' do beside the importers): credentials are
encrypted with the data folder's key, which must not be the user's own.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("PARTWAYS_HOME", tempfile.mkdtemp(prefix="partways-test-"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Put the SQLite test database in a fresh temporary directory."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        path: Path = tmp_path_factory.mktemp("db") / "partways-test.sqlite3"
        db.setdefault("TEST", {})["NAME"] = str(path)
