"""The engine against an independent oracle, on a small synthetic portfolio.

``partways.bench.naive`` recomputes every signal client by client through the ORM in
plain Python; the engine computes them over whole tables in Polars. On the same
generated data both must give the same window value for every client and signal.
``transaction=True`` because the generator and the loader write and read through
their own (ADBC) connections, which cannot see an uncommitted test transaction.
"""

from __future__ import annotations

import math

import pytest

from partways.bench.generate import AS_OF, generate
from partways.bench.naive import naive_values
from partways.core.engine import compute
from partways.core.signals import SIGNAL_IDS, context
from partways.store.business import load_business
from partways.store.loader import load_dataset

pytestmark = pytest.mark.django_db(transaction=True)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    # Sums of floats in another order differ in the last bits, nothing more.
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


@pytest.mark.parametrize("streamed", [False, True], ids=["in memory", "streamed"])
def test_engine_matches_the_naive_per_client_oracle(
    streamed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A large portfolio's biggest plans run on Polars' streaming engine (from
    # context.STREAMING_ROWS rows on); both ways must agree with the oracle.
    monkeypatch.setattr(context, "STREAMING_ROWS", 0 if streamed else 10**12)
    generate(clients=30, time_entries=20_000, invoices=2_000, messages=10_000, seed=11)
    business, cfg = load_business()
    ds = load_dataset(business)
    result = compute(ds, AS_OF, cfg)
    engine: dict[int, dict[str, float | None]] = {}
    for client_id, signal, value in result.results.select(
        "client_id", "signal", "value"
    ).iter_rows():
        engine.setdefault(client_id, {})[str(signal)] = value

    naive = naive_values(AS_OF, cfg=cfg)

    assert set(engine) == set(naive)
    assert len(naive) >= 25  # a few generated clients are archived
    mismatches = [
        (cid, sid, engine[cid].get(sid), naive[cid][sid])
        for cid in sorted(naive)
        for sid in SIGNAL_IDS
        if not _same(engine[cid].get(sid), naive[cid][sid])
    ]
    assert not mismatches, "\n".join(
        f"client {c} {s}: engine {e!r}, naive {n!r}" for c, s, e, n in mismatches
    )
    # The portfolio is varied enough that the comparison means something: every signal
    # has a judged value somewhere, and most fire for at least one client.
    for sid in SIGNAL_IDS:
        assert any(v[sid] is not None for v in naive.values()), sid
    flagged = result.results.filter(result.results["severity"] != "none")
    assert flagged.get_column("signal").n_unique() >= 10


def test_streamed_and_in_memory_plans_give_the_same_triage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Which engine runs the largest plans depends on the portfolio's size; what a client
    # is told must not: the same values, severities, evidence rows and series either way.
    generate(clients=30, time_entries=20_000, invoices=2_000, messages=10_000, seed=5)
    business, cfg = load_business()
    ds = load_dataset(business)
    results = []
    for rows in (10**12, 0):
        monkeypatch.setattr(context, "STREAMING_ROWS", rows)
        results.append(compute(ds, AS_OF, cfg))
    memory, streamed = results
    assert memory.results.select("client_id", "signal", "severity", "explanation").equals(
        streamed.results.select("client_id", "signal", "severity", "explanation")
    )
    for a, b in zip(memory.results["value"], streamed.results["value"], strict=True):
        assert _same(a, b)
    assert memory.evidence.equals(streamed.evidence)
    assert memory.series.select("client_id", "signal", "month", "severity").equals(
        streamed.series.select("client_id", "signal", "month", "severity")
    )
    # The findings' numbers may differ in their last bits (a mean over a column that came
    # back in other chunks); what they say may not.
    assert memory.findings.keys() == streamed.findings.keys()
    for key, finding in memory.findings.items():
        assert finding.english() == streamed.findings[key].english(), key
