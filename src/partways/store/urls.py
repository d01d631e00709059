"""URL routes. The web application arrives with issue 6; until then only the admin."""

from django.contrib import admin
from django.urls import path

urlpatterns = [path("admin/", admin.site.urls)]
