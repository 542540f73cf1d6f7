"""How much the citation plugin, and the whole site, add to a real `mkdocs build`: figures.

Not a test: nothing here asserts a time. It generates a synthetic site (pages of prose with
``[@key]`` markers, a large ``references.bib``), then times cold ``mkdocs build --strict`` runs,
each in a new process with a fresh site folder:

- plain   the same pages without the plugin: the markers stay as text;
- hook    the citation plugin alone (``plugins: - citations``, scripts/mkdocs_citations/);
- hooks   the plugin and ``scripts/link_hooks.py`` (which checks every page's links);
- site    the plugin and every hook the real ``mkdocs.yml`` lists (evidence, links, metadata
          and downloads, review dates, print guide, glossary): the whole site's cost;
- bibtex  mkdocs-bibtex 4.4 in a side virtualenv with the same MkDocs, for comparison
          (skipped, with the reason printed, when it cannot be installed).

With ``--per-hook`` it also builds the site without each of its hooks in turn, and prints what
each hook adds: the cost of each of the site's features.

It prints the median of several runs of each, the ratios to the plain build, and the hook's added
time per citation marker at several citation densities, to show how the cost grows. Beside the
hook's ratio it prints a 95 % bootstrap interval: on a shared machine identical builds differ by
tens of percent, and the verdict on the +15 % target says so when the runs cannot decide.

    .venv/bin/python scripts/benchmark.py                      # defaults: 300 pages, 40 markers
    .venv/bin/python scripts/benchmark.py --out bench-out --keep --runs 5
    .venv/bin/python scripts/benchmark.py --runs 9 --instructions   # + callgrind counts

Progress goes to stderr, figures to stdout.
"""

from __future__ import annotations

import project_python  # noqa: F401  (first: outside .venv, one clear line, no traceback)

import argparse
import importlib.metadata
import os
import platform
import random
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINK_HOOK = ROOT / "scripts" / "link_hooks.py"
INCLUDES = ROOT / "includes"
BIBTEX_REQUIREMENT = "mkdocs-bibtex==4.4.*"

# ---- Synthetic text -----------------------------------------------------------------------------


def _word_list(text: str) -> tuple[str, ...]:
    return tuple(text.split())


WORDS = _word_list(
    "ketamine esketamine receptor synaptic plasticity glutamate cortex neurons rapid dose "
    "response trial patients depression mood signalling pathway protein expression spine "
    "density prefrontal hippocampus interneuron disinhibition burst release transporter "
    "infusion placebo effect onset hours days week remission relapse measure scale score "
    "imaging network connectivity activity rodent model stress behaviour evidence finding "
    "study sample analysis mechanism downstream upstream blockade channel current potential "
    "the a of in and to with that by for from as on is was were may can this which their "
    "after before within between across during under over into through"
)
ACRONYMS = ("NMDA", "AMPA", "BDNF", "VEGF", "mTOR", "GABA", "TrkB", "eEF2", "fMRI", "PET")
SURNAMES = _word_list(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Wilson Anderson Taylor Thomas "
    "Moore Martin Jackson Thompson White Harris Clark Lewis Robinson Walker Young Allen King "
    "Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans "
    "Turner Torres Parker Collins Edwards Stewart Morris Murphy Cook Rogers Morgan Peterson "
    "Cooper Reed Bailey Bell Gomez Kelly Howard Ward Cox Diaz Richardson Wood Watson Brooks "
    "Bennett Gray James Reyes Cruz Hughes Price Myers Long Foster Sanders Ross Morales Powell "
    "Sullivan Russell Ortiz Jenkins Gutierrez Perry Butler Barnes Fisher Henderson Coleman "
    "Duman Zarate Krystal Monteggia Kavalali Li Wang Zhang Chen Liu Yang Huang Zhao Wu Zhou "
    "Tanaka Suzuki Sato Kim Lee Park Choi Rossi Russo Ferrari Esposito Bianchi Romano"
)
LATEX_SURNAMES = (
    r"M{\"u}ller",
    r"Sch{\"o}nfeld",
    r"L{\'o}pez",
    r"Nu{\~n}ez",
    r"Gon{\c{c}}alves",
    r"Dvo{\v{r}}{\'a}k",
    r"J{\"a}rvinen",
    r"{\O}stergaard",
)
PARTICLE_SURNAMES = ("van der Berg", "de Souza", "von Arnim", "van Dijk")
FIRST_NAMES = _word_list(
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Ronald Carlos Ana Wei Hiroshi Yuki "
    "Min-jun Lars Ingrid Giulia Marco Peng-fei Aisha Omar"
)
LATEX_FIRST_NAMES = (r"Fran\c{c}ois", r"{\'E}mile", r"J{\'e}r{\^o}me", r"Bj{\"o}rn", r"Zo{\"e}")
JOURNALS = (
    "Nature",
    "Science",
    "Neuron",
    "Molecular Psychiatry",
    "Biological Psychiatry",
    "American Journal of Psychiatry",
    "JAMA Psychiatry",
    "Neuropsychopharmacology",
    r"Neuroscience \& Biobehavioral Reviews",
    "Journal of Neuroscience",
    "Translational Psychiatry",
    "Pharmacological Reviews",
)
FAKE_IN_CODE = "[@fake]"  # inside a fenced code block: every variant must leave it untouched


