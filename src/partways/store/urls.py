"""URL routes: the web application, and Django's admin for the owner."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("partways.web.urls")),
]
