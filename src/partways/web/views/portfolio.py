"""The portfolio: every client's recommendation, the Pareto chart and the movement."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partways.core.dataset import DataError
from partways.core.triage import RECOMMENDATIONS
from partways.store.triage import run_triage
from partways.store.verdicts import latest_run

from .. import labels
from ..access import MANAGERS, OWNER, role_required
from ..portfolio import PAGE_SIZES, SORTS, Query, summary, table


@role_required(*MANAGERS)
def portfolio(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    run = latest_run()
    query = Query.from_params(request.GET)
    context: dict[str, object] = {"run": run, "query": query}
    if run is not None:
        page, matching = table(run, member, query)
        facts = summary(run, member)
        context.update(
            page=page,
            matching=matching,
            facts=facts,
            pareto_svg=mark_safe(facts["pareto_svg"]),
            scatter_svg=mark_safe(facts["scatter_svg"]),
            recommendations=[(r, labels.label(labels.RECOMMENDATIONS, r)) for r in RECOMMENDATIONS],
            signals=sorted(((k, str(v)) for k, v in labels.SIGNALS.items()), key=lambda kv: kv[1]),
            sorts=list(SORTS),
            page_sizes=PAGE_SIZES,
        )
    # HTMX asks for the table alone when a filter or sort changes.
    if request.headers.get("HX-Request") and run is not None:
        return render(request, "partways/portfolio_table.html", context)
    return render(request, "partways/portfolio.html", context)


@require_POST
@role_required(*OWNER)
def run_portfolio_triage(request: HttpRequest) -> HttpResponse:
    """Triage every client now, as of today, and show the fresh verdicts."""
    try:
        outcome = run_triage(dt.date.today())
    except DataError as exc:
        messages.error(request, _("The triage could not run: %(problem)s") % {"problem": exc})
    else:
        messages.success(request, _("Triage done: %(n)d clients.") % {"n": len(outcome.decisions)})
    return redirect("portfolio")


urlpatterns = [
    path("portfolio/", portfolio, name="portfolio"),
    path("portfolio/triage/", run_portfolio_triage, name="run_triage"),
]
