"""Glossary terms that explain themselves: the first use of each on a page links to its entry.

The glossary page (``docs/glossary.md``) is the one list of terms: each ``### Term { #id }``
heading and the first sentences under it. On every other page, the first use of each term (an
abbreviation or a word: "NMDA", "infusion", "double-blind") becomes a link to its entry, with
the definition inside the link as a tooltip that CSS shows on hover and keyboard focus. Nothing
runs in the reader's browser, so it works without JavaScript and costs no start-up time, and a
screen reader reads the definition with the word, as it reads a citation's reference.

A Python-Markdown tree processor, run after inline Markdown and before ``abbr`` and MkDocs' link
resolution. Before ``abbr``, so a term that holds an abbreviation ("PCP site", "NMDA receptor")
is still one run of text; its words are then kept as an ``AtomicString``, which ``abbr`` leaves
alone, and later uses of the abbreviation get their ``<abbr>`` as before. Before MkDocs resolves
``.md`` links, so a link to a missing entry fails the build. Pure Python-Markdown: no MkDocs.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

from ketamine_site import sentences

GLOSSARY_PAGE = "glossary.md"
DEFINITION_CHARACTERS = 220  # a tooltip is a reminder; the entry holds the rest
_TERM_HEADING = re.compile(r"^###[ \t]+(?P<name>.+?)[ \t]*\{(?P<attrs>[^{}]*)\}[ \t]*$")
_ID = re.compile(r"#(?P<id>[\w-]+)")
_ALIASES = re.compile(r'data-aliases="(?P<aliases>[^"]*)"')
_PARENTHESIS = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<alias>[^()]+)\)$")
# Where a term is never linked: links already, code, headings, citations and reference lists,
# drawings, and the titles of boxes (a box title is a label, not a sentence).
_SKIP_TAGS = frozenset(
    {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "sup", "ol", "script", "style",
     "svg", "summary", "abbr", "button", "label", "textarea"}
)  # fmt: skip
_SKIP_CLASSES = frozenset({"admonition-title", "references", "citation", "visually-hidden"})
# A term's definition inside its link, as the tree processor's span serialises: text only, so
# its first "</span>" ends it (for search, which is not given it, and the printed guide).
TOOLTIP = ('<span class="term-tooltip">', "</span>")


@dataclass(frozen=True)
class Term:
    id: str  # the entry's id on the glossary page
    name: str  # as the heading writes it
    forms: tuple[str, ...]  # what counts as a use: the name, an alias, a plural
    definition: str  # plain text, for the tooltip


def _case_sensitive(form: str) -> bool:
    """ "NMDA", "mTOR", "GluN2B", "K/ESK" keep their case; "Infusion" matches "infusion"."""
    return any(c.isupper() or c.isdigit() for c in form[1:])


# A whole word: no letter, digit, "/" or "-" on either side ("NMDA" not in "NMDAR" or "anti-NMDA").
_BEFORE, _AFTER = r"(?<![\w/-])", r"(?![\w/-])"


def _plain(markdown: str) -> str:
    paragraphs = sentences.page_prose(markdown)
    return " ".join(paragraphs)


def _definition(markdown: str) -> str:
    """The entry's first sentences, without citations or markup, short enough for a tooltip."""
    text = _plain(markdown)
    kept = ""
    for sentence in sentences.sentences(text):
        if sentence.startswith("See "):  # a pointer to a page, not part of the definition
            continue
        if kept and len(kept) + len(sentence) + 1 > DEFINITION_CHARACTERS:
            break
        kept = f"{kept} {sentence}".strip()
    if len(kept) > DEFINITION_CHARACTERS:
        kept = kept[: DEFINITION_CHARACTERS - 1].rsplit(" ", 1)[0] + "…"
    return kept


