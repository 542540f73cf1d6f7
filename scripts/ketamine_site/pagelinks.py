"""Links from one Markdown page to another file of the site, checked in the source.

MkDocs itself warns about a link to a missing page or section, but names neither the line nor
what was meant. This module finds the line and the closest existing file or section id, so the
message says where and what to type. Section ids exist only once pages are rendered, so the
caller passes them in (``broken_anchors``).
"""

from __future__ import annotations

import difflib
import logging
import posixpath
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from ketamine_site.prose import blank_non_prose

INLINE = re.compile(r"\]\(\s*<?(?P<target>[^()\s<>]+)")  # [text](target "title"), ![alt](…)
DEFINITION = re.compile(r"^ {0,3}\[(?!@)[^\]]+\]:[ \t]*<?(?P<target>[^\s<>]+)", re.MULTILINE)
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


@dataclass(frozen=True)
class BrokenLink:
    line: int  # 1-based, in the text given
    target: str  # as written
    suggestion: str | None  # the closest existing file, written relative to the page

    def message(self) -> str:
        hint = f"did you mean '{self.suggestion}'? " if self.suggestion else ""
        return (
            f"link to '{self.target}': no such file in docs/; {hint}"
            "Write the path relative to this page, as the file is named in docs/."
        )


Target = tuple[int, str]  # (1-based line, the link target as written)


def link_targets(text: str) -> list[Target]:
    """Every link target in ``text``'s prose (not in code, raw HTML or comments), with its line.

    The two checks below each need them; a caller that runs both passes them in, so a page's
    source is scanned once.
    """
    if "](" not in text and "]:" not in text:
        return []  # no inline link and no link definition: skip blanking the code
    clean = blank_non_prose(text)
    targets = []
    for pattern in (INLINE, DEFINITION):
        for match in pattern.finditer(clean):
            targets.append((clean.count("\n", 0, match.start()) + 1, match["target"]))
    return targets


def broken_links(
    text: str, page: str, files: Collection[str], *, targets: Sequence[Target] | None = None
) -> list[BrokenLink]:
    """Relative links in ``text`` (the source of docs/``page``) to files not in ``files``.

    ``files`` holds every file of docs/ as a POSIX path relative to docs/ (``mechanism/x.md``).
    External URLs, site-absolute paths and links within the page (``#…``) are not checked here.
    ``targets``, if given, are ``link_targets(text)``, found already.
    """
    folder = posixpath.dirname(page)
    broken = []
    for line, target in link_targets(text) if targets is None else targets:
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not path or EXTERNAL.match(target) or path.startswith("/"):
            continue
        resolved = posixpath.normpath(posixpath.join(folder, path))
        if resolved in files or posixpath.join(resolved, "index.md") in files:
            continue
        broken.append(BrokenLink(line, target, _closest(resolved, folder, files)))
    return sorted(broken, key=lambda link: link.line)


@dataclass(frozen=True)
class BrokenAnchor:
    line: int
    target: str  # as written
    suggestion: str | None  # the closest id on the target page

    def message(self) -> str:
        hint = f"did you mean '#{self.suggestion}'? " if self.suggestion else ""
        return (
            f"link to '{self.target}': that page has no section with this id; {hint}"
            "Use the id in the heading's { #id }, or the ¶ link shown beside the heading."
        )


def broken_anchors(
    text: str,
    page: str,
    ids: Mapping[str, Collection[str]],
    *,
    targets: Sequence[Target] | None = None,
) -> list[BrokenAnchor]:
    """Links in ``text`` (docs/``page``) to a ``#fragment`` missing from its target page.

    ``ids`` maps each rendered page (``mechanism/x.md``) to the ids present in its HTML. Links to
    files not in ``ids`` (missing pages, images) are left to ``broken_links``. ``targets`` as for
    ``broken_links``.
    """
    folder = posixpath.dirname(page)
    broken = []
    for line, target in link_targets(text) if targets is None else targets:
        path, _, fragment = target.partition("#")
        if not fragment or EXTERNAL.match(target) or path.startswith("/"):
            continue
        path = unquote(path.split("?", 1)[0])
        resolved = posixpath.normpath(posixpath.join(folder, path)) if path else page
        if resolved not in ids and posixpath.join(resolved, "index.md") in ids:
            resolved = posixpath.join(resolved, "index.md")
        if resolved not in ids or unquote(fragment) in ids[resolved]:
            continue
        close = difflib.get_close_matches(unquote(fragment), sorted(ids[resolved]), n=1, cutoff=0.5)
        broken.append(BrokenAnchor(line, target, close[0] if close else None))
    return broken


def _closest(resolved: str, folder: str, files: Collection[str]) -> str | None:
    # The right name in the wrong folder is the commonest slip; then a misspelt name.
    name = posixpath.basename(resolved)
    same_name = sorted(f for f in files if posixpath.basename(f) == name)
    if same_name:
        match = same_name[:1]
    else:
        kind = posixpath.splitext(resolved)[1]
        same_kind = sorted(f for f in files if posixpath.splitext(f)[1] == kind)
        match = difflib.get_close_matches(resolved, same_kind or sorted(files), n=1, cutoff=0.6)
    return posixpath.relpath(match[0], folder or ".") if match else None


# MkDocs' own warning for a link to a missing file or section, as worded by MkDocs 1.6.
_MKDOCS_LINK_WARNING = re.compile(
    r"^Doc file '(?P<page>.+?)' contains (?:a|an unrecognized relative) link '(?P<target>.+?)'"
)


class ReportedLinks(logging.Filter):
    """Drops MkDocs' warning about a link this module has reported already, with its line.

    MkDocs' link validation stays on (it checks what this module does not, such as links from
    the nav); only its second report of the same broken link is dropped, so each counts once in
    ``--strict`` and the log says it once, in the more helpful words.
    """

    def __init__(self) -> None:
        super().__init__()
        self.reported: set[tuple[str, str]] = set()  # (page's src_uri, link target as written)

    def add(self, page: str, target: str) -> None:
        self.reported.add((page, target))

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.reported:
            return True
        match = _MKDOCS_LINK_WARNING.match(record.getMessage())
        return not (match and (match["page"], match["target"]) in self.reported)
