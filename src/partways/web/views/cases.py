"""Repair plans, offboarding cases and letters: the routes of this page family.

The views live by feature in :mod:`.cases_repair`, :mod:`.cases_offboarding` and
:mod:`.cases_letters`; every one is for the owner and managers, within their clients.
"""

from django.urls import path

from .cases_letters import client_key_dates, client_letter, client_letter_download
from .cases_offboarding import client_offboard, client_offboard_step, offboarding_board
from .cases_repair import client_repair, repair_board

urlpatterns = [
    path("repair/", repair_board, name="repair_board"),
    path("clients/<int:client_id>/repair/", client_repair, name="client_repair"),
    path("offboarding/", offboarding_board, name="offboarding_board"),
    path("clients/<int:client_id>/offboard/", client_offboard, name="client_offboard"),
    path(
        "clients/<int:client_id>/offboard/steps/<str:step>/",
        client_offboard_step,
        name="client_offboard_step",
    ),
    path("clients/<int:client_id>/dates.ics", client_key_dates, name="client_key_dates"),
    path(
        "clients/<int:client_id>/letters/<str:kind>/<str:lang>/",
        client_letter,
        name="client_letter",
    ),
    path(
        "clients/<int:client_id>/letters/<str:kind>/<str:lang>/<str:fmt>/",
        client_letter_download,
        name="client_letter_download",
    ),
]
