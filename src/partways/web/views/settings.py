"""Placeholder until this page family is written (issue 6, in progress)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from ..access import OWNER, role_required


@role_required(*OWNER)
def placeholder(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Not written yet.", status=501)


urlpatterns = [path("settings/", placeholder, name="settings")]