@dataclass
class Corpus:
    pages: int
    citations: int
    entries: int
    seed: int
    bibliography_page: bool = True
    minimal_config: bool = False  # a bare Material theme instead of the real site's settings


@dataclass
class Entry:
    key: str
    bibtex: str


def _ascii(name: str) -> str:
    """A LaTeX surname → plain lowercase letters, for citation keys."""
    text = re.sub(r"\\[a-zA-Z]+(?![a-zA-Z])|\\.|[{}\s]", "", name)
    return re.sub(r"[^a-z]", "", text.lower()) or "anon"


def _author(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        last = rng.choice(LATEX_SURNAMES)
    elif roll < 0.16:
        last = rng.choice(PARTICLE_SURNAMES)
    else:
        last = rng.choice(SURNAMES)
    first = rng.choice(LATEX_FIRST_NAMES) if rng.random() < 0.1 else rng.choice(FIRST_NAMES)
    if rng.random() < 0.5:
        first += f" {rng.choice('ABCDEFGHJKLMNPRSTW')}."
    # Both BibTeX name forms: "Last, First" and "First Last".
    return f"{last}, {first}" if rng.random() < 0.6 else f"{first} {last}"


def _title(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words)), "{" + rng.choice(ACRONYMS) + "}")
    if rng.random() < 0.3:
        words = [w if w.startswith("{") else w.capitalize() for w in words]  # Title Case
    words[0] = words[0][0].upper() + words[0][1:]
    return " ".join(words)


def make_bibliography(entries: int, seed: int) -> list[Entry]:
    rng = random.Random(f"bib-{seed}")
    used: set[str] = set()
    out = []
    for n in range(entries):
        authors = [_author(rng) for _ in range(rng.randint(3, 12))]
        title = _title(rng)
        year = rng.randint(1985, 2025)
        first_last = authors[0].split(",")[0] if "," in authors[0] else authors[0].split()[-1]
        word = next((w for w in title.lower().split() if len(w) > 4 and w.isalpha()), "study")
        base = f"{_ascii(first_last)}{year}{word}"
        key, suffix = base, 1
        while key in used:
            suffix += 1
            key = f"{base}{chr(96 + suffix) if suffix < 27 else suffix}"
        used.add(key)
        start = rng.randint(1, 2400)
        fields = [
            ("author", " and ".join(authors)),
            ("title", title),
            ("journal", rng.choice(JOURNALS)),
            ("year", str(year)),
            ("volume", str(rng.randint(1, 120))),
        ]
        if rng.random() < 0.8:
            fields.append(("number", str(rng.randint(1, 12))))
        fields.append(("pages", f"{start}--{start + rng.randint(3, 25)}"))
        fields.append(("doi", f"10.{rng.randint(1000, 99999)}/bench.{year}.{n:05d}"))
        if rng.random() < 0.5:
            fields.append(("pmid", str(rng.randint(10_000_000, 39_999_999))))
        body = ",\n".join(f"  {name:<7} = {{{value}}}" for name, value in fields)
        out.append(Entry(key, f"@article{{{key},\n{body},\n}}\n"))
    return out


def _sentences(rng: random.Random, count: int) -> list[list[str]]:
    return [[rng.choice(WORDS) for _ in range(rng.randint(10, 20))] for _ in range(count)]


def _marker(rng: random.Random, keys: list[str]) -> str:
    size = rng.choice((2, 3)) if rng.random() < 0.25 else 1
    return "[" + "; ".join("@" + k for k in rng.sample(keys, size)) + "]"


