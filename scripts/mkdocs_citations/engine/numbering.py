"""A page's citation numbers: sources numbered 1, 2, 3… in order of first citation."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Numbering:
    numbers: dict[str, int] = field(default_factory=dict)
    citing_groups: dict[str, list[str]] = field(default_factory=dict)  # key → group element ids

    def cite(self, key: str, group_id: str) -> int:
        """The key's number (new keys get the next one); remember where it was cited."""
        number = self.numbers.setdefault(key, len(self.numbers) + 1)
        places = self.citing_groups.setdefault(key, [])
        if group_id not in places:
            places.append(group_id)
        return number

    @property
    def order(self) -> list[str]:
        return list(self.numbers)


def compress(numbers: list[int]) -> list[tuple[int, int]]:
    """Ascending numbers → runs: [1, 2, 3, 5] → [(1, 3), (5, 5)]; only runs of 3+ are joined."""
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    # A run of two is written "1,2", not "1-2".
    out: list[tuple[int, int]] = []
    for start, end in runs:
        if end == start + 1:
            out += [(start, start), (end, end)]
        else:
            out.append((start, end))
    return out
