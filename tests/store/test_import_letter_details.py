"""A records file carries what letters need and no other export does: the contract's
ending terms and signing date, the client's registered name and address, and how its
contact is addressed. Imported once, then again with a change: stored, and updated."""

import datetime as dt
from pathlib import Path

import pytest

from partways.importers.records_file.importer import RecordsFileImporter
from partways.store import models as m
from partways.store.imports.apply import write_records

pytestmark = pytest.mark.django_db(transaction=True)

FILE = """\
partways: 1
clients:
  - name: Acme
    legal_name: Acme d.o.o.
    address: |
      Savska cesta 12
      10000 Zagreb
    contacts:
      - name: Ana Kovačić
        email: ana@acme.example
        primary: true
        gender: {gender}
        title: Dr.
  - name: Al Noor
    contacts:
      - name: ليلى حداد
        email: layla@alnoor.example
        latin_name: Layla Haddad
contracts:
  - client: Acme
    start: 2025-01-01
    end: 2025-12-31
    auto_renew: true
    ending: {ending}
    signed_on: 2024-12-20
"""


def _import(tmp_path: Path, **values: str):
    path = tmp_path / "records.yaml"
    path.write_text(FILE.format(**values), encoding="utf-8")
    records, errors = RecordsFileImporter().extract(path)
    assert not errors
    return write_records(records, [], importer="records", title="records", source=str(path))


def test_letter_details_are_imported_and_a_changed_file_updates_them(tmp_path: Path) -> None:
    _import(tmp_path, gender="female", ending="term_end")
    acme = m.Client.objects.get(name="Acme")
    assert (acme.legal_name, acme.address) == ("Acme d.o.o.", "Savska cesta 12\n10000 Zagreb")
    ana = acme.contacts.get()
    assert (ana.gender, ana.title) == ("female", "Dr.")
    contract = acme.contracts.get()
    assert (contract.ending, contract.signed_on) == ("term_end", dt.date(2024, 12, 20))
    layla = m.Contact.objects.get(email="layla@alnoor.example")
    assert layla.latin_name == "Layla Haddad"

    _import(tmp_path, gender="male", ending="any_time")
    assert acme.contacts.get().gender == "male"
    assert acme.contracts.get().ending == "any_time"
    assert m.Contract.objects.count() == 1 and m.Contact.objects.count() == 2


def test_an_ending_or_gender_that_is_not_one_of_the_choices_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "records.yaml"
    path.write_text(FILE.format(gender="x", ending="whenever"), encoding="utf-8")
    _, errors = RecordsFileImporter().extract(path)
    said = " ".join(e.message.english() for e in errors)
    assert "'whenever' is not one of any_time, term_end, for_cause" in said
    assert "'x' is not one of female, male" in said
