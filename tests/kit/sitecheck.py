"""Checks over a built site folder: links, anchors, third parties, and the anchor registry.

Pure functions on a folder of HTML and CSS (each page read by ``sitehtml``), with no MkDocs and
no browser: each check returns a list of problems (one readable line each, naming the page, the
line and the target), and the tests assert that list is empty. ``scripts/register_anchors.py``
uses the same functions, so the registry and the tests agree on what an anchor is.
"""

from __future__ import annotations

import json
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from kit.sitehtml import parse_file

LOCAL = "http://site.invalid/"  # a stand-in origin, to resolve relative URLs with urljoin
REGISTRY = Path(__file__).resolve().parents[2] / "tests" / "site" / "anchors.json"
REGISTRY_NOTE = (
    "Published section anchors: links to them exist outside this site, so each must keep "
    "resolving (tests/site/test_anchors.py), directly or through a redirect from "
    "mkdocs-redirects. Add new ones with `.venv/bin/python scripts/register_anchors.py`; "
    "never remove one."
)

NAVIGATION_ONLY = {"a", "area", "form"}
# <link rel=...> values that make the browser fetch the URL; canonical, prev, next… do not.
FETCHING_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "manifest", "preload",
    "prefetch", "modulepreload", "preconnect", "dns-prefetch", "prerender",
}  # fmt: skip
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "blob:")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.IGNORECASE)


# ---- The site ------------------------------------------------------------------------------


def page_url(site: Path, path: Path) -> str:
    """The URL of a built file relative to the site root: ``mechanism/ampa-activation/``."""
    rel = path.relative_to(site).as_posix()
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def url_file(site: Path, url: str) -> Path:
    """The file a site-relative URL names (``""`` or ``x/`` → ``…/index.html``)."""
    path = site / unquote(url)
    if url == "" or url.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def is_redirect(path: Path) -> bool:
    return parse_file(path).redirect is not None


def content_pages(site: Path) -> list[str]:
    """URLs of the site's real pages: every HTML file but 404.html and redirect stubs."""
    return [
        page_url(site, path)
        for path in html_files(site)
        if path.relative_to(site).as_posix() != "404.html" and not is_redirect(path)
    ]


def is_compilation(path: Path) -> bool:
    """A page made of copies of other pages (the printed guide), not a page of its own."""
    return "data-copy-of=" in path.read_text(encoding="utf-8")


def redirect_stubs(site: Path) -> list[str]:
    return [page_url(site, path) for path in html_files(site) if is_redirect(path)]


@lru_cache(maxsize=64)
def base_path(site: Path) -> str:
    """The path the site is published under (from ``site_url`` via sitemap.xml), e.g. ``/k/``.

    Root-relative URLs (``/k/assets/…``, used by 404.html) are resolved against it.
    """
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return "/"
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))
    paths = [urlsplit(loc).path for loc in locs]
    if not paths:
        return "/"
    return posixpath.commonpath(paths).rstrip("/") + "/"  # one path: the home page's


def split_url(site: Path, base_url: str, href: str) -> tuple[str | None, str]:
    """(site-relative path, fragment) of ``href`` seen from ``base_url``; None if off-site."""
    root = base_path(site)
    absolute = urljoin(LOCAL.rstrip("/") + root + base_url, href)
    parts = urlsplit(absolute)
    if f"{parts.scheme}://{parts.netloc}/" != LOCAL or not (parts.path + "/").startswith(root):
        return None, parts.fragment
    return parts.path[len(root) :], unquote(parts.fragment)


def is_external(href: str) -> bool:
    return bool(re.match(r"^([a-z][a-z0-9+.-]*:)?//", href, re.I))


def resolve(site: Path, base_url: str, href: str, hops: int = 5) -> tuple[str | None, str]:
    """Follow ``href`` from page ``base_url`` to a built file, through redirect stubs.

    Returns ``(site-relative URL of the final file, "")`` or ``(None, why it failed)``.
    """
    path, _ = split_url(site, base_url, href)
    if path is None:
        return None, f"points outside the site's folder ({base_path(site)})"
    file = url_file(site, path)
    if not file.is_file():
        return None, f"'{path or '/'}' does not exist in the built site"
    if file.suffix == ".html":
        redirect = parse_file(file).redirect
        if redirect is not None:
            if hops == 0:
                return None, f"too many redirects at '{path}'"
            if is_external(redirect):
                return None, f"'{path}' redirects off the site, to {redirect}"
            return resolve(site, page_url(site, file), redirect, hops - 1)
    return page_url(site, file), ""


def anchor_problem(site: Path, page: str, anchor: str) -> str | None:
    """Why ``page#anchor`` does not resolve (following redirects), or None if it does."""
    target, why = resolve(site, "", page or "./")
    if target is None:
        return why
    file = url_file(site, target)
    if file.suffix != ".html":
        return f"'{target}' is not an HTML page"
    if anchor not in parse_file(file).ids:
        via = f" (where '{page or '/'}' redirects)" if target != page else ""
        return f"no element with id '{anchor}' on '{target or '/'}'{via}"
    return None


# ---- Checks: each returns a list of problems -----------------------------------------------


def _where(site: Path, path: Path, line: int) -> str:
    return f"{path.relative_to(site).as_posix()}:{line}"


