"""Which bibliography keys the pages cite: ``[@key]`` groups and ``evidence: sources:`` lists.

Groups are found with the engine's own ``citations.markers``, so a key counts as cited exactly
when the build would number it. Like the Markdown extension, this skips code (fenced, indented,
spans), raw HTML blocks, HTML comments (``prose.blank_non_prose``) and escaped brackets
(``\\[@key]``): examples in the contributing guide are not citations. The front matter's
``evidence: sources:`` keys count too, because the build cites them in the page's evidence box.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ketamine_site import frontmatter
from ketamine_site.prose import blank_non_prose
from mkdocs_citations.engine.markers import find_groups, parse_group


def cited_keys(docs: Path) -> set[str]:
    """Every key cited by a Markdown page under ``docs`` (recursively)."""
    keys: set[str] = set()
    for page in sorted(docs.rglob("*.md")):
        keys |= page_keys(page.read_text(encoding="utf-8"))
    return keys


def page_keys(text: str) -> set[str]:
    """The keys one page cites, in its body and in its evidence declaration."""
    keys = set()
    front = frontmatter.split(text)
    if front.found:
        keys |= _evidence_sources(front.yaml)
        text = text[front.end :]
    prose = blank_non_prose(text)
    for group in find_groups(prose):
        if group.start() > 0 and prose[group.start() - 1] == "\\":
            continue
        parsed = parse_group(group["body"])
        keys |= {cite.key for cite in parsed.cites}
        keys |= {key for key, _ in parsed.errors if key}  # cited, if with an unsupported prefix
    return keys


def _evidence_sources(front_matter: str) -> set[str]:
    try:
        meta = yaml.safe_load(front_matter)
    except yaml.YAMLError:
        return set()  # the build reports a broken front matter
    evidence = meta.get("evidence") if isinstance(meta, dict) else None
    sources = evidence.get("sources") if isinstance(evidence, dict) else None
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list):
        return set()
    return {str(source).strip().lstrip("@") for source in sources}
