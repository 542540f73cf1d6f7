"""Evidence levels: each page declares the strength of its central claim once, in front matter.

From that one declaration come the box at the top of the page and the home page's "evidence at
a glance" table, so nothing is maintained twice. Pure functions on strings and dicts: no MkDocs.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ketamine_site.citations.markers import locate

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
    """The question box and the evidence box that open a page, as Markdown."""
    label = LEVELS[declaration.level]
    about = _relative(ABOUT_ANCHOR, declaration.src_uri)
    blocks = []
    if declaration.question:
        blocks.append(f'!!! abstract "The question"\n\n{_indent(declaration.question)}\n')
    body = f"{declaration.claim} {_cite(declaration.sources)}\n\n[What the levels mean]({about})"
    blocks.append(
        f'!!! evidence evidence-{declaration.level} "Evidence level: {label}"\n\n{_indent(body)}\n'
    )
    return "\n".join(blocks)


_H1 = re.compile(r"^# .*$", re.MULTILINE)


def insert_after_title(markdown: str, block: str) -> str:
    """Put ``block`` right after the page's ``# H1`` (or at the top if it has none)."""
    match = _H1.search(markdown)
    if not match:
        return f"{block}\n{markdown}"
    rest = markdown[match.end() :].lstrip("\n")
    return f"{markdown[: match.end()]}\n\n{block.rstrip()}\n\n{rest}"


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


_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?:.*?\n)?(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", re.DOTALL)


def citation_line(
    source: str, key: str, occurrence: int, declaration: Declaration | None
) -> int | None:
    """The 1-based line in a page's ``source`` of the ``occurrence``-th citation of ``key``.

    The build counts citations in the page as rendered, where the evidence box, made from the
    front matter's ``evidence: sources:``, stands right after the title and so before the body's
    citations. Those first occurrences are found in the front matter, the rest in the body.
    """
    front = _FRONT_MATTER.match(source)
    body_start = front.end() if front else 0
    in_box = declaration.sources.count(key) if declaration else 0
    if occurrence < in_box and front:
        pattern = re.compile(r"(?<![\w.@-])@?" + re.escape(key) + r"(?![A-Za-z0-9_])")
        hits = [
            source.count("\n", 0, m.start()) + 1 for m in pattern.finditer(source, 0, body_start)
        ]
        if hits:
            return hits[min(occurrence, len(hits) - 1)]
    line = locate(source[body_start:], key, max(occurrence - in_box, 0))
    return line + source.count("\n", 0, body_start) if line else None
