"""The web app's routes: each feature module owns its own ``urlpatterns``."""

from django.urls import include, path

urlpatterns = [
    path("", include("partways.web.views.home")),
    path("", include("partways.web.views.portfolio")),
    path("", include("partways.web.views.client")),
    path("", include("partways.web.views.incidents")),
    path("", include("partways.web.views.cases")),
    path("", include("partways.web.views.imports")),
    path("", include("partways.web.views.jobs")),
    path("", include("partways.web.views.account")),
    path("", include("partways.web.views.webhooks")),
    path("", include("partways.web.views.connections")),
    path("", include("partways.web.views.who_is_who")),
    path("", include("partways.web.views.settings")),
    path("", include("partways.web.views.first_run")),
]
