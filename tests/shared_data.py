"""The real sample files in ../shared/data, when they are there (they are not shipped).

Tests over them are parametrised with :func:`shared_files`; without the folder they
show up as one skipped test saying why.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(
    os.environ.get("PARTWAYS_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)


def shared_files(folder: str, pattern: str = "*") -> list[Any]:
    """Files under ``SHARED/folder`` matching ``pattern`` (recursively), sorted."""
    base = SHARED / folder
    if not base.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{base} is not here"))]
    return sorted(p for p in base.rglob(pattern) if p.is_file())
