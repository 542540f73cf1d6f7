"""Content rules a maintainer can break by editing a page, checked on the Markdown in docs/.

The rules come from the contributor guide (docs/contributing/); the files they apply to are
found, never listed here. Each failure names the file, the line where it can, and the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from ketamine_site import layers
from ketamine_site.glossaryterms import read_glossary
from ketamine_site.prose import blank_non_prose
from kit import readability
from kit.sitebuild import ROOT
from mkdocs_citations.engine import load_bibliography
from mkdocs_citations.engine.markers import find_groups, parse_group

DOCS = ROOT / "docs"
ABBREVIATIONS = ROOT / "includes" / "abbreviations.md"
GLOSSARY = DOCS / "glossary.md"
BIBLIOGRAPHY = ROOT / "references.bib"
GUIDE = "docs/contributing/adding-a-page.md"

DESCRIPTION_LIMIT = 160  # characters; search engines cut longer meta descriptions
KEY_POINTS = "## Key points { #key-points }"
CHECK_YOURSELF = "## Check yourself { #check-yourself }"
QUESTIONS = range(2, 5)  # 2 to 4 folded self-check questions

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
HEADING = re.compile(r"^[ \t]*(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
EXPLICIT_ID = re.compile(r"\{[^{}]*#(?P<id>[^\s{}]+)[^{}]*\}$")
QUESTION_BLOCK = re.compile(r"^\?\?\?[ \t]+question\b")
HAND_WRITTEN_REFERENCES = re.compile(r"references?|reference list|bibliography", re.IGNORECASE)
ABBREVIATION = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:[ \t]*(?P<text>.*)$")
# A token that reads as an abbreviation: two or more capitals (NMDA, mTOR, eEF2, HNK).
ABBREVIATION_TOKEN = re.compile(r"(?<![\w-])[A-Za-z0-9]*[A-Z][a-z0-9]*[A-Z][A-Za-z0-9]*(?![\w])")


# ---- Reading pages -------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    path: Path
    meta: dict
    lines: tuple[tuple[int, str], ...]  # (1-based line in the file, text) of the body's prose
    error: str = ""  # why the front matter could not be read
    error_line: int | None = None
    keys: dict[str, int] = field(default_factory=dict)  # top-level front matter key → line

    @property
    def name(self) -> str:
        return self.path.relative_to(ROOT).as_posix()

    def where(self, line: int | None = None) -> str:
        return f"{self.name}:{line}" if line else self.name


def prose_lines(text: str, first_line: int = 1) -> tuple[tuple[int, str], ...]:
    """The text's lines with code and raw HTML blanked (``blank_non_prose``), numbers kept."""
    return tuple(enumerate(blank_non_prose(text).split("\n"), first_line))


