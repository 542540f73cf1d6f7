"""`mkdocs serve` keeps answering when references.bib breaks, and shows the error on the page.

A real `mkdocs serve` of a copy of this project, on a random loopback port: the bibliography is
broken and then restored while it runs, and a page is fetched (with a timeout) after each
rebuild. Before, MkDocs stopped answering until the error was fixed.
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kit.sitebuild import MKDOCS, QUIET, ROOT
from kit.sitecopy import copy_project

BANNER = 'class="admonition failure build-error"'
WAIT = 240  # seconds for a rebuild of the whole site on a busy machine


def _free_port() -> int:
    for _ in range(50):
        port = random.randint(20000, 60000)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port between 20000 and 60000")


def _fetch(url: str) -> str:
    """The page's HTML; the server must answer within 10 s (it used to hang for good)."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, until, what: str, log: Path) -> str:
    deadline = time.monotonic() + WAIT
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _fetch(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            last = ""
        if last and until(last):
            return last
        time.sleep(1)
    output = log.read_text(encoding="utf-8", errors="replace")[-3000:]
    pytest.fail(f"{what} within {WAIT} s; mkdocs serve printed:\n{output}", pytrace=False)


def test_a_broken_bibliography_is_shown_while_serving_and_the_server_keeps_answering(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/ketamine-mechanisms/"
    log = tmp_path / "serve.log"
    bib = project / "references.bib"
    good = bib.read_text(encoding="utf-8")
    first = good.index("\n@") + 1
    entry = good[first : good.index("\n@", first) + 1]
    key = entry.split("{", 1)[1].split(",", 1)[0]
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [*MKDOCS, "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, **QUIET},
        )
    try:
        page = _wait_for(url, lambda html: "</html>" in html, "the first build did not serve", log)
        assert BANNER not in page

        bib.write_text(good + "\n" + entry, encoding="utf-8")  # the same key twice
        page = _wait_for(url, lambda html: BANNER in html, "no error shown on the page", log)
        notice = page.split(BANNER)[1].split("</div>")[0]
        assert "references.bib has an error" in notice
        assert "references.bib:" in notice and f"duplicate key &#x27;{key}&#x27;" in notice
        assert 'class="citation-link"' in page  # the last good bibliography still cites
        printed = log.read_text(encoding="utf-8")
        assert "Bibliography error (the preview keeps the last good version)" in printed
        assert "The server will appear stuck" not in printed

        bib.write_text(good, encoding="utf-8")
        _wait_for(url, lambda html: BANNER not in html and "</html>" in html, "error kept", log)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
