"""Search: a term that only the AMPA page explains finds that page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

AMPA = "mechanism/ampa-activation/"


def test_searching_hydroxynorketamine_finds_the_ampa_page(site, page):
    """Type the word into Material's search box; a result opens the AMPA page."""
    if AMPA not in site.pages:
        pytest.fail(f"the built site has no {AMPA} page (docs/mechanism/ampa-activation.md)")
    page.goto(site.url(""))
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("hydroxynorketamine", delay=20)
    result = page.locator(f".md-search-result a[href*='{AMPA}']").first
    result.wait_for(state="visible", timeout=10000)
    result.click()
    page.wait_for_url(f"**/{AMPA}**")
    assert "AMPA" in page.locator("article h1").first.inner_text()


def test_the_maintainers_guide_is_not_in_readers_search(site, page):
    """A word only the guide uses (the anchors script) finds nothing; a lesson word still does."""
    page.goto(site.url(""))
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("register_anchors", delay=20)
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text="No matching documents").wait_for(state="visible", timeout=10000)
    assert page.locator(".md-search-result__item").count() == 0
    box.fill("")
    box.press_sequentially("synaptogenesis", delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(a => a.href)")
    assert hrefs and not [href for href in hrefs if "/contributing/" in href]