@cache
def read_page(path: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    meta, error, error_line, body_start = {}, "", None, 0
    if match:
        body_start = match.end()
        try:
            meta = yaml.safe_load(match["yaml"] or "") or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            error_line = mark.line + 2 if mark else 1  # + the opening "---" line, 1-based
            error = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if not error and not isinstance(meta, dict):
            meta, error = {}, "the front matter is not a mapping of 'name: value' lines"
    keys = {
        m[1]: text.count("\n", 0, m.start()) + 1
        for m in re.finditer(r"^(\w+):", text[:body_start], re.MULTILINE)
    }
    first_line = text.count("\n", 0, body_start) + 1
    body = prose_lines(text[body_start:], first_line)
    return Page(path, meta, body, error, error_line, keys)


def pages() -> list[Page]:
    return [read_page(path) for path in sorted(DOCS.rglob("*.md"))]


def evidence_pages() -> list[Page]:
    return [page for page in pages() if "evidence" in page.meta]


def headings(page: Page) -> list[tuple[int, int, str]]:
    """(line, level, text) of every ATX heading outside code."""
    found = []
    for number, line in page.lines:
        match = HEADING.match(line)
        if match:
            found.append((number, len(match["hashes"]), match["text"]))
    return found


def report(problems: list[str], advice: str) -> str:
    return f"{len(problems)} problem(s). {advice}\n" + "\n".join(f"  {p}" for p in problems)


# ---- Front matter --------------------------------------------------------------------------


def test_front_matter_is_valid_yaml():
    """A page's front matter parses; MkDocs would silently drop broken front matter."""
    problems = [
        f"{page.where(page.error_line)}: front matter is not valid YAML: {page.error}"
        for page in pages()
        if page.error
    ]
    assert not problems, report(
        problems,
        "MkDocs ignores front matter it cannot parse, so the page loses its title, description "
        "and evidence box without a warning. Quote values that contain ': ' or start with a "
        'special character: claim: "Text: more text."',
    )


def test_every_page_has_a_short_description():
    """Every page has a plain-text `description:` of at most 160 characters."""
    problems = []
    for page in pages():
        if page.error:
            continue  # reported by test_front_matter_is_valid_yaml
        description = page.meta.get("description")
        if not isinstance(description, str) or not description.strip():
            problems.append(f"{page.where()}: no 'description:' in the front matter")
        elif len(description.strip()) > DESCRIPTION_LIMIT:
            problems.append(
                f"{page.where(page.keys.get('description'))}: the description has "
                f"{len(description.strip())} characters "
                f"(at most {DESCRIPTION_LIMIT})"
            )
    assert not problems, report(
        problems,
        "Give each page one or two plain sentences in 'description:'; search results and link "
        "previews show it, and cut it after about 160 characters.",
    )


# ---- Pages that declare an evidence level --------------------------------------------------


def test_some_pages_declare_evidence():
    """The rules for evidence pages below check something: at least one page declares a level."""
    assert evidence_pages(), (
        "no page in docs/ has 'evidence:' in its front matter, so the rules for mechanism pages "
        f"check nothing; see {GUIDE}"
    )


def test_evidence_pages_state_their_question():
    """A page with `evidence:` also has `question:`, shown in the box that opens the page."""
    problems = [
        f"{page.where(page.keys.get('evidence'))}: 'evidence:' but no 'question:' in the front "
        "matter"
        for page in evidence_pages()
        if not str(page.meta.get("question") or "").strip()
    ]
    assert not problems, report(
        problems, 'Add the question the page answers, one sentence: question: "Why ...?"'
    )


def test_evidence_pages_end_with_key_points_and_check_yourself():
    """Key points, then Check yourself with 2 to 4 folded `??? question` blocks, each answered."""
    problems = []
    for page in evidence_pages():
        lines = dict(page.lines)
        h2 = [(n, lines[n].strip()) for n, level, _ in headings(page) if level == 2]
        key_points = [n for n, text in h2 if text == KEY_POINTS]
        check = [n for n, text in h2 if text == CHECK_YOURSELF]
        if not key_points:
            problems.append(f"{page.where()}: no '{KEY_POINTS}' heading")
        if not check:
            problems.append(f"{page.where()}: no '{CHECK_YOURSELF}' heading")
            continue
        if key_points and key_points[0] > check[0]:
            problems.append(f"{page.where(check[0])}: 'Check yourself' comes before 'Key points'")
        end = next((n for n, _ in h2 if n > check[0]), max(lines) + 1)
        blocks = [n for n, text in page.lines if check[0] < n < end and QUESTION_BLOCK.match(text)]
        if len(blocks) not in QUESTIONS:
            problems.append(
                f"{page.where(check[0])}: 'Check yourself' has {len(blocks)} '??? question' "
                f"block(s); write {QUESTIONS.start} to {QUESTIONS.stop - 1}"
            )
        for n in blocks:
            answer = next((lines[m] for m in range(n + 1, end) if lines.get(m, "").strip()), "")
            if not answer.startswith("    "):
                problems.append(
                    f"{page.where(n)}: the question has no answer indented by four spaces below it"
                )
    assert not problems, report(
        problems, f"Copy the closing sections from the template in {GUIDE}."
    )


def test_evidence_pages_have_no_hand_written_references():
    """The build appends each page's References; a hand-written one would appear twice."""
    problems = [
        f"{page.where(n)}: a hand-written '{title}' heading"
        for page in evidence_pages()
        for n, _, text in headings(page)
        if HAND_WRITTEN_REFERENCES.fullmatch(title := EXPLICIT_ID.sub("", text).strip())
    ]
    assert not problems, report(
        problems,
        "Delete the heading and its list: cite with [@key] in the text and the numbered "
        "reference list is added at the end of the page.",
    )


# ---- Every page ----------------------------------------------------------------------------


def test_section_headings_have_explicit_ids():
    """Every ## and ### heading outside code names its id, and no id repeats on a page."""
    problems = []
    for page in pages():
        seen: dict[str, int] = {}
        for n, level, text in headings(page):
            if level not in (2, 3):
                continue
            match = EXPLICIT_ID.search(text)
            if not match:
                problems.append(f"{page.where(n)}: '{text}' has no {{ #id }}")
            elif match["id"] in seen:
                problems.append(
                    f"{page.where(n)}: id '{match['id']}' is also used at line {seen[match['id']]}"
                )
            else:
                seen[match["id"]] = n
    assert not problems, report(
        problems,
        "End each heading with a readable id that stays when the wording changes, as in "
        "'## Key points { #key-points }', then run `.venv/bin/python scripts/register_anchors.py`.",
    )


@cache
def bibliography_keys() -> frozenset[str]:
    return frozenset(load_bibliography(BIBLIOGRAPHY).keys())


def cited_keys(page: Page) -> list[tuple[int | None, str]]:
    """(line, key) of every key the page cites: [@key] groups and `evidence: sources:`."""
    cited: list[tuple[int | None, str]] = []
    evidence = page.meta.get("evidence")
    sources = evidence.get("sources") if isinstance(evidence, dict) else None
    if isinstance(sources, str):
        sources = [sources]
    cited += [(None, str(source).strip().lstrip("@")) for source in sources or []]
    if not page.lines:
        return cited
    first_line = page.lines[0][0]
    prose = "\n".join(line for _, line in page.lines)  # a group may run over a line break
    for group in find_groups(prose):
        if group.start() > 0 and prose[group.start() - 1] == "\\":
            continue  # \[@key] is written to be shown literally
        parsed = parse_group(group["body"])
        keys = [cite.key for cite in parsed.cites] + [key for key, _ in parsed.errors if key]
        for key in keys:
            at = prose.find("@" + key, group.start())
            cited.append((first_line + prose.count("\n", 0, at), key))
    return cited


def test_every_cited_key_is_in_the_bibliography():
    """Every [@key] in docs/ and every evidence source names an entry of references.bib."""
    known = bibliography_keys()
    problems = [
        f"{page.where(line)}: '{key}' is not in references.bib"
        for page in pages()
        for line, key in cited_keys(page)
        if key not in known
    ]
    assert not problems, report(
        problems,
        "Correct the key, or add the entry to references.bib (see "
        "docs/contributing/adding-a-reference.md).",
    )


# ---- Abbreviations and the glossary --------------------------------------------------------


def hover_abbreviations() -> dict[str, int]:
    """Abbreviation → line in includes/abbreviations.md (``*[NMDA]: N-methyl-D-aspartate``)."""
    found = {}
    for number, line in enumerate(ABBREVIATIONS.read_text(encoding="utf-8").splitlines(), 1):
        match = ABBREVIATION.match(line.strip())
        if match:
            found[match["abbr"].strip()] = number
    return found


def glossary_terms() -> list[tuple[int, str]]:
    """(line, text) of each term the glossary defines: a definition-list term or a heading."""
    assert GLOSSARY.is_file(), (
        "docs/glossary.md does not exist: the abbreviations are defined there"
    )
    page = read_page(GLOSSARY)
    lines = list(page.lines)
    terms = []
    for i, (number, line) in enumerate(lines):
        heading = HEADING.match(line)
        if heading and len(heading["hashes"]) >= 2:
            terms.append((number, EXPLICIT_ID.sub("", heading["text"]).strip()))
            continue
        if not line.strip() or line.startswith((" ", "\t", ":")):
            continue
        following = [text for _, text in lines[i + 1 : i + 3] if text.strip()]
        if following and re.match(r"^:[ \t]", following[0]):  # Python-Markdown def_list
            terms.append((number, line.strip()))
    return terms


def _mentions(text: str, abbreviation: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(abbreviation)}(?![\w-])", text) is not None


def test_every_hover_abbreviation_is_in_the_glossary():
    """Each abbreviation in includes/abbreviations.md is a term (or part of one) on the glossary."""
    terms = glossary_terms()
    problems = [
        f"includes/abbreviations.md:{line}: '{abbreviation}' has no entry on docs/glossary.md"
        for abbreviation, line in hover_abbreviations().items()
        if not any(_mentions(term, abbreviation) for _, term in terms)
    ]
    assert not problems, report(
        problems,
        "Give it an entry on the glossary, a heading that names it "
        "('### NMDA { #nmda }') and a plain-words definition, or delete the hover line.",
    )


def test_every_glossary_abbreviation_has_a_hover():
    """Each abbreviation that names a glossary term has a hover in includes/abbreviations.md."""
    hovers = hover_abbreviations()
    problems = []
    for line, term in glossary_terms():
        for token in dict.fromkeys(m[0] for m in ABBREVIATION_TOKEN.finditer(term)):
            if not any(_mentions(abbreviation, token) for abbreviation in hovers):
                named = f"'{token}'" if token == term else f"'{token}' (in '{term}')"
                problems.append(f"docs/glossary.md:{line}: {named} has no hover")
    assert not problems, report(
        problems,
        "Add a line '*[ABBR]: expansion' to includes/abbreviations.md, so that every page "
        "shows the expansion when a reader hovers over the abbreviation.",
    )


# ---- Teaching: summaries, sentence length, figures -----------------------------------------
# A teaching page is one that closes with key points: the step pages, the drug, the hypotheses
# and the opioid debate. Found by that heading, so a new teaching page is checked at once.

IN_BRIEF_SENTENCES = range(3, 6)  # 3 to 5 sentences
IN_BRIEF_GRADE = 10.0  # Flesch–Kincaid grade: a first-year student
MEAN_SENTENCE_WORDS = 22.0
LONGEST_SENTENCE_WORDS = 45
SOURCE_TALK = re.compile(r"\bcommentary\b", re.IGNORECASE)
SOURCE_TALK_LIMIT = 5  # per page: the science, not the source, is the subject


def teaching_pages() -> list[Page]:
    return [
        page
        for page in pages()
        if any(text.strip() == KEY_POINTS for _, text in page.lines)
        and not page.name.startswith("docs/contributing/")
    ]


def page_text(page: Page) -> str:
    return page.path.read_text(encoding="utf-8")


def test_teaching_pages_are_found():
    """The rules below check something: the step pages at least close with key points."""
    assert len(teaching_pages()) >= 6, [page.name for page in teaching_pages()]


def test_teaching_pages_open_with_in_brief():
    """The first section after the title is "In brief": 3 to 5 sentences in plain words."""
    problems = []
    for page in teaching_pages():
        lines = dict(page.lines)
        h2 = [(n, lines[n].strip()) for n, level, _ in headings(page) if level == 2]
        if not h2 or h2[0][1] != readability.IN_BRIEF:
            where = page.where(h2[0][0] if h2 else None)
            problems.append(f"{where}: the first section is not '{readability.IN_BRIEF}'")
            continue
        brief = readability.in_brief(page_text(page)) or []
        count = sum(len(readability.sentences(p)) for p in brief)
        if len(brief) != 1:
            problems.append(
                f"{page.where(h2[0][0])}: 'In brief' has {len(brief)} paragraphs; keep one, and "
                "give what follows a heading of its own"
            )
        elif count not in IN_BRIEF_SENTENCES:
            problems.append(f"{page.where(h2[0][0])}: 'In brief' has {count} sentence(s)")
    assert not problems, report(
        problems,
        f"Open the page, right after its '# Title', with '{readability.IN_BRIEF}' and one "
        f"paragraph of {IN_BRIEF_SENTENCES.start} to {IN_BRIEF_SENTENCES.stop - 1} short sentences "
        "that a first-year student can follow; key points and self-checks stay at the end.",
    )


def test_in_brief_reads_at_grade_ten_or_below():
    """Each "In brief" has a Flesch–Kincaid grade of 10 or below (textstat)."""
    problems = []
    for page in teaching_pages():
        brief = readability.in_brief(page_text(page))
        if not brief:
            continue  # reported by test_teaching_pages_open_with_in_brief
        grade = readability.measure(brief).grade
        if grade > IN_BRIEF_GRADE:
            problems.append(f"{page.name}: 'In brief' reads at grade {grade:.1f}")
    assert not problems, report(
        problems,
        f"Bring it to grade {IN_BRIEF_GRADE:.0f} or below: shorter sentences, everyday words, "
        "one idea a sentence. `.venv/bin/python scripts/readability.py` prints every page's grade.",
    )


def test_teaching_pages_keep_sentences_short():
    """A teaching page averages at most 22 words a sentence, and no sentence runs past 45."""
    problems = []
    for page in teaching_pages():
        prose = readability.page_prose(page_text(page))
        reading = readability.measure(prose)
        if reading.mean_sentence_length > MEAN_SENTENCE_WORDS:
            problems.append(
                f"{page.name}: {reading.mean_sentence_length:.1f} words a sentence on average"
            )
        for sentence in (s for p in prose for s in readability.sentences(p)):
            if readability.words(sentence) > LONGEST_SENTENCE_WORDS:
                problems.append(
                    f"{page.name}: a sentence of {readability.words(sentence)} "
                    f"words: '{sentence[:70]}…'"
                )
    assert not problems, report(
        problems,
        f"Split long sentences (at most {MEAN_SENTENCE_WORDS:.0f} words on average, none over "
        f"{LONGEST_SENTENCE_WORDS}).",
    )


def test_teaching_pages_talk_about_the_brain_not_the_source():
    """ "The commentary" appears at most a handful of times on a teaching page."""
    problems = []
    for page in teaching_pages():
        found = [n for n, text in page.lines for _ in SOURCE_TALK.finditer(text)]
        if len(found) > SOURCE_TALK_LIMIT:
            problems.append(
                f"{page.where(found[SOURCE_TALK_LIMIT])}: 'commentary' is used {len(found)} times"
            )
    assert not problems, report(
        problems,
        f"Keep it to {SOURCE_TALK_LIMIT}: state the finding and cite its source; what the "
        "commentary argues belongs in one attributed sentence, and its history on the About page.",
    )


# ---- Figures -------------------------------------------------------------------------------

INCLUDES = ROOT / "includes"
SVG = re.compile(r"<svg\b(?P<attributes>[^>]*)>(?P<body>.*?)</svg>", re.DOTALL)
FIGURE = re.compile(r"<figure\b.*?</figure>", re.DOTALL)


def figure_files() -> list[Path]:
    return sorted(INCLUDES.glob("*.html")) + sorted(DOCS.rglob("*.md"))


def test_figures_have_text_alternatives():
    """Each SVG has a role, a title it is labelled by, and its figure a caption and text version."""
    problems = []
    for path in figure_files():
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT).as_posix()
        for svg in SVG.finditer(text):
            line = text.count("\n", 0, svg.start()) + 1
            attributes = svg["attributes"]
            title = re.search(r'<title id="(?P<id>[^"]+)"', svg["body"])
            if not re.search(r'role="(img|group)"', attributes):
                problems.append(f'{name}:{line}: the <svg> has no role="img" (or "group")')
            if not title:
                problems.append(f"{name}:{line}: the <svg> has no <title id=…>")
            elif (
                title["id"] not in (re.search(r'aria-labelledby="([^"]*)"', attributes) or [""])[0]
            ):
                problems.append(f"{name}:{line}: aria-labelledby does not name its <title>")
            figure = next(
                (f for f in FIGURE.finditer(text) if f.start() < svg.start() < f.end()), None
            )
            if figure is None:
                problems.append(f"{name}:{line}: the <svg> is not inside a <figure>")
                continue
            if "<figcaption" not in figure[0]:
                problems.append(f"{name}:{line}: its <figure> has no <figcaption>")
            if "<desc" not in svg["body"] and "visually-hidden" not in figure[0]:
                problems.append(
                    f"{name}:{line}: no text version (<desc> or a visually-hidden "
                    "block) for readers who cannot see the drawing"
                )
    assert not problems, report(
        problems,
        "Follow docs/contributing/images-and-diagrams.md: a <figure> holding the <svg> "
        "(role, <title>, aria-labelledby), a text version and a <figcaption> with its sources.",
    )


