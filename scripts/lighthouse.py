"""Lighthouse scores for the home page and the longest page, served locally. Printed, not tested.

    .venv/bin/python scripts/lighthouse.py               # builds the site into a temporary folder
    .venv/bin/python scripts/lighthouse.py --site site/  # uses a site you built already
    .venv/bin/python scripts/lighthouse.py --page print/ # also measures another page
    .venv/bin/python scripts/lighthouse.py --block '*/bundle.*.min.js'  # without the theme's script

Runs Lighthouse 12.2.3 through ``npx`` (Node 18+; the first run downloads it from the npm
registry) against Debian's Chromium (/usr/bin/chromium, or $CHROME_PATH), with Lighthouse's
default mobile emulation and simulated throttling. Prints the performance, accessibility,
best-practices and SEO scores (0-100) and the bytes transferred (the ``total-byte-weight``
audit) per page. Then, per page, the five metrics the performance score is made of (first and
largest contentful paint, speed index and total blocking time in simulated milliseconds, layout
shift) and the scripts that keep the main thread busiest (the ``bootup-time`` audit), to show
what costs what before anything is changed. Text files are served gzip-compressed, as GitHub
Pages serves them. Use ``--json DIR`` to keep the full reports.

``--block PATTERN`` has Lighthouse refuse requests to matching URLs (its
``--blocked-url-patterns``): a way to measure what one file costs, such as the theme's script.
A page measured that way is not the site readers get.
"""

from __future__ import annotations

import project_python  # noqa: F401  (first: outside .venv, one clear line, no traceback)
import testkit  # noqa: F401  (puts tests/ on the path: the test kit, tests/kit/)

import argparse
import functools
import gzip
import html
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from kit.sitebuild import build_site
from kit.sitecheck import content_pages, is_compilation, url_file

ROOT = Path(__file__).resolve().parent.parent

LIGHTHOUSE = "lighthouse@12.2.3"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host such as GitHub Pages does: text gzip-compressed."""

    def log_message(self, format, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the parent redirects "/page" to "/page/"
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzip_ok and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def build(site: Path) -> None:
    result = build_site(ROOT, site)
    if result.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}")


def article_text_length(path: Path) -> int:
    """How much text a page's article holds (tags stripped): what "longest" means here."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"<article\b.*?</article>", text, re.S)
    body = re.sub(r"<[^>]+>", " ", match.group(0) if match else "")
    return len(" ".join(html.unescape(body).split()))


def pages_to_measure(site: Path) -> list[str]:
    """The home page and the content page with the most text (site-relative URLs).

    The printed guide is left out of "longest": it is every page at once, for paper. Measure
    it with ``--page print/``.
    """
    candidates = [
        (article_text_length(url_file(site, url)), url)
        for url in content_pages(site)
        if not is_compilation(url_file(site, url))
    ]
    if not candidates:
        sys.exit(f"{site}: no pages")
    longest = max(candidates)[1]
    return [""] + ([longest] if longest else [])


