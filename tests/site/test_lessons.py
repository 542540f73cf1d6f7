"""Lessons in the built site: summary before the evidence box, reading time, terms that explain
themselves, and "Go deeper" blocks that print open.

The Markdown rules (core length, no talk about the sources) are in tests/test_content.py; these
tests read what the build made of the pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest

from ketamine_site import layers
from ketamine_site.glossaryterms import GlossaryTerms, read_glossary
from kit import readability
from kit.sitebuild import ROOT

DOCS = ROOT / "docs"
KEY_POINTS = "## Key points { #key-points }"
# A box title ("??? question "…"") is a label: the build links no term in it.
BOX_TITLE = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s.*$", re.MULTILINE)
# A link's text is a link already: the build links no term in it either.
LINK_TEXT = re.compile(r"\[[^\[\]]*\]\([^()]*\)")


def lesson_sources() -> list[Path]:
    return [
        path
        for path in sorted(DOCS.rglob("*.md"))
        if KEY_POINTS in path.read_text(encoding="utf-8")
        and not path.relative_to(DOCS).as_posix().startswith("contributing/")
    ]


def built(site: Path, source: Path):
    page = source.relative_to(DOCS).with_suffix("")
    return lxml.html.parse(str(site / page / "index.html")).getroot()


def article(tree):
    return tree.xpath("//article")[0]


def with_class(element, tag: str, name: str) -> list:
    """Descendants ``tag`` whose class list holds ``name`` (XPath: no cssselect needed)."""
    return element.xpath(
        f".//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
    )


def name(source: Path) -> str:
    return source.relative_to(ROOT).as_posix()


def test_lessons_are_found():
    assert len(lesson_sources()) >= 6


@pytest.mark.parametrize("source", lesson_sources(), ids=name)
def test_the_summary_comes_before_the_evidence_box(built_site, source):
    """Title, "In brief", then the evidence box, then the rest of the lesson."""
    body = list(article(built(built_site, source)).iter())
    brief = next(i for i, e in enumerate(body) if e.get("id") == "in-brief")
    boxes = [i for i, e in enumerate(body) if "evidence" in (e.get("class") or "").split()]
    if not boxes:
        pytest.skip(f"{name(source)} declares no evidence level")
    later_h2 = [i for i, e in enumerate(body) if e.tag == "h2" and i > brief]
    assert brief < boxes[0] < (later_h2[0] if later_h2 else len(body)), (
        f"{name(source)}: the evidence box is not between 'In brief' and the next section"
    )


@pytest.mark.parametrize("source", lesson_sources(), ids=name)
def test_each_lesson_shows_its_core_reading_time(built_site, source):
    """Under the title: the core's reading time, as counted from the Markdown."""
    minutes = layers.minutes(layers.core_words(source.read_text(encoding="utf-8")))
    shown = with_class(article(built(built_site, source)), "*", "page-reading-time")
    assert shown, f"{name(source)}: no reading time under the title"
    assert f"Core reading time: {minutes} min" in shown[0].text_content()


@pytest.mark.parametrize("source", lesson_sources(), ids=name)
def test_every_glossary_term_in_a_lesson_links_to_its_entry_once(built_site, source):
    """Each glossary term the lesson's prose uses is linked, with its definition, at most once."""
    terms = read_glossary((DOCS / "glossary.md").read_text(encoding="utf-8"))
    text = LINK_TEXT.sub("", BOX_TITLE.sub("", source.read_text(encoding="utf-8")))
    prose = " ".join(readability.page_prose(text))
    used = GlossaryTerms(terms).used_in(prose)
    links = with_class(article(built(built_site, source)), "a", "term-link")
    linked = [link.get("href").rsplit("#", 1)[-1] for link in links]
    assert not used - set(linked), (
        f"{name(source)}: glossary terms used but not linked: {sorted(used - set(linked))}"
    )
    assert len(linked) == len(set(linked)), f"{name(source)}: a term is linked twice"
    for link in links:
        assert link.get("href").split("#")[0].endswith("glossary/"), link.get("href")
        tooltip = with_class(link, "span", "term-tooltip")
        assert tooltip and tooltip[0].text_content().strip(), f"{name(source)}: empty tooltip"


def test_the_glossary_links_no_terms_to_itself(built_site):
    assert not with_class(article(built(built_site, DOCS / "glossary.md")), "a", "term-link")


def test_the_printed_guide_prints_every_fold_open(built_site):
    """Go deeper blocks and self-check answers are open on paper."""
    tree = lxml.html.parse(str(built_site / "print" / "index.html")).getroot()
    folds = tree.xpath("//article//details")
    assert folds, "the printed guide has no folded blocks: are the chapters there?"
    closed = [d.findtext("summary") for d in folds if d.get("open") is None]
    assert not closed, f"folded blocks printed closed: {closed[:5]}"


def test_search_finds_the_text_of_go_deeper_blocks(built_site):
    """A folded block is still indexed: a sentence from inside one is in the search index."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", "", " ".join(d["text"] for d in index["docs"]))
    )
    checked = 0
    for source in lesson_sources():
        deeper = layers.split(source.read_text(encoding="utf-8"))[1]
        sentences = [
            s
            for paragraph in readability.page_prose(deeper)
            for s in readability.sentences(paragraph)
            if readability.words(s) >= 8 and not re.search(r"[*_`<>\[\]()]", s)
        ]
        if not sentences:
            continue
        words = sentences[0].split()[:6]
        assert " ".join(words) in indexed, f"{name(source)}: '{' '.join(words)}' is not searchable"
        checked += 1
    assert checked >= 6
