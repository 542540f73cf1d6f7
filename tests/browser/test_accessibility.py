"""axe-core finds no WCAG 2.2 A/AA violation on any page, light and dark, desktop and phone.

The colour rules depend on the palette, not on the width; every other rule depends on the
layout, not on the palette. So every page is checked against every rule at desktop width in
both palettes, and against every rule but the colour ones at phone width. The colour rules are
most of axe's time, and checking them again at phone width would find what desktop found. The
pages whose colours the phone layout does change get every rule at phone width, in both
palettes: PHONE_COLOR_PAGES.
"""

from __future__ import annotations

import pytest

from kit.browsing import (
    AXE_OPTIONS,
    COLOR_RULES,
    MODES,
    SCHEME,
    axe_violations,
    block_other_hosts,
    describe_violations,
    preload_axe,
)
from kit.sitecheck import url_file

pytestmark = pytest.mark.browser

# The home page's evidence table becomes a stack of cards at phone width (site.css, max-width
# 44.9375em); the phone's header and its buttons are the same on every page, so one page
# checks them.
PHONE_COLOR_PAGES = ("",)
WITHOUT_COLOR = {**AXE_OPTIONS, "rules": {rule: {"enabled": False} for rule in COLOR_RULES}}

# What each test checks: (mode, which pages, axe options for a page). Desktop checks are split
# in PARTS tests so that pytest-xdist's two workers share the slowest work evenly.
PARTS = 3


def part_of(site, pages: list[str], part: int, parts: int = PARTS) -> list[str]:
    """The part-th of `parts` shares of equal work, axe's time growing with a page's size.

    Largest first, each page to the share with the least so far.
    """
    shares: list[list[str]] = [[] for _ in range(parts)]
    sizes = [0] * parts
    for url in sorted(pages, key=lambda u: -url_file(site.folder, u).stat().st_size):
        least = sizes.index(min(sizes))
        shares[least].append(url)
        sizes[least] += url_file(site.folder, url).stat().st_size
    return sorted(shares[part])


def _check(site, browser, mode: str, pages, options_for) -> None:
    settings = MODES[mode]
    context = browser.new_context(**settings)
    block_other_hosts(context, site.base)
    preload_axe(context)
    page = context.new_page()
    report, counts = [], {}
    try:
        for url in pages:
            page.goto(site.url(url), wait_until="load")
            scheme = page.get_attribute("body", "data-md-color-scheme")
            assert scheme == SCHEME[settings["color_scheme"]], (
                f"'{url or '/'}' shows palette '{scheme}' in {mode}: the palette no longer "
                "follows prefers-color-scheme, so this test is not checking the dark palette"
            )
            # Folded answers are content: unfold them before checking.
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            violations = axe_violations(page, options_for(url))
            for v in violations:
                counts[v["id"]] = counts.get(v["id"], 0) + len(v["nodes"])
            report += describe_violations(violations, url, mode)
    finally:
        context.close()
    summary = ", ".join(f"{rule} ×{n}" for rule, n in sorted(counts.items()))
    if report:
        pytest.fail(
            f"axe-core violations in {mode}: {summary}\n" + "\n".join(report), pytrace=False
        )


@pytest.mark.parametrize("part", range(PARTS), ids=lambda part: f"part{part + 1}of{PARTS}")
@pytest.mark.parametrize("mode", ["light-desktop", "dark-desktop"])
def test_every_rule_on_every_page_at_desktop_width(site, browser, mode, part):
    """Every page, in each palette at desktop width: zero violations (tags wcag2a … wcag22aa)."""
    _check(site, browser, mode, part_of(site, site.pages, part), lambda url: AXE_OPTIONS)


@pytest.mark.parametrize("part", range(2), ids=lambda part: f"part{part + 1}of2")
def test_every_layout_rule_on_every_page_at_phone_width(site, browser, part):
    """Every page at phone width: zero violations of the rules that depend on the layout."""
    pages = part_of(site, site.pages, part, parts=2)
    _check(
        site,
        browser,
        "light-phone",
        pages,
        lambda url: AXE_OPTIONS if url in PHONE_COLOR_PAGES else WITHOUT_COLOR,
    )


def test_every_rule_on_the_phone_colour_pages_in_the_dark_palette(site, browser):
    """The pages whose colours change at phone width, in the dark palette too."""
    _check(site, browser, "dark-phone", PHONE_COLOR_PAGES, lambda url: AXE_OPTIONS)


def test_the_colour_rules_are_axe_rules_of_the_checked_tags(site, browser):
    """A renamed axe rule would leave the phone checks skipping nothing: the names must exist."""
    context = browser.new_context(**MODES["light-phone"])
    preload_axe(context)
    page = context.new_page()
    try:
        page.goto(site.url(""), wait_until="load")
        rules = page.evaluate(
            "tags => axe.getRules(tags).map(rule => rule.ruleId)", AXE_OPTIONS["runOnly"]["values"]
        )
    finally:
        context.close()
    assert set(COLOR_RULES) <= set(rules), f"not axe rules of the checked tags: {COLOR_RULES}"
