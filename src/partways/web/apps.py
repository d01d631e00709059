from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "partways.web"
    label = "web"
    verbose_name = "partways web"

    def ready(self) -> None:
        # Registers the production checks with Django's system check framework.
        from . import production  # noqa: F401
