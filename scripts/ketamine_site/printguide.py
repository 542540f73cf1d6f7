"""The whole guide on one page, for printing: the science pages' HTML, in nav order, made one.

Each chapter is a page's finished content (evidence box, citations, reference list, diagrams),
wrapped in ``<section class="print-chapter">``. Put together as they are, the pages would repeat
ids (every page has ``cite-1`` and ``ref-…``, and the same heading ids), so every id a chapter
holds is given the chapter's key as a prefix (``mechanism-ampa-activation--cite-1``), and so is
every attribute that names an id (``href="#…"``, ``for``, ``aria-labelledby``, ``url(#…)``).
Links to another printed page become links within this page; links to a page left out are
rebased so they still reach it, and carry its full address for paper (``data-print-url``).
Headings move down one level under the print page's own ``<h1>``.

mkdocs-print-site-plugin does this job for any site, but not for this one: it prefixes only ids
it finds at the start of a tag, so the citations' ``cite-N`` ids repeat across chapters while
their back-links are rewritten to ids that do not exist; links to pages it leaves out become
anchors that do not exist; the diagrams' links are not rewritten; and it adds a script and two
stylesheets to every page of the site. The ids here are rewritten with a tag-by-tag scan rather
than an HTML parser: lxml's HTML parser lowercases SVG attribute names (``viewBox``) and would
re-serialise the whole page, where only a few attribute values need to change.

Pure functions on strings: the hook (scripts/print_hooks.py) gives the pages and reports the
problems this module returns.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ketamine_site import glossaryterms
from mkdocs_citations import searchhide
from mkdocs_citations.engine import render

PLACEHOLDER = "<!-- print-guide -->"

# Pages that are not chapters of the guide: the site-wide bibliography (every chapter keeps its
# own numbered list), the site's colophon, and the maintainers' guide. Any other page in the nav
# is printed, in nav order, so a new science page joins the printed guide without a change here.
LEFT_OUT = ("references.md", "about.md", "contributing/")

# Attributes whose value is one id, or a space-separated list of ids.
ID_ATTRIBUTES = {"id", "for", "headers", "list", "form"}
ID_LIST_ATTRIBUTES = {
    "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-flowto",
    "aria-details", "aria-errormessage", "aria-activedescendant",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "xlink:href", "src"}
SEPARATOR = "--"

TAG = re.compile(
    r"<(?P<name>[A-Za-z][\w:-]*)(?P<attrs>(?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*(?P<end>/?)>"
)
ATTRIBUTE = re.compile(
    r"(?P<space>\s+)(?P<name>[^\s=>/]+)(?:(?P<eq>\s*=\s*)(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s>\"']+)))?"
)
LOCAL_URL_REFERENCE = re.compile(r"url\(\s*(['\"]?)#([^'\")\s]+)\1\s*\)")
HEADING = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)
# Per-page tools that a printed chapter does not need: each page's "Cite this page" block (the
# printed guide has one of its own, for the whole guide) and the link to it in the review line.
PAGE_TOOLS = (
    re.compile(r'<section\b[^>]*\bclass="page-citation"[^>]*>.*?</section>\n?', re.DOTALL),
    re.compile(r' · <a href="#cite-this-page">Cite this page</a>'),
)
# What a screen reader of a single page uses and paper cannot: each citation's and each glossary
# term's hover text, and the ↩ links back from a reference to its citations, as the citation
# engine and the glossary write them. The site's print stylesheet hides them on every page; the
# guide leaves them out (about 1,700 of its elements and a third of its bytes), so a phone
# opening it has less to parse.
SCREEN_ONLY = (render.TOOLTIP, glossaryterms.TOOLTIP, render.BACKLINKS)
ID_VALUE = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
LOCAL_HREF = re.compile(r"""\s(?:xlink:)?href\s*=\s*(?:"#([^"]*)"|'#([^']*)')""")


@dataclass(frozen=True)
class Page:
    """One page of the built site as the hook sees it."""

    src_uri: str  # "mechanism/ampa-activation.md"
    url: str  # site-relative, as MkDocs gives it: "mechanism/ampa-activation/", "" for home
    title: str
    content: str  # the page's finished article HTML


@dataclass
class PrintedGuide:
    html: str
    chapters: list[tuple[str, str]] = field(default_factory=list)  # (title, section id)
    problems: list[str] = field(default_factory=list)


def is_chapter(src_uri: str, print_uri: str) -> bool:
    """Whether a page in the nav belongs in the printed guide."""
    if src_uri == print_uri:
        return False
    return not any(src_uri == rule or (rule.endswith("/") and src_uri.startswith(rule))
                   for rule in LEFT_OUT)  # fmt: skip


def chapter_key(src_uri: str) -> str:
    """A page's prefix for its ids: "mechanism/ampa-activation.md" → "mechanism-ampa-activation".

    From the file's path, not its position, so the printed anchors stay put when a page is
    added before it.
    """
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return "home"
    stem = stem.removesuffix("/index")
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-").lower() or "home"


def chapter_id(key: str) -> str:
    return f"chapter-{key}"


