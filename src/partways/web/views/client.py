"""A client's page: signals with evidence and trends, flagged messages, the verdict."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from partways.core.signals.base import SEVERITY_POINTS
from partways.i18n import format_number
from partways.i18n.formats import format_month_short
from partways.store.analysis import cited_messages, flagged_messages
from partways.store.models import BusinessSettings, ClientVerdict, Message
from partways.store.verdicts import latest_run

from .. import charts, labels, records
from ..access import MANAGERS, client_for, role_required
from ..findings import worded, worded_evidence, worded_reasons
from ..templatetags.partways_tags import highlight_spans


@role_required(*MANAGERS)
def client_page(request: HttpRequest, client_id: int) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    client = client_for(member, client_id)
    run = latest_run()
    verdict = (
        ClientVerdict.objects.filter(run=run, client=client).first() if run is not None else None
    )
    context: dict[str, Any] = {
        "client": client,
        "run": run,
        "verdict": verdict,
        "currency": BusinessSettings.load().base_currency,
    }
    if verdict is not None:
        detail = verdict.detail
        signals = sorted(
            detail["signals"],
            key=lambda s: (-SEVERITY_POINTS[s["severity"]], s["id"]),
        )
        context["signals"] = [_card(client.pk, s) for s in signals]
        context["detail"] = detail
        context["reasons"] = worded_reasons(detail)
        context["strategies"] = [s["id"] for s in detail.get("strategies", [])]
        # The hard time a client told of is shown with the signs' evidence: it is why
        # the verdict reads acute [003 #3].
        cited = [e for s in detail["signals"] for e in s["evidence"]]
        context["flagged"] = flagged_messages(cited_messages([*detail.get("hardship", []), *cited]))
    return render(request, "partways/client.html", context)


def _card(client_id: int, sig: dict[str, Any]) -> dict[str, Any]:
    series = [(dt.date.fromisoformat(m), v) for m, v in sig.get("series", [])]
    title = labels.label(labels.SIGNALS, sig["id"])
    return {
        **sig,
        "title": title,
        "explanation": worded(sig.get("explanation_phrase"), sig["explanation"]),
        "evidence": [worded_evidence(client_id, e) for e in sig["evidence"]],
        "trend_svg": mark_safe(
            charts.trend(
                series,
                title=title,
                summary=_("Monthly value of this sign over the last year."),
                id_prefix=f"trend-{sig['id']}",
                threshold=sig.get("threshold"),
                threshold_label=_("threshold"),
                empty_text=_("No monthly values yet."),
                month_format=lambda d: format_month_short(d, get_language() or "en"),
                y_format=lambda v: format_number(v, get_language() or "en", 2),
            )
        ),
    }


@role_required(*MANAGERS)
def record_page(request: HttpRequest, client_id: int, kind: str, key: str) -> HttpResponse:
    """One record cited as evidence, shown within its client."""
    member = request.member  # type: ignore[attr-defined]
    client = client_for(member, client_id)
    record = records.load(client, kind, key)
    context: dict[str, Any] = {"client": client, "kind": kind, "record": record}
    if isinstance(record, Message):
        shown = flagged_messages([record.pk])
        context["text_html"] = highlight_spans(record.text, shown[0].spans) if shown else None
        context["labels"] = shown[0].labels if shown else {}
    context["currency"] = BusinessSettings.load().base_currency
    return render(request, "partways/record.html", context)


urlpatterns = [
    path("clients/<int:client_id>/", client_page, name="client"),
    path("clients/<int:client_id>/records/<str:kind>/<path:key>", record_page, name="record"),
]
