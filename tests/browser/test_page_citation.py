"""'Cite this page' in a real browser: the button copies the citation shown, with today's date
and the section the reader came from; without JavaScript the text is there and the button is not.
"""

from __future__ import annotations

from datetime import date

import pytest

from kit.browsing import DESKTOP, block_other_hosts
from kit.sitebuild import site_url

pytestmark = pytest.mark.browser

PAGE = "mechanism/nmda-blockade/"
PUBLISHED = site_url() + PAGE  # the address the test build is made for
SECTION = "dose-changes-the-picture"
SHOWN = "document.querySelector('.page-citation__text').textContent.replace(/\\s+/g, ' ').trim()"


def _ama_today() -> set[str]:
    # The browser's day may differ from ours by a midnight during the test: accept both days.
    today = date.today()
    days = {today, date.fromordinal(today.toordinal() - 1), date.fromordinal(today.toordinal() + 1)}
    return {d.strftime("%B ") + f"{d.day}, {d.year}" for d in days}


@pytest.fixture
def clipboard_page(browser, site):
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    block_other_hosts(context, site.base)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.base.rstrip("/"))
    yield context.new_page()
    context.close()


def _copy(page) -> str:
    button = page.get_by_role("button", name="Copy citation")
    button.scroll_into_view_if_needed()
    button.click()
    status = page.locator(".page-citation__status")
    status.filter(has_text="Citation copied.").wait_for()
    return page.evaluate("navigator.clipboard.readText()")


def test_the_button_copies_the_citation_shown_with_todays_accessed_date(site, clipboard_page):
    page = clipboard_page
    page.goto(site.url(PAGE))
    copied = _copy(page)
    assert copied == page.evaluate(SHOWN)
    assert copied.startswith(
        "NMDA receptor blockade. How ketamine may lift depression within hours. Updated "
    )
    assert copied.endswith(f". {PUBLISHED}"), copied
    assert "[Month Day, Year]" not in copied
    assert any(f"Accessed {day}. " in copied for day in _ama_today()), copied
    # Nothing left for the reader to fill in, so the note no longer asks for it.
    assert not page.locator(".page-citation__fill").is_visible()
    assert page.locator(".page-citation__follows").is_visible()


def test_arriving_by_a_section_link_cites_that_section(site, clipboard_page):
    page = clipboard_page
    page.goto(site.url(PAGE) + f"#{SECTION}")
    assert _copy(page).endswith(f". {PUBLISHED}#{SECTION}")
    # Following the "Cite this page" link itself does not make the block cite itself.
    page.get_by_role("link", name="Cite this page").click()
    page.wait_for_function("location.hash === '#cite-this-page'")
    assert _copy(page).endswith(f". {PUBLISHED}")


def test_without_javascript_the_citation_is_plain_text_and_there_is_no_button(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(site.url(PAGE))
        text = page.locator(".page-citation__text")
        assert text.is_visible()
        shown = " ".join(text.inner_text().split())
        assert shown.endswith(f"Accessed [Month Day, Year]. {PUBLISHED}"), shown
        assert page.locator(".page-citation__fill").is_visible()  # says what to fill in
        assert not page.locator(".page-citation__follows").is_visible()  # only the script does
        assert page.locator(".page-citation__copy").count() == 1
        assert not page.locator(".page-citation__copy").is_visible()
        review = page.locator(".page-review")
        assert review.is_visible() and "Last reviewed" in review.inner_text()
        # The text can be selected like any other: select it and read the selection back.
        text.select_text()
        assert " ".join(page.evaluate("getSelection().toString()").split()) == shown
    finally:
        context.close()
