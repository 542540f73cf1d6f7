"""How hard a page is to read: the reading level of a page's sentences (textstat).

textstat computes the Flesch–Kincaid grade (syllables from the CMU dictionary); what counts as
prose and as a sentence is the site's own (``ketamine_site.sentences``, re-exported here). A test
and tool module, not part of the wheel: textstat is a test dependency only.
"""

from __future__ import annotations

from dataclasses import dataclass

import textstat

from ketamine_site.sentences import IN_BRIEF, in_brief, page_prose, sentences, words

__all__ = ["IN_BRIEF", "Reading", "in_brief", "measure", "page_prose", "sentences", "words"]


@dataclass(frozen=True)
class Reading:
    """Figures for a stretch of prose."""

    sentences: int
    words: int
    grade: float  # Flesch–Kincaid grade level

    @property
    def mean_sentence_length(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


def measure(paragraphs: list[str]) -> Reading:
    found = [s for paragraph in paragraphs for s in sentences(paragraph)]
    text = " ".join(found)
    grade = textstat.flesch_kincaid_grade(text) if found else 0.0
    return Reading(len(found), sum(words(s) for s in found), grade)