def _render(words: list[str], marks: dict[int, list[str]], rng: random.Random) -> str:
    out = []
    words = [words[0].capitalize(), *words[1:]]
    for i, word in enumerate(words):
        if rng.random() < 0.04:
            word = f"*{word}*" if rng.random() < 0.5 else f"**{word}**"
        out.append(" ".join([word, *marks.get(i, [])]))
    return " ".join(out) + "."  # a marker on the last word stands before the period


def make_page(index: int, corpus: Corpus, keys: list[str], rng: random.Random) -> str:
    """About 600 words in four h2 sections, with paragraphs, a list and a code block."""
    sentences = _sentences(rng, 40)  # ~600 words
    slots = [(s, w) for s, words in enumerate(sentences) for w in range(len(words))]
    marks: dict[int, dict[int, list[str]]] = {}
    for s, w in rng.sample(slots, min(corpus.citations, len(slots))):
        marks.setdefault(s, {}).setdefault(w, []).append(_marker(rng, keys))
    text = [_render(words, marks.get(s, {}), rng) for s, words in enumerate(sentences)]

    def paragraph(start: int, count: int) -> str:
        return " ".join(text[start : start + count])

    nxt = (index + 1) % corpus.pages
    lines = [
        f"# Topic {index}: {' '.join(rng.choice(WORDS) for _ in range(3))}",
        "",
        paragraph(0, 4),
        "",
        "## Background",
        "",
        paragraph(4, 5),
        "",
        paragraph(9, 4),
        "",
        "## Findings",
        "",
        *[f"- {sentence}" for sentence in text[13:18]],
        "",
        paragraph(18, 5),
        "",
        "## Methods",
        "",
        paragraph(23, 5),
        "",
        "```text",
        f"cite as {FAKE_IN_CODE} in Markdown; `code` is left alone",
        "```",
        "",
        paragraph(28, 4),
        "",
        "## Open questions",
        "",
        paragraph(32, 4),
        "",
        f"See also [topic {nxt}]({_page_path(nxt, index)}) and `inline code`.",
        "",
        paragraph(36, 4),
        "",
    ]
    return "\n".join(lines)


def _page_file(index: int) -> str:
    return "index.md" if index == 0 else f"part-{index // 25:02d}/topic-{index:04d}.md"


def _page_path(target: int, source: int) -> str:
    """A relative Markdown link from one page's file to another's."""
    here = Path(_page_file(source)).parent
    return os.path.relpath(_page_file(target), here).replace(os.sep, "/")


MKDOCS_YML = """\
# A synthetic site for scripts/benchmark.py; mirrors the real mkdocs.yml where it matters.
site_name: Citation benchmark
site_url: https://example.org/bench/
docs_dir: docs
theme:
  name: material
  language: en
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle:
        icon: material/weather-night
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle:
        icon: material/weather-sunny
        name: Switch to light mode
  features:
    - navigation.instant
    - navigation.footer
    - navigation.top
    - navigation.indexes
    - navigation.sections
    - search.highlight
    - search.suggest
    - content.tooltips
    - toc.follow
{hooks}
plugins:
{plugins}
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: "¶"
      permalink_title: Link to this section
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.snippets:
      base_path: [{includes}]
      auto_append: [abbreviations.md]
      check_paths: true
"""


# The same corpus with the theme's defaults and no Markdown extensions: a cheaper plain build, so
# the same added seconds are a larger share of it.
MINIMAL_YML = """\
# A synthetic site for scripts/benchmark.py --minimal-config: Material's defaults.
site_name: Citation benchmark
docs_dir: docs
theme:
  name: material
  font: false
{hooks}
plugins:
{plugins}
"""


