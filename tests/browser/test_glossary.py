"""Glossary hovers: abbreviations carry their definition, shown by Material's tooltips."""

from __future__ import annotations

import pytest

from ketamine_site.sitecheck import url_file

pytestmark = pytest.mark.browser


def test_abbreviations_carry_their_definition_and_show_it_on_hover(site, page):
    """Every <abbr> has a non-problems title; hovering one shows a tooltip with that text."""
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

    url = "mechanism/ampa-activation/" if "mechanism/ampa-activation/" in pages else pages[0]
    page.goto(site.url(url))
    abbr = page.locator("article abbr[title]:not(svg abbr)").filter(visible=True).first
    definition = abbr.get_attribute("title")
    abbr.hover()
    tooltip = page.locator("[role=tooltip]").filter(has_text=definition).first
    tooltip.wait_for(state="visible", timeout=3000)
