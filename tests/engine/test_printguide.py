"""The printed guide: which pages are chapters, and how their ids and links are made one page's."""

from __future__ import annotations

import re

import markdown

from ketamine_site import printguide
from ketamine_site.glossaryterms import GlossaryTerms, GlossaryTermsExtension, read_glossary
from ketamine_site.printguide import Page, assemble, chapter_key, check, is_chapter
from mkdocs_citations.engine import parse_bibliography
from mkdocs_citations.engine.markdown_ext import CitationExtension

PRINT_URL = "print/"
SITE = "https://example.org/guide/"

HOME = Page(
    "index.md",
    "",
    "Home",
    '<h1 id="title">Title</h1>\n'
    '<p>See <a href="mechanism/step-one/#why">why</a> and '
    '<a href="about/#evidence-levels">the levels</a>.'
    '<sup class="citation" id="cite-1"><a class="citation-link" href="#ref-a">1</a></sup></p>\n'
    '<figure class="diagram"><svg aria-labelledby="d-title" aria-describedby="d-desc">'
    '<title id="d-title">T</title><desc id="d-desc">D</desc>'
    '<marker id="arrow"/><path marker-end="url(#arrow)"/>'
    '<a href="mechanism/step-one/" class="diagram__step"><text>1</text></a></svg></figure>\n'
    '<ol class="references"><li id="ref-a">A. <a href="https://doi.org/10.1/x">doi</a> '
    '<a class="reference-backlink" href="#cite-1">a</a></li></ol>',
)
STEP = Page(
    "mechanism/step-one.md",
    "mechanism/step-one/",
    "1. Step one",
    '<h1 id="title">Step one</h1>\n<h2 id="why">Why<a class="headerlink" href="#why">¶</a></h2>\n'
    '<p>Back <a href="../../">home</a>, on to <a href="../../glossary/#nmda">NMDA</a>.'
    '<sup class="citation" id="cite-1"><a class="citation-link" href="#ref-a">1</a></sup></p>\n'
    '<input id="__tabbed_1_1" name="__tabbed_1" type="radio"><label for="__tabbed_1_1">A</label>\n'
    '<ol class="references"><li id="ref-a">A.</li></ol>',
)


def ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]*)"', html)


def test_chapters_are_the_science_pages_not_the_bibliography_about_or_contributing():
    nav = [
        "index.md", "mechanism/index.md", "mechanism/nmda-blockade.md", "opioid-debate.md",
        "hypotheses.md", "glossary.md", "references.md", "about.md", "contributing/index.md",
        "contributing/citing.md", "print.md",
    ]  # fmt: skip
    chosen = [uri for uri in nav if is_chapter(uri, "print.md")]
    assert chosen == [
        "index.md", "mechanism/index.md", "mechanism/nmda-blockade.md", "opioid-debate.md",
        "hypotheses.md", "glossary.md",
    ]  # fmt: skip


def test_chapter_keys_come_from_the_file_path():
    assert chapter_key("index.md") == "home"
    assert chapter_key("mechanism/index.md") == "mechanism"
    assert chapter_key("mechanism/ampa-activation.md") == "mechanism-ampa-activation"
    assert chapter_key("opioid-debate.md") == "opioid-debate"


def test_ids_are_unique_and_every_reference_to_one_is_rewritten_with_it():
    guide = assemble([HOME, STEP], PRINT_URL, SITE)
    assert guide.problems == []
    found = ids(guide.html)
    assert len(found) == len(set(found)), found
    assert "home--cite-1" in found and "mechanism-step-one--cite-1" in found
    assert 'href="#home--ref-a"' in guide.html and 'href="#home--cite-1"' in guide.html
    assert 'aria-labelledby="home--d-title"' in guide.html
    assert 'aria-describedby="home--d-desc"' in guide.html
    assert 'marker-end="url(#home--arrow)"' in guide.html
    assert 'for="mechanism-step-one--__tabbed_1_1"' in guide.html
    assert 'name="mechanism-step-one--__tabbed_1"' in guide.html  # radio groups stay apart


def test_links_to_printed_pages_stay_on_the_page_and_others_are_rebased_with_their_address():
    html = assemble([HOME, STEP], PRINT_URL, SITE).html
    assert '<a href="#mechanism-step-one--why">why</a>' in html
    assert 'href="#chapter-mechanism-step-one" class="diagram__step"' in html  # in the SVG
    assert '<a href="#chapter-home">home</a>' in html
    assert (
        '<a href="../about/#evidence-levels" '
        'data-print-url="https://example.org/guide/about/#evidence-levels">'
    ) in html
    assert 'href="../glossary/#nmda" data-print-url="https://example.org/guide/glossary/#nmda"' in (
        html
    )
    assert 'href="https://doi.org/10.1/x"' in html  # another site's link is left alone


