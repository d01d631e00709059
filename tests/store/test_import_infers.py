"""What an import infers from the files themselves, and says in its report: the base
currency of a workspace nobody chose one for, and clients' addresses from invoice
exports (with the mail already waiting for them matched again)."""

from __future__ import annotations

from pathlib import Path

import pytest

from partways.store import models as m
from partways.store.imports.run import ImportOptions, import_source, sources

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_business() -> None:
    """The settings as a new workspace has them, whatever ran before (the web tests'
    demo agency is a business that chose its currency, with exchange rates)."""
    m.BusinessSettings.objects.all().delete()
    m.ExchangeRate.objects.all().delete()


HEADER = (
    "Client Name,Contact Email,Client Currency,Invoice Invoice Number,Invoice Amount,"
    "Invoice Balance,Invoice Paid to Date,Invoice Discount,Invoice Date,Invoice Due Date,"
    "Invoice Status\n"
)


def _invoices(tmp_path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    """An Invoice Ninja v5 invoice report: (client, contact e-mail, currency, number)."""
    path = tmp_path / "invoiceninja_invoices.csv"
    lines = [
        f"{client},{email},{currency},{number},1200.00,0.00,1200.00,0.00,2026-03-02,"
        "2026-03-16,Paid\n"
        for client, email, currency, number in rows
    ]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def _import(path: Path):
    (source,) = sources([str(path)], None)
    report = import_source(source, ImportOptions(time_zone="UTC"))
    assert report.errors == [] and report.written, report
    return report


def test_a_first_import_all_in_one_currency_sets_the_base_currency(tmp_path):
    report = _import(
        _invoices(tmp_path, [("Lipa Cafe", "", "USD", "1"), ("Orbit", "", "usd", "2")])
    )
    assert m.BusinessSettings.load().base_currency == "USD"
    assert any(
        "the base currency is now USD" in n and "it was EUR" in n for n in map(str, report.notes)
    )
    assert set(m.Invoice.objects.values_list("currency", flat=True)) == {"USD"}


def test_a_chosen_currency_is_never_changed_by_an_import(tmp_path):
    settings = m.BusinessSettings.load()
    settings.currency_chosen = True
    settings.save()
    report = _import(_invoices(tmp_path, [("Lipa Cafe", "", "USD", "1")]))
    assert m.BusinessSettings.load().base_currency == "EUR"
    assert not any("base currency" in n for n in map(str, report.notes))


def test_money_in_two_currencies_leaves_the_base_currency_alone(tmp_path):
    _import(_invoices(tmp_path, [("Lipa Cafe", "", "USD", "1"), ("Orbit", "", "GBP", "2")]))
    assert m.BusinessSettings.load().base_currency == "EUR"


def test_money_already_stored_leaves_the_base_currency_alone(tmp_path):
    client = m.Client.objects.create(name="Older")
    m.Invoice.objects.create(
        client=client,
        number="0",
        issued_on="2026-01-05",
        due_on="2026-01-19",
        amount_minor=1000,
        currency="EUR",
    )
    _import(_invoices(tmp_path, [("Lipa Cafe", "", "USD", "1")]))
    assert m.BusinessSettings.load().base_currency == "EUR"


def test_an_invoice_exports_client_address_becomes_a_contact_and_claims_waiting_mail(tmp_path):
    mbox = tmp_path / "mail.mbox"
    mbox.write_text(
        "From dora@lipacafe.com Mon Mar  2 09:00:00 2026\n"
        "From: Dora <dora@lipacafe.com>\nTo: nika@studio.example\nSubject: Menu\n"
        "Date: Mon, 2 Mar 2026 09:00:00 +0000\nMessage-ID: <a1@lipacafe.com>\n\n"
        "Could you send the new menu?\n",
        encoding="utf-8",
    )
    _import(mbox)
    assert m.Message.objects.get().client_id is None
    report = _import(
        _invoices(
            tmp_path,
            [("Lipa Cafe", "billing@lipacafe.com", "EUR", "1"), ("Orbit", "", "EUR", "2")],
        )
    )
    lipa = m.Client.objects.get(name="Lipa Cafe")
    assert list(lipa.contacts.values_list("email", flat=True)) == ["billing@lipacafe.com"]
    # Dora writes from the same domain: her waiting message is Lipa Cafe's now.
    assert m.Message.objects.get().client_id == lipa.pk
    said = " ".join(map(str, report.notes))
    assert "learned 1 client address(es) from this file: billing@lipacafe.com → Lipa Cafe" in said
    assert "1 message(s) imported earlier without a client now have one" in said
    # Imported again: nothing new to learn.
    again = _import(_invoices(tmp_path, [("Lipa Cafe", "billing@lipacafe.com", "EUR", "1")]))
    assert not any("learned" in n for n in map(str, again.notes))


def test_an_address_of_your_own_or_another_clients_is_not_learned(tmp_path):
    settings = m.BusinessSettings.load()
    settings.own_addresses = "@studio.example"
    settings.save()
    orbit = m.Client.objects.create(name="Orbit")
    m.Contact.objects.create(client=orbit, name="Ana", email="ana@orbit.example")
    _import(
        _invoices(
            tmp_path,
            [
                ("Lipa Cafe", "accounts@studio.example", "EUR", "1"),
                ("Lipa Cafe", "ana@orbit.example", "EUR", "2"),
            ],
        )
    )
    lipa = m.Client.objects.get(name="Lipa Cafe")
    assert not lipa.contacts.exists()
    assert m.Invoice.objects.filter(client=orbit).count() == 0


def _mailbox(tmp_path: Path, owner: str, n: int) -> Path:
    """An mbox in which ``owner`` writes to, or hears from, a different client each time."""
    parts = []
    for i in range(n):
        other = f"person{i}@client{i % 7}.example"
        sender, to = (owner, other) if i % 2 else (other, owner)
        parts.append(
            f"From {sender} Mon Mar  2 09:00:00 2026\nFrom: {sender}\nTo: {to}\n"
            f"Subject: Note {i}\nDate: Mon, 2 Mar 2026 09:{i % 60:02d}:00 +0000\n"
            f"Message-ID: <m{i}@example>\n\nNote {i}.\n\n"
        )
    path = tmp_path / "mail.mbox"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def test_the_address_on_nearly_every_message_is_proposed_as_yours_not_applied(tmp_path):
    report = _import(_mailbox(tmp_path, "nika@nikadesign.example", 30))
    assert report.proposed_own == "nika@nikadesign.example"
    assert m.BusinessSettings.load().own_addresses == ""
    # Told it is theirs, the waiting mail from it is re-read as outbound.
    from partways.store.imports.apply import own_addresses

    assert own_addresses(["nika@nikadesign.example"])
    sent = m.Message.objects.filter(author_address="nika@nikadesign.example")
    assert sent.count() == 15 and set(sent.values_list("direction", flat=True)) == {"out"}
    assert not own_addresses(["nika@nikadesign.example"])  # nothing new the second time


def test_no_proposal_for_a_known_address_or_a_handful_of_messages(tmp_path):
    settings = m.BusinessSettings.load()
    settings.own_addresses = "@nikadesign.example"
    settings.save()
    assert _import(_mailbox(tmp_path, "nika@nikadesign.example", 30)).proposed_own == ""
    few = tmp_path / "few"
    few.mkdir()
    assert _import(_mailbox(few, "ivo@other.example", 5)).proposed_own == ""


def test_a_learned_address_can_be_forgotten_and_its_mail_is_matched_again(tmp_path):
    from partways.store.imports.resolve import ResolveError, forget

    mbox = tmp_path / "mail.mbox"
    mbox.write_text(
        "From billing@lipacafe.com Mon Mar  2 09:00:00 2026\n"
        "From: billing@lipacafe.com\nTo: nika@studio.example\nSubject: Invoice\n"
        "Date: Mon, 2 Mar 2026 09:00:00 +0000\nMessage-ID: <b1@lipacafe.com>\n\nPaid.\n",
        encoding="utf-8",
    )
    _import(_invoices(tmp_path, [("Lipa Cafe", "billing@lipacafe.com", "EUR", "1")]))
    _import(mbox)
    lipa = m.Client.objects.get(name="Lipa Cafe")
    assert m.Message.objects.get().client_id == lipa.pk
    result = forget("Billing@LipaCafe.com")
    assert (result.kind, result.client, result.released, result.waiting) == (
        "address",
        "Lipa Cafe",
        1,
        1,
    )
    assert not lipa.contacts.exists() and m.Message.objects.get().client_id is None
    with pytest.raises(ResolveError) as refused:
        forget("billing@lipacafe.com")
    assert refused.value.code == "not_known"
