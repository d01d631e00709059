"""axe-core, run in Chromium on every kind of page: no serious or critical violation.

axe-core comes inside the axe-playwright-python wheel (nothing is downloaded); it is
injected into each page through Playwright, outside the page's Content-Security-Policy.
"""

from __future__ import annotations

from .conftest import OWNER, log_in

SERIOUS = {"serious", "critical"}


def _violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {', '.join(n['target'][0] for n in v['nodes'][:3])}"
        for v in results.response["violations"]
        if v.get("impact") in SERIOUS
    ]


def test_no_serious_or_critical_violation_on_any_page(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login/")
    found = {"/login/": _violations(page)}
    log_in(page, *OWNER[:2])
    page.wait_for_url("**/portfolio/")
    client = page.locator("#clients-table tbody tr a").first.get_attribute("href")
    pages = [
        "/portfolio/",
        client,
        "/settings/",
        "/settings/team/",
        "/import/",
        "/who-is-who/",
        "/offboarding/",
        "/repair/",
        "/incidents/",
        "/setup/",
    ]
    # A case: its opening form, then the case page with its checklist and letters.
    page.get_by_role("link", name="Beacon Fitness Chain", exact=True).click()
    page.get_by_role("link", name="Offboarding", exact=True).last.click()
    found["open a case"] = _violations(page)
    page.get_by_role("button", name="Open the case").click()
    page.locator("#checklist").wait_for()
    pages.append(page.url.removeprefix(page.url.split("/clients/")[0]))
    for url in pages:
        page.goto(url)
        found[url] = _violations(page)
    # The same pages right to left, in Arabic.
    page.goto("/portfolio/")
    page.locator("select[name=language]").select_option("ar")
    page.get_by_role("button", name="Switch").click()
    for url in pages[:3]:
        page.goto(url)
        assert page.locator("html").get_attribute("dir") == "rtl"
        found[f"{url} (ar)"] = _violations(page)
    bad = {url: v for url, v in found.items() if v}
    assert not bad, bad
    # The check can fail: an image with no text alternative is critical to axe.
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert any(v.startswith("image-alt (critical)") for v in _violations(page))
