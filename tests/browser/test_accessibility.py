"""axe-core finds no WCAG 2.2 A/AA violation on any page, light and dark, desktop and phone."""

from __future__ import annotations

import pytest

from ketamine_site.browsing import (
    MODES,
    SCHEME,
    axe_violations,
    block_other_hosts,
    describe_violations,
    preload_axe,
)
from ketamine_site.sitecheck import url_file

pytestmark = pytest.mark.browser

# Each mode's pages are checked in PARTS tests, so that pytest-xdist's workers share the
# slowest work of the suite evenly instead of waiting on one long test.
PARTS = 3


def part_of(site, pages: list[str], part: int) -> list[str]:
    """The part-th of PARTS shares of equal work, axe's time growing with a page's size.

    Largest first, each page to the share with the least so far; ties keep URL order.
    """
    shares: list[list[str]] = [[] for _ in range(PARTS)]
    sizes = [0] * PARTS
    for url in sorted(pages, key=lambda u: -url_file(site.folder, u).stat().st_size):
        least = sizes.index(min(sizes))
        shares[least].append(url)
        sizes[least] += url_file(site.folder, url).stat().st_size
    return sorted(shares[part])


@pytest.mark.parametrize("part", range(PARTS), ids=lambda part: f"part{part + 1}of{PARTS}")
@pytest.mark.parametrize("mode", MODES)
def test_no_accessibility_violations(site, browser, mode, part):
    """Every page, in one palette at one width: zero axe violations (tags wcag2a … wcag22aa)."""
    settings = MODES[mode]
    context = browser.new_context(**settings)
    block_other_hosts(context, site.base)
    preload_axe(context)
    page = context.new_page()
    report, counts = [], {}
    try:
        for url in part_of(site, site.pages, part):
            page.goto(site.url(url), wait_until="load")
            scheme = page.get_attribute("body", "data-md-color-scheme")
            assert scheme == SCHEME[settings["color_scheme"]], (
                f"'{url or '/'}' shows palette '{scheme}' in {mode}: the palette no longer "
                "follows prefers-color-scheme, so this test is not checking the dark palette"
            )
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            violations = axe_violations(page)  # with folded answers unfolded: they are content
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