def _site_hooks() -> tuple[Path, ...]:
    """Every hook the real site lists in mkdocs.yml, as absolute paths: the whole site's cost."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    section = re.search(r"^hooks:\n((?:  - .*\n|\s*#.*\n)+)", text, re.MULTILINE)
    names = re.findall(r"^  - (\S+)", section.group(1), re.MULTILINE) if section else []
    return tuple(ROOT / name for name in names)


SITE_HOOKS = _site_hooks()
# The site without one hook, for each hook (--per-hook): what each of the site's features costs.
WITHOUT = {f"without-{hook.stem}": hook for hook in SITE_HOOKS}
VARIANT_HOOKS = {
    "plain": (),
    "hook": (),
    "hooks": (LINK_HOOK,),
    "site": SITE_HOOKS,
    "bibtex": (),
    **{name: tuple(h for h in SITE_HOOKS if h != left_out) for name, left_out in WITHOUT.items()},
}
WITH_PLUGIN = ("hook", "hooks", "site", *WITHOUT)  # the variants with the citation plugin


def _config(variant: str, minimal: bool = False) -> str:
    plugins = "  - search\n"
    if variant == "bibtex":
        plugins += "  - bibtex:\n      bib_file: references.bib\n"
    if variant in WITH_PLUGIN:
        plugins += "  - citations:\n      bibliography: references.bib\n"
    paths = VARIANT_HOOKS[variant]
    hooks = (
        "hooks:\n" + "\n".join(f"  - {_yaml_str(path)}" for path in paths)
        if paths
        else "# no hooks"
    )
    template = MINIMAL_YML if minimal else MKDOCS_YML
    return template.format(hooks=hooks, plugins=plugins.rstrip("\n"), includes=_yaml_str(INCLUDES))


def _yaml_str(path: Path) -> str:
    return '"' + str(path).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_site(folder: Path, corpus: Corpus) -> dict[str, Path]:
    """Write docs/, references.bib and one config per variant; return the configs by variant."""
    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    docs.mkdir(parents=True)
    bib = make_bibliography(corpus.entries, corpus.seed)
    (folder / "references.bib").write_text("\n".join(e.bibtex for e in bib), encoding="utf-8")
    keys = [e.key for e in bib]
    rng = random.Random(f"pages-{corpus.seed}-{corpus.citations}")
    for index in range(corpus.pages):
        path = docs / _page_file(index)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make_page(index, corpus, keys, rng), encoding="utf-8")
    if corpus.bibliography_page:
        (docs / "references.md").write_text(
            "# References\n\n<!-- bibliography -->\n", encoding="utf-8"
        )
    configs = {}
    for variant in VARIANT_HOOKS:
        configs[variant] = folder / f"mkdocs-{variant}.yml"
        configs[variant].write_text(_config(variant, corpus.minimal_config), encoding="utf-8")
    return configs


# ---- Building and timing ------------------------------------------------------------------------


@dataclass
class Variant:
    name: str
    label: str
    python: Path
    config: Path
    strict: bool = True
    times: list[float] = field(default_factory=list)  # wall seconds
    cpu: list[float] = field(default_factory=list)  # user + system seconds of the build process
    reported: list[float] = field(default_factory=list)  # MkDocs' own "built in" figure
    warnings: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def build(variant: Variant, env: dict[str, str], *, timed: bool = True) -> str:
    """One cold build: a new process, a fresh site folder. Returns the build's log."""
    site = variant.config.parent / f"site-{variant.name}"
    shutil.rmtree(site, ignore_errors=True)
    command = [str(variant.python), "-m", "mkdocs", "build", "-f", str(variant.config)]
    command += ["-d", str(site)] + (["--strict"] if variant.strict else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        tail = "\n".join(log.splitlines()[-25:])
        raise SystemExit(f"{variant.label}: `{shlex.join(command)}` failed:\n{tail}")
    if timed:
        variant.times.append(elapsed)
        variant.cpu.append(cpu)
        built = re.search(r"Documentation built in ([\d.]+) seconds", log)
        if built:
            variant.reported.append(float(built.group(1)))
    variant.warnings = len(re.findall(r"^WARNING", log, re.MULTILINE))
    note = "" if timed else " (warm-up, not counted)"
    progress(f"  {variant.label}: {elapsed:.2f} s wall, {cpu:.2f} s CPU{note}")
    return log


def check_output(site: Path) -> str:
    """What the hook build produced on one page, so the figures are known to measure real work."""
    html = (site / "part-00" / "topic-0001" / "index.html").read_text(encoding="utf-8")
    sups = html.count('<sup class="citation"')
    fake_kept = FAKE_IN_CODE in html
    return f"{sups} citation superscripts on topic 1; [@fake] in code kept: {fake_kept}"


def setup_bibtex_venv(folder: Path) -> tuple[Path | None, str]:
    """A side virtualenv with mkdocs-bibtex 4.4 and this venv's MkDocs; (python, version or why)."""
    python = folder / "bin" / "python"
    if python.exists():
        probe = subprocess.run(
            [
                str(python),
                "-c",
                "import importlib.metadata as m; print(m.version('mkdocs-bibtex'))",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0:
            return python, probe.stdout.strip()
        shutil.rmtree(folder)
    pins = [
        f"{name}=={importlib.metadata.version(name)}"
        for name in ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown")
    ]
    venv = subprocess.run(
        [sys.executable, "-m", "venv", str(folder)], capture_output=True, text=True, check=False
    )
    if venv.returncode != 0:
        return None, "python -m venv failed: " + (venv.stderr.strip() or venv.stdout.strip())
    command = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    command += [BIBTEX_REQUIREMENT, *pins]
    progress(f"installing {BIBTEX_REQUIREMENT} with {' '.join(pins)} into {folder}")
    pip = subprocess.run(command, capture_output=True, text=True, check=False)
    if pip.returncode != 0:
        errors = [ln for ln in pip.stderr.splitlines() if "ignored: it is neither" not in ln]
        return None, "pip install failed:\n    " + "\n    ".join(errors[-12:])
    return setup_bibtex_venv(folder)


def _machine() -> str:
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "bibtexparser")
    )
    return (
        f"nproc {_cores()}; Python {platform.python_version()} ({sys.executable}); {versions}; "
        f"{platform.platform()}"
    )


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def _load() -> str:
    """The load averages: builds timed on a busy machine are slower and noisier."""
    one, five, fifteen = os.getloadavg()
    busy = " (busier than the cores: other processes compete)" if one > _cores() else ""
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}{busy}"


