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

pytestmark = pytest.mark.browser

# Each mode's pages are checked in PARTS tests (every PARTS-th page), so that pytest-xdist's
# workers share the slowest work of the suite evenly instead of waiting on one long test.
PARTS = 3


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
        for url in site.pages[part::PARTS]:
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
