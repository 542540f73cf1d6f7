"""Citations: the full reference shows on hover and keyboard focus; links go to it and back."""

from __future__ import annotations

import pytest

from kit.browsing import (
    ALL_TOOLTIP_BOXES,
    IN_VIEWPORT,
    MODES,
    TOOLTIP_BOX,
    block_other_hosts,
    box_problem,
    most_cited_page,
    tooltip_problem,
)
from kit.sitecheck import url_file

pytestmark = pytest.mark.browser

# The reader's widths: a tablet (820 px) has no sidebars, but is wider than the phone layout.
WIDTHS = {
    "light-desktop": MODES["light-desktop"],
    "light-tablet": {"color_scheme": "light", "viewport": {"width": 820, "height": 1180}},
    "light-phone": MODES["light-phone"],
}


# Where the focus is after a Tab: "footer" once past the article, None if not on a citation link,
# else the citation and its tooltip's TOOLTIP_BOX.
FOCUSED_CITATION = f"""() => {{
  const a = document.activeElement;
  if (a.closest('.md-footer')) return 'footer';
  if (!a.matches('a.citation-link')) return null;
  return {{where: `#${{a.closest('sup').id}} → ${{new URL(a.href).hash}}`,
           box: ({TOOLTIP_BOX})(a.querySelector('.citation-tooltip'))}};
}}"""


# A visible link scrolled to the middle of the screen: the centre of its number, for the mouse
# (one call, where locator.hover() makes several while it waits for the link to be still).
SCROLL_TO_CENTRE = """a => {
  if (!a.checkVisibility()) return null;
  a.scrollIntoView({block: 'center', behavior: 'instant'});
  const r = a.getClientRects()[0];
  return [r.left + r.width / 2, r.top + r.height / 2];
}"""


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
        page.mouse.move(0, 0)  # away from the last tooltip, which could cover this link
        centre = link.evaluate(SCROLL_TO_CENTRE)
        if centre is None:
            continue  # e.g. inside a folded "Check yourself" answer
        page.mouse.move(*centre)  # the pointer on the number, as a reader's would be
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
    """Tabbing through the page, each citation number that gets focus shows its whole reference.

    The browser scrolls a focused link only just into view, so without room kept below it
    (scroll-margin) a number on the last line of the screen opens its tooltip off the bottom.
    """
    url = most_cited_page(site)
    page.goto(site.url(url), wait_until="networkidle")
    problems, focused = [], 0
    for _ in range(1500):
        page.keyboard.press("Tab")
        # One round trip per key press: where the focus is and, on a citation, its tooltip's box.
        state = page.evaluate(FOCUSED_CITATION)
        if state == "footer":
            break  # past the article
        if state is None:
            continue
        focused += 1
        why = box_problem(state["box"])
        if why:
            problems.append(f"{state['where']}: tooltip {why}")
    assert focused, f"pressing Tab on '{url}' never reached a citation link"
    total = page.locator("article sup.citation a.citation-link").count()
    assert focused >= total // 2, f"Tab reached only {focused} of {total} citations on '{url}'"
    assert not problems, f"{len(problems)} of {focused} on '{url}':\n" + "\n".join(problems)


@pytest.mark.parametrize("mode", ["light-desktop", "light-tablet", "light-phone"])
def test_every_citation_tooltip_on_every_page_fits_the_screen(site, browser, mode):
    """On every page, each citation's tooltip (shown by focus) lies wholly inside the viewport.

    Tooltips sit against the text column, so one at the right end of a line, in a table or in
    an admonition must not run off the screen or be clipped; checked at three widths.
    """
    context = browser.new_context(**WIDTHS[mode])
    block_other_hosts(context, site.base)
    page = context.new_page()
    problems, checked = [], 0
    for url in site.own_pages:  # the printed guide's chapters are these pages' text
        if 'class="citation-link"' not in url_file(site.folder, url).read_text(encoding="utf-8"):
            continue  # no citation to check: save loading the page
        page.goto(site.url(url))
        for tip in page.evaluate(ALL_TOOLTIP_BOXES):
            checked += 1
            why = box_problem(tip["box"])
            if why:
                problems.append(f"'{url or '/'}' {tip['where']}: tooltip {why}")
    context.close()
    assert checked > 100, f"only {checked} citations checked across the site"
    assert not problems, f"{len(problems)} of {checked} in {mode}:\n" + "\n".join(problems[:30])


def test_the_pointer_can_move_from_a_citation_onto_its_tooltip(site, page):
    """A hover tooltip stays open while the pointer travels down onto it (WCAG 1.4.13).

    Checked for a citation in each kind of text that holds them (paragraph, list item, table
    cell, caption, definition), as their line heights differ and the tooltip must clear the line.
    """
    problems, checked = [], 0
    for url in dict.fromkeys([most_cited_page(site), ""]):
        page.goto(site.url(url))
        for holder in ("p", "li", "dd", "td", "figcaption"):
            link = page.locator(f"article {holder} > sup.citation a.citation-link").filter(
                visible=True
            )
            if not link.count():
                continue
            link = link.first
            checked += 1
            page.mouse.move(0, 0)
            link.evaluate("a => a.scrollIntoView({block: 'center', behavior: 'instant'})")
            box = link.bounding_box()
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            page.mouse.move(x, y)
            tip = link.locator(".citation-tooltip").bounding_box()
            where = f"'{url or '/'}' citation in <{holder}>"
            if not tip or tip["height"] < 12:
                problems.append(f"{where}: no tooltip on hover")
                continue
            end = tip["y"] + min(tip["height"] / 2, 20)
            steps = max(2, int((end - y) / 2))
            for step in range(1, steps + 1):
                at = y + (end - y) * step / steps
                page.mouse.move(x, at)
                why = tooltip_problem(link)
                if why:
                    problems.append(f"{where}: {why} with the pointer {at - y:.0f} px below it")
                    break
    assert checked >= 3, f"only {checked} kinds of text with citations found"
    assert not problems, "tooltips that close on the way to them:\n" + "\n".join(problems)


def test_printing_hides_tooltips_and_keeps_the_references(site, page):
    """On paper the numbers and the reference list print; tooltips, even a focused one, do not."""
    url = most_cited_page(site)
    page.goto(site.url(url))
    page.emulate_media(media="print")
    link = page.locator("article sup.citation a.citation-link").first
    link.focus()
    shown = link.locator(".citation-tooltip").evaluate(
        "t => getComputedStyle(t).display !== 'none' && t.getBoundingClientRect().height > 1"
    )
    assert not shown, f"a focused citation's tooltip prints on '{url}'"
    assert link.is_visible(), f"citation numbers do not print on '{url}'"
    references = page.locator("article ol.references > li")
    assert references.count() > 0 and references.first.is_visible(), (
        f"the reference list does not print on '{url}'"
    )
    empty = references.evaluate_all(
        "lis => lis.filter(li => li.getBoundingClientRect().height < 5).map(li => li.id)"
    )
    assert not empty, f"references that print as nothing on '{url}': {empty}"


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
