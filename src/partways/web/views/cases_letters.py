"""A client's letters: preview in the client's language, edit, and download in every
format; and the key dates as a calendar file."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partways.i18n import render as word_finding
from partways.jobs.queue import submit
from partways.letters import LANGUAGES, LetterError, UnknownLanguage
from partways.letters.formats import FORMATS, to_ics
from partways.store.cases.letters import ApologyNeedsWhat, key_dates
from partways.store.cases.records import CaseError
from partways.store.models import Client, Job

from .. import cases_labels
from ..access import MANAGERS, client_for, role_required
from ..cases_letters import (
    CONTENT_TYPES,
    Prepared,
    download,
    draft_for,
    file_name,
    kinds_for,
    letter_as_text,
    letter_case,
    prepare,
    save_draft,
)
from ..letter_details import LetterDetailsForm
from ..refusals import worded

# What composing or writing a letter may raise: a template error, a language without
# letters, a case that can't be read, an address an e-mail can't carry, or a PDF
# library missing on the machine.
LETTER_FAILURES = (LetterError, UnknownLanguage, CaseError, ValueError, OSError)


class LetterForm(forms.Form):
    text = forms.CharField(
        max_length=20000,
        strip=False,
        label=gettext_lazy("The letter's text"),
        help_text=gettext_lazy(
            "The first line is the subject. Leave a blank line between paragraphs; "
            "start a line with “- ” for a bulleted list."
        ),
        widget=forms.Textarea(attrs={"rows": 22}),
    )

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"].replace("\r\n", "\n").strip()
        subject, _sep, body = text.partition("\n")
        if not subject.strip() or not body.strip():
            raise forms.ValidationError(
                _("Write the subject on the first line and the letter below it.")
            )
        return text + "\n"


def _letter_args(client_id: int, kind: str, lang: str, request: HttpRequest) -> tuple[Client, Any]:
    """The client and its case, after checking the letter exists for it (404 if not)."""
    member = request.member  # type: ignore[attr-defined]
    client = client_for(member, client_id)
    case = letter_case(client)
    if kind not in kinds_for(case) or lang not in LANGUAGES:
        raise Http404("No such letter.")
    return client, case


@role_required(*MANAGERS)
def client_letter(request: HttpRequest, client_id: int, kind: str, lang: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    client, case = _letter_args(client_id, kind, lang, request)
    about = request.GET.get("about", "").strip()[:500]
    here = reverse("client_letter", args=[client.pk, kind, lang])
    form = None
    details = LetterDetailsForm(client)
    if request.method == "POST" and "details" in request.POST:
        details = LetterDetailsForm(client, request.POST)
        if details.is_valid():
            details.save()
            messages.success(request, _("The details are saved; the letter uses them."))
            return redirect(_with_about(here, about))
    elif request.method == "POST":
        if "discard" in request.POST:
            draft = draft_for(client, case, kind, lang)
            if draft is not None:
                draft.delete()
            messages.success(request, _("The edits are discarded; the letter is written afresh."))
            return redirect(here)
        form = LetterForm(request.POST)
        if form.is_valid():
            save_draft(client, case, kind, lang, form.cleaned_data["text"], member.name)
            messages.success(request, _("The letter is saved; every download uses this text."))
            return redirect(here)
    context: dict[str, Any] = {
        "client": client,
        "case": case,
        "kind": kind,
        "kind_label": cases_labels.label(cases_labels.LETTER_KINDS, kind),
        "lang": lang,
        "about": about,
        "details": details,
        "languages": [
            (code, name, _with_about(reverse("client_letter", args=[client.pk, kind, code]), about))
            for code, name in LANGUAGES.items()
        ],
    }
    try:
        prepared = prepare(client, case, kind, lang, timezone.localdate(), about)
    except ApologyNeedsWhat:
        # Never guessed: the apology names what went wrong in the writer's own words.
        context["needs_about"] = True
        return render(request, "partways/cases/letter.html", context)
    except LETTER_FAILURES as exc:
        context["problem"] = worded(exc) if isinstance(exc, CaseError) else str(exc)
        return render(request, "partways/cases/letter.html", context)
    letter = prepared.letter
    context.update(
        letter=letter,
        draft=prepared.draft,
        to=prepared.addressed.to,
        warnings=prepared.addressed.warnings,
        form=form or LetterForm(initial={"text": _initial_text(prepared)}),
        downloads=[
            (
                cases_labels.label(cases_labels.FORMATS, fmt),
                ext,
                _with_about(
                    reverse("client_letter_download", args=[client.pk, kind, lang, fmt]), about
                ),
            )
            for fmt, ext in FORMATS.items()
            if fmt != PDF
        ],
        pdf=(
            cases_labels.label(cases_labels.FORMATS, PDF),
            FORMATS[PDF],
            reverse("client_letter_download", args=[client.pk, kind, lang, PDF]),
        ),
    )
    return render(request, "partways/cases/letter.html", context)


# The format written by a worker, as a job (the others are written as they are asked for).
PDF = "pdf"


def _with_about(url: str, about: str) -> str:
    return f"{url}?{urlencode({'about': about})}" if about else url


def _initial_text(prepared: Prepared) -> str:
    return prepared.draft.text if prepared.draft else letter_as_text(prepared.letter)


@role_required(*MANAGERS)
def client_letter_download(
    request: HttpRequest, client_id: int, kind: str, lang: str, fmt: str
) -> HttpResponse:
    client, case = _letter_args(client_id, kind, lang, request)
    if fmt not in FORMATS:
        raise Http404("No such format.")
    if fmt == PDF:
        return _queue_pdf(request, client, kind, lang)
    try:
        about = request.GET.get("about", "").strip()[:500]
        data = download(
            prepare(client, case, kind, lang, timezone.localdate(), about), fmt, timezone.now()
        )
    except LETTER_FAILURES as exc:
        messages.error(
            request, _("The letter could not be written: %(problem)s") % {"problem": exc}
        )
        return redirect("client_letter", client.pk, kind, lang)
    return _attachment(data, CONTENT_TYPES[fmt], file_name(client, f"{kind}-{lang}", fmt))


def _queue_pdf(request: HttpRequest, client: Client, kind: str, lang: str) -> HttpResponse:
    """Queue the letter's PDF for a worker (laying out a PDF takes seconds) and follow it
    on the job's page. Asked for with POST: each one is a job."""
    if request.method != "POST":
        return redirect("client_letter", client.pk, kind, lang)
    params = {
        "client_id": client.pk,
        "kind": kind,
        "lang": lang,
        "about": request.POST.get("about", "").strip()[:500],
        "today": timezone.localdate().isoformat(),
    }
    job = submit(Job.Kind.LETTER_PDF, params, user=request.user)
    return redirect("job", job_id=job.id)


@role_required(*MANAGERS)
def client_key_dates(request: HttpRequest, client_id: int) -> HttpResponse:
    """The open repair plan's review and the case's notice and end dates, as iCalendar."""
    member = request.member  # type: ignore[attr-defined]
    client = client_for(member, client_id)
    try:
        dates = key_dates(client.pk, lambda p: word_finding(p, isolated=False))
    except CaseError as exc:
        raise Http404(str(exc)) from None
    data = to_ics(
        dates,
        calendar_name=f"partways: {client.name}",
        uid_seed=f"partways-client-{client.pk}",
        stamp=timezone.now(),
    )
    return _attachment(data, "text/calendar; charset=utf-8", file_name(client, "dates", "ics"))


def _attachment(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
