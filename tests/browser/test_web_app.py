"""The web app in a real browser: log in, portfolio, a flagged client, staff, Arabic."""

from __future__ import annotations

import re

from .conftest import OWNER, STAFF, log_in, shot


def test_log_in_and_see_the_portfolio(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, *OWNER[:2])
    page.wait_for_url("**/portfolio/")
    assert page.get_by_role("heading", name="Portfolio", level=1).is_visible()
    rows = page.locator("#clients-table tbody tr")
    assert rows.count() == 45
    # Both charts are drawn inline as SVG.
    assert page.locator("figure.chart svg").count() == 2
    shot(page, "portfolio")


def test_the_owner_runs_the_triage_again_from_the_page(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, *OWNER[:2])
    page.wait_for_url("**/portfolio/")
    page.get_by_role("button", name="Run the triage again").click()
    # A job for the worker `partways serve` started: its page follows it to the end.
    page.wait_for_url(re.compile(r".*/jobs/[0-9a-f-]+/$"))
    done = page.get_by_text("Triage done: 45 clients.")
    done.wait_for(timeout=90_000)
    page.get_by_role("link", name="See the portfolio").click()
    page.wait_for_url("**/portfolio/")
    assert page.locator("#clients-table tbody tr").count() == 45


def test_wrong_password_is_refused_with_a_message(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, OWNER[0], "not the password")
    assert "/login/" in page.url
    assert page.get_by_role("alert").is_visible()


def test_filter_the_portfolio_without_reloading(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, *OWNER[:2])
    page.wait_for_url("**/portfolio/")
    page.get_by_label("Recommendation", exact=True).select_option("end_now")
    page.wait_for_url(re.compile(r".*rec=end_now.*"))
    badges = page.locator("#clients-table tbody .badge")
    badges.first.wait_for()
    texts = set(badges.all_inner_texts())
    assert texts == {"End now"}


def test_open_a_flagged_client_and_see_its_evidence(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, *OWNER[:2])
    page.wait_for_url("**/portfolio/")
    page.locator("#clients-table tbody tr").first.get_by_role("link").click()
    page.wait_for_url(re.compile(r".*/clients/\d+/$"))
    assert page.locator("#verdict .badge").is_visible()
    assert page.locator("#signals article.signal").count() >= 10
    evidence = page.locator("ul.evidence li a").first
    assert evidence.is_visible()
    assert page.locator("#flagged mark.span").count() >= 1
    shot(page, "client")
    evidence.click()
    page.wait_for_url(re.compile(r".*/records/.*"))
    assert page.locator("dl.card").is_visible()


def test_keyboard_users_can_skip_to_the_content(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, *OWNER[:2])
    page.wait_for_url("**/portfolio/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content" or page.url.endswith("#content")


def test_staff_report_an_incident_and_cannot_open_financial_pages(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, *STAFF[:2])
    page.wait_for_url("**/incidents/")
    page.get_by_label("Client", exact=True).select_option(label="Al Waha Real Estate")
    page.get_by_label("What happened").select_option("abuse_to_staff")
    page.get_by_label("How serious").select_option("high")
    page.get_by_label("What was said or done").fill("Called me incompetent in front of the team.")
    page.get_by_role("button", name="Send the report").click()
    page.wait_for_url("**/incidents/")
    assert page.get_by_role("status").filter(has_text="Your report on").is_visible()
    assert page.locator("#reports").get_by_text("Called me incompetent").is_visible()
    shot(page, "staff-incidents")
    for url in ("/portfolio/", "/offboarding/", "/repair/", "/settings/", "/import/"):
        response = page.goto(url)
        assert response is not None and response.status == 403, url
        assert "€" not in page.content()
    assert page.get_by_role("link", name="Portfolio").count() == 0


def test_an_arabic_page_renders_right_to_left(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, *STAFF[:2])
    page.wait_for_url("**/incidents/")
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Switch").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The navigation starts at the right edge in a right-to-left layout.
    brand = page.locator("header.site .brand").bounding_box()
    assert brand is not None and brand["x"] > 640
    shot(page, "arabic-incidents")
    # The choice follows the person: a new session opens in Arabic too.
    page.context.clear_cookies()
    log_in(page, *STAFF[:2])
    page.wait_for_url("**/incidents/")
    assert page.evaluate("document.documentElement.dir") == "rtl"


def test_start_and_advance_an_offboarding_case_and_download_its_letter(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, *OWNER[:2])
    page.wait_for_url("**/portfolio/")
    page.get_by_role("link", name="Beacon Fitness Chain", exact=True).click()
    page.get_by_role("link", name="Offboarding", exact=True).last.click()
    # The form comes filled in from the triage: reason, language and the lawful dates.
    page.get_by_role("button", name="Open the case").click()
    checklist = page.locator("#checklist")
    checklist.wait_for()
    first = checklist.locator("tbody tr").first
    step = first.get_attribute("id")
    assert first.get_attribute("data-state") == "pending"
    first.get_by_label("Note").fill("Clause 9 read: 30 days' notice")
    first.get_by_role("button", name="Mark done").click()
    page.locator(f"#{step}[data-state='done']").wait_for()
    assert page.locator("#audit").get_by_text("Clause 9 read").count() >= 1
    shot(page, "offboarding-case")
    # The board shows the case under its next step.
    page.goto("/offboarding/")
    assert page.get_by_role("link", name="Beacon Fitness Chain", exact=True).count() >= 1
    page.go_back()
    page.locator("#letters").get_by_role("link", name=re.compile("Preview")).first.click()
    page.wait_for_url(re.compile(r".*/letters/.*"))
    assert "Beacon Fitness Chain" in page.content()
    # The PDF is laid out by the worker `partways serve` started; its page offers it.
    page.locator("#pdf-download").get_by_role("button", name=re.compile(r"^PDF")).click()
    page.wait_for_url(re.compile(r".*/jobs/[0-9a-f-]+/$"))
    page.get_by_text("The PDF is ready.").wait_for(timeout=90_000)
    with page.expect_download() as pending:
        page.get_by_role("link", name=re.compile(r"^Download .*\.pdf$")).click()
    download = pending.value
    path = download.path()
    assert path is not None
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"
    assert download.suggested_filename.endswith(".pdf")


def test_no_page_scrolls_sideways_on_a_390_px_phone(page) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, *OWNER[:2])
    page.wait_for_url("**/portfolio/")
    first_client = page.locator("#clients-table tbody tr a").first.get_attribute("href")
    wide = {}
    for url in (
        "/portfolio/",
        first_client,
        "/settings/",
        "/settings/team/",
        "/import/",
        "/who-is-who/",
        "/offboarding/",
        "/repair/",
        "/incidents/",
    ):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[url] = width
    shot(page, "phone-incidents")
    assert not wide, wide