def test_every_hover_abbreviation_is_used():
    """Each abbreviation in includes/abbreviations.md appears on a page besides the glossary."""
    used_text = "\n".join(
        "\n".join(text for _, text in page.lines)
        for page in pages()
        if page.path != GLOSSARY and not page.name.startswith("docs/contributing/")
    )
    used_text += "\n".join(path.read_text(encoding="utf-8") for path in INCLUDES.glob("*.html"))
    problems = [
        f"includes/abbreviations.md:{line}: '{abbreviation}' is used on no page"
        for abbreviation, line in hover_abbreviations().items()
        if not _mentions(used_text, abbreviation)
    ]
    assert not problems, report(
        problems,
        "Delete the hover line and its glossary entry, or use the term where it belongs.",
    )


# ---- Layers: a short core for every student, "Go deeper" for the resident --------------------
# docs/contributing/adding-a-page.md: the core answers the page's question; study details,
# numbers, methods and specialist disputes fold into `??? note "Go deeper: …"` blocks.

CORE_WORDS = 1200  # about six minutes: a lesson a first-year student finishes
# Talk about the sources and their checking belongs in references.bib comments and on About.
PROVENANCE = re.compile(
    r"could not be (?:verified|traced|confirmed)|cannot be verified|not (?:been )?verified"
    r"|(?:its|the) abstract does not|abstract does not state"
    r"|this site's (?:reading|inference|bibliography)|not in this site's"
    r"|sources? cited here|the commentary (?:says|states|reports)",
    re.IGNORECASE,
)
COMMENTARY_KEY = "mdedge_commentary"
COMMENTARY_LIMIT = 6  # cited for what the commentary itself says, never for a study's facts
# Words a first-year student lacks, each promised a glossary entry (issue 20).
FIRST_YEAR_TERMS = (
    "infusion", "double-blind", "pyramidal neuron", "interneuron", "spine", "kinase",
    "half-life", "metabolite", "response", "remission", "meta-analysis", "effect size",
    "open-label", "antidepressant-like", "extrasynaptic",
)  # fmt: skip


