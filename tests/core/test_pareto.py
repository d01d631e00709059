"""The portfolio view [001]: the top 20% of clients and their share of time and trouble."""

import datetime as dt

from partways.core.config import Thresholds
from partways.core.pareto import pareto
from partways.core.signals.context import Context
from partways.core.text.lexicon_analyzer import LexiconAnalyzer

from .builders import Build, at

AS_OF = dt.date(2026, 6, 30)


def test_001_top_fifth_of_clients_and_their_share_of_each_measure():
    b = Build()
    for cid in range(1, 11):
        b.client(cid, f"Client {cid:02d}")
        b.hours(cid, at(2026, 5, 4), 100 if cid <= 2 else 10, billable=cid != 1)
        b.message(cid, at(2026, 5, 5), "in")
    b.add("incidents", client_id=3, kind="other", occurred_at=at(2026, 5, 6))
    rows = {
        r.metric: r
        for r in pareto(Context(b.dataset(), Thresholds.defaults(), AS_OF, LexiconAnalyzer()))
    }
    hours = rows["hours"]
    assert hours.total == 280 and round(hours.top_share, 4) == round(200 / 280, 4)
    assert [name for name, _ in hours.top_clients] == ["Client 01", "Client 02"]
    assert rows["nonbillable_hours"].top_share == 1.0
    assert rows["incidents"].top_clients == [("Client 03", 1.0)]
    assert rows["messages"].top_share == 0.2
