"""The portfolio page's data: the latest triage's verdicts, filtered, sorted and paged.

Everything is read from the stored verdicts (store/verdicts.py), never computed per
request. The charts and the month-on-month movement depend only on the run and on
whose clients are shown, so they are cached per (run, scope, language).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Case, F, FloatField, IntegerField, QuerySet, Value, When
from django.db.models.functions import Cast, NullIf
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from partways.core.triage import RECOMMENDATIONS
from partways.store.business import load_business
from partways.store.models import BusinessSettings, ClientVerdict, TeamMember, TriageRun

from . import charts, labels

PAGE_SIZE = 50
PAGE_SIZES = (25, 50, 100, 200)
# Severity order for sorting by recommendation: the most urgent first.
REC_RANK: dict[str, int] = {rec: i for i, rec in enumerate(RECOMMENDATIONS)}
SORTS = {
    "name": "client__name",
    "score": "score",
    "recommendation": "rec_rank",
    "signals": "signal_count",
    "revenue": "revenue_minor",
    "hours": "hours",
    "rate": "rate",
}
DEFAULT_SORT = ("score", "desc")
SCATTER_MAX = 400


@dataclass(frozen=True)
class Query:
    """What the reader asked for in the address bar, cleaned."""

    recommendation: str = ""
    signal: str = ""
    search: str = ""
    sort: str = DEFAULT_SORT[0]
    direction: str = DEFAULT_SORT[1]
    page: int = 1
    per_page: int = PAGE_SIZE

    @classmethod
    def from_params(cls, params: Any) -> Query:
        rec = params.get("rec", "")
        sig = params.get("signal", "")
        sort = params.get("sort", DEFAULT_SORT[0])
        direction = params.get("dir", "")
        page = _int(params.get("page"), 1)
        per_page = _int(params.get("per"), PAGE_SIZE)
        return cls(
            recommendation=rec if rec in REC_RANK else "",
            signal=sig if sig in labels.SIGNALS else "",
            # PostgreSQL refuses NUL in text; nobody types one in a name.
            search=params.get("q", "").replace("\x00", "").strip()[:100],
            sort=sort if sort in SORTS else DEFAULT_SORT[0],
            direction=direction if direction in ("asc", "desc") else _default_dir(sort),
            page=max(1, page),
            per_page=per_page if per_page in PAGE_SIZES else PAGE_SIZE,
        )


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text else default
    except ValueError:
        return default


def _default_dir(sort: str) -> str:
    return "asc" if sort in ("name", "recommendation") else "desc"


@dataclass
class Row:
    verdict: ClientVerdict
    previous: tuple[str, float] | None
    signals: list[str] = field(default_factory=list)

    @property
    def score_change(self) -> float | None:
        return None if self.previous is None else round(self.verdict.score - self.previous[1], 1)

    @property
    def recommendation_changed(self) -> bool:
        return self.previous is not None and self.previous[0] != self.verdict.recommendation


def scoped(run: TriageRun, member: TeamMember) -> QuerySet[ClientVerdict]:
    """The run's verdicts for the clients ``member`` may see."""
    qs = ClientVerdict.objects.filter(run=run)
    if member.role == TeamMember.Role.OWNER:
        return qs
    return qs.filter(client__manager=member) if member.pk else qs.none()


def table(
    run: TriageRun, before: TriageRun | None, member: TeamMember, query: Query
) -> tuple[Page[Row], int]:
    """One page of rows and the number of verdicts matching the filters."""
    qs = scoped(run, member)
    if query.recommendation:
        qs = qs.filter(recommendation=query.recommendation)
    if query.signal:
        qs = qs.filter(signs__signal=query.signal)
    if query.search:
        qs = qs.filter(client__name__icontains=query.search)
    qs = qs.annotate(
        rec_rank=Case(
            *[When(recommendation=r, then=Value(i)) for r, i in REC_RANK.items()],
            output_field=IntegerField(),
        ),
        rate=Cast(F("revenue_minor"), FloatField()) / NullIf(F("hours"), 0.0),
    )
    key = F(SORTS[query.sort])
    order = key.desc(nulls_last=True) if query.direction == "desc" else key.asc(nulls_last=True)
    qs = qs.select_related("client").defer("detail").order_by(order, "client__name")
    page = Paginator(qs, query.per_page).get_page(query.page)
    verdicts = list(page.object_list)
    previous = _previous(before, [v.client_id for v in verdicts])
    signs = _signs([v.pk for v in verdicts])
    rows = [Row(v, previous.get(v.client_id), signs.get(v.pk, [])) for v in verdicts]
    page.object_list = rows  # type: ignore[assignment]
    return page, page.paginator.count  # type: ignore[return-value]


def _previous(before: TriageRun | None, client_ids: list[int]) -> dict[int, tuple[str, float]]:
    if before is None or not client_ids:
        return {}
    rows = ClientVerdict.objects.filter(run=before, client_id__in=client_ids)
    return {c: (r, s) for c, r, s in rows.values_list("client_id", "recommendation", "score")}


