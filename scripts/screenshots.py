"""Screenshots of every page of a built site, light and dark, desktop and phone, for review.

    .venv/bin/python scripts/screenshots.py [SITE_DIR] [--out DIR]

Builds nothing: point it at a built site (default: site/). Serves it on 127.0.0.1 and drives
Debian's Chromium through Playwright. Prints the PNG paths; look at them before a release.
"""

from __future__ import annotations

import project_python  # noqa: F401  (first: outside .venv, one clear line, no traceback)
import testkit  # noqa: F401  (puts tests/ on the path: the test kit, tests/kit/)

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from kit.browsing import CHROMIUM, CHROMIUM_ARGS, serve
from kit.sitecheck import content_pages

ROOT = Path(__file__).resolve().parent.parent

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path)
    parser.add_argument("--out", default=Path("screenshots"), type=Path)
    parser.add_argument("--full-page", action="store_true", help="capture whole pages")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with serve(args.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for scheme in ("light", "dark"):
            for device, viewport in VIEWPORTS.items():
                context = browser.new_context(viewport=viewport, color_scheme=scheme)
                page = context.new_page()
                for url in content_pages(args.site):
                    page.goto(base + url, wait_until="networkidle")
                    name = (url.strip("/").replace("/", "-") or "home") + f"-{scheme}-{device}.png"
                    page.screenshot(path=args.out / name, full_page=args.full_page)
                    print(args.out / name)
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
