"""Reading level and length of every page: grade, sentence length, core words. Printed, not tested.

    .venv/bin/python scripts/readability.py          # every page but the contributing guide
    .venv/bin/python scripts/readability.py --all    # the contributing guide too

The figures come from the test kit's readability (tests/kit/; textstat for the grade) and
ketamine_site.layers (the core: everything outside "Go deeper" blocks and "Check yourself"). The
tests hold each page's "In brief" to grade 10 or below, each teaching page to at most 22 words a
sentence on average and its core to 1,200 words; this prints the figures behind those checks.
"""

from __future__ import annotations

import testkit  # noqa: F401  (puts tests/ on the path: the test kit, tests/kit/)

import argparse
from pathlib import Path

from ketamine_site import layers
from kit import readability

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="include docs/contributing/")
    arguments = parser.parse_args()
    docs = ROOT / "docs"
    print(
        f"{'page':<38} {'sentences':>9} {'words/sent':>10} {'FK grade':>8} {'brief FK':>8} "
        f"{'words':>6} {'core':>6} {'core min':>8}"
    )
    for path in sorted(docs.rglob("*.md")):
        name = path.relative_to(docs).as_posix()
        if name.startswith("contributing/") and not arguments.all:
            continue
        text = path.read_text(encoding="utf-8")
        page = readability.measure(readability.page_prose(text))
        brief = readability.in_brief(text)
        brief_grade = f"{readability.measure(brief).grade:8.1f}" if brief else f"{'-':>8}"
        core = layers.core_words(text)
        print(
            f"{name:<38} {page.sentences:>9} {page.mean_sentence_length:>10.1f} "
            f"{page.grade:>8.1f} {brief_grade} {page.words:>6} {core:>6} "
            f"{layers.minutes(core):>8}"
        )


if __name__ == "__main__":
    main()
