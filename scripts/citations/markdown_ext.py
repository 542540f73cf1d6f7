"""The Python-Markdown extension: ``[@key]`` groups → numbered AMA citations and a reference list.

Usable in any Python-Markdown pipeline::

    ext = CitationExtension(bibliography=load_bibliography("references.bib"))
    html = markdown.markdown(text, extensions=[ext])
    ext.result.problems  # unknown keys, unsupported prefixes...

An inline pattern marks each group (it never runs inside code spans or code blocks, and
``\\[@key]`` is already an escaped bracket by then); a tree processor then numbers the groups in
document order, moves punctuation (AMA: after periods and commas, before colons and semicolons)
and appends the References section before the table of contents is built.

The tree holds each group's ``<sup>`` and the reference list's ``<ol>`` empty; a postprocessor
fills them with their HTML once the whole page is text. Before that, postprocessors run only on
fragments that other tree processors turn into text (the table of contents names each heading
that way), and the fill postprocessor drops citations from those: a citation in a heading stays
out of the heading's anchor, its table-of-contents entry and the page title, as footnote
references do. Python-Markdown's raw-HTML postprocessor, which rescans every stashed block for
nested placeholders, has none of this HTML to rescan.
"""

from __future__ import annotations

import difflib
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from citations import ama, latex, names, render
from citations.bibliography import Bibliography
from citations.markers import GROUP_PATTERN, KEY, Group, parse_group
from citations.numbering import Numbering
from citations.problems import Problem
from citations.render import NumberedCite, group_html, reference_items_html

MARKER_ATTRIBUTE = "data-citation-group"  # on each group's <sup>, from pattern to numbering
FILL_ATTRIBUTE = "data-citation-fill"  # on an empty element, until the postprocessor fills it
# An empty element as the serializer writes it (attributes sorted, so the fill one in between).
_FILL_RE = re.compile(
    r"(?P<before><(?P<tag>sup|ol) [^<>]*?) "
    + FILL_ATTRIBUTE
    + r'="(?P<index>\d+)"(?P<after>[^<>]*>)(?P<close></(?P=tag)>)'
)


@dataclass
class PageResult:
    """What one conversion cited, and what went wrong."""

    cited: list[str] = field(default_factory=list)  # keys in number order
    problems: list[Problem] = field(default_factory=list)


class FormattedReferences:
    """Each record formatted once per bibliography, only when some page cites it."""

    def __init__(self, bibliography: Bibliography):
        self.bibliography = bibliography
        self._cache: dict[str, tuple[str, str]] = {}
        # The engine's memoized helpers (LaTeX decoding, names, escaping) hold the values of one
        # bibliography. They are unbounded caches, plain dicts: a bounded lru_cache keeps a node
        # per entry that every garbage collection walks, which cost more than it saved. So they
        # start afresh with each bibliography, and hold no more than one file's values.
        for memoized in (latex.to_unicode, names.format_name, render.escape):
            memoized.cache_clear()

    def get(self, key: str) -> tuple[str, str]:
        """(HTML, plain text) of the AMA reference for ``key``."""
        if key not in self._cache:
            parts = ama.reference_parts(self.bibliography[key])
            self._cache[key] = (ama.to_html(parts), ama.to_text(parts))
        return self._cache[key]


class _GroupInlineProcessor(InlineProcessor):
    def __init__(self, pattern: str, extension: CitationExtension):
        super().__init__(pattern)
        self.extension = extension

    def handleMatch(self, m: re.Match[str], data: str):
        groups = self.extension.groups
        element = etree.Element("sup", {MARKER_ATTRIBUTE: str(len(groups))})
        groups.append(parse_group(m.group("body")))
        return element, m.start(0), m.end(0)


class _NumberingTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: CitationExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        ext = self.extension
        ext.tree_done = False
        markers = [el for el in root.iter("sup") if MARKER_ATTRIBUTE in el.attrib]
        # Parents of superscripts only: a map of the whole tree costs more than the rest.
        parents = (
            {child: parent for parent in root.iter() for child in parent if child.tag == "sup"}
            if markers
            else {}
        )
        numbering = Numbering()
        result = PageResult()
        seen: dict[str, int] = {}  # key → how many times cited so far, to locate problems
        for index, element in enumerate(markers, 1):
            group: Group = ext.groups[int(element.attrib.pop(MARKER_ATTRIBUTE))]
            group_id = f"cite-{index}"
            cites, unresolved = [], []
            for cite in group.cites:
                occurrence = seen.get(cite.key, 0)
                seen[cite.key] = occurrence + 1
                if cite.key not in ext.bibliography:
                    unresolved.append(f"[?{cite.key}]")
                    result.problems.append(self._unknown(cite.key, occurrence))
                    continue
                number = numbering.cite(cite.key, group_id)
                cites.append(
                    NumberedCite(number, cite.key, cite.locator, ext.references.get(cite.key)[1])
                )
            for key, message in group.errors:
                unresolved.append(f"[?{group.source.strip()}]")
                occurrence = seen.get(key, 0) if key else 0
                if key:
                    seen[key] = occurrence + 1
                result.problems.append(Problem("error", message, key=key, occurrence=occurrence))
            element.attrib = {"class": "citation", "id": group_id}
            ext.fill_later(element, group_html(cites, unresolved))
            _place_punctuation(element, parents[element])
        result.problems += _leftover_markers(root)
        if numbering.order:
            self._append_references(root, numbering)
        result.cited = numbering.order
        ext.result = result

    def _unknown(self, key: str, occurrence: int) -> Problem:
        close = difflib.get_close_matches(key, self.extension.bibliography.keys(), n=3, cutoff=0.6)
        hint = f"did you mean {', '.join(close)}? " if close else ""
        return Problem(
            "error",
            f"unknown citation key '{key}': {hint}Add the entry to "
            f"{Path(self.extension.bibliography.path).name} or correct the key.",
            key=key,
            occurrence=occurrence,
        )

    def _append_references(self, root: etree.Element, numbering: Numbering) -> None:
        heading = etree.SubElement(root, "h2", {"id": "references"})
        heading.text = "References"
        # The list is one block of HTML, not elements: no later tree processor has anything to
        # do in it, and one string costs less than an element per item.
        references = self.extension.references
        items = [
            (key, references.get(key)[0], numbering.citing_groups[key]) for key in numbering.order
        ]
        self.extension.fill_later(
            etree.SubElement(root, "ol", {"class": "references"}), reference_items_html(items)
        )


