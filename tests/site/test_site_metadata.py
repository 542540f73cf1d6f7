"""What machines read from the built site: citation_* tags, JSON-LD, Open Graph, and downloads.

Each check parses the real build with a real parser (lxml for the meta tags, extruct for JSON-LD
and Open Graph, rispy and bibtexparser for the downloads) and compares it with the page's own
reference list and with references.bib.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import bibtexparser
import extruct
import lxml.html
import pytest
import yaml

from ketamine_site.metadata.downloads import read_ris
from kit.sitebuild import ROOT, site_url
from kit.sitecheck import content_pages, url_file
from kit.sitehtml import parse_file
from mkdocs_citations.engine import load_bibliography

SITE_URL = site_url()
BIBLIOGRAPHY = load_bibliography(ROOT / "references.bib")
KNOWN_DOI = "10.1126/science.1190287"  # li2010mtor, cited on the mTOR page
LATEX_LEFTOVERS = re.compile(r"[{}\\]")


def _source(url: str) -> Path:
    """The Markdown file a page URL was built from."""
    name = url.rstrip("/") or "index"
    for candidate in (ROOT / "docs" / f"{name}.md", ROOT / "docs" / name / "index.md"):
        if candidate.exists():
            return candidate
    raise AssertionError(f"no source for {url!r}")


def _front_matter(url: str) -> dict:
    text = _source(url).read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?\n)---\n", text, re.S)
    return yaml.safe_load(match.group(1)) if match else {}


def _pages(site: Path) -> list[str]:
    return [url for url in content_pages(site) if not url.startswith("contributing/")]


def _meta(tree, name: str) -> list[str]:
    return [m.get("content") for m in tree.xpath(f'//head/meta[@name="{name}"]')]


def _listed(site: Path, url: str) -> list[str]:
    """Keys of the page's reference list (the whole bibliography on the References page)."""
    page = parse_file(url_file(site, url))
    if page.bibliography_ids:
        return list(page.bibliography_ids)
    return [ref.removeprefix("ref-") for ref in page.reference_ids]


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, tuple]:
    """url → (lxml tree, extruct data, raw HTML) for every content page outside Contributing."""
    found = {}
    for url in _pages(built_site):
        raw = url_file(built_site, url).read_text(encoding="utf-8")
        data = extruct.extract(
            raw, base_url=SITE_URL + url, syntaxes=["json-ld", "opengraph"], uniform=True
        )
        found[url] = (lxml.html.fromstring(raw), data, raw)
    return found


def test_every_content_page_has_highwire_tags_one_reference_per_listed_source(built_site, pages):
    problems = []
    for url, (tree, _, _) in pages.items():
        listed = _listed(built_site, url)
        title = _meta(tree, "citation_title")
        references = _meta(tree, "citation_reference")
        if title != [_front_matter(url)["title"]]:
            problems.append(f"{url}: citation_title {title}")
        if _meta(tree, "citation_public_url") != [SITE_URL + url]:
            problems.append(f"{url}: citation_public_url {_meta(tree, 'citation_public_url')}")
        if len(references) != len(listed):
            problems.append(f"{url}: {len(references)} citation_reference, {len(listed)} listed")
        for key, content in zip(listed, references, strict=False):
            record = BIBLIOGRAPHY[key]
            if not content.startswith("citation_title="):
                problems.append(f"{url}: {key}: {content[:60]}")
            if record.get("doi") and f"citation_doi={record.get('doi')}" not in content:
                problems.append(f"{url}: {key}: its DOI is missing")
            if record.get("pmid") and f"citation_pmid={record.get('pmid')}" not in content:
                problems.append(f"{url}: {key}: its PMID is missing")
        reviewed = _front_matter(url).get("reviewed")
        dates = _meta(tree, "citation_publication_date")
        expected = [str(reviewed).replace("-", "/")] if reviewed else []
        if dates != expected:
            problems.append(f"{url}: citation_publication_date {dates}, reviewed: {reviewed}")
    assert len(pages) >= 10, sorted(pages)
    assert not problems, "\n".join(problems)


