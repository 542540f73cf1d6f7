"""The printed guide (print/) in the built site: every science page of the nav, in nav order.

The page's links are checked with every other page's (test_links.py); here, that it holds the
right chapters whole: each chapter's reference list as long as on the chapter's own page, its
diagrams, and no id twice.
"""

from __future__ import annotations

import re
from collections import Counter

import yaml

from ketamine_site.printguide import is_chapter
from kit.sitebuild import ROOT
from kit.sitecheck import url_file

PRINT_PAGE = "print/"


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml whatever !!python/name tags it holds (the nav has none)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def nav_files(entries) -> list[str]:
    files = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            files += nav_files(value)
        elif isinstance(value, str) and value.endswith(".md"):
            files.append(value)
    return files


def page_url(src: str) -> str:
    stem = src.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def chapters(html: str) -> list[str]:
    return re.findall(r'<section class="print-chapter" id="[^"]*" data-copy-of="([^"]*)"', html)


def chapter_html(html: str, url: str) -> str:
    start = html.index(f'data-copy-of="{url or "./"}"')
    return html[start : html.index("</section>", start)]


def test_the_printed_guide_holds_every_science_page_in_nav_order(built_site):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    expected = [
        page_url(src) or "./" for src in nav_files(config["nav"]) if is_chapter(src, "print.md")
    ]
    html = url_file(built_site, PRINT_PAGE).read_text(encoding="utf-8")
    assert chapters(html) == expected
    assert "mechanism/nmda-blockade/" in expected and "opioid-debate/" in expected


def test_each_chapter_is_whole_and_no_id_appears_twice(built_site):
    html = url_file(built_site, PRINT_PAGE).read_text(encoding="utf-8")
    repeated = [
        anchor for anchor, n in Counter(re.findall(r'\sid="([^"]*)"', html)).items() if n > 1
    ]
    assert not repeated, f"ids repeated on the printed guide: {repeated[:10]}"
    problems = []
    for url in chapters(html):
        page = url_file(built_site, "" if url == "./" else url).read_text(encoding="utf-8")
        chapter = chapter_html(html, url)
        for what, pattern in (
            ("reference entries", r'<li id="[^"]*ref-'),
            ("citations", r'<sup class="citation"'),
            ("diagrams", r'<figure class="diagram"'),
            ("evidence boxes", r'class="admonition evidence '),
        ):
            own, printed = len(re.findall(pattern, page)), len(re.findall(pattern, chapter))
            if own != printed:
                problems.append(f"{url}: {own} {what} on its page, {printed} in the printed guide")
    assert not problems, "\n".join(problems)


def test_the_guide_leaves_out_what_only_a_screen_uses(built_site):
    """Hover texts and ↩ links, which the print stylesheet hides on every page, are not in the
    guide's HTML at all (a phone parses a third less), while the pages keep them."""
    html = url_file(built_site, PRINT_PAGE).read_text(encoding="utf-8")
    body = html[html.index('<section class="print-chapter"') :]
    for screen_only in ('class="citation-tooltip"', 'class="term-tooltip"', "reference-backlink"):
        assert screen_only not in body, screen_only
        assert any(
            screen_only in url_file(built_site, url if url != "./" else "").read_text("utf-8")
            for url in chapters(html)
        ), f"no page has {screen_only}: the check above proves nothing"
    assert len(re.findall(r'<a class="citation-link" href="#[^"]+">\d+</a>', body)) > 500
