"""The test kit: building, checking, copying and browsing the site, and reading levels.

Shared by the tests (pytest puts tests/ on the path: pyproject.toml) and by the maintainer
scripts under scripts/ (through scripts/testkit.py). Not part of the wheel: it needs the test
extras (Playwright, axe-core, textstat).
"""
