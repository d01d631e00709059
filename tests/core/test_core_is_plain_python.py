"""The domain core is plain Python and Polars: it imports neither Django nor any
language catalog, so every edge (CLI, web, letters, JSON) words its facts itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "src" / "partways" / "core"

SCRIPT = """
import gettext, importlib, pkgutil, sys
import partways.core as core
names = [m.name for m in pkgutil.walk_packages(core.__path__, "partways.core.")]
for name in names:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("django", "babel"))
print(len(names), loaded, len(getattr(gettext, "_translations", {})))
"""


def test_every_core_module_imports_without_django_or_a_catalog() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split(maxsplit=1)
    count, rest = int(out[0]), out[1]
    modules = sum(1 for p in CORE.rglob("*.py") if p.name != "__init__.py")
    assert count >= modules  # every module of the core was imported
    assert rest.strip() == "[] 0", rest
