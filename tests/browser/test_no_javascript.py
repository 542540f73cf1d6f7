"""With JavaScript off the site still works: text, citations, reference lists, diagram links."""

from __future__ import annotations

import pytest

from kit.browsing import DESKTOP, IN_VIEWPORT, most_cited_page, tooltip_problem
from kit.sitecheck import parse_file, url_file

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    yield context.new_page()
    context.close()


def test_every_page_shows_its_text_citations_and_references(site, page):
    """Each page has its heading and text; every citation's #ref-KEY target is on the page."""
    problems = []
    for url in site.pages:
        page.goto(site.url(url))
        where = f"'{url or '/'}'"
        if not page.locator("article h1").count():
            problems.append(f"{where}: no h1 in the article")
        if not page.locator("article p, article li, article td").count():
            problems.append(f"{where}: the article has no text besides its title")
        targets = page.locator("article sup.citation a.citation-link").evaluate_all(
            "els => els.map(a => a.getAttribute('href'))"
        )
        if targets and not page.locator("article ol.references > li").count():
            problems.append(f"{where}: citations but no reference list (ol.references)")
        missing = [
            href
            for href in targets
            if not href.startswith("#") or not page.locator(f"[id='{href[1:]}']").count()
        ]
        problems += [f"{where}: citation link {h} has no target" for h in sorted(set(missing))]
    assert not problems, "\n".join(problems)


def test_a_citation_shows_its_reference_and_follows_its_link(site, page):
    """CSS alone shows the tooltip on hover; the browser itself follows the link to #ref-KEY."""
    url = most_cited_page(site)
    page.goto(site.url(url))
    link = page.locator("article sup.citation a.citation-link").filter(visible=True).first
    link.hover()
    assert tooltip_problem(link) is None, tooltip_problem(link)
    href = link.get_attribute("href")
    link.click()
    page.wait_for_function("h => location.hash === h", arg=href)
    page.wait_for_function(f"() => ({IN_VIEWPORT})(document.getElementById('{href[1:]}'))")


def test_diagram_links_work(site, page):
    """The home page's diagram links are plain links: each one opens its page."""
    if not parse_file(url_file(site.folder, "")).links:
        pytest.fail("the home page has no links")
    page.goto(site.url(""))
    links = page.locator("figure.diagram svg a")
    assert links.count() > 0, "the home page has no linked diagram (figure.diagram svg a)"
    for i in range(links.count()):
        page.goto(site.url(""))
        link = page.locator("figure.diagram svg a").nth(i)
        with page.expect_navigation() as navigation:
            link.click()
        response = navigation.value
        assert response is not None and response.status == 200, (i, page.url)
        assert page.url != site.url(""), f"diagram link {i + 1} did not leave the home page"
