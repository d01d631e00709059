"""What a formal letter needs to know about a client that no export carries, asked for on
the letter's page: how to address the contact, the client's registered name and postal
address, and how its contract may be ended.

The command line sets the same fields (``partways clients contact | address | contract``);
a records file can carry them too.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy

from partways.letters.context import postal_lines
from partways.store.cases.records import contract_row, primary_contact
from partways.store.models import Client

GENDERS = [
    ("", gettext_lazy("not recorded")),
    ("female", gettext_lazy("female (Ms, gospođa, Ibu, السيدة)")),
    ("male", gettext_lazy("male (Mr, gospodin, Bapak, السيد)")),
]
ENDINGS = [
    ("", gettext_lazy("not recorded (read the strict way)")),
    ("any_time", gettext_lazy("at any time, with notice")),
    ("term_end", gettext_lazy("only at the end of a term, with notice")),
    ("for_cause", gettext_lazy("early only for cause; otherwise at the end of a term")),
]


class LetterDetailsForm(forms.Form):
    """The letter's details for one client: the fields of its primary contact and current
    contract appear only when it has them."""

    gender = forms.ChoiceField(label=gettext_lazy("Gender"), choices=GENDERS, required=False)
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("e.g. Dr., Prof."),
    )
    latin_name = forms.CharField(
        label=gettext_lazy("Name in Latin letters"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "For letters in English, Indonesian or Croatian, when the name is written in "
            "another script."
        ),
    )
    legal_name = forms.CharField(
        label=gettext_lazy("Registered name"), max_length=200, required=False
    )
    address = forms.CharField(
        label=gettext_lazy("Postal address"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One line per line of the address, as letters print it."),
    )
    ending = forms.ChoiceField(
        label=gettext_lazy("How the contract may be ended"),
        choices=ENDINGS,
        required=False,
        help_text=gettext_lazy("As its termination clause says."),
    )
    signed_on = forms.DateField(
        label=gettext_lazy("Signed on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, client: Client, *args: Any, **kwargs: Any) -> None:
        self.client = client
        self.contact = primary_contact(client)
        self.contract = contract_row(client)
        kwargs.setdefault("initial", self._stored())
        super().__init__(*args, **kwargs)
        if self.contact is None:
            for name in ("gender", "title", "latin_name"):
                del self.fields[name]
        if self.contract is None:
            for name in ("ending", "signed_on"):
                del self.fields[name]

    def _stored(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "legal_name": self.client.legal_name,
            "address": self.client.address,
        }
        if self.contact is not None:
            data.update(
                gender=self.contact.gender,
                title=self.contact.title,
                latin_name=self.contact.latin_name,
            )
        if self.contract is not None:
            data.update(ending=self.contract.ending, signed_on=self.contract.signed_on)
        return data

    def clean_address(self) -> str:
        return "\n".join(postal_lines(str(self.cleaned_data.get("address") or "")))

    def save(self) -> None:
        """Store every field shown, all together."""
        data = self.cleaned_data
        with transaction.atomic():
            self.client.legal_name = data["legal_name"].strip()
            self.client.address = data["address"]
            self.client.save(update_fields=["legal_name", "address"])
            if self.contact is not None:
                self.contact.gender = data["gender"]
                self.contact.title = data["title"].strip()
                self.contact.latin_name = data["latin_name"].strip()
                self.contact.save(update_fields=["gender", "title", "latin_name"])
            if self.contract is not None:
                self.contract.ending = data["ending"]
                self.contract.signed_on = data["signed_on"]
                self.contract.save(update_fields=["ending", "signed_on"])