# ---- Report -------------------------------------------------------------------------------------


def _row(variant: Variant) -> str:
    runs = " ".join(f"{t:6.2f}" for t in variant.times)
    built = f"{statistics.median(variant.reported):6.2f}" if variant.reported else "     -"
    return f"  {variant.label:<34} {variant.median:7.2f} s   {built} s   runs: {runs}"


def _fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least squares y = a + b·x."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx if sxx else 0.0
    return my - b * mx, b


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="pages (default 300)")
    parser.add_argument("--citations", type=int, default=40, help="markers per page (default 40)")
    parser.add_argument("--entries", type=int, default=5000, help="bib entries (default 5000)")
    parser.add_argument("--runs", type=int, default=3, help="timed builds per variant (median)")
    parser.add_argument(
        "--scaling", default="10,20,40", help="markers per page for the growth check"
    )
    parser.add_argument("--no-scaling", action="store_true", help="skip the growth check")
    parser.add_argument("--skip-bibtex", action="store_true", help="do not time mkdocs-bibtex")
    parser.add_argument(
        "--bibtex-runs",
        type=int,
        default=1,
        help="timed mkdocs-bibtex builds (default 1: each takes minutes at the default size)",
    )
    parser.add_argument("--no-bibliography-page", action="store_true", help="omit references.md")
    parser.add_argument(
        "--minimal-config",
        action="store_true",
        help="build with Material's defaults (no extensions, no theme features) instead of "
        "settings that mirror the real mkdocs.yml",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count the instructions of one plain and one hook build under valgrind's "
        "callgrind: figures that do not move with the machine's load (adds about 10 minutes)",
    )
    parser.add_argument(
        "--per-hook",
        action="store_true",
        help="also build the site without each of its hooks in turn, and print what each adds",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed for the corpus")
    parser.add_argument("--out", type=Path, help="work folder (kept); default: a temp folder")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    started = time.perf_counter()
    print("Citation plugin and whole-site benchmark")
    print(f"command: {shlex.join([sys.executable, *sys.argv])}")
    print(f"machine: {_machine()}")
    print(f"at start: {_load()}")

    work = args.out.resolve() if args.out else Path(tempfile.mkdtemp(prefix="citation-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"work folder: {work}")
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        # Bytecode goes here, not into the repository; the warm-up builds fill it.
        "PYTHONPYCACHEPREFIX": str(work / "pycache"),
    }
    # Some machines (this one among them) turn bytecode writing off. With the prefix above,
    # Python then finds no bytecode at all, and every timed build would compile MkDocs, the
    # theme and the hook from source again (about 5 G instructions), which real builds do not.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        return _run(args, work, env, started)
    finally:
        if not args.out and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept: {work}")


def _run(args: argparse.Namespace, work: Path, env: dict[str, str], started: float) -> int:
    def corpus(citations: int) -> Corpus:
        return Corpus(
            args.pages,
            citations,
            args.entries,
            args.seed,
            not args.no_bibliography_page,
            args.minimal_config,
        )

    main_corpus = corpus(args.citations)
    progress(f"generating the site: {args.pages} pages, {args.citations} markers, {args.entries}")
    configs = write_site(work / f"site-c{args.citations}", main_corpus)
    words = len((configs["hook"].parent / "docs" / _page_file(1)).read_text().split())
    groups = sum(
        len(re.findall(r"\[@[^\]]*;", p.read_text()))
        for p in (configs["hook"].parent / "docs").rglob("*.md")
    )
    print(
        f"corpus: {args.pages} pages (~{words} words each), {args.citations} markers per page "
        f"({args.pages * args.citations} in all, {groups} of them groups of 2-3 keys), "
        f"{args.entries} @article entries, seed {args.seed}, bibliography page: "
        f"{'yes' if main_corpus.bibliography_page else 'no'}, configuration: "
        + ("Material's defaults (--minimal-config)" if args.minimal_config else "as the real site")
    )

    python = Path(sys.executable)
    variants = [
        Variant("plain", "plain (no hook, [@key] as text)", python, configs["plain"]),
        Variant("hook", "plugin (citations alone)", python, configs["hook"]),
        Variant("hooks", "plugin + scripts/link_hooks.py", python, configs["hooks"]),
        # Not --strict: the synthetic pages have no front matter, and the site's own rules
        # (review dates) warn about every page.
        Variant("site", "site (every hook, not --strict)", python, configs["site"], strict=False),
    ]
    if args.per_hook:
        variants += [
            Variant(name, f"site without {hook.name}", python, configs[name], strict=False)
            for name, hook in WITHOUT.items()
        ]
    bibtex_note = ""
    if args.skip_bibtex or args.bibtex_runs < 1:
        bibtex_note = "mkdocs-bibtex: skipped (--skip-bibtex or --bibtex-runs 0)"
    else:
        bibtex_python, detail = setup_bibtex_venv(work / "bibtex-venv")
        if bibtex_python is None:
            bibtex_note = f"mkdocs-bibtex: skipped, cannot install {BIBTEX_REQUIREMENT}: {detail}"
            print(bibtex_note)
        else:
            # Not --strict: mkdocs-bibtex reads raw Markdown, so the [@fake] inside each code
            # block is reported as an unknown key (a warning), which --strict would make fatal.
            variants.append(
                Variant(
                    "bibtex",
                    f"mkdocs-bibtex {detail} (not --strict)",
                    bibtex_python,
                    configs["bibtex"],
                    strict=False,
                )
            )

    # A tiny site with the same configurations imports every module a real build does, so it
    # fills the bytecode cache in seconds; the timed builds then differ only in their work.
    progress("warm-up: a 3-page site with each configuration (fills the bytecode cache)")
    tiny = write_site(work / "site-warmup", Corpus(3, 5, 20, args.seed))
    for variant in variants:
        build(replace(variant, config=tiny[variant.name]), env, timed=False)
    sanity_bibtex = ""
    rounds = max(args.runs, args.bibtex_runs if "bibtex" in {v.name for v in variants} else 0)
    order_rng = random.Random(args.seed)
    for run in range(1, rounds + 1):
        progress(f"run {run}/{rounds}")
        # Interleaved, so drift affects every variant alike; shuffled, so that no variant always
        # follows the same one (a build's speed here depends on what ran just before it).
        for variant in order_rng.sample(variants, len(variants)):
            if variant.name != "bibtex":
                if run <= args.runs:
                    build(variant, env)
            elif run <= args.bibtex_runs:
                log = build(variant, env)
                sanity_bibtex = _bibtex_sanity(configs["bibtex"].parent / "site-bibtex", log)
    sanity = check_output(configs["hook"].parent / "site-hook")

    scaling: dict[int, tuple[Variant, Variant]] = {}
    densities = [] if args.no_scaling else [int(c) for c in args.scaling.split(",") if c.strip()]
    by_name = {v.name: v for v in variants}
    for citations in densities:
        if citations == args.citations:
            scaling[citations] = (by_name["plain"], by_name["hook"])
            continue
        progress(f"growth check: {citations} markers per page")
        cfg = write_site(work / f"site-c{citations}", corpus(citations))
        pair = (
            Variant("plain", f"plain, C={citations}", python, cfg["plain"]),
            Variant("hook", f"hook, C={citations}", python, cfg["hook"]),
        )
        for _ in range(args.runs):
            for variant in pair:
                build(variant, env)
        scaling[citations] = pair

    instructions = count_instructions(variants, env) if args.instructions else None
    _report(args, variants, scaling, sanity, sanity_bibtex, bibtex_note)
    if instructions is not None:
        _report_instructions(instructions)
    print(f"at end: {_load()}")
    print(f"total benchmark time: {(time.perf_counter() - started) / 60:.1f} min")
    return 0


def count_instructions(variants: list[Variant], env: dict[str, str]) -> dict[str, int] | str:
    """Instructions of one cold plain, plugin and site build, counted by callgrind, side by side.

    Wall time on a shared machine moves by tens of percent from one build to the next; an
    instruction count does not (a fixed hash seed makes the builds repeat exactly). It leaves out
    what the processor does besides executing instructions (cache misses, the kernel's file
    writes), so it complements the timings rather than replacing them.
    """
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return "valgrind not found (Debian package valgrind)"
    progress("instruction counts: a plain, a plugin and a site build under callgrind (minutes)")
    running = {}
    for variant in (v for v in variants if v.name in ("plain", "hook", "site")):
        site = variant.config.parent / f"site-{variant.name}-callgrind"
        shutil.rmtree(site, ignore_errors=True)
        command = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null"]
        command += [str(variant.python), "-m", "mkdocs", "build"]
        command += ["--strict"] if variant.strict else []
        command += ["-f", str(variant.config), "-d", str(site)]
        running[variant.name] = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**env, "PYTHONHASHSEED": "0"},
        )
    counts = {}
    for name, process in running.items():
        _, log = process.communicate()
        total = re.search(r"Collected : (\d+)", log)
        if process.returncode != 0 or total is None:
            return f"callgrind run of the {name} build failed: " + " ".join(log.split()[-30:])
        counts[name] = int(total.group(1))
    return counts