def broken_links(site: Path) -> list[str]:
    """Every internal URL in every HTML file, with its #fragment, must reach something built."""
    problems = []
    for path in html_files(site):
        base = page_url(site, path)
        for link in parse_file(path).links:
            url = link.url
            if not url or url.lower().startswith(SKIPPED_SCHEMES) or is_external(url):
                continue
            if link.tag == "link" and "canonical" in link.rel and is_redirect(path):
                continue  # the stub's canonical is its target, checked as its redirect
            label = f'<{link.tag} {link.attribute}="{url}">'
            _, fragment = split_url(site, base, url)
            target, why = resolve(site, base, url)
            if target is None:
                problems.append(f"{_where(site, path, link.line)}: {label}: {why}")
                continue
            file = url_file(site, target)
            if fragment and (file.suffix != ".html" or fragment not in parse_file(file).ids):
                problems.append(
                    f"{_where(site, path, link.line)}: {label}: no id '{fragment}' "
                    f"on '{target or '/'}'"
                )
    return problems


def third_party_loads(site: Path) -> list[str]:
    """URLs on another host that the browser would fetch: only <a href> may leave the site."""
    problems = []
    for path in html_files(site):
        page = parse_file(path)
        for link in page.links:
            if not is_external(link.url) or link.tag in NAVIGATION_ONLY:
                continue
            if link.tag == "link" and not FETCHING_RELS.intersection(link.rel):
                continue  # rel=canonical, alternate, prev, next: named, never fetched
            problems.append(
                f'{_where(site, path, link.line)}: <{link.tag} {link.attribute}="{link.url}"> '
                "loads from another host"
            )
        for line, css in page.inline_css:
            problems += [
                f"{_where(site, path, line)}: inline CSS {what}" for what in _remote_in_css(css)
            ]
    for path in sorted(site.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for what in _remote_in_css(text):
            problems.append(f"{path.relative_to(site).as_posix()}: {what}")
    return problems


def _remote_in_css(css: str) -> list[str]:
    imported = [url for url in CSS_IMPORT.findall(css) if is_external(url)]
    found = [f"@import {url}" for url in imported]  # `@import url(…)` is reported once, here
    found += [f"url({url})" for _, url in CSS_URL.findall(css) if is_external(url)]
    found = [what for what in found if not what.startswith("url(") or what[4:-1] not in imported]
    return [f"{what} loads from another host" for what in found]


# ---- Anchors and the registry --------------------------------------------------------------


def published_anchors(site: Path) -> dict[str, list[str]]:
    """What the registry records: each page's h2/h3 ids and the site bibliography's entries.

    Headings copied from another page (the printed guide's chapters) are that page's anchors
    and are not recorded twice.

    A page's own reference list (``#ref-key``) is left out: an entry there exists only while the
    page cites that source, so it comes and goes with the text. The stable link to a source is
    its entry in the site-wide bibliography (``references/#key``).
    """
    anchors: dict[str, list[str]] = {}
    for url in content_pages(site):
        page = parse_file(url_file(site, url))
        ids = [h.id for h in page.headings if h.in_content and not h.in_copy and h.id]
        ids += page.bibliography_ids
        if ids:
            anchors[url] = list(dict.fromkeys(ids))
    return anchors


def load_registry(path: Path = REGISTRY) -> dict[str, list[str]]:
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["anchors"]


def save_registry(anchors: dict[str, list[str]], path: Path = REGISTRY) -> None:
    data = {
        "about": REGISTRY_NOTE,
        "anchors": {page: sorted(set(ids)) for page, ids in sorted(anchors.items())},
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def merge_registry(
    registry: dict[str, list[str]], found: dict[str, list[str]]
) -> tuple[dict[str, list[str]], list[str]]:
    """The registry plus every anchor in ``found`` (never minus one), and what was added."""
    merged = {page: list(ids) for page, ids in registry.items()}
    added = []
    for page, ids in found.items():
        known = set(merged.setdefault(page, []))
        for anchor in ids:
            if anchor not in known:
                merged[page].append(anchor)
                known.add(anchor)
                added.append(f"{page or '/'}#{anchor}")
    return merged, added


def lost_anchors(site: Path, registry: dict[str, list[str]]) -> list[str]:
    """Registered anchors that no longer resolve in ``site``, each with the reason."""
    problems = []
    for page, anchors in sorted(registry.items()):
        for anchor in anchors:
            why = anchor_problem(site, page, anchor)
            if why:
                problems.append(f"{page or '/'}#{anchor}: {why}")
    return problems


def _content_headings(site: Path):
    for url in content_pages(site):
        file = url_file(site, url)
        for heading in parse_file(file).headings:
            if heading.in_content and not heading.in_copy:
                yield url, file, heading


def unregistered_headings(site: Path, registry: dict[str, list[str]]) -> list[str]:
    """Section headings (h2, h3) that have no id, or an id the registry does not list."""
    problems = []
    for url, file, heading in _content_headings(site):
        where = f"{_where(site, file, heading.line)}: h{heading.level} '{heading.text}'"
        if not heading.id:
            problems.append(f"{where} has no id")
        elif heading.id not in registry.get(url, ()):
            problems.append(f"{where}: '{url or '/'}#{heading.id}' is not registered")
    return problems


def headings_without_permalink(site: Path) -> list[str]:
    """Section headings (h2, h3) without the ¶ link readers copy (``a.headerlink``)."""
    return [
        f"{_where(site, file, heading.line)}: h{heading.level} '{heading.text}' has no a.headerlink"
        for _, file, heading in _content_headings(site)
        if not heading.has_permalink
    ]
