"""Evidence levels: each page declares the strength of its central claim once, in front matter.

From that one declaration come the box at the top of the page and the home page's "evidence at
a glance" table, so nothing is maintained twice. Pure functions on strings and dicts: no MkDocs.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ketamine_site import frontmatter, sentences
from mkdocs_citations.engine.markers import count, locate

LEVELS = {
    "established": "Established",
    "supported": "Supported",
    "putative": "Putative",
    "contested": "Contested",
}
ABOUT_ANCHOR = "about.md#evidence-levels"
TABLE_PLACEHOLDER = "<!-- evidence-table -->"


class EvidenceError(ValueError):
    """A page's evidence declaration is unusable; the message says how to fix it."""


@dataclass(frozen=True)
class Declaration:
    src_uri: str  # the page's path inside docs/, e.g. "mechanism/ampa-activation.md"
    title: str
    level: str
    claim: str
    sources: tuple[str, ...]
    question: str = ""
    step: int | None = None


def read_declaration(meta: dict, src_uri: str) -> Declaration | None:
    """The page's declaration from its front matter, or None if it declares nothing."""
    evidence = meta.get("evidence")
    if evidence is None:
        return None
    if not isinstance(evidence, dict):
        raise EvidenceError(f"{src_uri}: 'evidence:' must be a mapping with level, claim, sources")
    level = str(evidence.get("level", "")).strip().lower()
    if level not in LEVELS:
        raise EvidenceError(
            f"{src_uri}: evidence level '{evidence.get('level')}' is not one of "
            f"{', '.join(LEVELS)}: pick the one defined on the About page that fits"
        )
    claim = str(evidence.get("claim", "")).strip()
    if not claim:
        raise EvidenceError(f"{src_uri}: 'evidence:' needs a 'claim:' (one plain sentence)")
    sources = evidence.get("sources") or []
    if isinstance(sources, str):
        sources = [sources]
    if not sources:
        raise EvidenceError(
            f"{src_uri}: 'evidence:' needs 'sources:' (the citation keys that back the claim)"
        )
    step = meta.get("step")
    return Declaration(
        src_uri=src_uri,
        title=str(meta.get("title", "")).strip() or src_uri,
        level=level,
        claim=claim,
        sources=tuple(str(s).lstrip("@") for s in sources),
        question=str(meta.get("question", "")).strip(),
        step=int(step) if step is not None else None,
    )


def _relative(target: str, from_src: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(from_src) or ".")


def _cite(keys: tuple[str, ...]) -> str:
    return "[" + "; ".join(f"@{key}" for key in keys) + "]"


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.splitlines())


def header_markdown(declaration: Declaration) -> str:
    """The evidence box that closes "In brief": the page's question, its claim and its level.

    One box, placed after the summary: a reader meets the answer in plain words first, then how
    strong the evidence for it is, in the same words.
    """
    label = LEVELS[declaration.level]
    about = _relative(ABOUT_ANCHOR, declaration.src_uri)
    parts = []
    if declaration.question:
        parts.append(f"**The question:** {declaration.question}")
    parts.append(f"**The claim:** {declaration.claim} {_cite(declaration.sources)}")
    parts.append(f"[What the levels mean]({about})")
    body = "\n\n".join(parts)
    return (
        f'!!! evidence evidence-{declaration.level} "Evidence level: {label}"\n\n{_indent(body)}\n'
    )


_H1 = re.compile(r"^# .*$", re.MULTILINE)


def insert_after_title(markdown: str, block: str) -> str:
    """Put ``block`` right after the page's ``# H1`` (or at the top if it has none)."""
    match = _H1.search(markdown)
    if not match:
        return f"{block}\n{markdown}"
    rest = markdown[match.end() :].lstrip("\n")
    return f"{markdown[: match.end()]}\n\n{block.rstrip()}\n\n{rest}"


def summary_end(markdown: str) -> int | None:
    """Where the page's "In brief" section ends (at the next heading), or None without one."""
    span = sentences.in_brief_span(markdown)
    return None if span is None else span[1]


def insert_after_summary(markdown: str, block: str) -> str:
    """Put ``block`` at the end of "In brief"; on a page without one, right after the title."""
    end = summary_end(markdown)
    if end is None:
        return insert_after_title(markdown, block)
    before = markdown[:end].rstrip("\n")
    return f"{before}\n\n{block.rstrip()}\n\n{markdown[end:]}"


def table_markdown(declarations: list[Declaration], from_src: str) -> str:
    """The "evidence at a glance" table, linking each row to its page."""
    rows = [
        "| Step | Evidence | Central claim | Key sources |",
        "| --- | --- | --- | --- |",
    ]
    ordered = sorted(declarations, key=lambda d: (d.step is None, d.step or 0, d.title))
    for d in ordered:
        name = f"{d.step}. {d.title}" if d.step is not None else d.title
        link = _relative(d.src_uri, from_src)
        level = f'<span class="evidence-label evidence-label--{d.level}">{LEVELS[d.level]}</span>'
        claim = d.claim.replace("|", "\\|")
        rows.append(f"| [{name}]({link}) | {level} | {claim} | {_cite(d.sources)} |")
    return "\n".join(rows)


def citation_line(
    source: str, key: str, occurrence: int, declaration: Declaration | None
) -> int | None:
    """The 1-based line in a page's ``source`` of the ``occurrence``-th citation of ``key``.

    The build counts citations in the page as rendered, where the evidence box, made from the
    front matter's ``evidence: sources:``, stands at the end of "In brief" (or right after the
    title on a page without one). Citations before the box are found in the body, the box's in
    the front matter, and the rest in the body after "In brief".
    """
    front = frontmatter.split(source)
    body_start = front.end
    body = source[body_start:]
    in_box = declaration.sources.count(key) if declaration else 0
    end = summary_end(body) if in_box else None
    before_box = count(body[:end], key) if end is not None else 0
    if occurrence < before_box:
        line = locate(body, key, occurrence)
    elif occurrence < before_box + in_box and front.found:
        pattern = re.compile(r"(?<![\w.@-])@?" + re.escape(key) + r"(?!\w)")
        hits = [
            source.count("\n", 0, m.start()) + 1 for m in pattern.finditer(source, 0, body_start)
        ]
        if hits:
            return hits[min(occurrence - before_box, len(hits) - 1)]
        line = None
    else:
        line = locate(body, key, max(occurrence - in_box, 0))
    return line + source.count("\n", 0, body_start) if line else None
