"""The help texts the translators see are the command line's own (issue 16)."""

from __future__ import annotations

from pathlib import Path

import typer

import partways.cli.help_catalog as catalog
from partways.cli import app
from partways.cli.help import catalog_source, help_texts, plain_help


def test_the_help_catalog_lists_every_help_text_of_the_command_line():
    command = plain_help(typer.main.get_command(app))
    assert Path(catalog.__file__).read_text(encoding="utf-8") == catalog_source(command), (
        "src/partways/cli/help_catalog.py is out of date: run `make messages`"
    )
    texts = help_texts(command)
    assert set(catalog.HELP_TEXTS) == set(texts)
    # Commands, options and arguments alike, and --help itself.
    assert "List the export formats partways reads." in texts
    assert "Show this message and exit." in texts
    assert "The client it means." in texts
