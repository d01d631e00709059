"""Error pages that say what was wrong, where Django's plain ones would only say 400."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import defaults


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Too many files in one upload get the import's own page; any other 400 Django's."""
    if isinstance(exception, TooManyFilesSent):
        context = {"most": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
        return render(request, "partways/imports/too_many_files.html", context, status=400)
    return defaults.bad_request(request, exception)
