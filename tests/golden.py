"""Golden files for importers: a fixture export beside the records it must give.

``check(importer, fixture)`` extracts ``fixture`` and compares the records and errors
with ``<fixture>.expected.json`` next to it. Set ``PARTWAYS_UPDATE_GOLDEN=1`` to
(re)write the expected file after checking a change by eye (beangulp's way).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from partways.importers import Importer, Records, RowError


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def skipped_in_english(records: Records) -> dict[str, int]:
    """The rows an importer left out, by reason, the reasons in English."""
    return {reason.english(): n for reason, n in records.skipped.items()}


def as_plain(records: Records, errors: list[RowError], base: Path) -> dict[str, Any]:
    """Records and errors as JSON-ready data, paths relative to ``base``."""
    out: dict[str, Any] = {}
    for kind in records.kinds():
        rows = records.frames[kind].to_dicts()
        out[kind] = [{k: _plain(v) for k, v in row.items() if v is not None} for row in rows]
    if records.skipped:
        out["skipped"] = skipped_in_english(records)
    if records.notes:
        out["notes"] = [note.english() for note in records.notes]
    out["errors"] = [str(e).replace(str(base) + os.sep, "") for e in errors]
    return out


def check(importer: Importer, fixture: Path, **options: str) -> dict[str, Any]:
    """Extract ``fixture`` and compare with its golden file; returns the plain result."""
    importer.options.update(options)
    records, errors = importer.extract(fixture)
    got = as_plain(records, errors, fixture.parent)
    expected_file = fixture.with_name(fixture.name + ".expected.json")
    if os.environ.get("PARTWAYS_UPDATE_GOLDEN") == "1" or not expected_file.exists():
        expected_file.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
        if os.environ.get("PARTWAYS_UPDATE_GOLDEN") != "1":
            raise AssertionError(f"wrote {expected_file.name}: check it by eye, then re-run")
    expected = json.loads(expected_file.read_text())
    assert got == expected, f"{fixture.name}: extracted records differ from {expected_file.name}"
    return got
