"""What `clients alias` takes: a name, an address or @domain; nothing that names nothing."""

import pytest

from partways.store import models as m
from partways.store.imports.resolve import ResolveError, add_alias

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme() -> int:
    return m.Client.objects.create(name="Acme").pk


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("", "the alias is empty"),
        ("  \t", "the alias is empty"),
        ("@", "is not a domain"),
        ("@ ", "is not a domain"),
        ("@acme", "is not a domain"),
        ("@acme..example", "is not a domain"),
        ("@a@b.example", "is not a domain"),
        ("ana@", "is not an e-mail address"),
        ("ana@acme", "is not an e-mail address"),
        ("x" * 201, "longer than 200 characters"),
    ],
)
def test_an_alias_that_names_nothing_is_refused_and_nothing_is_added(acme, alias, expected):
    with pytest.raises(ResolveError, match=expected):
        add_alias(alias, acme)
    assert not m.ClientAlias.objects.exists()
    assert not m.ClientDomain.objects.exists()
    assert not m.Contact.objects.exists()


@pytest.mark.parametrize(
    ("alias", "kind"),
    [
        ("ACME Web", "name"),
        ("Studio @ Home", "name"),  # words around an @ are a name
        ("ana@acme.example", "address"),
        ("@acme.example", "domain"),
    ],
)
def test_names_addresses_and_domains_are_taken(acme, alias, kind):
    assert add_alias(alias, acme).kind == kind