class _TreeDoneTreeprocessor(Treeprocessor):
    """Runs last among tree processors: from here on, postprocessors see the whole page."""

    def __init__(self, md: Markdown, extension: CitationExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        self.extension.tree_done = True


class _FillPostprocessor(Postprocessor):
    def __init__(self, md: Markdown, extension: CitationExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        fills = self.extension.fills
        if not fills:
            return text
        if not self.extension.tree_done:
            return _FILL_RE.sub("", text)  # a fragment, e.g. a heading being named: no citations
        return _FILL_RE.sub(lambda m: m["before"] + m["after"] + fills[int(m["index"])] + m["close"], text)


# Escaped brackets are still placeholders at this stage, so a literal "[@" here is a slip.
_LEFTOVER = re.compile(r"\[-?@(" + KEY + ")")


def _leftover_markers(root: etree.Element) -> list[Problem]:
    """Text that starts like a citation but was not one (an unclosed bracket, say)."""
    problems = []
    for element in root.iter():
        texts = [element.tail] if element.tag in ("code", "pre") else [element.text, element.tail]
        for text in texts:
            for match in _LEFTOVER.finditer(text or ""):
                snippet = " ".join(text[match.start() : match.start() + 40].split())
                problems.append(
                    Problem(
                        "error",
                        f"'{snippet}' looks like a citation but is not one: close the bracket "
                        "within the paragraph and separate keys with semicolons, or write "
                        "\\[@ to show it literally",
                        key=match.group(1),
                    )
                )
    return problems


_TRAILING = re.compile(r"^[.,?!](?!\.)")


def _place_punctuation(element: etree.Element, parent: etree.Element) -> None:
    """AMA: the superscript goes after a period or comma and before a colon or semicolon."""
    siblings = list(parent)
    position = siblings.index(element)
    previous = siblings[position - 1] if position else None
    before = (previous.tail if previous is not None else parent.text) or ""
    after = element.tail or ""
    before = before.rstrip()
    if _TRAILING.match(after):
        before, after = before + after[0], after[1:]
    elif before.endswith((":", ";")):
        before, after = before[:-1], before[-1] + after
    if previous is not None:
        previous.tail = before
    else:
        parent.text = before
    element.tail = after


class CitationExtension(Extension):
    """Numbered AMA citations from ``[@key]`` markers, resolved against one bibliography."""

    def __init__(self, bibliography: Bibliography, references: FormattedReferences | None = None):
        super().__init__()
        self.bibliography = bibliography
        self.references = references or FormattedReferences(bibliography)
        self.groups: list[Group] = []
        self.fills: list[str] = []  # inner HTML of the elements the postprocessor fills
        self.tree_done = False  # whether the tree processors have all run on this page
        self.result = PageResult()

    def fill_later(self, element: etree.Element, inner_html: str) -> None:
        """Leave ``element`` empty in the tree; the postprocessor puts ``inner_html`` in it."""
        element.set(FILL_ATTRIBUTE, str(len(self.fills)))
        self.fills.append(inner_html)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # MkDocs makes a new Markdown object per page without calling reset(): start clean.
        self.reset()
        # After backticks (190) and escapes (180), before reference links (170) and links (160).
        md.inlinePatterns.register(_GroupInlineProcessor(GROUP_PATTERN, self), "citation", 175)
        # After inline patterns (20), before attr_list (8), abbr (7) and toc (5).
        md.treeprocessors.register(_NumberingTreeprocessor(md, self), "citation-numbering", 15)
        md.treeprocessors.register(_TreeDoneTreeprocessor(md, self), "citation-tree-done", -1000)
        # Right after raw HTML (30): the page is text, and later postprocessors see it whole.
        md.postprocessors.register(_FillPostprocessor(md, self), "citation-fill", 29)

    def reset(self) -> None:
        self.groups = []
        self.fills = []
        self.tree_done = False
        self.result = PageResult()
