"""One bibliography entry as read from a ``.bib`` file: its key, type, fields and lines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Record:
    """One bibliography entry: its key, type, raw (LaTeX) field values and where it stands."""

    key: str
    entry_type: str
    fields: Mapping[str, str]
    line: int  # 1-based line of the entry's first line in its file
    # 1-based line of each field's "=", for messages about one field
    field_lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    # Fields written as one {...} or "..." whose enclosing was removed (a whole value, then).
    # A tuple, as the garbage collector stops walking a tuple of strings (a frozenset it walks).
    enclosed: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def get(self, name: str) -> str:
        return self.fields.get(name, "").strip()
