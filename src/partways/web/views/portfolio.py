"""The portfolio: every client's recommendation, the Pareto chart and the movement."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from partways.core.triage import RECOMMENDATIONS
from partways.jobs.queue import submit
from partways.store.models import Job, TeamMember, TriageRun
from partways.store.verdicts import latest_run, previous_month_run

from .. import labels
from ..access import MANAGERS, OWNER, role_required
from ..portfolio import PAGE_SIZES, Query, cache_stamp, summary, table

# The cached parts are keyed by the triage runs they show, so they never go stale;
# the expiry only bounds the memory a long-running process keeps for old queries.
CACHE_SECONDS = 600


@role_required(*MANAGERS)
def portfolio(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    run = latest_run()
    query = Query.from_params(request.GET)
    context: dict[str, object] = {"run": run, "query": query}
    if run is not None:
        before = previous_month_run(run)
        stamp = cache_stamp(run, before, member)
        facts = summary(run, before, member, stamp)
        context["facts"] = facts
        table_html = _table_html(request, run, before, member, query, stamp, facts)
        # HTMX asks for the table alone when a filter or sort changes.
        if request.headers.get("HX-Request") and not request.headers.get(
            "HX-History-Restore-Request"
        ):
            response = HttpResponse(table_html)
            patch_vary_headers(response, ["HX-Request"])
            return response
        context["body_html"] = _cached(
            f"portfolio-body:{stamp}:{query}",
            lambda: render_to_string(
                "partways/portfolio_body.html",
                {
                    "run": run,
                    "query": query,
                    "facts": facts,
                    "table_html": table_html,
                    "pareto_svg": mark_safe(facts["pareto_svg"]),
                    "scatter_svg": mark_safe(facts["scatter_svg"]),
                    "recommendations": [
                        (r, labels.label(labels.RECOMMENDATIONS, r)) for r in RECOMMENDATIONS
                    ],
                    "signals": sorted(
                        ((k, str(v)) for k, v in labels.SIGNALS.items()), key=lambda kv: kv[1]
                    ),
                    "page_sizes": PAGE_SIZES,
                },
                request=request,
            ),
        )
    response = render(request, "partways/portfolio.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _table_html(
    request: HttpRequest,
    run: TriageRun,
    before: TriageRun | None,
    member: TeamMember,
    query: Query,
    stamp: str,
    facts: dict[str, Any],
) -> str:
    """The rendered table for this query, cached until the next triage.

    The rows change only when a triage runs (the stamp names the runs, the reader's
    clients and language), and rendering 50 rows is most of the page's cost.
    """

    def render_table() -> str:
        page, matching = table(run, before, member, query)
        return render_to_string(
            "partways/portfolio_table.html",
            {"page": page, "matching": matching, "facts": facts, "query": query},
            request=request,
        )

    return _cached(f"portfolio-table:{stamp}:{query}", render_table)


def _cached(name: str, render: Callable[[], str]) -> SafeString:
    """HTML our own templates rendered (and escaped), kept until the stamp changes."""
    key = hashlib.sha1(name.encode()).hexdigest()
    html: str | None = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)


@require_POST
@role_required(*OWNER)
def run_portfolio_triage(request: HttpRequest) -> HttpResponse:
    """Queue a triage of every client, as of the business's today, and follow it."""
    job = submit(Job.Kind.TRIAGE, user=request.user)
    return redirect("job", job_id=job.id)


urlpatterns = [
    path("portfolio/", portfolio, name="portfolio"),
    path("portfolio/triage/", run_portfolio_triage, name="run_triage"),
]
