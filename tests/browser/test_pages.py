"""Every page loads in a real browser without errors, and asks nothing of any other host."""

from __future__ import annotations

import pytest
from browsing import Watch
from sitecheck import redirect_stubs, resolve

pytestmark = pytest.mark.browser


def test_every_page_loads_cleanly(site, context):
    """No console error, no failed request, no request to a host other than the site's own."""
    page = context.new_page()
    watch = Watch(site.base).attach(page)
    problems = []
    for url in site.pages:
        watch.clear()
        response = page.goto(site.url(url), wait_until="networkidle")
        if response is None or response.status != 200:
            problems.append(
                f"'{url or '/'}': HTTP {response.status if response else 'no response'}"
            )
        problems += [f"'{url or '/'}': {p}" for p in watch.problems()]
    if problems:
        pytest.fail(
            f"{len(problems)} problem(s) loading pages:\n" + "\n".join(problems), pytrace=False
        )


def test_redirect_pages_lead_to_their_target_with_the_anchor(site, context):
    """An old address (a mkdocs-redirects page) lands on the new page, keeping #anchor."""
    stubs = redirect_stubs(site.folder)
    if not stubs:
        pytest.skip("mkdocs.yml's redirect_maps is empty: no page has moved yet")
    page = context.new_page()
    problems = []
    for stub in stubs:
        target, why = resolve(site.folder, "", stub)
        if target is None:
            problems.append(f"'{stub}': {why}")
            continue
        page.goto(site.url(stub) + "#top-of-page")
        page.wait_for_url(site.url(target) + "#top-of-page", timeout=5000)
    assert not problems, "\n".join(problems)
