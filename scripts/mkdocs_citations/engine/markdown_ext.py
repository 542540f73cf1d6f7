"""The Python-Markdown extension: ``[@key]`` groups → numbered AMA citations and a reference list.

Usable in any Python-Markdown pipeline::

    ext = CitationExtension(bibliography=load_bibliography("references.bib"))
    html = markdown.markdown(text, extensions=[ext])
    ext.result.problems  # unknown keys, unsupported prefixes...

or by name, with options (``makeExtension``)::

    markdown.markdown(text, extensions=["mkdocs_citations"],
                      extension_configs={"mkdocs_citations": {"bibliography": "refs.bib"}})

An inline pattern replaces each group with a placeholder, a short run of text (it never runs
inside code spans or code blocks, and ``\\[@key]`` is already an escaped bracket by then). A tree
processor appends the References heading, before the table of contents is built, and a list for
it to fill. Once the page is text, a postprocessor numbers the groups in document order, writes
each one's superscript where its placeholder stands, moving punctuation (AMA: after periods and
commas, before colons and semicolons), and fills the reference list.

Why text, not elements, until the end: every later tree processor walks every element and the
serializer writes each one, so thousands of superscripts cost more in the tree than all the
citation work itself. And a placeholder is only a few characters that the tree processors
never look into. Before the page is text, postprocessors run only on fragments that other tree
processors turn into text (the table of contents names each heading that way); from those the
placeholders are dropped, so a citation in a heading stays out of the heading's anchor, its
table-of-contents entry and the page title, as footnote references do.
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

from mkdocs_citations.engine import latex, names, render
from mkdocs_citations.engine.bibliography import Bibliography, load_bibliography
from mkdocs_citations.engine.markers import GROUP_PATTERN, Group, parse_group
from mkdocs_citations.engine.numbering import Numbering
from mkdocs_citations.engine.parts import Part, to_html, to_text
from mkdocs_citations.engine.problems import Problem
from mkdocs_citations.engine.render import NumberedCite, group_html, reference_items_html
from mkdocs_citations.engine.style import DEFAULT, CitationStyle, get_style

# A group's placeholder: control characters and a made-up word, as Python-Markdown's own are.
_PLACEHOLDER = "\x02wzxcite:{}\x03"
_PLACEHOLDER_RE = re.compile("\x02wzxcite:([0-9]+)\x03")
_REFERENCES_PLACEHOLDER = "\x02wzxcite:references\x03"
_IN_FRAGMENT_RE = re.compile("\\s*\x02wzxcite:(?:[0-9]+|references)\x03")


@dataclass
class PageResult:
    """What one conversion cited, and what went wrong."""

    cited: list[str] = field(default_factory=list)  # keys in number order
    problems: list[Problem] = field(default_factory=list)


class FormattedReferences:
    """Each record formatted once per bibliography and style, only when some page cites it."""

    def __init__(self, bibliography: Bibliography, style: CitationStyle = DEFAULT):
        self.bibliography = bibliography
        self.style = style
        self._cache: dict[str, tuple[str, str]] = {}
        # The engine's memoized helpers (LaTeX decoding, names, escaping) hold the values of one
        # bibliography. They are unbounded caches, plain dicts: a bounded lru_cache keeps a node
        # per entry that every garbage collection walks, which cost more than it saved. So they
        # start afresh with each bibliography, and hold no more than one file's values.
        for memoized in (
            latex.to_unicode,
            names.person,
            names.people,
            names.format_name,
            render.escape,
        ):
            memoized.cache_clear()

    def get(self, key: str) -> tuple[str, str]:
        """(HTML, plain text) of the reference for ``key``, in the style."""
        if key not in self._cache:
            parts = self._parts(key)
            self._cache[key] = (to_html(parts), to_text(parts))
        return self._cache[key]

    def _parts(self, key: str) -> list[Part]:
        record = self.bibliography[key]
        if record.entry_type != "set":
            return self.style.reference_parts(record)
        # biblatex's @set: its members' references, one after another.
        parts: list[Part] = []
        for member in (m.strip() for m in record.get("entryset").split(",")):
            if member in self.bibliography and self.bibliography[member].entry_type != "set":
                parts += [Part(" "), *self.style.reference_parts(self.bibliography[member])]
        return parts


class _GroupInlineProcessor(InlineProcessor):
    def __init__(self, pattern: str, extension: CitationExtension):
        super().__init__(pattern)
        self.extension = extension

    def handleMatch(self, m: re.Match[str], data: str):
        groups = self.extension.groups
        placeholder = _PLACEHOLDER.format(len(groups))
        groups.append(parse_group(m.group("body")))
        return placeholder, m.start(0), m.end(0)


class _Bound:
    """A tree processor or postprocessor that works for one CitationExtension."""

    def __init__(self, md: Markdown, extension: CitationExtension):
        super().__init__(md)
        self.extension = extension


class _ReferencesTreeprocessor(_Bound, Treeprocessor):
    """Appends the References heading and a list to fill, if the page cites a known source."""

    def run(self, root: etree.Element) -> None:
        ext = self.extension
        ext.stage = "tree"
        ext.leftovers = _leftover_markers(root)
        records = ext.bibliography.records
        if any(cite.key in records for group in ext.groups for cite in group.cites):
            heading = etree.SubElement(root, "h2", {"id": "references"})
            heading.text = ext.heading
            listing = etree.SubElement(root, "ol", {"class": "references"})
            listing.text = _REFERENCES_PLACEHOLDER


class _TreeDoneTreeprocessor(_Bound, Treeprocessor):
    """Runs last among tree processors: from here on, postprocessors see the whole page."""

    def run(self, root: etree.Element) -> None:
        self.extension.stage = "page"


class _CitationPostprocessor(_Bound, Postprocessor):
    """Numbers the groups in document order and writes their superscripts and the list."""

    def run(self, text: str) -> str:
        ext = self.extension
        if ext.stage == "tree":  # a fragment, e.g. a heading that the contents are naming
            return _IN_FRAGMENT_RE.sub("", text) if ext.groups else text
        if ext.stage == "done":  # the page is written already; this is something else
            return text
        ext.stage = "done"
        page = _Page(ext)
        pieces: list[str] = []
        position = 0
        for match in _PLACEHOLDER_RE.finditer(text):
            start = match.start()
            before = text[position:start]
            position = match.end()
            group = ext.groups[int(match[1])]
            if text.rfind("<", 0, start) > text.rfind(">", 0, start):
                # Inside a tag: an image's alt text, say, which cannot hold a superscript.
                pieces.append(before.rstrip())
                page.inside_tag(group)
                continue
            before = before.rstrip()
            after = ""
            if not ext.style.label.after_punctuation:
                # On the line, where it was written: after a space, before any punctuation.
                if before and not before.endswith((">", "(", "[")):
                    before += " "
            elif _TRAILING.match(text, position):
                # AMA: the superscript goes after a period or comma and before a colon or
                # semicolon, with no space before it.
                before += text[position]
                position += 1
            elif before.endswith((":", ";")) and not _ENTITY_END.search(before):
                before, after = before[:-1], before[-1]
            pieces += [before, page.group_html(group), after]
        pieces.append(text[position:])
        ext.result = page.result(ext.leftovers)
        items, after = page.reference_items(), ext.after_references
        ext.after_references = ""  # for this page only
        if after:  # what the caller adds after this page's list (downloads)
            return "".join(pieces).replace(
                f"{_REFERENCES_PLACEHOLDER}</ol>", f"{items}</ol>\n{after}", 1
            )
        return "".join(pieces).replace(_REFERENCES_PLACEHOLDER, items, 1)


class _Page:
    """The numbering of one page's groups, as the postprocessor meets them."""

    def __init__(self, extension: CitationExtension):
        self.extension = extension
        self.records = extension.bibliography.records
        self.references = extension.references
        self.numbering = Numbering()
        self.problems: list[Problem] = []
        self.seen: dict[str, int] = {}  # key → how many times cited so far, to locate problems
        self.groups = 0

    def _occurrence(self, key: str) -> int:
        occurrence = self.seen.get(key, 0)
        self.seen[key] = occurrence + 1
        return occurrence

    def group_html(self, group: Group) -> str:
        self.groups += 1
        group_id = f"cite-{self.groups}"
        cites, unresolved = [], []
        for cite in group.cites:
            occurrence = self._occurrence(cite.key)
            if cite.key not in self.records:
                unresolved.append(f"[?{cite.key}]")
                self.problems.append(self._unknown(cite.key, occurrence))
                continue
            number = self.numbering.cite(cite.key, group_id)
            cites.append(
                NumberedCite(number, cite.key, cite.locator, self.references.get(cite.key)[1])
            )
        for key, message in group.errors:
            unresolved.append(f"[?{group.source}]")
            occurrence = self._occurrence(key) if key else 0
            self.problems.append(Problem("error", message, key=key, occurrence=occurrence))
        style = self.extension.style
        label = style.label
        inside = group_html(cites, unresolved, style.locator)
        return (
            f'<sup class="citation" id="{group_id}"{label.attributes}>'
            f"{label.opening}{inside}{label.closing}</sup>"
        )

    def inside_tag(self, group: Group) -> None:
        for cite in group.cites:
            self.problems.append(
                Problem(
                    "error",
                    f"[{group.source}] stands inside an image's alt text or a link's title, "
                    "where a citation cannot be shown: cite after the image or link instead",
                    key=cite.key,
                    occurrence=self._occurrence(cite.key),
                )
            )

    def _unknown(self, key: str, occurrence: int) -> Problem:
        bibliography = self.extension.bibliography
        close = difflib.get_close_matches(key, bibliography.keys(), n=3, cutoff=0.6)
        hint = f"did you mean {', '.join(close)}? " if close else ""
        return Problem(
            "error",
            f"unknown citation key '{key}': {hint}Add the entry to "
            f"{Path(bibliography.path).name} or correct the key.",
            key=key,
            occurrence=occurrence,
        )

    def reference_items(self) -> str:
        # One string, not elements: nothing after this has any work to do in it.
        numbering, references = self.numbering, self.references
        return reference_items_html(
            [(key, references.get(key)[0], numbering.citing_groups[key]) for key in numbering.order]
        )

    def result(self, leftovers: list[Problem]) -> PageResult:
        return PageResult(cited=self.numbering.order, problems=self.problems + leftovers)


