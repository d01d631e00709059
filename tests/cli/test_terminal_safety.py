"""Names, subjects and notes from imported data are printed as text, never as terminal
commands: ESC, OSC and other control characters are removed on the way out."""

from __future__ import annotations

from pathlib import Path

from partways.cli.common import safe

# An OSC that retitles the window, a CSI that clears the screen, an 8-bit CSI, a bell
# and a carriage return that would let a line overwrite itself.
EVIL = "Evil\x1b]0;pwned\x07 Co\x1b[2J\x9b31m\r"
CONTROLS = ("\x1b", "\x07", "\x9b", "\r", "\x00")


def _toggl(path: Path) -> Path:
    path.write_text(
        "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
        "End date,End time,Duration,Tags,Amount (EUR)\n"
        f'Ana\x1b[31m,ana@studio.hr,"{EVIL}",Site\x1b[5m,,"fix \x1b]8;;http://x.example\x07'
        'link",Yes,2026-10-01,09:00:00,2026-10-01,10:00:00,01:00:00,,50.00\n',
        encoding="utf-8",
    )
    return path


def _clean(text: str) -> None:
    for ch in CONTROLS:
        assert ch not in text, repr(text)


def test_control_characters_in_imported_names_never_reach_the_output(cli, tmp_path):
    proc = cli("import", str(_toggl(tmp_path / "evil.csv")))
    _clean(proc.stdout + proc.stderr)
    assert "Evil]0;pwned Co[2J" in proc.stdout  # the text stays, the commands go
    for args in (
        ("clients", "list"),
        ("triage", "--as-of", "2026-10-31"),
        ("client", "Evil", "--as-of", "2026-10-31"),
    ):
        proc = cli(*args)
        _clean(proc.stdout + proc.stderr)
        assert "Evil]0;pwned Co" in proc.stdout


def test_a_name_given_on_the_command_line_is_echoed_without_its_control_characters(cli):
    proc = cli("client", "\x1b]0;pwned\x07nobody", check=False)
    assert proc.returncode == 2
    _clean(proc.stdout + proc.stderr)
    assert "nobody" in proc.stderr


def test_safe_keeps_text_tabs_and_line_breaks():
    assert safe("a\tb\nc") == "a\tb\nc"
    assert safe(EVIL) == "Evil]0;pwned Co[2J31m"
    assert safe("Kovač & Sinovi — شركة") == "Kovač & Sinovi — شركة"