def lighthouse(url: str, chrome: str, blocked: tuple[str, ...] = ()) -> dict:
    npx = shutil.which("npx")
    if npx is None:
        raise RuntimeError("npx not found: install Node.js 18 or newer (with npm)")
    command = [
        npx, "--yes", LIGHTHOUSE, url,
        "--output=json", "--output-path=stdout", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        *(f"--blocked-url-patterns={pattern}" for pattern in blocked),
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": chrome}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    if result.returncode != 0 or not result.stdout.strip().startswith("{"):
        detail = (result.stderr or result.stdout).strip()[-3000:]
        raise RuntimeError(f"lighthouse exited with {result.returncode}:\n{detail}")
    return json.loads(result.stdout)


def summary(report: dict) -> dict:
    scores = {
        name: (None if report["categories"][name]["score"] is None
               else round(report["categories"][name]["score"] * 100))
        for name in CATEGORIES
    }  # fmt: skip
    weight = report["audits"]["total-byte-weight"].get("numericValue")
    benchmark = report.get("environment", {}).get("benchmarkIndex")
    return {**scores, "bytes": int(weight) if weight is not None else None, "cpu": benchmark}


# The metrics behind the performance score (Lighthouse 12 weights them 10/25/10/30/25 %), with
# the audit each comes from.
METRICS = (
    ("FCP", "first-contentful-paint"),
    ("LCP", "largest-contentful-paint"),
    ("SI", "speed-index"),
    ("TBT", "total-blocking-time"),
    ("CLS", "cumulative-layout-shift"),
)


def metrics(report: dict) -> dict[str, float | None]:
    """The simulated metrics (ms; CLS unitless) that the performance score is made of."""
    audits = report["audits"]
    return {name: audits.get(audit, {}).get("numericValue") for name, audit in METRICS}


def busiest_scripts(report: dict, base: str, most: int = 3) -> list[tuple[str, float]]:
    """(script, main-thread ms) of the scripts that cost the most: what to look at first."""
    items = report["audits"].get("bootup-time", {}).get("details", {}).get("items", [])
    ranked = sorted(items, key=lambda item: -item.get("total", 0))[:most]
    return [(item["url"].removeprefix(base) or "(the page)", item["total"]) for item in ranked]


def _metrics_line(page: str, report: dict, base: str) -> str:
    values = metrics(report)
    shown = "".join(
        f"{'?' if value is None else (f'{value:.2f}' if name == 'CLS' else f'{value:.0f}'):>7}"
        for name, value in values.items()
    )
    scripts = ", ".join(f"{url} {ms:.0f}" for url, ms in busiest_scripts(report, base))
    return f"{'/' + page:<34}{shown}   {scripts}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--json", type=Path, help="save each full Lighthouse report here")
    parser.add_argument(
        "--page", action="append", default=[], help="also measure this site-relative URL"
    )
    parser.add_argument(
        "--block",
        action="append",
        default=[],
        metavar="PATTERN",
        help="refuse requests to URLs matching this pattern (Lighthouse's --blocked-url-patterns)",
    )
    args = parser.parse_args()
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).is_file():
        sys.exit(f"Chromium not found at {chrome}; apt-get install chromium (or set CHROME_PATH)")

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        handler = functools.partial(_QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        rows, failures = [], []
        try:
            for page in pages_to_measure(site) + args.page:
                print(f"Lighthouse ({LIGHTHOUSE}, mobile) on /{page} …", file=sys.stderr)
                try:
                    report = lighthouse(base + page, chrome, tuple(args.block))
                except (RuntimeError, subprocess.TimeoutExpired) as error:
                    failures.append(f"/{page}: {error}")
                    continue
                if args.json:
                    args.json.mkdir(parents=True, exist_ok=True)
                    name = (page.strip("/").replace("/", "-") or "home") + ".json"
                    (args.json / name).write_text(json.dumps(report, indent=1), encoding="utf-8")
                rows.append((page, report))
        finally:
            server.shutdown()
            server.server_close()

    if rows:
        print(
            f"{'page':<34}{'perf':>6}{'a11y':>6}{'best':>6}{'seo':>6}{'transferred':>14}{'cpu':>7}"
        )
        for page, report in rows:
            s = summary(report)
            size = f"{s['bytes'] / 1024:,.0f} KiB" if s["bytes"] is not None else "?"
            scores = "".join(f"{'?' if s[c] is None else s[c]:>6}" for c in CATEGORIES)
            print(f"{'/' + page:<34}{scores}{size:>14}{s['cpu'] or '?':>7}")
        print(
            "cpu: Lighthouse's benchmark index of this machine at the time; below about 1000 "
            "the machine is slow or busy and the performance score is pessimistic."
        )
        print(
            f"\n{'page':<34}{''.join(f'{name:>7}' for name, _ in METRICS)}   "
            "main-thread ms by script (bootup-time)"
        )
        for page, report in rows:
            print(_metrics_line(page, report, base))
        print(
            "FCP, LCP, SI, TBT: simulated ms on Lighthouse's mid-range phone (4x slower CPU, "
            "slow 4G). A score of 100 needs each near its best: TBT under about 60 ms."
        )
        if args.block:
            print(f"blocked: {', '.join(args.block)} (not the site readers get)")
    for failure in failures:
        print(f"FAILED {failure}", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
