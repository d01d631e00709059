"""Every page works within the Content-Security-Policy: the browser refuses nothing.

Chromium reports each script, style or frame the policy blocks on the console; the app's
pages (htmx swaps included) and the owner's admin pages must raise none.
"""

from __future__ import annotations

from .conftest import OWNER, log_in

PAGES = [
    "/portfolio/",
    "/portfolio/?rec=end_now",
    "/incidents/",
    "/repair/",
    "/offboarding/",
    "/import/",
    "/settings/",
    "/settings/team/",
    "/admin/",
    "/admin/auth/user/",
    "/admin/auth/user/add/",
    "/admin/axes/accessattempt/",
]


def test_no_page_is_refused_anything_by_the_policy(page) -> None:  # type: ignore[no-untyped-def]
    refused: list[str] = []
    page.on(
        "console",
        lambda m: (
            refused.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None
        ),
    )
    log_in(page, *OWNER[:2])
    page.wait_for_url("**/portfolio/")
    # A client page, and an htmx swap (sorting the table without a reload).
    page.locator("#clients-table tbody tr").first.get_by_role("link").click()
    page.wait_for_load_state("networkidle")
    for url in PAGES:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        page.wait_for_load_state("networkidle")
    page.goto("/portfolio/")
    page.locator("#clients-table thead a").first.click()
    page.wait_for_load_state("networkidle")
    assert refused == []