def lesson_pages() -> list[Page]:
    """The teaching pages, and the other pages a student reads as lessons."""
    lessons = {page.path for page in teaching_pages()}
    lessons |= {GLOSSARY, DOCS / "index.md", DOCS / "mechanism" / "index.md"}
    return [page for page in pages() if page.path in lessons]


def test_teaching_pages_keep_their_core_short():
    """A lesson's core (outside "Go deeper" and "Check yourself") has at most 1,200 words."""
    problems = []
    for page in teaching_pages():
        words = layers.core_words(page_text(page))
        if words > CORE_WORDS:
            problems.append(f"{page.name}: the core has {words} words")
    assert not problems, report(
        problems,
        f"Keep the core to {CORE_WORDS} words: what a student needs to follow the step and "
        'explain it to a friend. Move study details into `??? note "Go deeper: …"` blocks '
        "(indented four spaces); `.venv/bin/python scripts/readability.py` prints each core.",
    )


def test_step_pages_fold_their_details_into_go_deeper_blocks():
    """Every step page has at least one "Go deeper" block for the resident."""
    problems = [
        f"{page.where(page.keys.get('step'))}: no '??? note \"Go deeper: …\"' block"
        for page in pages()
        if "step" in page.meta and not layers.has_deeper(page_text(page))
    ]
    assert not problems, report(
        problems, "Fold the study details into a block, as the template shows: " + GUIDE
    )