def read_glossary(markdown: str) -> list[Term]:
    """Every ``### Term { #id }`` entry of the glossary page, with its first paragraph."""
    lines = markdown.split("\n")
    terms = []
    for index, line in enumerate(lines):
        heading = _TERM_HEADING.match(line)
        if not heading or not (found_id := _ID.search(heading["attrs"])):
            continue
        paragraph: list[str] = []
        for following in lines[index + 1 :]:
            if following.startswith("#"):
                break
            if not following.strip():
                if paragraph:
                    break
                continue
            paragraph.append(following)
        name = heading["name"].strip()
        forms = [name]
        if parts := _PARENTHESIS.match(name):
            forms = [parts["name"], parts["alias"]]
        if aliases := _ALIASES.search(heading["attrs"]):
            forms += [a.strip() for a in aliases["aliases"].split(";") if a.strip()]
        terms.append(Term(found_id["id"], name, tuple(forms), _definition("\n".join(paragraph))))
    return terms


class GlossaryTerms:
    """The terms, and which page is being converted (set before each page by the caller)."""

    def __init__(self, terms: list[Term], glossary_src: str = GLOSSARY_PAGE):
        self.terms = terms
        self.glossary_src = glossary_src
        self.page_src: str | None = None  # None: link nothing (the glossary itself, the guide)
        self._pattern, self._by_group = _any_term(terms) if terms else (None, {})

    def set_page(self, src_uri: str | None) -> None:
        """Link terms on the page at ``src_uri`` (a path inside docs/), or on none."""
        self.page_src = None if src_uri == self.glossary_src else src_uri

    def href(self, term: Term) -> str:
        folder = posixpath.dirname(self.page_src or "") or "."
        return f"{posixpath.relpath(self.glossary_src, folder)}#{term.id}"

    def used_in(self, text: str) -> set[str]:
        """The ids of the terms that ``text`` uses, read as the linker reads it."""
        if self._pattern is None:
            return set()
        return {self._by_group[match.lastgroup].id for match in self._pattern.finditer(text)}

    def first(self, text: str, linked: set[str]) -> tuple[re.Match, Term] | None:
        """The first use in ``text`` of a term not linked yet on this page."""
        if self._pattern is None:
            return None
        for match in self._pattern.finditer(text):
            term = self._by_group[match.lastgroup]
            if term.id not in linked:
                return match, term
        return None


def _any_term(terms: list[Term]) -> tuple[re.Pattern, dict[str, Term]]:
    """One expression for every term, and the term each of its named groups stands for.

    Where two terms start at the same place, the longer wins ("NMDA receptor" over "receptor"):
    a regex alternation takes its first alternative that matches, so the longest go first.

    The alternatives are grouped by their first character (``N(?:MDA receptor|MDA)|i(?:nfusion)``):
    at each word the engine then tries one branch per character instead of every term's every
    form, a tenth of the time on a long page. Two uses starting alike are in the same branch, in
    the same longest-first order, so what matches is what one flat alternation would match. A
    lookahead for those first characters, and the word boundaries standing once around it all,
    let the engine skip most positions at once.
    """
    by_first: dict[str, list[tuple[int, int, str]]] = {}  # first letter → (length, term, rest)
    for index, term in enumerate(terms):
        for form in term.forms:
            first, rest = _branch(form)
            by_first.setdefault(first.lower(), []).append((len(form), index, rest))
    owners: dict[str, Term] = {}
    branches = []
    for first, forms in sorted(by_first.items()):
        alternatives = []
        for _length, index, rest in sorted(forms, key=lambda form: -form[0]):
            name = f"t{len(owners)}"  # one group per form: a group name may stand only once
            owners[name] = terms[index]
            alternatives.append(f"(?P<{name}>{rest})")
        start = f"[{first.upper()}{first}]" if first.isalpha() else re.escape(first)
        branches.append(f"{start}(?:{'|'.join(alternatives)})")
    starts = "".join(sorted({c for first in by_first for c in (first, first.upper())}))
    return re.compile(
        rf"(?=[{re.escape(starts)}]){_BEFORE}(?:{'|'.join(branches)}){_AFTER}"
    ), owners