# Escaped brackets are still placeholders at this stage, so a literal "[@" here is a slip: an
# unclosed bracket, or a key Pandoc would not read ("[@]", "[@ key]", "[@.key]"). What follows
# the "@" up to a space or a bracket is how the slip is found again in the page, for its line.
_LEFTOVER = re.compile(r"\[-?@([^\s\[\];,]*)")
_WRITTEN = re.compile(r"[^\]\n]*\]?")


def _leftover_markers(root: etree.Element) -> list[Problem]:
    """Text that starts like a citation but was not one (an unclosed bracket, say)."""
    problems = []
    seen: dict[str, int] = {}
    for element in root.iter():
        texts = [element.tail] if element.tag in ("code", "pre") else [element.text, element.tail]
        for text in texts:
            for match in _LEFTOVER.finditer(text or ""):
                snippet = " ".join(text[match.start() : match.start() + 40].split())
                # Up to its "]" or the line's end: "[@ key]", to be found in the page's source.
                written = _WRITTEN.match(text, match.start()).group()
                seen[written] = seen.get(written, -1) + 1
                problems.append(
                    Problem(
                        "error",
                        f"'{snippet}' looks like a citation but is not one: close the bracket "
                        "within the paragraph and separate keys with semicolons, or write "
                        "\\[@ to show it literally",
                        key=match.group(1) or None,
                        occurrence=seen[written],
                        written=written,
                    )
                )
    return problems


