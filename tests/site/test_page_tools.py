"""Review dates, "Cite this page" and the changelog feed, in real MkDocs builds.

The built site is checked as a reader and a feed reader would see it; the failures are made in a
temporary copy of the project (a stale or missing review date), built with --strict.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest

from ketamine_site.changelog import read_entries
from kit.sitebuild import ROOT, build_site, site_url
from kit.sitecopy import copy_project, edit

SITE_URL = site_url()
DOCS = ROOT / "docs"
CONTENT = sorted(
    p.relative_to(DOCS).as_posix()
    for p in DOCS.rglob("*.md")
    if not p.relative_to(DOCS).as_posix().startswith("contributing/") and p.name != "changelog.md"
)
REVIEWED = re.compile(r"^reviewed: (\d{4}-\d{2}-\d{2})$", re.M)


def _html(site: Path, src: str) -> str:
    url = src.removesuffix(".md").removesuffix("index")
    folder = site / url if url else site
    return (folder / "index.html").read_text(encoding="utf-8")


def _url(src: str) -> str:
    url = src.removesuffix(".md").removesuffix("index")
    return SITE_URL + (url + "/" if url and not url.endswith("/") else url)


@pytest.mark.parametrize("src", CONTENT)
def test_each_content_page_declares_shows_and_cites_its_review_date(built_site, src):
    source = (DOCS / src).read_text(encoding="utf-8")
    lines = source.split("\n")
    declared = REVIEWED.search(source)
    assert declared, f"docs/{src}: no 'reviewed: YYYY-MM-DD' line"
    # The agreed place: the line right after description:, so merges of pages line up.
    where = lines.index(declared.group(0))
    assert lines[where - 1].startswith("description:"), f"docs/{src}: not after description:"
    day = declared.group(1)
    page = _html(built_site, src)
    assert f'Last reviewed <time datetime="{day}">' in page
    assert "Next review due <time datetime=" in page
    citation = re.search(r'<p class="page-citation__text">(.*?)</p>', page, re.S)
    assert citation, f"{src}: no citation block"
    text = re.sub(r"<[^>]+>", "", citation.group(1))
    year, month, date_ = (int(x) for x in day.split("-"))
    month_name = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"][month - 1]  # fmt: skip
    assert f"Updated {month_name} {date_}, {year}. Accessed [Month Day, Year]. " in text
    assert text.endswith(_url(src)), text
    assert page.index("page-review") < page.index('class="page-citation"')


def test_the_citation_uses_the_pages_own_title_and_the_site_name(built_site):
    page = _html(built_site, "mechanism/nmda-blockade.md")
    text = re.sub(r"<[^>]+>", "", re.search(r'page-citation__text">(.*?)</p>', page).group(1))
    assert text.startswith(
        "NMDA receptor blockade. How ketamine may lift depression within hours. Updated"
    )


def test_maintainers_pages_have_no_review_date_or_citation(built_site):
    for src in ("contributing/adding-a-page.md", "changelog.md"):
        page = _html(built_site, src)
        assert 'class="page-review"' not in page, src
        assert 'class="page-citation"' not in page, src


def test_the_feed_reads_as_rss_with_every_changelog_entry(built_site):
    entries, problems = read_entries((DOCS / "changelog.md").read_text(encoding="utf-8"))
    assert not problems
    assert entries, "docs/changelog.md has no entries"
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert [e.link for e in feed.entries] == [
        f"{SITE_URL}changelog/#{entry.anchor}" for entry in entries
    ]
    changelog = _html(built_site, "changelog.md")
    for entry in entries:  # each item's link lands on its entry
        assert f'id="{entry.anchor}"' in changelog


def test_every_page_links_to_the_feed_in_its_head(built_site):
    pages = [p for p in built_site.rglob("index.html") if "<head>" in p.read_text()]
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        links = re.findall(r'<link rel="alternate" type="application/rss\+xml"[^>]*>', head)
        assert len(links) == 1, f"{path}: {links}"
        href = re.search(r'href="([^"]+)"', links[0]).group(1)
        relative = path.relative_to(built_site).parent.as_posix()
        target = urljoin(f"http://x/{relative}/".replace("//", "/").replace(":/", "://"), href)
        assert target == "http://x/feed.xml", f"{path}: {href}"


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory) -> Path:
    """The project's sources (not its venv, git or build output), to break on purpose."""
    return copy_project(ROOT, tmp_path_factory.mktemp("project") / "project")