def test_a_known_doi_is_in_the_mtor_page_tags(pages):
    tree = pages["mechanism/mtor-synaptogenesis/"][0]
    assert any(f"citation_doi={KNOWN_DOI}" in c for c in _meta(tree, "citation_reference"))


def test_every_content_page_has_one_medical_web_page_in_json_ld(built_site, pages):
    problems = []
    for url, (_, data, _) in pages.items():
        items = [d for d in data["json-ld"] if d.get("@type") == "MedicalWebPage"]
        if len(items) != 1:
            problems.append(f"{url}: {len(items)} MedicalWebPage objects")
            continue
        item = items[0]
        front = _front_matter(url)
        expected = {
            "name": front["title"],
            "description": front["description"],
            "url": SITE_URL + url,
            "inLanguage": "en",
            "license": "https://creativecommons.org/licenses/by/4.0/",
        }
        for name, value in expected.items():
            if item.get(name) != value:
                problems.append(f"{url}: {name} is {item.get(name)!r}, not {value!r}")
        if item.get("isPartOf", {}).get("@type") != "WebSite":
            problems.append(f"{url}: isPartOf {item.get('isPartOf')}")
        audiences = {a["@type"] for a in item.get("audience", [])}
        if audiences != {"MedicalAudience", "EducationalAudience"}:
            problems.append(f"{url}: audience {audiences}")
        reviewed = str(front["reviewed"]) if front.get("reviewed") else None
        if item.get("lastReviewed") != reviewed:
            problems.append(f"{url}: lastReviewed {item.get('lastReviewed')}, front {reviewed}")
        listed = _listed(built_site, url)
        citations = item.get("citation", [])
        if len(citations) != len(listed):
            problems.append(f"{url}: {len(citations)} citations in JSON-LD, {len(listed)} listed")
        for key, work in zip(listed, citations, strict=False):
            record = BIBLIOGRAPHY[key]
            doi, pmid = record.get("doi"), record.get("pmid")
            if doi and f"https://doi.org/{doi}" not in work.get("sameAs", []):
                problems.append(f"{url}: {key}: no DOI URL in sameAs")
            if pmid and f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" not in work.get("sameAs", []):
                problems.append(f"{url}: {key}: no PubMed URL in sameAs")
            if record.entry_type == "article" and (
                work.get("@type") != "ScholarlyArticle"
                or work.get("isPartOf", {}).get("@type") != "Periodical"
                or not work.get("author")
                or not work.get("datePublished")
            ):
                problems.append(f"{url}: {key}: {work}")
    assert not problems, "\n".join(problems)


def test_every_content_page_has_open_graph_and_a_summary_card(pages):
    problems = []
    for url, (tree, data, _) in pages.items():
        graphs = data["opengraph"]
        og = graphs[0] if graphs else {}
        front = _front_matter(url)
        expected = {
            "og:title": front["title"],
            "og:description": front["description"],
            "og:url": SITE_URL + url,
            # extruct's uniform form moves og:type to @type.
            "@type": "website" if url == "" else "article",
            "og:site_name": "How ketamine may lift depression within hours",
        }
        problems += [
            f"{url}: {name} is {og.get(name)!r}"
            for name, value in expected.items()
            if og.get(name) != value
        ]
        if _meta(tree, "twitter:card") != ["summary"]:
            problems.append(f"{url}: twitter:card {_meta(tree, 'twitter:card')}")
        if tree.xpath('//meta[starts-with(@property, "og:image")]'):
            problems.append(f"{url}: og:image would need an image host")
    assert not problems, "\n".join(problems)


def test_contributing_pages_carry_no_citation_metadata(built_site):
    for url in content_pages(built_site):
        if url.startswith("contributing/"):
            raw = url_file(built_site, url).read_text(encoding="utf-8")
            assert 'name="citation_' not in raw and "application/ld+json" not in raw, url