def _report_instructions(counts: dict[str, int] | str) -> None:
    print()
    if isinstance(counts, str):
        print(f"Instruction counts: skipped, {counts}")
        return
    plain = counts["plain"]
    print("Instructions of one cold build each (valgrind callgrind; the same on every run):")
    for name, label, target in (("hook", "plugin", 10), ("site", "site  ", 25)):
        count = counts[name]
        ratio = count / plain
        print(
            f"  plain {plain / 1e9:.2f} G, {label} {count / 1e9:.2f} G: {label} / plain = "
            f"{ratio:.3f} ({(ratio - 1) * 100:+.1f} %, {(count - plain) / 1e9:+.2f} G); target "
            f"at most +{target} %: {'met' if ratio <= 1 + target / 100 else 'NOT met'} "
            "by this count"
        )


def ratio_interval(
    numerator: list[float], denominator: list[float], *, draws: int = 4000, seed: int = 0
) -> tuple[float, float]:
    """A 95 % bootstrap interval for median(numerator) / median(denominator).

    Builds here differ by tens of percent from run to run, so a ratio of medians of a few runs
    is itself uncertain; the interval says how far it could move with other draws of the same
    machine. Each side is resampled on its own, as the two sides' runs are separate processes.
    """
    rng = random.Random(seed)
    ratios = sorted(
        statistics.median(rng.choices(numerator, k=len(numerator)))
        / statistics.median(rng.choices(denominator, k=len(denominator)))
        for _ in range(draws)
    )
    return ratios[int(0.025 * draws)], ratios[int(0.975 * draws) - 1]


