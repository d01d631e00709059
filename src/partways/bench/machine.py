"""The machine and software a benchmark ran on, for the report."""

from __future__ import annotations

import datetime as dt
import os
import platform
from pathlib import Path
from typing import Any


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def _cores() -> int:
    # The cores this process may use (a container may see more than it gets).
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _database() -> str:
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT sqlite_version()")
            row = cur.fetchone()
            return f"SQLite {row[0] if row else '?'} (Python's sqlite3, as Django uses it)"
        cur.execute("SELECT version()")
        row = cur.fetchone()
        return str(row[0] if row else connection.vendor).split(" on ")[0]


def _readers() -> str:
    """Versions of the bulk readers installed (which one the loader uses is its choice)."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for dist in ("connectorx", "adbc-driver-sqlite", "adbc-driver-postgresql", "pyarrow"):
        try:
            found.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            continue
    return ", ".join(found)


def describe_host() -> dict[str, Any]:
    """The machine alone, for benchmarks that use no database."""
    ram = _ram_gib()
    return {
        "cpu": _cpu_model(),
        "cores": _cores(),
        "ram_gib": round(ram, 1) if ram else None,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def describe() -> dict[str, Any]:
    import django
    import polars

    return {
        **describe_host(),
        "polars": polars.__version__,
        "django": django.get_version(),
        "database": _database(),
        "readers": _readers(),
        "date": dt.date.today().isoformat(),
    }
