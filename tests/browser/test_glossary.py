"""Glossary terms in the browser: the first use of a term shows its definition on hover and on
keyboard focus, with no script, and a link into a folded "Go deeper" block opens it."""

from __future__ import annotations

import pytest

from kit.sitecheck import url_file

pytestmark = pytest.mark.browser

LESSON = "mechanism/ampa-activation/"


def test_abbreviations_keep_their_expansion_in_a_title(site, page):
    """Every <abbr> left after a term's first use carries its expansion (the browser's hover)."""
    pages = [
        url
        for url in site.own_pages  # the printed guide's chapters are these pages' text
        if "<abbr " in url_file(site.folder, url).read_text(encoding="utf-8")
    ]
    assert pages, "no page has an <abbr>: is includes/abbreviations.md appended (snippets)?"
    problems = []
    for url in pages:
        page.goto(site.url(url))
        found = page.locator("abbr").evaluate_all(
            "els => els.map(e => [e.textContent, e instanceof HTMLElement, (e.title || '').trim()])"
        )
        for i, (word, is_html, title) in enumerate(found, 1):
            if not is_html:
                problems.append(
                    f"'{url or '/'}': <abbr> {i} ({word}) is inside an SVG, where it is not HTML "
                    "and the browser does not draw its text: keep abbreviations out of diagrams"
                )
            elif not title:
                problems.append(f"'{url or '/'}': <abbr> {i} ({word}) has no title")
    assert not problems, "\n".join(problems)


def _tooltip_shown(link) -> bool:
    return link.locator(".term-tooltip").evaluate(
        "t => { const r = t.getBoundingClientRect(); return r.width > 100 && r.height > 20; }"
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_a_term_shows_its_definition_on_hover_and_on_keyboard_focus(browser, site, javascript):
    """The tooltip is CSS alone: it works the same with JavaScript switched off."""
    context = browser.new_context(java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(site.url(LESSON))
        link = page.locator("article a.term-link").first
        assert not _tooltip_shown(link), "the definition shows before any hover or focus"
        link.hover()
        assert _tooltip_shown(link), "hovering a term does not show its definition"
        page.mouse.move(0, 0)
        link.focus()
        assert _tooltip_shown(link), "focusing a term with the keyboard does not show it"
        definition = link.locator(".term-tooltip").inner_text()
        assert len(definition) > 20, definition
        assert link.get_attribute("href").endswith(
            "glossary/#" + link.get_attribute("href").rsplit("#", 1)[-1]
        )
    finally:
        context.close()


def test_a_term_link_leads_to_its_glossary_entry(site, page):
    page.goto(site.url(LESSON))
    link = page.locator("article a.term-link").first
    target = link.get_attribute("href").rsplit("#", 1)[-1]
    link.click()
    page.wait_for_url(f"**/glossary/#{target}")
    assert page.locator(f"[id='{target}']").is_visible()


def test_a_link_into_a_go_deeper_block_opens_it(site, page):
    """A section inside a folded block, reached by its address, is shown, not hidden."""
    folded = None
    for url in site.own_pages:
        page.goto(site.url(url))
        ids = page.locator("article details:not([open]) h3[id]").evaluate_all(
            "hs => hs.map(h => h.id)"
        )
        if ids:
            folded = (url, ids[0])
            break
    assert folded, "no page has a heading inside a folded Go deeper block"
    url, anchor = folded
    page.goto(site.url(url) + "#" + anchor)
    heading = page.locator(f"[id='{anchor}']")
    heading.wait_for(state="visible", timeout=3000)
    assert heading.evaluate("h => h.closest('details').open")
