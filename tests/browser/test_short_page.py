"""A page shorter than the screen: the sidebar scrolls, and its links must stay 24 px targets.

On a short page Material's sidebar is shorter than its list and scrolls to the current page,
half hiding the links above it; axe-core's target-size rule (WCAG 2.2, 2.5.8) then failed on a
link with 15 px of safe space. This builds a copy of the project with one short page added at
the end of the nav, and runs axe on it in every mode.
"""

from __future__ import annotations

from datetime import date

import pytest

from kit.browsing import (
    DESKTOP,
    MODES,
    axe_violations,
    block_other_hosts,
    describe_violations,
    preload_axe,
    serve,
)
from kit.sitebuild import ROOT, build_site
from kit.sitecopy import copy_project, edit

pytestmark = pytest.mark.browser

SHORT = """---
title: A short page
description: A page with one sentence, shorter than the screen.
reviewed: {today}
---

# A short page

One sentence, so that the page is shorter than the screen.
"""


@pytest.fixture(scope="module")
def short_site(tmp_path_factory, chromium_path):
    project = copy_project(ROOT, tmp_path_factory.mktemp("short") / "project")
    (project / "docs" / "short.md").write_text(
        SHORT.replace("{today}", date.today().isoformat()), encoding="utf-8"
    )
    edit(
        project / "mkdocs.yml",
        "  - About: about.md\n",
        "  - About: about.md\n  - Short: short.md\n",
    )
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, f"the copy with a short page did not build:\n{result.stderr}"
    with serve(site) as base:
        yield base


def test_the_sidebar_of_a_short_page_scrolls(short_site, browser):
    """The premise: on a desktop the short page's sidebar is cut short and scrolled."""
    context = browser.new_context(viewport=DESKTOP)
    block_other_hosts(context, short_site)
    page = context.new_page()
    try:
        page.goto(short_site + "short/", wait_until="load")
        page.wait_for_timeout(300)
        wrap = page.locator(".md-sidebar--primary .md-sidebar__scrollwrap").evaluate(
            "w => [w.scrollHeight, w.clientHeight, w.scrollTop]"
        )
    finally:
        context.close()
    height, visible, scrolled = wrap
    assert height > visible and scrolled > 0, (
        f"the sidebar shows all {height} px of its list (visible {visible}, scrolled {scrolled}): "
        "the page is not short enough to test what it is meant to"
    )


@pytest.mark.parametrize("mode", MODES)
def test_a_short_page_has_no_accessibility_violations(short_site, browser, mode):
    context = browser.new_context(**MODES[mode])
    block_other_hosts(context, short_site)
    preload_axe(context)
    page = context.new_page()
    try:
        page.goto(short_site + "short/", wait_until="load")
        page.wait_for_timeout(300)  # Material scrolls the sidebar to the current page
        violations = axe_violations(page)
    finally:
        context.close()
    assert not violations, "\n".join(describe_violations(violations, "short/", mode))