_TRAILING = re.compile(r"[.,?!](?!\.)")
_ENTITY_END = re.compile(r"&#?[0-9A-Za-z]+;$")  # a ";" that ends "&amp;" is not punctuation


class CitationExtension(Extension):
    """Numbered citations (AMA, or another style) from ``[@key]`` markers, resolved against one
    bibliography."""

    def __init__(
        self,
        bibliography: Bibliography,
        references: FormattedReferences | None = None,
        style: CitationStyle | None = None,
        heading: str = "References",
    ):
        super().__init__()
        self.bibliography = bibliography
        self.heading = heading  # over each page's reference list
        # HTML put right after the next page's reference list (if it has one), then cleared:
        # set before the page's conversion (MkDocs calls extendMarkdown, so reset, after that)
        self.after_references = ""
        self.style = style or (references.style if references else DEFAULT)
        self.references = references or FormattedReferences(bibliography, self.style)
        self.groups: list[Group] = []  # in the order the inline pattern met them
        self.leftovers: list[Problem] = []  # text that looks like a citation but is not one
        # "tree" while tree processors run, "page" once the next postprocessor run is the page's,
        # "done" after it
        self.stage = "tree"
        self.result = PageResult()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # MkDocs makes a new Markdown object per page without calling reset(): start clean.
        self.reset()
        # After backticks (190) and escapes (180), before reference links (170) and links (160).
        md.inlinePatterns.register(_GroupInlineProcessor(GROUP_PATTERN, self), "citation", 175)
        # After inline patterns (20) and before toc (5), which lists the References heading.
        md.treeprocessors.register(_ReferencesTreeprocessor(md, self), "citation-references", 15)
        md.treeprocessors.register(_TreeDoneTreeprocessor(md, self), "citation-tree-done", -1000)
        # Right after raw HTML (30): later postprocessors see the page whole.
        md.postprocessors.register(_CitationPostprocessor(md, self), "citation", 29)

    def reset(self) -> None:
        self.groups = []
        self.leftovers = []
        self.stage = "tree"
        self.result = PageResult()


def makeExtension(**kwargs) -> CitationExtension:
    """For ``markdown.markdown(text, extensions=["mkdocs_citations"], extension_configs=...)``.

    Options: ``bibliography`` (the .bib path, required), ``style`` ("ama" or "vancouver"),
    ``heading`` (over the reference list).
    """
    unknown = set(kwargs) - {"bibliography", "style", "heading"}
    if unknown:
        names = ", ".join(sorted(unknown))
        raise KeyError(f"unknown option {names}: the options are bibliography, style, heading")
    if "bibliography" not in kwargs:
        raise KeyError("the option bibliography (the path of the .bib file) is required")
    bibliography = load_bibliography(kwargs["bibliography"])
    return CitationExtension(
        bibliography,
        style=get_style(kwargs.get("style")),
        heading=kwargs.get("heading", "References"),
    )
