from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "partways.store"
    label = "partways"
    verbose_name = "partways"
    default_auto_field = "django.db.models.BigAutoField"
