"""Placeholder until this page family is written (issue 6, in progress)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from ..access import OWNER, role_required


@role_required(*OWNER)
def placeholder(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Not written yet.", status=501)


urlpatterns = [
    path("clients/<int:client_id>/repair/", placeholder, name="client_repair"),
    path("clients/<int:client_id>/offboard/", placeholder, name="client_offboard"),
    path("repair/", placeholder, name="repair_board"),
    path("offboarding/", placeholder, name="offboarding_board"),
]
