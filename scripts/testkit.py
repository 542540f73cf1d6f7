"""Imported by the maintainer scripts that use the test kit (tests/kit/): puts tests/ on the path.

The kit is not part of the wheel (it needs the test extras), so a script run from the checkout
finds it here, as pytest does through ``pythonpath`` in pyproject.toml.
"""

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))
