"""The 404 page under the site's sub-path, served as GitHub Pages serves it: for any missing
address, at any depth, with status 404. Its styles, scripts, icons and links must all load."""

from __future__ import annotations

import functools
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kit.browsing import DESKTOP, Watch, block_other_hosts
from kit.sitebuild import site_url

pytestmark = pytest.mark.browser

PREFIX = urlsplit(site_url()).path  # "/ketamine-mechanisms/" locally, "/REPO/" on GitHub Pages


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """The site under PREFIX; anything missing gets 404.html with status 404, as on Pages."""

    def log_message(self, format, *args):
        pass

    def send_head(self):
        path = self.path.split("?", 1)[0]
        if path.startswith(PREFIX):
            inside = Path(self.translate_path("/" + path.removeprefix(PREFIX)))
            if inside.is_file() or (inside / "index.html").is_file():
                self.path = "/" + self.path.removeprefix(PREFIX)
                return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def _pages(folder: Path) -> Iterator[str]:
    handler = functools.partial(_PagesHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("missing", ["no-such-page/", "mechanism/gone/deeper/still/", "x.html"])
def test_the_404_page_loads_everything_at_any_depth(browser, built_site, missing):
    with _pages(built_site) as origin:
        context = browser.new_context(viewport=DESKTOP, color_scheme="light")
        block_other_hosts(context, origin + "/")
        try:
            page = context.new_page()
            watch = Watch(origin + "/").attach(page)
            response = page.goto(origin + PREFIX + missing)
            page.wait_for_load_state("networkidle")
            assert response.status == 404
            assert page.get_by_role("heading", name="404 - Not found").is_visible()
            address = f"{origin}{PREFIX}{missing}"  # the page itself is the expected 404
            assert [p for p in watch.problems() if address not in p] == []
            # Material's stylesheet applied (the header is fixed at the top) and its script ran.
            header = page.locator(".md-header")
            assert header.evaluate("el => getComputedStyle(el).position") == "sticky"
            assert page.evaluate("typeof document$") == "object"
            # The site's name in the header leads home, under the sub-path.
            home = page.locator(".md-header__button.md-logo").get_attribute("href")
            page.goto(urlsplit(page.url)._replace(path="").geturl() + home)
            assert page.url == origin + PREFIX
            assert page.title().startswith("How ketamine")
        finally:
            context.close()