def _branch(form: str) -> tuple[str, str]:
    """``form``'s first character, and an expression for the rest of it.

    Each branch starts with either case of its letter; a form that keeps its case ("NMDA",
    "mTOR") checks, looking back, that it began with its own.
    """
    first, rest = form[0], re.escape(form[1:])
    if _case_sensitive(form):
        return first, f"(?<={re.escape(first)}){rest}"
    return first, rest + ("(?:s|es)?" if form[-1].isalpha() else "")


def _skipped(element: etree.Element) -> bool:
    classes = set((element.get("class") or "").split())
    return element.tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES)


def _is_deeper(element: etree.Element) -> bool:
    """A folded "Go deeper" block: its terms are linked after the core's."""
    if element.tag != "details":
        return False
    summary = element.find("summary")
    return summary is not None and "".join(summary.itertext()).strip().startswith("Go deeper")


class _TermTreeprocessor(Treeprocessor):
    def __init__(self, md, terms: GlossaryTerms):
        super().__init__(md)
        self.terms = terms

    def run(self, root: etree.Element) -> None:
        if self.terms.page_src is None:
            return
        linked: set[str] = set()
        deeper: list[etree.Element] = []
        self._walk(root, linked, deeper)
        for block in deeper:  # terms that the core never uses, at their first use below
            self._walk(block, linked, None)

    def _holds_drawing(self, element: etree.Element) -> bool:
        """Whether ``element``'s text runs through raw SVG kept aside by md_in_html.

        Inside ``<figure markdown>``, the tags of an inline SVG are stashed as placeholders and
        the words of its ``<text>`` labels stay in the tree as plain text between them: a link
        there would be drawn inside the picture, so such text is left alone.
        """
        texts = [element.text or ""] + [child.tail or "" for child in element]
        stash = self.md.htmlStash.rawHtmlBlocks
        for text in texts:
            for match in HTML_PLACEHOLDER_RE.finditer(text):
                index = int(match.group(1))
                raw = stash[index] if index < len(stash) else ""
                if str(raw).lstrip().lower().startswith("<svg"):
                    return True
        return False

    def _link(self, term: Term, word: str) -> etree.Element:
        link = etree.Element("a", {"class": "term-link", "href": self.terms.href(term)})
        link.text = AtomicString(word)
        tooltip = etree.SubElement(link, "span", {"class": "term-tooltip"})
        definition = f"{term.name}: {term.definition}" if term.definition else term.name
        tooltip.text = AtomicString(definition)
        return link

    def _split(self, text: str, linked: set[str]) -> tuple[str, list[etree.Element]]:
        """``text`` cut at each first use: the text before, then each link with its tail."""
        links: list[etree.Element] = []
        head, rest = None, text
        while found := self.terms.first(rest, linked):
            match, term = found
            linked.add(term.id)
            link = self._link(term, match.group(0))
            if links:
                links[-1].tail = rest[: match.start()]
            else:
                head = rest[: match.start()]
            links.append(link)
            rest = rest[match.end() :]
        if not links:
            return text, []
        links[-1].tail = rest
        return head or "", links

    def _walk(self, element: etree.Element, linked: set[str], deeper: list | None) -> None:
        if self._holds_drawing(element):
            return
        if element.text:
            element.text, links = self._split(element.text, linked)
            for position, link in enumerate(links):
                element.insert(position, link)
        for child in list(element):
            if child.get("class") == "term-link":
                continue
            if deeper is not None and _is_deeper(child):
                deeper.append(child)
            elif not _skipped(child):
                self._walk(child, linked, deeper)
            if child.tail:
                child.tail, links = self._split(child.tail, linked)
                position = list(element).index(child) + 1
                for offset, link in enumerate(links):
                    element.insert(position + offset, link)


class GlossaryTermsExtension(Extension):
    """Python-Markdown extension: ``markdown.Markdown(extensions=[GlossaryTermsExtension(t)])``."""

    def __init__(self, terms: GlossaryTerms, **kwargs):
        self.terms = terms
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:
        # After inline Markdown (20) and attr_list (8), before abbr (7), toc (5) and MkDocs'
        # link resolution (0).
        md.treeprocessors.register(_TermTreeprocessor(md, self.terms), "glossary-terms", 7.5)
