"""``partways eval triage`` refuses what the user got wrong with a sentence, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys


def _run(*args: str, home) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PARTWAYS_HOME": str(home), "COLUMNS": "200", "NO_COLOR": "1"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "partways", "eval", "triage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_an_unknown_agency_is_named_with_the_ones_there_are(tmp_path):
    proc = _run("--agency", "no-such-agency", home=tmp_path)
    assert proc.returncode == 2
    assert "--agency: no agency called no-such-agency; there are: " in proc.stderr
    assert "Traceback" not in proc.stderr


def test_keep_files_must_be_a_folder(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    proc = _run("--keep-files", str(target), home=tmp_path)
    assert proc.returncode == 2
    assert f"--keep-files: {target} is a file; give a folder." in proc.stderr
