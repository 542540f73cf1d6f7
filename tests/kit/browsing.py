"""Helpers for the browser tests: serving a built site, watching a page, running axe-core.

Kept apart from conftest.py so the tests can import them by name (``from browsing import …``).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from kit.sitecheck import is_compilation, parse_file, url_file

CHROMIUM = Path("/usr/bin/chromium")
# No background networking: the machine may be offline, and the browser must contact no one.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",  # CI containers have a 64 MB /dev/shm; use /tmp instead
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# Every way a reader may see a page: palette (Material follows prefers-color-scheme) × width.
MODES = {
    "light-desktop": {"color_scheme": "light", "viewport": DESKTOP},
    "dark-desktop": {"color_scheme": "dark", "viewport": DESKTOP},
    "light-phone": {"color_scheme": "light", "viewport": PHONE, "is_mobile": True},
    "dark-phone": {"color_scheme": "dark", "viewport": PHONE, "is_mobile": True},
}
SCHEME = {"light": "default", "dark": "slate"}  # Material's data-md-color-scheme per palette
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
# The axe rules (of those tags) that measure colors: they alone depend on the palette.
COLOR_RULES = ("color-contrast", "link-in-text-block")


# ---- Serving -------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 at a free port, in a thread; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass(frozen=True)
class Site:
    """A built site being served: its folder, base URL and real pages (site-relative URLs)."""

    folder: Path
    base: str
    pages: tuple[str, ...]

    def url(self, page: str) -> str:
        return self.base + page

    @functools.cached_property
    def own_pages(self) -> tuple[str, ...]:
        """The pages but the printed guide, whose chapters are copies of the other pages.

        Checks of what a page's own text does (each tooltip, each glossary word) run here: on
        the guide they would repeat every page's check at once. The guide's own make-up is
        checked by tests/browser/test_print.py.
        """
        return tuple(url for url in self.pages if not is_compilation(url_file(self.folder, url)))


# ---- Watching a page -----------------------------------------------------------------------


@dataclass
class Watch:
    """What went wrong while a page loaded: console errors, failed requests, third parties."""

    base: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)

    def attach(self, page) -> Watch:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("request", self._request)
        return self

    def clear(self) -> None:
        self.console_errors.clear()
        self.failed_requests.clear()
        self.third_party.clear()

    def _console(self, message) -> None:
        if message.type == "error":
            location = message.location or {}
            where = location.get("url", "")
            self.console_errors.append(f"{message.text} ({where})" if where else message.text)

    def _failed(self, request) -> None:
        if request.failure == "net::ERR_ABORTED":
            return  # cancelled because the test moved on to the next page, not a failure
        self.failed_requests.append(f"{request.method} {request.url}: {request.failure}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.failed_requests.append(
                f"{response.request.method} {response.url}: HTTP {response.status}"
            )

    def _request(self, request) -> None:
        if not request.url.startswith((self.base, "data:", "blob:", "about:")):
            self.third_party.append(f"{request.resource_type} {request.url}")

    def problems(self) -> list[str]:
        return (
            [f"third-party request: {r}" for r in self.third_party]
            + [f"failed request: {r}" for r in self.failed_requests]
            + [f"console error: {e}" for e in self.console_errors]
        )


def block_other_hosts(context, base: str) -> None:
    """Abort every request that would leave the local server (the Watch still records it)."""
    context.route(
        lambda url: not url.startswith(base), lambda route: route.abort("blockedbyclient")
    )


# ---- Citations -------------------------------------------------------------------------

IN_VIEWPORT = """el => { const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth; }"""
TOOLTIP_BOX = """el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width,
          height: r.height, visibility: s.visibility, display: s.display, clip: s.clipPath,
          viewport: innerWidth, viewportHeight: innerHeight}; }"""


def most_cited_page(site) -> str:
    """The page with the most citation links (on a tie, the first in URL order), the printed
    guide aside."""
    counts = []
    for url in site.own_pages:
        text = url_file(site.folder, url).read_text(encoding="utf-8")
        if parse_file(url_file(site.folder, url)).reference_ids:
            counts.append((text.count('class="citation-link"'), url))
    if not counts:
        raise LookupError("no page of the built site has citations and a reference list")
    return max(counts, key=lambda count: count[0])[1]


def tooltip_problem(link) -> str | None:
    """Why the link's tooltip is not showing fully on screen, or None if it is."""
    return box_problem(link.locator(".citation-tooltip").evaluate(TOOLTIP_BOX))


# Every visible citation on the page, each scrolled to the middle of the screen and focused in
# turn, with its tooltip's TOOLTIP_BOX: one call per page rather than several per citation.
ALL_TOOLTIP_BOXES = f"""() => {{
  document.querySelectorAll('details').forEach(d => d.open = true);
  const box = {TOOLTIP_BOX};
  return [...document.querySelectorAll('article sup.citation a.citation-link')]
    .filter(a => a.checkVisibility())
    .map(a => {{
      a.scrollIntoView({{block: 'center', behavior: 'instant'}});
      a.focus({{preventScroll: true}});
      return {{where: `#${{a.closest('sup').id}} → ${{new URL(a.href).hash}}`,
               box: box(a.querySelector('.citation-tooltip'))}};
    }});
}}"""


def box_problem(box: dict) -> str | None:
    """Why a tooltip with this TOOLTIP_BOX is not showing fully on screen, or None if it is."""
    if box["visibility"] != "visible" or box["display"] == "none":
        return f"hidden (visibility {box['visibility']}, display {box['display']})"
    if box["clip"] not in ("none", ""):
        return f"clipped away (clip-path {box['clip']})"
    if box["width"] < 40 or box["height"] < 12:
        return f"too small to read ({box['width']:.0f}×{box['height']:.0f} px)"
    if box["left"] < 0 or box["right"] > box["viewport"] + 0.5:
        return (
            f"cut off at the side: spans x={box['left']:.0f}…{box['right']:.0f} "
            f"in a {box['viewport']} px viewport"
        )
    if box["top"] < 0 or box["bottom"] > box["viewportHeight"] + 0.5:
        return f"cut off at the top or bottom: y={box['top']:.0f}…{box['bottom']:.0f}"
    return None


# ---- axe-core ------------------------------------------------------------------------------

_axe = Axe()


def preload_axe(context) -> None:
    """Put axe-core in every page the context opens, so each run skips sending 500 kB of it."""
    context.add_init_script(_axe.axe_script)


def axe_violations(page, options: dict = AXE_OPTIONS) -> list[dict]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations on the page as it is now."""
    if page.evaluate("typeof axe === 'undefined'"):
        return _axe.run(page, options=options).response["violations"]
    return page.evaluate("options => axe.run(document, options)", options)["violations"]


def describe_violations(violations: list[dict], page: str, mode: str, most: int = 6) -> list[str]:
    """Readable lines: per rule its impact, page and mode, then each element's selector and why."""
    lines = []
    for v in violations:
        lines.append(f"[{v['id']}] {v.get('impact')} on '{page or '/'}' ({mode}): {v['help']}")
        for node in v["nodes"][:most]:
            target = " ".join(str(t) for t in node["target"])
            why = " ".join((node.get("failureSummary") or "").split()).removeprefix(
                "Fix any of the following: "
            )
            lines.append(f"    {target}\n        {why[:240]}")
        if len(v["nodes"]) > most:
            lines.append(f"    … and {len(v['nodes']) - most} more element(s)")
    return lines
