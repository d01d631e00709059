"""Every sentence in the reader's language (issue 16): with the browser set to
Indonesian, Croatian or Arabic, the portfolio, a client's page and an offboarding case
show no English sentence but the user's own data.

Every visible text run of four words or more is language-identified. The user's own
data is what the page marks as such (``data-user``, quoted messages) and what the
findings wrap in Unicode isolates (a proposal's title, a flag's reason).
"""

from __future__ import annotations

import re

import pytest

from tests.english_runs import english_runs

from .conftest import OWNER, Server, shot

# Every text node a reader can see, less the user's own data and what is set as code
# (a setting's key, a command): the same in every language.
VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || el.closest('[data-user], blockquote, code, script, style, template')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    if (!el.getClientRects().length) continue;
    out.push(node.textContent);
  }
  return out;
}"""

CASE_CLIENT = "Kovač Gradnja d.o.o."


@pytest.fixture(scope="module")
def case_url(server: Server) -> str:
    # A case opened from the command line, as an owner would; the page shows its plan.
    server.cli("offboard", CASE_CLIENT)
    import json

    rows = json.loads(server.cli("triage", "--as-of", "2026-10-31", "--format", "json").stdout)
    client_id = next(r["client_id"] for r in rows if r["client"] == CASE_CLIENT)
    repair_id = next(r["client_id"] for r in rows if r["recommendation"] == "repair")
    return f"/clients/{client_id}/offboard/|/clients/{repair_id}/"


@pytest.mark.parametrize("lang", ["id", "hr", "ar"])
def test_no_english_sentence_on_the_main_pages(chromium, server: Server, case_url, lang) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(
        base_url=server.url, locale=lang, extra_http_headers={"Accept-Language": lang}
    )
    page = context.new_page()
    try:
        page.goto("/login/")
        assert page.locator("html").get_attribute("lang") == lang
        page.locator("input[name=username]").fill(OWNER[0])
        page.locator("input[name=password]").fill(OWNER[1])
        page.locator("input[name=password]").press("Enter")
        page.wait_for_url("**/portfolio/")
        case, client = case_url.split("|")
        found = {}
        for url in ("/portfolio/", client, case):
            page.goto(url)
            runs = english_runs(page.evaluate(VISIBLE_TEXT))
            if runs:
                found[url] = runs
            shot(page, f"reader-language-{lang}-{url.strip('/').replace('/', '-')}")
        assert found == {}, found
    finally:
        context.close()


FILE_NAME = re.compile(r"\S*\w\.\w\S*")
OTHER_PAGES = (
    "/repair/",
    "/offboarding/",
    "/import/",
    "/incidents/",
    "/settings/",
    "/settings/team/",
    "/settings/connections/",
    "/who-is-who/",
)


@pytest.mark.parametrize("lang", ["id", "hr", "ar"])
def test_no_english_sentence_on_the_other_pages(chromium, server: Server, case_url, lang) -> None:  # type: ignore[no-untyped-def]
    """The pages an owner visits less often: repair plans, cases, imports, incidents,
    settings, the team and who is who."""
    context = chromium.new_context(
        base_url=server.url, locale=lang, extra_http_headers={"Accept-Language": lang}
    )
    page = context.new_page()
    try:
        page.goto("/login/")
        page.locator("input[name=username]").fill(OWNER[0])
        page.locator("input[name=password]").fill(OWNER[1])
        page.locator("input[name=password]").press("Enter")
        page.wait_for_url("**/portfolio/")
        repair_client = case_url.split("|")[1]
        found = {}
        for url in (*OTHER_PAGES, f"{repair_client}repair/"):
            page.goto(url)
            # A file name in a sentence ("hours.csv with hours.csv.mapping.toml") is a name.
            texts = [FILE_NAME.sub(" ", t) for t in page.evaluate(VISIBLE_TEXT)]
            runs = english_runs(texts)
            if runs:
                found[url] = runs
        assert found == {}, found
    finally:
        context.close()
