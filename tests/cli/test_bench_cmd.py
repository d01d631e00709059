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