DAY = 86_400
BUILT_ON_2026_12_03 = {"SOURCE_DATE_EPOCH": str(20_790 * DAY)}  # 2026-12-03T00:00:00Z


def reviewed_line(page: Path) -> str:
    """The page's own ``reviewed:`` line, whatever day it names today."""
    return re.search(r"^reviewed: .*$", page.read_text(encoding="utf-8"), re.MULTILINE)[0]


def test_a_stale_review_date_fails_the_strict_build_with_file_line_and_fix(project_copy, tmp_path):
    about = project_copy / "docs" / "about.md"
    reviewed = reviewed_line(about)
    line = about.read_text().split("\n").index(reviewed) + 1
    edit(about, reviewed, "reviewed: 2025-12-02")
    try:
        result = build_site(project_copy, tmp_path / "site", env=BUILT_ON_2026_12_03)
    finally:
        edit(about, "reviewed: 2025-12-02", reviewed)
    assert result.returncode != 0, "a page last reviewed 12 months and a day ago passed --strict"
    assert (
        f"about.md:{line}: last reviewed 2025-12-02, more than 12 months before this build "
        "(2026-12-03); its review was due 2026-12-02." in result.stderr
    ), result.stderr[-3000:]
    assert "then set reviewed: to that day" in result.stderr


def test_a_page_reviewed_exactly_12_months_ago_still_builds(project_copy, tmp_path):
    about = project_copy / "docs" / "about.md"
    reviewed = reviewed_line(about)
    edit(about, reviewed, "reviewed: 2025-12-03")
    try:
        result = build_site(project_copy, tmp_path / "site", env=BUILT_ON_2026_12_03)
    finally:
        edit(about, "reviewed: 2025-12-03", reviewed)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [("", "glossary.md:2: no 'reviewed:' in the front matter"),
     ("reviewed: 3 Dec 2026\n", "glossary.md:4: 'reviewed: 3 Dec 2026' is not a date")],
)  # fmt: skip
def test_a_missing_or_malformed_review_date_fails_the_strict_build(
    project_copy, tmp_path, replacement, expected
):
    glossary = project_copy / "docs" / "glossary.md"
    original = glossary.read_text(encoding="utf-8")
    glossary.write_text(original.replace(reviewed_line(glossary) + "\n", replacement, 1))
    try:
        result = build_site(project_copy, tmp_path / "site", env=BUILT_ON_2026_12_03)
    finally:
        glossary.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr[-3000:]
    assert "write the day you last checked the page" in result.stderr


def test_the_review_line_and_the_citation_stay_out_of_search(built_site):
    """Otherwise a search for "cite" or "reviewed" would find every page."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = [
        doc["location"]
        for doc in index["docs"]
        if not doc["location"].startswith("contributing/")  # the guide explains them, in words
        and ("Cite this page" in doc["title"] + doc["text"] or "Last reviewed" in doc["text"])
    ]
    assert index["docs"] and not found, found


PUBLISHED = "https://someone.github.io/ketamine-mechanisms/"
PAGE = "mechanism/nmda-blockade/"


def test_the_published_address_comes_from_site_url_in_the_environment(tmp_path):
    """What the deploy workflow does: SITE_URL names the site in every address, with no note."""
    result = build_site(ROOT, tmp_path / "site", env={"SITE_URL": PUBLISHED})
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Preview build" not in result.stderr
    page = (tmp_path / "site" / PAGE / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLISHED}{PAGE}">' in page
    assert f'<meta property="og:url" content="{PUBLISHED}{PAGE}">' in page
    assert f'data-page-url="{PUBLISHED}{PAGE}">{PUBLISHED}{PAGE}</span>' in page
    assert "page-citation__preview" not in page
    feed = feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes())
    assert feed.feed.link.startswith(PUBLISHED)


def test_a_build_without_site_url_says_it_is_a_preview(tmp_path):
    result = build_site(ROOT, tmp_path / "site", env={"SITE_URL": None})
    assert result.returncode == 0, result.stderr[-3000:]
    local = "http://127.0.0.1:8000/ketamine-mechanisms/"
    assert (
        f"INFO    -  Preview build: site_url is {local}, not a published address" in result.stderr
    )
    assert "set SITE_URL to its address" in result.stderr
    page = (tmp_path / "site" / PAGE / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{local}{PAGE}">' in page
    assert '<p class="page-citation__preview"><strong>Preview: ' in page
