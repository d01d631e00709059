"""Test-wide set-up: a throw-away data directory, and the PostgreSQL switch.

The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL is set
(`make test` runs both). Set PARTWAYS_HOME before Django reads its settings.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("PARTWAYS_HOME", tempfile.mkdtemp(prefix="partways-test-"))
