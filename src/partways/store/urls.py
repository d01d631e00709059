"""URL routes: the web application, the REST API, and Django's admin for the owner."""

from django.contrib import admin
from django.urls import include, path

from partways.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("partways.web.urls")),
]

# Too many files in one upload is answered with the import's own page.
handler400 = "partways.web.views.errors.bad_request"
