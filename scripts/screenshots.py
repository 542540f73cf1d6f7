"""Screenshots of every page of a built site, light and dark, desktop and phone, for review.

    python scripts/screenshots.py [SITE_DIR] [--out DIR]

Builds nothing: point it at a built site (default: site/). Serves it on 127.0.0.1 and drives
Debian's Chromium through Playwright. Prints the PNG paths; look at them before a release.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def pages(site: Path) -> list[str]:
    urls = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        if (path.parent / "index.html").read_text(encoding="utf-8").find(
            'http-equiv="refresh"'
        ) < 0:
            urls.append("" if rel == "." else rel + "/")
    return urls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path)
    parser.add_argument("--out", default=Path("screenshots"), type=Path)
    parser.add_argument("--full-page", action="store_true", help="capture whole pages")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for scheme in ("light", "dark"):
                for device, viewport in VIEWPORTS.items():
                    context = browser.new_context(viewport=viewport, color_scheme=scheme)
                    page = context.new_page()
                    for url in pages(args.site):
                        page.goto(base + url, wait_until="networkidle")
                        name = (
                            url.strip("/").replace("/", "-") or "home"
                        ) + f"-{scheme}-{device}.png"
                        page.screenshot(path=args.out / name, full_page=args.full_page)
                        print(args.out / name)
                    context.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