def _download_links(tree) -> dict[str, str]:
    """{"BibTeX" | "RIS": href} of the page's download line."""
    return {a.text: a.get("href") for a in tree.xpath('//p[@class="reference-downloads"]/a')}


def _check_downloads(site: Path, url: str, tree, keys: list[str]) -> list[str]:
    links = _download_links(tree)
    if set(links) != {"BibTeX", "RIS"}:
        return [f"{url}: download links {links}"]
    folder = url_file(site, url).parent
    bib_text = (folder / links["BibTeX"]).read_bytes().decode("utf-8")
    ris_text = (folder / links["RIS"]).read_bytes().decode("utf-8")
    problems = []
    library = bibtexparser.parse_string(bib_text)
    if library.failed_blocks or [e.key for e in library.entries] != keys:
        problems.append(f"{url}: .bib keys {[e.key for e in library.entries]}, listed {keys}")
    for entry in library.entries:
        if entry.key in BIBLIOGRAPHY:
            own = dict(BIBLIOGRAPHY[entry.key].fields)
            if {f.key: f.value for f in entry.fields} != own:
                problems.append(f"{url}: .bib entry {entry.key} differs from references.bib")
    if "% seen" in bib_text or "% not verified" in bib_text:
        problems.append(f"{url}: .bib holds references.bib's comments")
    records = read_ris(ris_text)
    if len(records) != len(keys):
        problems.append(f"{url}: .ris has {len(records)} records, {len(keys)} listed")
    if LATEX_LEFTOVERS.search(ris_text):
        problems.append(f"{url}: .ris has LaTeX left: {LATEX_LEFTOVERS.search(ris_text)}")
    for key, record in zip(keys, records, strict=False):
        source = BIBLIOGRAPHY[key]
        if source.get("doi") != record.get("doi", ""):
            problems.append(f"{url}: {key}: .ris DO {record.get('doi')!r}")
        if source.get("pmid") and f"PMID: {source.get('pmid')}" not in record.get(
            "identifiers", []
        ):
            problems.append(f"{url}: {key}: .ris has no PMID")
    return problems


def test_each_page_offers_its_own_references_as_bibtex_and_ris(built_site, pages):
    problems = []
    checked = 0
    for url, (tree, _, _) in pages.items():
        if url == "references/" or not parse_file(url_file(built_site, url)).reference_ids:
            continue
        checked += 1
        links = _download_links(tree)
        if links != {"BibTeX": "references.bib", "RIS": "references.ris"}:
            problems.append(f"{url}: {links}")
        problems += _check_downloads(built_site, url, tree, _listed(built_site, url))
    assert checked >= 8
    assert not problems, "\n".join(problems)


def test_the_download_line_follows_the_reference_list(pages):
    raw = pages["mechanism/nmda-blockade/"][2]
    after_list = raw[raw.index('<ol class="references">') :]
    assert re.match(r'.*?</ol>\s*<p class="reference-downloads"', after_list, re.S)


def test_the_references_page_offers_the_whole_bibliography(built_site, pages):
    tree = pages["references/"][0]
    keys = _listed(built_site, "references/")
    assert _download_links(tree) == {
        "BibTeX": "ketamine-references.bib",
        "RIS": "ketamine-references.ris",
    }
    # In the page's own (alphabetical) order.
    assert not _check_downloads(built_site, "references/", tree, keys)
    cited_anywhere = {
        key
        for url in content_pages(built_site)
        for key in _listed(built_site, url)
        if url != "references/"
    }
    assert set(keys) == cited_anywhere


def test_download_files_sit_in_the_site_not_in_docs(built_site):
    assert (built_site / "references" / "ketamine-references.bib").is_file()
    assert (built_site / "mechanism" / "nmda-blockade" / "references.ris").is_file()
    assert not list((ROOT / "docs").rglob("*.ris"))
    assert not [p for p in (ROOT / "docs").rglob("*.bib")]
    assert posixpath.basename("references/ketamine-references.ris") == "ketamine-references.ris"