def _verdict(ratio: float, interval: tuple[float, float], target: float) -> str:
    limit = 1 + target / 100
    low, high = interval
    spread = f"95 % interval {(low - 1) * 100:+.1f} to {(high - 1) * 100:+.1f} %"
    if high <= limit:
        word = "met"
    elif low > limit:
        word = "NOT met"
    else:
        word = "met by the median" if ratio <= limit else "NOT met by the median"
        word += ", but the interval spans the target: more runs, or a quieter machine, to decide"
    return f"; target at most +{target:.0f} %: {word} ({spread})"


def _ratio(name: str, variant: Variant, plain: Variant, target: float | None = None) -> str:
    wall, cpu = variant.median / plain.median, variant.cpu_median / plain.cpu_median
    verdict = ""
    if target is not None:
        verdict = _verdict(wall, ratio_interval(variant.times, plain.times), target)
    return (
        f"{name} = {wall:.3f} wall ({(wall - 1) * 100:+.1f} %, "
        f"{variant.median - plain.median:+.2f} s), {cpu:.3f} CPU ({(cpu - 1) * 100:+.1f} %, "
        f"{variant.cpu_median - plain.cpu_median:+.2f} s){verdict}"
    )


def _report(args, variants, scaling, sanity: str, sanity_bibtex: str, bibtex_note: str) -> None:
    by_name = {v.name: v for v in variants}
    plain, hook = by_name["plain"], by_name["hook"]
    print()
    print(
        f"Cold `mkdocs build`, median of {args.runs} runs "
        f"({args.bibtex_runs} for mkdocs-bibtex). wall: the whole process; CPU: its user+system"
    )
    print("time (less disturbed by other load); built: MkDocs' own 'Documentation built in'.")
    print(f"  {'variant':<36} {'wall':>8} {'CPU':>8} {'built':>8}   wall of each run")
    for v in variants:
        built = f"{statistics.median(v.reported):7.2f}s" if v.reported else "       -"
        runs = " ".join(f"{t:.2f}" for t in v.times)
        print(f"  {v.label:<36} {v.median:7.2f}s {v.cpu_median:7.2f}s {built}   {runs}")
    print()
    print(_ratio("hook / plain  ", hook, plain, target=15))
    print(_ratio("hooks / plain ", by_name["hooks"], plain))
    print(_ratio("site / plain  ", by_name["site"], plain, target=25))
    if args.per_hook:
        site = by_name["site"]
        print(
            "  what each of the site's hooks adds: the site's median minus the site without it "
            "(a difference of two medians: within a few hundredths of a second it is noise)"
        )
        for name, left_out in WITHOUT.items():
            added = site.median - by_name[name].median
            print(
                f"    {left_out.name:<22} {added:+.2f} s ({added / plain.median * 100:+.1f} % of "
                f"plain); CPU {site.cpu_median - by_name[name].cpu_median:+.2f} s"
            )
    fastest = min(hook.times) / min(plain.times)
    print(
        f"  fastest runs (least disturbed by the machine): hook / plain = {fastest:.3f} "
        f"({(fastest - 1) * 100:+.1f} %, {min(hook.times) - min(plain.times):+.2f} s)"
    )
    paired = statistics.median(h / p for h, p in zip(hook.times, plain.times, strict=True))
    print(
        f"  the same round's builds (drift cancels): median of hook / plain = {paired:.3f} "
        f"({(paired - 1) * 100:+.1f} %)"
    )
    if "bibtex" in by_name:
        print(_ratio("bibtex / plain", by_name["bibtex"], plain))
        print(f"  mkdocs-bibtex: {sanity_bibtex}; {by_name['bibtex'].warnings} warnings per build")
    elif bibtex_note:
        print(bibtex_note)
    print(f"  hook: {sanity}; {hook.warnings} warnings")

    if not scaling:
        return
    print()
    print("Growth with citation density: the hook's added time (hook minus plain, medians)")
    print(
        f"  {'C/page':>6} {'markers':>8} {'plain':>8} {'hook':>8} {'added':>8} {'ms/marker':>10}"
        f" {'added CPU':>10} {'ms/marker':>10}"
    )
    xs, walls, cpus = [], [], []
    for citations in sorted(scaling):
        p, h = scaling[citations]
        markers = args.pages * citations
        added, added_cpu = h.median - p.median, h.cpu_median - p.cpu_median
        xs.append(markers)
        walls.append(added)
        cpus.append(added_cpu)
        per = added / markers * 1000 if markers else float("nan")
        per_cpu = added_cpu / markers * 1000 if markers else float("nan")
        print(
            f"  {citations:>6} {markers:>8} {p.median:>7.2f}s {h.median:>7.2f}s {added:>7.2f}s "
            f"{per:>10.3f} {added_cpu:>9.2f}s {per_cpu:>10.3f}"
        )
    if len(xs) >= 2:
        for name, ys in (("wall", walls), ("CPU", cpus)):
            fixed, slope = _fit(xs, ys)
            print(
                f"  least-squares fit ({name}): added = {fixed:.2f} s per build "
                f"+ {slope * 1000:.3f} ms per marker"
            )
        print("  (per build: one-off work such as parsing the .bib and the site-wide page)")


def _bibtex_sanity(site: Path, log: str) -> str:
    html = (site / "part-00" / "topic-0001" / "index.html").read_text(encoding="utf-8")
    footnotes = html.count('class="footnote-ref"')
    fake_kept = FAKE_IN_CODE in html
    unknown = len(re.findall(r"unknown reference key fake", log))
    return (
        f"{footnotes} footnote references on topic 1; [@fake] in code kept: {fake_kept} "
        f"({unknown} 'unknown reference key fake' warnings)"
    )


if __name__ == "__main__":
    sys.exit(main())
