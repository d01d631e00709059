"""The web application: Django views, templates and static files over the store."""