def test_lessons_do_not_talk_about_their_sources():
    """No "could not be verified", "(this site's reading)" or the like in a lesson's prose."""
    problems = [
        f"{page.where(n)}: '{match[0]}'"
        for page in lesson_pages()
        for n, text in page.lines
        for match in PROVENANCE.finditer(text)
    ]
    assert not problems, report(
        problems,
        "Write about the brain, not about the sources: state what the source shows, with its "
        "species and design, and cite it. How a reference was checked goes in its `% seen:` "
        "comment in references.bib; the site's own inference is marked "
        "`*sentence.*{ .inference }` (explained on the About page).",
    )


def test_the_commentary_is_cited_only_a_handful_of_times():
    """The trade commentary is cited for what it says itself, at most six times in all."""
    cited = [
        f"{page.where(line)}"
        for page in pages()
        if not page.name.startswith("docs/contributing/")
        for line, key in cited_keys(page)
        if key == COMMENTARY_KEY
    ]
    assert len(cited) <= COMMENTARY_LIMIT, report(
        cited,
        f"'{COMMENTARY_KEY}' is cited {len(cited)} times (at most {COMMENTARY_LIMIT}). Cite the "
        "primary study or a verified review for a fact; keep the commentary for its own view.",
    )


def test_the_glossary_defines_the_words_a_first_year_student_lacks():
    """Each word the glossary promises a first-year student is one of its entries."""
    terms = read_glossary(GLOSSARY.read_text(encoding="utf-8"))
    forms = [form.lower() for term in terms for form in term.forms]
    missing = [
        word for word in FIRST_YEAR_TERMS if not any(form.startswith(word) for form in forms)
    ]
    assert not missing, report(
        [f"docs/glossary.md: no entry for '{word}'" for word in missing],
        "Add a '### Word { #word }' entry with a plain definition under the right group.",
    )


