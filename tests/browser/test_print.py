"""The printed guide in a real browser: print media, the PDF, and the way a reader gets there."""

from __future__ import annotations

import pytest

from kit.browsing import DESKTOP, IN_VIEWPORT, PHONE, Watch, block_other_hosts
from kit.sitebuild import site_url

pytestmark = pytest.mark.browser

PRINT_PAGE = "print/"
SITE_URL = site_url()  # links left out of the printout show their address on it
# What Material and site.css hide on paper: menus, header (with search), footer, buttons.
CHROME = (
    ".md-header, .md-search, .md-sidebar, .md-footer, .md-top, .md-tabs, .md-content__button, "
    ".headerlink, .reference-backlinks"
)
PRINTED = """() => {
  const shown = el => el.checkVisibility() && el.getClientRects().length > 0;
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  const repeated = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  const dangling = [...document.querySelectorAll('a[href^="#"]')]
    .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
    .filter(id => id && !document.getElementById(id));
  const chapters = [...document.querySelectorAll('section.print-chapter')];
  const bg = getComputedStyle(document.body).backgroundColor;
  const text = getComputedStyle(document.querySelector('article p')).color;
  return {
    chrome: [...document.querySelectorAll(arguments[0])].filter(shown).map(e => e.className),
    figures: [...document.querySelectorAll('figure.diagram')].map(f => [
      shown(f) && f.querySelector('svg').getBoundingClientRect().height > 100,
      getComputedStyle(f).breakInside]),
    chapters: chapters.length,
    referenceLists: chapters.filter(c => c.querySelector('ol.references li')).length,
    citedChapters: chapters.filter(c => c.querySelector('sup.citation')).length,
    repeated, dangling, bg, text,
    addressShown: [...document.querySelectorAll('a[data-print-url]')].slice(0, 1)
      .map(a => getComputedStyle(a, '::after').content),
  };
}"""


def _luminance(css_colour: str) -> float:
    """Relative luminance of an rgb()/rgba() colour, 0 (black) to 1 (white)."""
    parts = [float(p) for p in css_colour[css_colour.index("(") + 1 : -1].split(",")[:3]]
    linear = [(c / 255) / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printed_guide_drops_the_chrome_and_keeps_figures_and_references(site, browser, scheme):
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    block_other_hosts(context, site.base)
    page = context.new_page()
    try:
        page.goto(site.url(PRINT_PAGE), wait_until="load")
        page.emulate_media(media="print")
        found = page.evaluate(PRINTED.replace("arguments[0]", repr(CHROME)))
        assert not found["chrome"], f"still shown in print ({scheme}): {found['chrome']}"
        assert found["chapters"] >= 8, f"only {found['chapters']} chapters on the printed guide"
        assert len(found["figures"]) >= 2, "the cascade diagram or the study flow is missing"
        for shown, breaking in found["figures"]:
            assert shown, "a diagram is not drawn in print"
            assert breaking == "avoid", f"a diagram may be split across sheets ({breaking})"
        assert found["referenceLists"] == found["citedChapters"] > 0, (
            f"{found['citedChapters']} chapters cite sources but only "
            f"{found['referenceLists']} print a reference list"
        )
        assert not found["repeated"], f"ids repeated: {found['repeated'][:10]}"
        assert not found["dangling"], f"links to no id on the page: {found['dangling'][:10]}"
        assert _luminance(found["bg"]) > 0.95, f"paper is not white in {scheme}: {found['bg']}"
        assert _luminance(found["text"]) < 0.1, f"text is not dark in {scheme}: {found['text']}"
        assert found["addressShown"] and SITE_URL in found["addressShown"][0], (
            "a link to a page left out of the printout does not show its address on paper"
        )
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        context.close()
    assert pdf.startswith(b"%PDF-"), "Chromium did not render a PDF"
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page") > 10


def test_home_page_links_to_the_printed_guide_and_the_keyboard_reaches_it(site, page):
    page.goto(site.url(""), wait_until="networkidle")
    link = page.locator("article a[href$='print/']")
    assert link.count() == 1, "the home page has no link to the printed guide"
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches(\"article a[href$='print/']\")"):
            break
    else:
        pytest.fail("400 Tabs from the top of the home page never reached the printed guide link")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused print link shows no focus outline"
    page.keyboard.press("Enter")
    page.wait_for_url("**/print/")
    assert page.locator("section.print-chapter").count() >= 8


def test_search_dialog_has_an_accessible_name(site, page):
    """Lighthouse and axe (aria-dialog-name) need role=dialog to be named."""
    page.goto(site.url(""), wait_until="load")
    page.keyboard.press("/")  # Material opens search on "/" or "s"
    dialog = page.get_by_role("dialog", name="Search")
    assert dialog.count() == 1, "no dialog named 'Search' (aria-label on .md-search)"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_printed_guide_runs_none_of_the_themes_script_and_keeps_the_readers_palette(
    site, browser, scheme
):
    """overrides/print.html: no Material bundle (no scroll or tooltip set-up on 10,000 elements);
    the palette still follows the system setting, and the site's own script still runs."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    block_other_hosts(context, site.base)
    page = context.new_page()
    watch = Watch(site.base).attach(page)
    scripts = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    try:
        page.goto(site.url(PRINT_PAGE), wait_until="networkidle")
        assert not [url for url in scripts if "/bundle." in url], scripts
        assert any(url.endswith("page-citation.js") for url in scripts), scripts
        assert watch.problems() == []
        expected = {"light": "default", "dark": "slate"}[scheme]
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
        # The site's script ran: the accessed date is today's, not the bracketed placeholder.
        accessed = page.locator(".page-citation__accessed").first.inner_text()
        assert "[" not in accessed, accessed
        # What needs the theme's script is not offered: no search box, no palette switch.
        assert not page.locator(".md-search__input").is_visible()
        assert not page.locator("form[data-md-component='palette']").is_visible()
        # The menu still opens without it (a CSS checkbox).
        glossary = page.locator(".md-sidebar--primary .md-nav__link[href$='glossary/']").first
        assert not glossary.evaluate(IN_VIEWPORT)  # the drawer is off screen until opened
        page.locator(".md-header label[for='__drawer']").click()
        page.wait_for_timeout(400)  # Material's slide-in transition (0.25 s)
        assert glossary.evaluate(IN_VIEWPORT)
    finally:
        context.close()


def test_other_pages_keep_the_themes_script(site, page):
    scripts = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    page.goto(site.url(""), wait_until="load")
    assert [url for url in scripts if "/bundle." in url], scripts
