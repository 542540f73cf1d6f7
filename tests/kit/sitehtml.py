"""One built HTML page, read once: its ids, URLs, section headings, reference entries, redirect.

The standard library's HTMLParser is enough for MkDocs' output, and keeps the tests free of
another dependency. ``sitecheck`` builds the site-wide checks on top of this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

# Attributes that hold a URL, by element. ``a``/``area`` hrefs are navigations; every other
# URL here is fetched by the browser as the page loads (or, for <form>, on submit).
URL_ATTRIBUTES = {
    "a": ("href", "xlink:href"),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "form": ("action",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}
# Elements that never have an end tag.
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
JS_LOCATION = re.compile(r"""location(?:\.href)?\s*=\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class Link:
    tag: str
    attribute: str
    url: str
    line: int
    rel: tuple[str, ...] = ()


@dataclass(frozen=True)
class Heading:
    level: int
    id: str | None
    text: str
    line: int
    has_permalink: bool
    in_content: bool  # inside Material's <article class="md-content__inner">
    # inside an element with data-copy-of: a copy of another page's section (the printed
    # guide's chapters), whose anchors are that page's, not published a second time
    in_copy: bool = False


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    reference_ids: list[str] = field(default_factory=list)  # <ol class="references"><li id>
    bibliography_ids: list[str] = field(default_factory=list)  # <ul class="bibliography"><li id>
    redirect: str | None = None  # where a mkdocs-redirects stub sends the reader
    inline_css: list[tuple[int, str]] = field(default_factory=list)  # (line, css)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._article_depth = 0
        self._copy_tags: list[str] = []  # the open element with data-copy-of, and those inside
        self._lists: list[str] = []  # class attribute of each open <ol>/<ul>
        self._heading: dict | None = None
        self._in_style = False
        self._scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = {name: (value or "") for name, value in attrs}
        line = self.getpos()[0]
        classes = a.get("class", "").split()
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.page.ids.add(a["name"])
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            if a.get(attribute):
                rel = tuple(a.get("rel", "").lower().split())
                for url in _srcset(a[attribute]) if attribute == "srcset" else [a[attribute]]:
                    self.page.links.append(Link(tag, attribute, url.strip(), line, rel))
        if "style" in a:
            self.page.inline_css.append((line, a["style"]))
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            match = re.search(r"url\s*=\s*['\"]?([^'\";]+)", a.get("content", ""), re.I)
            if match:
                self.page.redirect = match.group(1).strip()
                self.page.links.append(Link("meta", "content", self.page.redirect, line))
        if tag == "article" or self._article_depth:
            self._article_depth += tag == "article"
        if (self._copy_tags or "data-copy-of" in a) and tag not in VOID:
            self._copy_tags.append(tag)
        if tag in ("ol", "ul"):
            self._lists.append(a.get("class", ""))
        if tag == "li" and "id" in a and self._lists:
            if "references" in self._lists[-1].split() and a["id"].startswith("ref-"):
                self.page.reference_ids.append(a["id"])
            elif "bibliography" in self._lists[-1].split():
                self.page.bibliography_ids.append(a["id"])
        if tag in ("h2", "h3"):
            self._heading = {
                "level": int(tag[1]), "id": a.get("id"), "text": [], "line": line,
                "permalink": False, "in_content": self._article_depth > 0,
                "in_copy": bool(self._copy_tags),
            }  # fmt: skip
        elif tag == "a" and self._heading is not None and "headerlink" in classes:
            self._heading["permalink"] = True
        self._in_style = tag == "style"
        self._in_script = tag == "script"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self._copy_tags and self._copy_tags[-1] == tag:
            self._copy_tags.pop()  # a self-closed element opens nothing
        self._in_style = self._in_script = False

    def handle_endtag(self, tag):
        if tag == "article" and self._article_depth:
            self._article_depth -= 1
        if tag in self._copy_tags:  # close up to the matching open tag (HTML may omit some)
            while self._copy_tags and self._copy_tags.pop() != tag:
                pass
        if tag in ("ol", "ul") and self._lists:
            self._lists.pop()
        if tag in ("h2", "h3") and self._heading is not None:
            h = self._heading
            text = "".join(h["text"]).replace("¶", "").strip()
            self.page.headings.append(
                Heading(
                    h["level"],
                    h["id"],
                    text,
                    h["line"],
                    h["permalink"],
                    h["in_content"],
                    h["in_copy"],
                )
            )
            self._heading = None
        self._in_style = self._in_script = False

    def handle_data(self, data):
        if self._heading is not None:
            self._heading["text"].append(data)
        if self._in_style:
            self.page.inline_css.append((self.getpos()[0], data))
        if self._in_script:
            self._scripts.append(data)

    def close(self):
        super().close()
        if self.page.redirect is None:
            for script in self._scripts:
                match = JS_LOCATION.search(script)
                if match:
                    self.page.redirect = match.group(1)
                    break


def _srcset(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def parse_html(text: str) -> ParsedPage:
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.page


@lru_cache(maxsize=4096)
def _parse_file(path: Path, mtime_ns: int, size: int) -> ParsedPage:
    return parse_html(path.read_text(encoding="utf-8"))


def parse_file(path: Path) -> ParsedPage:
    """Parse one HTML file (cached until the file changes)."""
    stat = path.stat()
    return _parse_file(path, stat.st_mtime_ns, stat.st_size)