DASHED_CLASS = "diagram__edge--hypothesized"
DASH_LEGEND = re.compile(r"dashed[^.<]*(?:hypothesi[sz]ed|indirect|inferred)", re.IGNORECASE)


def test_dashed_lines_mean_one_thing_in_every_figure():
    """Only hypothesized links are dashed, and a figure that has one says so in a legend."""
    css = "".join(p.read_text(encoding="utf-8") for p in (DOCS / "assets").rglob("*.css"))
    dashed_rules = re.findall(r"([^{}]+)\{[^{}]*stroke-dasharray", css)
    problems = [
        f"a stylesheet dashes '{rule.strip()}'"
        for rule in dashed_rules
        if rule.strip() != f".{DASHED_CLASS}"
    ]
    for path in figure_files():
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT).as_posix()
        for svg in SVG.finditer(text):
            if "stroke-dasharray" in svg["body"]:
                problems.append(f"{name}: an inline stroke-dasharray; use class '{DASHED_CLASS}'")
        if DASHED_CLASS in text and not DASH_LEGEND.search(text):
            problems.append(f"{name}: dashed lines with no legend saying what they mean")
    assert not problems, report(
        problems,
        f"Draw a hypothesized or indirect link with class '{DASHED_CLASS}', and say in the "
        "caption or the drawing: 'Dashed lines: a hypothesized or indirect link'. Mark anything "
        "else another way (a thick outline, a shaded box).",
    )
