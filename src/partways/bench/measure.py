"""One measurement in a fresh process: ``python -m partways.bench.measure MODE …``.

Run as a subprocess by :mod:`partways.bench.run`, so that neither the generator's
memory nor its warm Python objects count against what is measured. Prints one JSON
object on its last line of stdout.

Modes:

* ``full``: a full triage from the database (``load_business``, ``load_dataset``,
  ``compute``, ``triage``), wall time and peak resident memory per phase, then the
  re-triage of single clients reusing the full run's portfolio figures.
* ``subset --ids …``: the engine (``load_dataset`` for those clients + ``compute``).
* ``naive --ids …``: the per-client ORM implementation on the same clients.
* ``floor``: the floor of issue 19. Every engine table is written as typed Parquet
  (not timed), then scanned and grouped by client and month, in the business's time
  zone, with every number summed: what reading the same rows costs at the least.
* ``cold --ids ID``: the first triage of one client in a fresh process, as the command
  line runs it (``run_triage``), after Django has started; the start-up apart.

Peak memory is the kernel's high-water mark of resident memory (VmHWM). It is reset
at the start of each phase (``/proc/self/clear_refs``), so each phase reports its own
peak, which includes whatever earlier phases still hold, as a real run would.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


# --- memory --------------------------------------------------------------------------


def reset_peak() -> bool:
    """Reset this process's resident high-water mark (Linux ≥ 4.0); False if impossible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_mib() -> float:
    """Peak resident memory since the last reset (or since start), in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class Phases:
    """Wall time and peak memory of named phases."""

    def __init__(self) -> None:
        self.figures: dict[str, dict[str, float]] = {}
        self.resettable = reset_peak()

    def run(self, name: str, fn: Callable[[], T]) -> T:
        reset_peak()
        start = time.perf_counter()
        value = fn()
        self.figures[name] = {"seconds": time.perf_counter() - start, "peak_rss_mib": peak_mib()}
        return value


# --- instrumentation (timings inside the loader and the engine) ----------------------


class Breakdown:
    """Where the time goes: per loader table and per engine step.

    The loader calls ``progress(table)`` before reading each table, so the time between
    two calls is the previous table's read. Engine steps are timed by wrapping, in this
    process only, the functions the engine looks up at call time (its own helpers,
    the shared prepared frames, ``polars.collect_all``). The engine is being tuned, so
    whatever is missing is simply not timed. Only the full triage is recorded.
    """

    def __init__(self) -> None:
        self.tables: dict[str, float] = {}
        self.steps: dict[str, float] = {}
        self.active = True
        self._current: tuple[str, float] | None = None
        self._collects = 0

    def table(self, name: str) -> None:
        now = time.perf_counter()
        if self._current is not None:
            prev, start = self._current
            self.tables[prev] = now - start
        self._current = (name, now)

    def tables_done(self) -> None:
        # The last table's time runs to the end of load_dataset: it includes the
        # loader's post-processing (staff flag, archived filter, schema casts).
        if self._current is not None:
            last, start = self._current
            self.tables[f"{last} + post-processing"] = time.perf_counter() - start
        self._current = None

    def _timed(self, key: Callable[..., str], fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                if self.active:
                    k = key(*args, **kwargs)
                    self.steps[k] = self.steps.get(k, 0.0) + time.perf_counter() - start

        return wrapper

    def install(self) -> None:
        import polars as pl

        from partways.core import engine
        from partways.core.signals import context, progress

        patch = vars(engine)
        labels: dict[str, Callable[..., str]] = {
            "_window_and_series": lambda *a, **k: "engine._window_and_series (all signals)",
            "_results": lambda *a, **k: "engine._results: sentences + facts (all signals)",
            "_evidence": lambda *a, **k: "engine._evidence (all signals)",
        }
        for name, key in labels.items():
            if callable(patch.get(name)):
                patch[name] = self._timed(key, patch[name])
        if callable(vars(progress).get("compute")):
            vars(progress)["compute"] = self._timed(
                lambda *a, **k: "progress.compute: not_progressing", vars(progress)["compute"]
            )
        for prop, cached in vars(context.Context).items():
            if isinstance(cached, functools.cached_property):
                cached.func = self._timed(lambda *a, p=prop, **k: f"context.{p}", cached.func)

        # A lazily planned engine does its work inside polars.collect_all: number the
        # calls within each compute() so the report can tell them apart.
        compute = patch["compute"]

        def counted_compute(*args: Any, **kwargs: Any) -> Any:
            self._collects = 0
            return compute(*args, **kwargs)

        patch["compute"] = counted_compute
        collect_all = pl.collect_all

        def collect_label(lfs: Any, *a: Any, **k: Any) -> str:
            self._collects += 1
            return f"polars.collect_all #{self._collects} ({len(lfs)} plans)"

        vars(pl)["collect_all"] = self._timed(collect_label, collect_all)


# --- modes ---------------------------------------------------------------------------


def _live_ids() -> list[int]:
    from partways.store.models import Client

    return list(Client.objects.filter(archived=False).order_by("id").values_list("id", flat=True))


def spread(ids: list[int], n: int) -> list[int]:
    """``n`` ids evenly spread over ``ids`` (all of them when there are fewer)."""
    if n >= len(ids):
        return list(ids)
    return [ids[round(i * (len(ids) - 1) / (n - 1))] if n > 1 else ids[0] for i in range(n)]


def full(as_of: dt.date, retriage: int) -> dict[str, Any]:
    from partways.core.triage import triage
    from partways.store.business import load_business
    from partways.store.loader import load_dataset

    br = Breakdown()
    br.install()
    from partways.core.engine import compute  # after install: the instrumented one
    from partways.store.analysis import current_analyzer
    from partways.store.remembered import RememberingAnalyzer
    from partways.store.settings import data_home

    ph = Phases()
    business, cfg = ph.run("load_business", load_business)
    ds = ph.run("load_dataset", lambda: load_dataset(business, progress=br.table))
    br.tables_done()
    # The analyzer as run_triage gives it (what the engine reads of proposals' feedback).
    analyzer = RememberingAnalyzer(current_analyzer(), data_home())
    result = ph.run("compute", lambda: compute(ds, as_of, cfg, analyzer=analyzer))
    decisions = ph.run("triage", lambda: triage(result, ds, cfg))
    br.active = False
    phases = ph.figures
    total = sum(p["seconds"] for p in phases.values())
    peak = max(p["peak_rss_mib"] for p in phases.values())
    rows = {name: frame.height for name, frame in ds.tables().items()}
    recs: dict[str, int] = {}
    for d in decisions:
        recs[d.recommendation] = recs.get(d.recommendation, 0) + 1
    flagged = (
        result.results.filter(result.results["severity"] != "none")
        .group_by("signal")
        .len()
        .sort("signal")
    )

    # Re-triage one client at a time, reusing the full run's portfolio figures.
    runs = []
    for cid in spread(_live_ids(), retriage):
        t0 = time.perf_counter()
        one = load_dataset(business, client_ids=[cid])
        t1 = time.perf_counter()
        r1 = compute(one, as_of, cfg, analyzer=analyzer, portfolio=result.portfolio)
        t2 = time.perf_counter()
        triage(r1, one, cfg)
        t3 = time.perf_counter()
        runs.append(
            {
                "client_id": cid,
                "seconds": t3 - t0,
                "load": t1 - t0,
                "compute": t2 - t1,
                "triage": t3 - t2,
            }
        )
    secs = [r["seconds"] for r in runs]
    return {
        "phases": phases,
        "total_seconds": total,
        "peak_rss_mib": peak,
        "peak_resettable": ph.resettable,
        "dataset_rows": rows,
        "clients": len(decisions),
        "recommendations": recs,
        "flagged": {str(s): n for s, n in flagged.iter_rows()},
        "load_tables": br.tables,
        "compute_steps": br.steps,
        "retriage": {
            "runs": runs,
            "median_seconds": statistics.median(secs) if secs else None,
            "min_seconds": min(secs, default=None),
            "max_seconds": max(secs, default=None),
            "median_load": statistics.median(r["load"] for r in runs) if runs else None,
            "median_compute": statistics.median(r["compute"] for r in runs) if runs else None,
            "median_triage": statistics.median(r["triage"] for r in runs) if runs else None,
        },
    }


def _floor_plan(frame: Any, tz: str) -> Any:
    """A table's rows (a lazy frame), grouped by client and month, numbers summed; None
    for a table with no client or no date."""
    import polars as pl

    schema = frame.collect_schema()
    dates = [c for c, t in schema.items() if isinstance(t, pl.Date | pl.Datetime)]
    if "client_id" not in schema or not dates:
        return None
    when = pl.col(dates[0])
    if isinstance(schema[dates[0]], pl.Datetime):
        when = when.dt.convert_time_zone(tz)
    numbers = [
        c for c, t in schema.items() if t.is_numeric() and c != "client_id" and not c.endswith("id")
    ]
    return frame.group_by("client_id", when.dt.truncate("1mo").alias("month")).agg(
        pl.len(), *[pl.col(c).sum() for c in numbers]
    )


def floor(repeat: int, clients: int = 20) -> dict[str, Any]:
    import gc
    import tempfile

    import polars as pl

    from partways.store.business import load_business
    from partways.store.loader import load_dataset

    business, _cfg = load_business()
    ds = load_dataset(business)
    rows = 0
    with tempfile.TemporaryDirectory(prefix="partways-floor-") as folder:
        paths = []
        for name, frame in ds.tables().items():
            if frame.height:
                paths.append(Path(folder) / f"{name}.parquet")
                frame.write_parquet(paths[-1])
                rows += frame.height
        del ds, frame
        gc.collect()
        times = []
        peak = 0.0
        for _ in range(repeat):
            reset_peak()
            start = time.perf_counter()
            planned = (_floor_plan(pl.scan_parquet(p), business.time_zone) for p in paths)
            plans = [p for p in planned if p is not None]
            groups = sum(f.height for f in pl.collect_all(plans))
            times.append(time.perf_counter() - start)
            peak = max(peak, peak_mib())
        # One client's rows, from tables held in memory (as a warm server could hold
        # them): the floor of a re-triage.
        held = [pl.read_parquet(p) for p in paths]
        one = []
        for cid in spread(_live_ids(), clients):
            start = time.perf_counter()
            mine = (f.lazy().filter(pl.col("client_id") == cid) for f in held if "client_id" in f)
            grouped = (_floor_plan(m, business.time_zone) for m in mine)
            pl.collect_all([p for p in grouped if p is not None])
            one.append(time.perf_counter() - start)
    return {
        "one_client_seconds": statistics.median(one),
        "seconds": statistics.median(times),
        "all_seconds": times,
        "rows": rows,
        "groups": groups,
        "tables": len(plans),
        "peak_rss_mib": peak,
    }


def cold(as_of: dt.date, client_id: int, started: float) -> dict[str, Any]:
    from partways.store.triage import run_triage

    ready = time.perf_counter()
    outcome = run_triage(as_of, [client_id])
    done = time.perf_counter()
    assert len(outcome.decisions) == 1
    return {"seconds": done - ready, "start_up": ready - started, "client_id": client_id}


def _values(result: Any) -> dict[str, dict[str, float | None]]:
    out: dict[str, dict[str, float | None]] = {}
    for cid, sig, value in result.results.select("client_id", "signal", "value").iter_rows():
        out.setdefault(str(cid), {})[str(sig)] = value
    return out


def subset(as_of: dt.date, ids: list[int], repeat: int) -> dict[str, Any]:
    from partways.core.engine import compute
    from partways.store.business import load_business
    from partways.store.loader import load_dataset

    business, cfg = load_business()
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        ds = load_dataset(business, client_ids=ids)
        result = compute(ds, as_of, cfg)
        times.append(time.perf_counter() - start)
    return {"seconds": statistics.median(times), "all_seconds": times, "values": _values(result)}


def naive(as_of: dt.date, ids: list[int]) -> dict[str, Any]:
    from .naive import naive_values

    start = time.perf_counter()
    values = naive_values(as_of, ids)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "values": {str(c): v for c, v in values.items()}}


def main(argv: list[str] | None = None) -> None:
    started = time.perf_counter()
    parser = argparse.ArgumentParser(prog="python -m partways.bench.measure")
    parser.add_argument("mode", choices=["full", "subset", "naive", "floor", "cold"])
    parser.add_argument("--as-of", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--retriage", type=int, default=20)
    parser.add_argument("--ids", default="")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from partways.store.bootstrap import setup

    setup()
    ids = [int(i) for i in args.ids.split(",") if i]
    if args.mode == "full":
        out = full(args.as_of, args.retriage)
    elif args.mode == "subset":
        out = subset(args.as_of, ids, args.repeat)
    elif args.mode == "floor":
        out = floor(args.repeat)
    elif args.mode == "cold":
        out = cold(args.as_of, ids[0], started)
    else:
        out = naive(args.as_of, ids)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
