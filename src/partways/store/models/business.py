import datetime as dt

from django.conf import settings
from django.db import models

from .fields import currency_field, money_field


class BusinessSettings(models.Model):
    """The business's own settings. There is one row; :meth:`load` creates it."""

    name = models.CharField(max_length=200, default="My business")
    time_zone = models.CharField(max_length=64, default="UTC")
    work_start = models.TimeField(default=dt.time(9, 0))
    work_end = models.TimeField(default=dt.time(18, 0))
    work_days = models.CharField(
        max_length=20,
        default="0,1,2,3,4",
        help_text="Working weekdays, 0 = Monday … 6 = Sunday, comma-separated.",
    )
    base_currency = currency_field(default="EUR")
    target_hourly_rate_minor = money_field(default=8000)
    default_cost_rate_minor = money_field(default=3500)
    own_addresses = models.TextField(
        blank=True,
        help_text="The business's own e-mail addresses and @domains, one per line: mail "
        "from these is outbound. Team members' addresses count as well.",
    )
    thresholds = models.JSONField(
        default=dict,
        blank=True,
        help_text="Overrides of the settings registry (partways.core.config), by key.",
    )
    # When the owner last went through the first-run set-up (``partways setup`` or the
    # web's first page); empty until then, so the set-up can offer this machine's time
    # zone instead of the default.
    configured_at = models.DateTimeField(null=True, blank=True)
    # Whether a person chose the base currency (at the set-up, in the settings): until
    # then the first import whose money is all in one currency sets it.
    currency_chosen = models.BooleanField(default=False)
    # The letterhead of a formal letter: the registered name, the address (one line
    # each), the company registration number, the town the date line names, and how
    # the client reaches the business.
    legal_name = models.CharField(max_length=200, blank=True, default="", db_default="")
    address = models.TextField(blank=True, default="", db_default="")
    registration = models.CharField(max_length=100, blank=True, default="", db_default="")
    place = models.CharField(max_length=100, blank=True, default="", db_default="")
    phone = models.CharField(max_length=50, blank=True, default="", db_default="")
    email = models.EmailField(blank=True, default="", db_default="")

    class Meta:
        verbose_name_plural = "business settings"

    @classmethod
    def load(cls) -> "BusinessSettings":
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj

    def __str__(self) -> str:
        return self.name


class ExchangeRate(models.Model):
    """How many units of the base currency one unit of ``currency`` is worth."""

    currency = currency_field(unique=True)
    rate_to_base = models.DecimalField(max_digits=20, decimal_places=10)

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.rate_to_base}"


class TeamMember(models.Model):
    """Someone who works in the business: the owner, a manager or a staff member."""

    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        MANAGER = "manager", "Manager"
        STAFF = "staff", "Staff"

    name = models.CharField(max_length=200)
    email = models.EmailField(unique=True)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.STAFF)
    # The login behind this person, when they use the web app; the role above decides
    # what that login may see (web/access.py).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    # The interface language this person chose (en, id, hr, ar); blank: the browser's.
    language = models.CharField(max_length=8, blank=True)
    # Under the signature of a letter, e.g. "Managing director".
    job_title = models.CharField(max_length=100, blank=True, default="", db_default="")
    # The digest e-mail of what moved: daily, weekly, or none.
    digest = models.CharField(
        max_length=6,
        choices=[("daily", "daily"), ("weekly", "weekly"), ("off", "off")],
        default="daily",
        db_default="daily",
    )
    # When this person's last digest was sent: the next one covers what moved since.
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name
