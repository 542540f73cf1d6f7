"""Keyboard: the first Tab offers "Skip to content"; from there Tab reaches the citations."""

from __future__ import annotations

import pytest

from kit.browsing import most_cited_page

pytestmark = pytest.mark.browser

FOCUSED = "document.activeElement"


def test_tab_reaches_skip_link_then_citations(site, page):
    """Tab from the top lands on a visible skip link; Enter skips the menus; Tab finds citations."""
    url = most_cited_page(site)
    page.goto(site.url(url), wait_until="networkidle")  # a reader does not Tab within 0.1 s
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.count() == 1, "the first Tab focused nothing"
    text = skip.inner_text().strip()
    assert "skip to content" in text.lower(), f"the first Tab focused {text!r}, not a skip link"
    assert skip.is_visible() and skip.bounding_box()["height"] > 0, "the skip link stays invisible"

    target = skip.evaluate("a => new URL(a.href).hash")
    # From here on every request takes 300 ms, as on a reader's connection rather than localhost.
    # Anything that re-fetches the page after the skip (Material's navigation.instant did, and
    # swapped the page in after its scroll-position save, so Tab restarted in the menus) then
    # fails here every time, not only when the timing on this machine happens to be unlucky.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})  # else it comes from cache
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 300, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    skip.press("Enter")
    page.wait_for_function("h => location.hash === h", arg=target)
    page.wait_for_timeout(1000)  # a reader does not press Tab within a second either
    presses = 0
    while not page.evaluate(f"{FOCUSED}.matches('a.citation-link')"):
        presses += 1
        if presses > 60:
            pytest.fail(f"60 Tabs after 'Skip to content' on '{url}' never reached a citation")
        page.keyboard.press("Tab")
        inside = page.evaluate(f"!!{FOCUSED}.closest('article, .md-content')")
        assert inside or presses > 1, "after skipping, Tab went back into the menus"
