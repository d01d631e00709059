"""``partways bench`` end to end at a tiny size: it writes its section and nothing else."""


def test_bench_writes_its_figures_into_its_own_section(cli, tmp_path):
    report = tmp_path / "benchmarks.md"
    report.write_text("# Benchmarks\n\nSomething another issue measured.\n", encoding="utf-8")
    proc = cli(
        "bench", "--clients", "12", "--time-entries", "3000", "--invoices", "200",
        "--messages", "1500", "--naive-clients", "4", "--full-runs", "1", "--out", str(report),
    )  # fmt: skip
    assert "Figures written to" in proc.stdout
    text = report.read_text(encoding="utf-8")
    assert "Something another issue measured." in text
    assert "<!-- bench:triage -->" in text and "<!-- /bench:triage -->" in text
    assert "Full triage from the database" in text and "Re-triage of one client" in text
    assert '"mismatches": []' in proc.stdout


def test_bench_refuses_impossible_sizes(cli):
    proc = cli("bench", "--clients", "0", check=False)
    assert proc.returncode == 2 and "at least 1" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bench_import_writes_its_figures_beside_the_others(cli, tmp_path):
    report = tmp_path / "benchmarks.md"
    report.write_text("# Benchmarks\n\n<!-- bench:triage -->\nkept\n<!-- /bench:triage -->\n")
    proc = cli(
        "bench-import", "--rows", "3000", "--messages", "300", "--runs", "1", "--out", str(report)
    )
    assert "Figures written to" in proc.stdout
    text = report.read_text(encoding="utf-8")
    assert "kept" in text and "<!-- bench:import -->" in text
    assert "Toggl CSV import, 3,000 rows" in text and "mbox import, 300 messages" in text
    assert "Import / plain Polars read" in text


def test_bench_text_writes_tier0_and_profanity_check_side_by_side(cli, tmp_path):
    from tests.shared_data import SHARED

    report = tmp_path / "benchmarks.md"
    report.write_text("# Benchmarks\n\n<!-- bench:import -->\nkept\n<!-- /bench:import -->\n")
    args = ["bench-text", "--messages", "200", "--runs", "1", "--out", str(report)]
    if (SHARED / "abuse" / "en_olid").is_dir():
        args += ["--data", str(SHARED)]
    cli(*args)
    text = report.read_text(encoding="utf-8")
    assert "kept" in text and "<!-- bench:text -->" in text
    assert "Tier 0 (lexicons + language id), mixed languages" in text
    assert "alt-profanity-check `predict_prob`" in text
    if "--data" in args:
        assert "Quality on the OLID level-A test set (860 tweets" in text


def test_bench_speed_writes_every_target_beside_its_floor(cli, tmp_path):
    report = tmp_path / "benchmarks.md"
    report.write_text("# Benchmarks\n\n<!-- bench:text -->\nkept\n<!-- /bench:text -->\n")
    proc = cli(
        "bench-speed", "--runs", "1", "--clients", "12", "--time-entries", "3000",
        "--invoices", "200", "--messages", "1500", "--rows", "2000", "--text-messages", "100",
        "--out", str(report),
    )  # fmt: skip
    assert "Figures written to" in proc.stdout
    text = report.read_text(encoding="utf-8")
    assert "kept" in text and "<!-- bench:speed -->" in text and "<!-- /bench:speed -->" in text
    section = text.split("<!-- bench:speed -->")[1]
    for target in (
        "Full triage from the database",
        "as typed Parquet, scanned and grouped by client and month",
        "Re-triage of one client in a warm process",
        "Re-triage of one client in a fresh process",
        "Import of a 2,000-row Toggl CSV",
        "`polars.read_csv` of the same file",
        "`partways --help`",
        "the interpreter starting and stopping",
        "Tier 0 text analysis",
        "the same messages split into words",
    ):
        assert target in section, target
    # Every target row says whether it is met.
    rows = [line for line in section.splitlines() if line.startswith("| ") and "≤" in line]
    assert len(rows) >= 9 and all(
        line.rstrip().endswith(("met |", "**not met** |")) for line in rows
    )