def _signs(verdict_ids: list[int]) -> dict[int, list[str]]:
    from partways.store.models import VerdictSignal

    out: dict[int, list[str]] = {}
    rows = VerdictSignal.objects.filter(verdict_id__in=verdict_ids).order_by("signal")
    for vid, sig in rows.values_list("verdict_id", "signal"):
        out.setdefault(vid, []).append(sig)
    return out


def cache_stamp(run: TriageRun, before: TriageRun | None, member: TeamMember) -> str:
    """What the portfolio's cached parts depend on: the runs, whose clients, the language.

    Run ids alone could be reused (SQLite, after a rollback): the timestamps make the
    stamp unique. A new run for an earlier month changes the movement, so it counts
    too; so do the business's currency and target rate, and which clients a manager has.
    """
    stamp = f"{run.pk}.{run.ran_at.timestamp()}"
    if before is not None:
        stamp += f":{before.pk}.{before.ran_at.timestamp()}"
    # The currency, the target rate and the Pareto share are drawn into the charts and
    # the table; with
    # several server processes, each has its own cache, so a change must show in the key.
    business = BusinessSettings.objects.filter(pk=1).values_list(
        "base_currency", "target_hourly_rate_minor", "thresholds"
    )
    stamp += f":{list(business)}"
    if member.role == TeamMember.Role.OWNER:
        scope = "all"
    else:
        ids = tuple(scoped(run, member).values_list("client_id", flat=True).order_by("client_id"))
        scope = f"m{member.pk}.{hash(ids)}"
    return f"{stamp}:{scope}:{get_language()}"


def summary(
    run: TriageRun, before: TriageRun | None, member: TeamMember, stamp: str
) -> dict[str, Any]:
    """Counts per recommendation, movement since last month and the two charts (cached)."""
    key = "portfolio-summary:" + hashlib.sha1(stamp.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _summary(run, before, member)
        cache.set(key, found, 600)
    return found  # type: ignore[no-any-return]


def _summary(run: TriageRun, before: TriageRun | None, member: TeamMember) -> dict[str, Any]:
    rows = list(
        scoped(run, member).values_list(
            "client_id", "client__name", "recommendation", "score", "revenue_minor", "hours"
        )
    )
    counts = Counter(r[2] for r in rows)
    movement: dict[str, Any] = {"since": before.as_of if before else None}
    if before is not None:
        old = dict(scoped(before, member).values_list("client_id", "recommendation").iterator())
        worse = better = new = 0
        for client_id, _name, rec, *_rest in rows:
            if client_id not in old:
                new += 1
            elif REC_RANK[rec] < REC_RANK.get(old[client_id], len(REC_RANK)):
                worse += 1
            elif REC_RANK[rec] > REC_RANK.get(old[client_id], -1):
                better += 1
        movement.update(worse=worse, better=better, new=new)
    business, cfg = load_business()
    top_share = cfg["pareto.top_share"]
    currency = business.base_currency
    hours = [(name, h or 0.0) for _c, name, _r, _s, _rev, h in rows]
    pareto_svg = charts.pareto_curve(
        hours,
        title=_("Who takes the hours"),
        summary=_("Cumulative share of the hours logged, clients from most to least hours."),
        id_prefix="pareto-hours",
        top_share=top_share,
        x_label=_("Share of clients"),
        y_label=_("Share of hours"),
        empty_text=_("No hours logged in the window."),
    )
    plotted = [r for r in rows if r[4] is not None and r[5] is not None]
    # Beyond a few hundred points the scatter is a blot and the page grows by a
    # quarter of a megabyte: the clients that need attention come first, then the
    # busiest of the rest.
    plotted.sort(key=lambda r: (REC_RANK[r[2]], -(r[5] or 0.0)))
    shown = plotted[:SCATTER_MAX]
    points = [
        charts.Point(
            label=name,
            x=h or 0.0,
            y=(rev or 0) / 100,
            css=f"rec-{rec}",
            href=reverse("client", args=[client_id]),
        )
        for client_id, name, rec, _s, rev, h in shown
    ]
    scatter_svg = charts.scatter(
        points,
        title=_("Revenue against hours"),
        summary=_("One point per client; the dashed line is your target hourly rate."),
        id_prefix="revenue-hours",
        x_label=_("Hours"),
        y_label=_("Revenue (%(currency)s)") % {"currency": currency},
        reference_slope=business.target_hourly_rate_minor / 100,
        reference_label=_("target rate"),
        empty_text=_("No revenue or hours in the window."),
    )
    top = sorted(hours, key=lambda r: -r[1])
    share = 0.0
    total = sum(h for _n, h in hours)
    if total:
        n_top = max(1, math.ceil(len(hours) * top_share))
        share = sum(h for _n, h in top[:n_top]) / total
    return {
        "counts": [(rec, counts.get(rec, 0)) for rec in RECOMMENDATIONS],
        "total": len(rows),
        "movement": movement,
        "pareto_svg": pareto_svg,
        "scatter_svg": scatter_svg,
        "top_share": share,
        "top_share_pct": round(share * 100),
        "top_clients_pct": round(top_share * 100),
        "scatter_shown": len(shown),
        "scatter_total": len(plotted),
        "currency": currency,
    }