def assemble(pages: list[Page], print_url: str, site_url: str | None = None) -> PrintedGuide:
    """The printed guide's HTML: ``pages`` (already chosen and in order) as chapters."""
    keys = {page.url: chapter_key(page.src_uri) for page in pages}
    guide = PrintedGuide("")
    parts = []
    for page in pages:
        key = keys[page.url]
        content = page.content
        for tool in PAGE_TOOLS:
            content = tool.sub("", content)
        content = searchhide.without(content, SCREEN_ONLY)
        page = Page(page.src_uri, page.url, page.title, content)
        body = _demote_headings(_rewrite_chapter(page, key, keys, print_url, site_url))
        body = _open_folds(body)
        source = html.escape(page.url or "./", quote=True)
        parts.append(
            f'<section class="print-chapter" id="{chapter_id(key)}" data-copy-of="{source}">\n'
            f"{body}\n</section>"
        )
        guide.chapters.append((page.title, chapter_id(key)))
    guide.html = _contents(guide.chapters) + "\n" + "\n".join(parts)
    guide.problems = check(guide.html)
    return guide


def _contents(chapters: list[tuple[str, str]]) -> str:
    items = "".join(
        f'<li><a href="#{anchor}">{html.escape(title, quote=False)}</a></li>\n'
        for title, anchor in chapters
    )
    return (
        '<nav class="print-contents" aria-labelledby="print-contents-title">\n'
        '<h2 id="print-contents-title">Contents<a class="headerlink" '
        'href="#print-contents-title" title="Link to this section">¶</a></h2>\n'
        f"<ol>\n{items}</ol>\n</nav>"
    )


_CLOSED_DETAILS = re.compile(r"<details\b(?![^>]*\sopen\b)")


def _open_folds(content: str) -> str:
    """Folded blocks ("Go deeper", self-check answers) print open: paper cannot be clicked."""
    return _CLOSED_DETAILS.sub("<details open", content)


def _demote_headings(content: str) -> str:
    """h1 → h2 … h5 → h6 (h6 stays): the chapters sit under the print page's own title."""
    return HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 1, 6)}", content)


def _rewrite_chapter(
    page: Page, key: str, keys: dict[str, str], print_url: str, site_url: str | None
) -> str:
    def prefixed(value: str) -> str:
        return f"{key}{SEPARATOR}{value}" if value else value

    def url(value: str) -> tuple[str, str | None]:
        """The rewritten URL, and the full address to print beside it (or None)."""
        if value.startswith("#"):
            return "#" + prefixed(value[1:]), None
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith("/") or not value:
            return value, None  # another host, mailto:, data:, or a rooted path
        target = _join(page.url, parts.path)
        if target in keys:
            fragment = parts.fragment
            if fragment:
                return f"#{keys[target]}{SEPARATOR}{fragment}", None
            return "#" + chapter_id(keys[target]), None
        rebased = _relative(target, print_url)
        rebased += f"?{parts.query}" if parts.query else ""
        rebased += f"#{parts.fragment}" if parts.fragment else ""
        full = site_url.rstrip("/") + "/" + target if site_url else None
        if full and parts.fragment:
            full += f"#{parts.fragment}"
        return rebased, full

    def tag(match: re.Match) -> str:
        name, attrs = match["name"], match["attrs"]
        if not attrs:
            return match[0]
        extra = ""

        def attribute(m: re.Match) -> str:
            nonlocal extra
            attr = m["name"].lower()
            value = (
                m["dq"] if m["dq"] is not None else m["sq"] if m["sq"] is not None else m["bare"]
            )
            if value is None:
                return m[0]
            raw = html.unescape(value)
            if attr in ID_ATTRIBUTES or (attr == "name" and name.lower() == "input"):
                new = prefixed(raw)
            elif attr in ID_LIST_ATTRIBUTES:
                new = " ".join(prefixed(token) for token in raw.split())
            elif attr in URL_ATTRIBUTES:
                new, full = url(raw)
                if full and attr != "src" and name.lower() == "a":
                    extra = f' data-print-url="{html.escape(full, quote=True)}"'
            elif "url(#" in raw.replace(" ", ""):
                new = LOCAL_URL_REFERENCE.sub(lambda u: f"url(#{prefixed(u[2])})", raw)
            else:
                return m[0]
            return f'{m["space"]}{m["name"]}="{html.escape(new, quote=True)}"'

        attrs = ATTRIBUTE.sub(attribute, attrs)
        return f"<{name}{attrs}{extra}{' /' if match['end'] else ''}>"

    return TAG.sub(tag, page.content)


def _join(base_url: str, path: str) -> str:
    """A relative link's target as a site-relative URL, as MkDocs writes page URLs."""
    joined = posixpath.normpath(posixpath.join(base_url or ".", path))
    if joined == ".":
        return ""
    if path.endswith("/") or path in ("", ".", ".."):
        joined += "/"
    return joined.lstrip("/")


def _relative(target: str, from_url: str) -> str:
    """``target`` (site-relative) as seen from the page at ``from_url`` (site-relative)."""
    start = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else "."
    rel = posixpath.relpath(target or ".", start or ".")
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/"
    return "./" if rel == "./" or rel == "/" else rel


def check(content: str) -> list[str]:
    """What would break on the printed page: repeated ids, and #links to no id on it."""
    ids = Counter(a or b for a, b in ID_VALUE.findall(content))
    problems = [
        f"id '{anchor}' appears {count} times on the printed guide"
        for anchor, count in sorted(ids.items())
        if count > 1
    ]
    missing = sorted({a or b for a, b in LOCAL_HREF.findall(content)} - set(ids) - {""})
    problems += [
        f"a link to '#{anchor}', an id the printed guide does not have" for anchor in missing
    ]
    return problems