def test_without_a_site_url_links_are_rebased_but_carry_no_address():
    html = assemble([HOME], PRINT_URL, None).html
    assert '<a href="../about/#evidence-levels">' in html
    assert "data-print-url" not in html


def test_headings_move_down_a_level_and_chapters_are_listed_in_order():
    guide = assemble([HOME, STEP], PRINT_URL, SITE)
    assert '<h2 id="home--title">Title</h2>' in guide.html
    assert '<h3 id="mechanism-step-one--why">' in guide.html
    assert "<h1" not in guide.html
    assert guide.chapters == [
        ("Home", "chapter-home"),
        ("1. Step one", "chapter-mechanism-step-one"),
    ]
    contents = guide.html.split("</nav>")[0]
    assert contents.index("#chapter-home") < contents.index("#chapter-mechanism-step-one")
    assert guide.html.count('data-copy-of="') == 2


def test_check_reports_repeated_ids_and_links_to_missing_ids():
    problems = check('<p id="a"></p><p id="a"></p><a href="#b">b</a><a href="#a">a</a>')
    assert problems == [
        "id 'a' appears 2 times on the printed guide",
        "a link to '#b', an id the printed guide does not have",
    ]


def test_attribute_values_are_escaped_when_written_back():
    page = Page("x.md", "x/", "X", '<a href="../y/?a=1&amp;b=2#t" title="a &quot;b&quot;">y</a>')
    html = assemble([page], PRINT_URL, None).html
    assert 'href="../y/?a=1&amp;b=2#t"' in html
    assert 'title="a &quot;b&quot;"' in html  # untouched attributes keep their bytes


def test_placeholder_is_an_html_comment():
    # Markdown passes an HTML comment through untouched, so the hook finds it in the page.
    assert printguide.PLACEHOLDER.startswith("<!--") and printguide.PLACEHOLDER.endswith("-->")


def test_chapters_leave_out_their_own_cite_this_page_block():
    """A chapter's "Cite this page" block and the link to it stay on the page, not in print."""
    page = Page(
        "mechanism/step-one.md",
        "mechanism/step-one/",
        "1. Step one",
        '<h1 id="title">Step one</h1>\n'
        '<p class="page-review">Last reviewed <time datetime="2026-12-03">December 3, 2026</time>'
        ' · <a href="#cite-this-page">Cite this page</a></p>\n<p>Text.</p>\n'
        '<section data-search-exclude class="page-citation" aria-labelledby="cite-this-page">\n'
        '<h2 id="cite-this-page">Cite this page</h2>\n<p>Step one. Site.</p>\n</section>\n',
    )
    guide = assemble([page], PRINT_URL, SITE)
    assert "page-citation" not in guide.html
    assert "cite-this-page" not in guide.html
    assert "Last reviewed" in guide.html and "Text." in guide.html
    assert not guide.problems


def test_chapters_leave_out_hover_texts_and_back_links_as_the_engines_write_them():
    """The citation engine's and the glossary's own markup (not a copy of it) loses its hover
    texts and ↩ links in the guide; the numbers, the words and the references stay."""
    bib = parse_bibliography(
        "@article{a, author={Duman, Ronald S.}, title={One}, journal={J}, year={2012}}\n"
        "@article{b, author={Li, N.}, title={Two}, journal={J}, year={2010}}\n",
        "refs.bib",
    )
    terms = GlossaryTerms(read_glossary("### Infusion { #infusion }\n\nA slow drip.\n"))
    terms.set_page("mechanism/step-one.md")
    citations = CitationExtension(bib)
    md = markdown.Markdown(extensions=["attr_list", GlossaryTermsExtension(terms), citations])
    content = md.convert("An infusion works [@a; @b]. Again [@a].\n")
    assert 'class="citation-tooltip"' in content and 'class="term-tooltip"' in content
    assert "reference-backlink" in content
    guide = assemble([Page("mechanism/step-one.md", "mechanism/step-one/", "Step", content)],
                     PRINT_URL, SITE)  # fmt: skip
    assert "tooltip" not in guide.html and "reference-backlink" not in guide.html
    assert "A slow drip" not in guide.html  # the definition lives in the glossary's chapter
    assert re.findall(r'class="citation-link" href="#[^"]+">(\d)</a>', guide.html) == list("121")
    assert ">infusion</a> works" in guide.html
    assert "Duman RS. One. <i>J</i>. Published online 2012." in guide.html
    assert not guide.problems
