"""One module per page family; each holds its views and its own ``urlpatterns``."""
