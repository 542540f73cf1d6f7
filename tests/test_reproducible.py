"""Two builds of the same commit are byte-identical, so a published site can be rebuilt and checked.

The only date MkDocs writes is the build date: the ``<lastmod>`` of every URL in sitemap.xml and
the mtime in sitemap.xml.gz's gzip header. Both follow ``SOURCE_DATE_EPOCH`` (the
reproducible-builds.org convention); CI and the README set it to the last commit's time with
``SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) mkdocs build --strict``.
"""

from __future__ import annotations

import difflib
import gzip
import re
import struct
import subprocess
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kit.sitebuild import ROOT, build_site

EPOCH = 1_000_000_000  # 2001-09-09T01:46:40Z: a date no real build could produce by accident
EPOCH_DAY = "2001-09-09"
LASTMOD = re.compile(r"<lastmod>([^<]*)</lastmod>")


def _build(site: Path, env: dict | None = None) -> Path:
    # Not --strict: a content warning is another test's business; this one compares bytes.
    result = build_site(ROOT, site, strict=False, env=env)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr[-4000:]}"
    return site


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _first_difference(a: bytes, b: bytes) -> str:
    """Where two versions of a file part, as a short unified diff (text) or a byte offset."""
    try:
        lines_a, lines_b = a.decode().splitlines(), b.decode().splitlines()
    except UnicodeDecodeError:
        offset = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
        offset = min(len(a), len(b)) if offset is None else offset
        return f"      binary: first differs at byte {offset} ({len(a)} and {len(b)} bytes)"
    diff = list(difflib.unified_diff(lines_a, lines_b, "first", "second", n=0, lineterm=""))
    return "\n".join(f"      {line[:160]}" for line in diff[2:10])


def differences(first: Path, second: Path) -> list[str]:
    """Each file that is missing from one build or differs between the two, and how."""
    a, b = _files(first), _files(second)
    problems = [f"{name}: only in the first build" for name in sorted(a.keys() - b.keys())]
    problems += [f"{name}: only in the second build" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        if a[name] != b[name]:
            problems.append(f"{name}: differs\n{_first_difference(a[name], b[name])}")
    return problems


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    """The project built twice, at the same time, into two folders, with SOURCE_DATE_EPOCH set."""
    root = tmp_path_factory.mktemp("reproducible")
    env = {"SOURCE_DATE_EPOCH": str(EPOCH)}
    with ThreadPoolExecutor(max_workers=2) as pool:
        builds = [pool.submit(_build, root / name, env) for name in ("first", "second")]
        first, second = (build.result() for build in builds)
    return first, second


def _sitemap_dates(site: Path) -> set[str]:
    return set(LASTMOD.findall((site / "sitemap.xml").read_text(encoding="utf-8")))


def _gzip_mtime(path: Path) -> int:
    header = path.read_bytes()[:10]
    assert header[:2] == b"\x1f\x8b", f"{path.name} is not gzip"
    return struct.unpack("<I", header[4:8])[0]


def test_two_builds_of_the_same_commit_are_byte_identical(two_builds):
    """Every file of two builds with the same SOURCE_DATE_EPOCH is identical, byte for byte."""
    first, second = two_builds
    assert _files(first), "the build wrote no files"
    problems = differences(first, second)
    assert not problems, (
        f"{len(problems)} file(s) differ between two builds of the same sources. Something in "
        "the build depends on the time, the folder, the order of a set or dict, or randomness: "
        "make it depend on the sources only (dates: SOURCE_DATE_EPOCH).\n"
        + "\n".join(f"  {p}" for p in problems)
    )


def test_build_dates_come_from_source_date_epoch(two_builds):
    """With SOURCE_DATE_EPOCH set, the sitemap's dates and the gzip header use it, not the clock."""
    site, _ = two_builds
    assert _sitemap_dates(site) == {EPOCH_DAY}
    midnight = int(datetime.fromisoformat(EPOCH_DAY).replace(tzinfo=UTC).timestamp())
    assert _gzip_mtime(site / "sitemap.xml.gz") == midnight
    with gzip.open(site / "sitemap.xml.gz") as unzipped:
        assert unzipped.read() == (site / "sitemap.xml").read_bytes()


def _last_commit_day() -> str | None:
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
        )
    except FileNotFoundError:
        return None
    if result.returncode != 0 or not result.stdout.strip():
        return None
    return datetime.fromtimestamp(int(result.stdout), UTC).date().isoformat()


def test_without_source_date_epoch_the_date_falls_back_to_the_build_day(tmp_path, monkeypatch):
    """Without SOURCE_DATE_EPOCH the sitemap carries one sensible date: the day of the build.

    MkDocs falls back to the current UTC date, so two builds on the same day still match. A
    fallback to the last commit's date (set by the hook) would be as good, and is accepted.
    """
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.now(UTC).date().isoformat()
    site = _build(tmp_path / "site")
    after = datetime.now(UTC).date().isoformat()
    dates = _sitemap_dates(site)
    accepted = {before, after, _last_commit_day()} - {None}
    assert len(dates) == 1, f"the sitemap has several dates: {sorted(dates)}"
    assert dates <= accepted, (
        f"the sitemap is dated {dates.pop()}, neither the build day nor the last commit's day "
        f"({', '.join(sorted(accepted))})"
    )
