from django.db import models

from .clients import Client
from .fields import currency_field, money_field, to_decimal


class Invoice(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="invoices")
    number = models.CharField(max_length=64)
    issued_on = models.DateField()
    due_on = models.DateField()
    amount_minor = money_field()
    currency = currency_field(default="EUR")
    disputed = models.BooleanField(default=False)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    written_off_minor = money_field(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "number"], name="invoice_number_per_client")
        ]
        indexes = [models.Index(fields=["client", "due_on"])]

    def __str__(self) -> str:
        return f"{self.number} {to_decimal(self.amount_minor)} {self.currency}"


class Payment(models.Model):
    # Null for money received that no invoice in partways accounts for (a Stripe
    # charge without an invoice); it still counts as revenue.
    invoice = models.ForeignKey(
        Invoice, null=True, blank=True, on_delete=models.CASCADE, related_name="payments"
    )
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="payments")
    # The invoice number as the export gave it: a payment imported before its invoice
    # is linked when the invoice arrives.
    invoice_number = models.CharField(max_length=64, blank=True, db_default="")
    paid_on = models.DateField()
    amount_minor = money_field()
    currency = currency_field(default="EUR")
    method = models.CharField(max_length=40, blank=True)

    class Meta:
        indexes = [models.Index(fields=["client", "paid_on"])]
