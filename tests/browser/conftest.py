"""Browser fixtures: the built site served on 127.0.0.1, and Debian's Chromium driven by Playwright.

The tests use the system Chromium at /usr/bin/chromium, never a browser downloaded by
``playwright install``. Without it every browser test is skipped with a message, except in CI
(``CI=true``), where a missing browser must fail the run rather than pass it silently.
"""

from __future__ import annotations

import os

import pytest

from kit.browsing import CHROMIUM, CHROMIUM_ARGS, DESKTOP, Site, block_other_hosts, serve
from kit.sitecheck import content_pages

MISSING = f"Debian's chromium not found at {CHROMIUM}; apt-get install chromium"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


@pytest.fixture(scope="session")
def chromium_path():
    """/usr/bin/chromium, or a skip (a failure in CI) saying how to install it."""
    if not CHROMIUM.is_file():
        if _in_ci():
            pytest.fail(f"{MISSING} (CI is set: browser tests may not be skipped)", pytrace=False)
        pytest.skip(MISSING)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site(chromium_path, built_site):
    """The project's built site, served on 127.0.0.1 at a free port for the whole session."""
    pages = tuple(content_pages(built_site))
    with serve(built_site) as base:
        yield Site(built_site, base, pages)


@pytest.fixture
def context(browser, site):
    """A fresh desktop, light-palette context that may reach only the site; closed after."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    block_other_hosts(context, site.base)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()
