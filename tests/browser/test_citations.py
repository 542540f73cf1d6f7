"""Citations: the full reference shows on hover and keyboard focus; links go to it and back."""

from __future__ import annotations

import pytest
from browsing import IN_VIEWPORT, MODES, block_other_hosts, most_cited_page, tooltip_problem

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("mode", ["light-desktop", "light-phone"])
def test_hovering_a_citation_shows_the_full_reference(site, browser, mode):
    """Every visible citation number on the most-cited page shows its reference, all on screen."""
    context = browser.new_context(**MODES[mode])
    block_other_hosts(context, site.base)
    page = context.new_page()
    url = most_cited_page(site)
    page.goto(site.url(url))
    links = page.locator("sup.citation a.citation-link")
    problems, checked = [], 0
    for i in range(links.count()):
        link = links.nth(i)
        if not link.is_visible():
            continue  # e.g. inside a folded "Check yourself" answer
        page.mouse.move(0, 0)  # away from the last tooltip, which could cover this link
        link.evaluate("a => a.scrollIntoView({block: 'center', behavior: 'instant'})")
        link.hover()
        checked += 1
        why = tooltip_problem(link)
        if why:
            where = link.evaluate("a => `#${a.closest('sup').id} → ${new URL(a.href).hash}`")
            problems.append(f"'{url}' {where}: tooltip {why}")
    context.close()
    assert checked, f"no visible citation on '{url}'"
    if problems:
        message = f"{len(problems)} of {checked} citation tooltips in {mode}:\n"
        message += "\n".join(problems)
        pytest.fail(message, pytrace=False)


def test_keyboard_focus_on_a_citation_shows_the_full_reference(site, page):
    """Tabbing onto a citation number shows its reference, as hovering does."""
    url = most_cited_page(site)
    page.goto(site.url(url), wait_until="networkidle")
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.citation-link')"):
            break
    else:
        pytest.fail(f"400 presses of Tab on '{url}' never reached a citation link")
    focused = page.locator("a.citation-link:focus")
    assert tooltip_problem(focused) is None, tooltip_problem(focused)


def test_a_citation_leads_to_its_reference_and_back(site, page):
    """Clicking a number goes to #ref-KEY (in view); the reference's back-link returns to it."""
    url = most_cited_page(site)
    page.goto(site.url(url))
    link = page.locator("article sup.citation a.citation-link").filter(visible=True).first
    href = link.evaluate("a => new URL(a.href).hash")  # Material makes hrefs absolute
    cite_id = link.evaluate("a => a.closest('sup.citation').id")
    assert href.startswith("#ref-") and cite_id.startswith("cite-"), (href, cite_id)

    link.click()
    page.wait_for_function("h => location.hash === h", arg=href)
    reference = page.locator(f"li[id='{href[1:]}']")
    reference.wait_for()
    page.wait_for_function(f"() => ({IN_VIEWPORT})(document.getElementById('{href[1:]}'))")

    back = reference.locator(f"a.reference-backlink[href$='#{cite_id}']")
    assert back.count() == 1, f"{href} on '{url}' has no back-link to #{cite_id}"
    back.click()
    page.wait_for_function("h => location.hash === h", arg=f"#{cite_id}")
    page.wait_for_function(f"() => ({IN_VIEWPORT})(document.getElementById('{cite_id}'))")
