"""Which sentences can hold an event, decided before parsing (a cheap pass over the words).

The coder only codes a sentence that has a trigger: a word whose lemma (or one of the crude
stems :func:`dragoman.events.triggers.verb_keys` tries) is a verb or noun key of the pattern
index, or a cue of the special triggers (a declaring verb with "must", "should" or "ought"; a
desiring verb with "to"; a reporting verb with a judging word of
:mod:`dragoman.events.positions`). :class:`TriggerScreen` answers "could this sentence have one?"
without the parser: it takes every word of the sentence (hyphenated words also whole and
joined, as the coder's keys are), and for each word every lemma the spaCy lemmatizer could give
it under any part of speech (its exception tables and suffix rules, read from the loaded
pipeline), the word itself and the coder's stems. A sentence none of whose candidates is a key
cannot produce a trigger, so the parser can skip it, unless it names someone in full before a
sentence that can hold an event (the coder remembers people for later pronouns and
surnames). The candidates are a superset of what the lemmatizer gives, so the screen never
drops a sentence with a trigger.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dragoman.events.patterns import PatternIndex
from dragoman.events.positions import screen_words
from dragoman.events.triggers import (
    _DECLARING,
    _DESIRING,
    _IRREGULAR,
    _OBLIGATION,
    VERB_STEMS,
)

if TYPE_CHECKING:
    from spacy.language import Language

_WORD = re.compile(r"[^\W\d_]+(?:[-\u2010\u2011][^\W\d_]+)*")
_FULL_NAME = re.compile(
    r"\b[A-Z][a-z][\w'-]*\.? [A-Z][a-z][\w'-]*"
)  # "Pete Buttigieg", "Mr. Trump"
_HYPHEN = re.compile(r"[-\u2010\u2011]")
_NOT = re.compile(r"n['\u2019]t\b", re.IGNORECASE)  # "shouldn't" -> "should not", as spaCy splits


@dataclass(frozen=True, slots=True)
class LemmaTables:
    """The spaCy lemmatizer's exceptions (form -> lemmas) and suffix rules, all parts of
    speech together."""

    exceptions: dict[str, frozenset[str]]
    rules: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, nlp: Language) -> LemmaTables:
        exceptions: dict[str, set[str]] = {}
        rules: set[tuple[str, str]] = set()
        if "lemmatizer" in nlp.pipe_names:
            lookups: Any = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
            if lookups is not None and lookups.has_table("lemma_exc"):
                for table in lookups.get_table("lemma_exc").values():
                    for form, lemmas in table.items():
                        exceptions.setdefault(form, set()).update(lemmas)
            if lookups is not None and lookups.has_table("lemma_rules"):
                for table in lookups.get_table("lemma_rules").values():
                    rules.update((old, new) for old, new in table if old)
        return cls({k: frozenset(v) for k, v in exceptions.items()}, tuple(sorted(rules)))


class TriggerScreen:
    """``could_hold_event(text)``: False only when no word of ``text`` can be a trigger.

    A key whose patterns all need object words or particles ("be on alert", "call for")
    counts only when one of its patterns finds them all among the sentence's words.
    """

    def __init__(self, index: PatternIndex, tables: LemmaTables) -> None:
        self._needs: dict[str, tuple[tuple[frozenset[str], frozenset[str]], ...]] = {}
        for table in (index.verbs, index.nouns):
            for key, patterns in table.items():
                self._needs[key] = self._needs.get(key, ()) + tuple(
                    (frozenset(p.objects), frozenset(p.preps)) for p in patterns
                )
        self._tables = tables
        self._candidates = functools.lru_cache(maxsize=200_000)(self._lemmas)

    def _lemmas(self, word: str) -> frozenset[str]:
        out = {word, *self._tables.exceptions.get(word, ())}
        if word in _IRREGULAR:
            out.add(_IRREGULAR[word])
        for old, new in self._tables.rules:
            if word.endswith(old):
                out.add(word[: len(word) - len(old)] + new)
        for suffix, repl in VERB_STEMS:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                out.add(word[: len(word) - len(suffix)] + repl)
        return frozenset(out)

    def _words(self, text: str) -> set[str]:
        words: set[str] = set()
        for match in _WORD.finditer(_NOT.sub(" not", text)):
            word = match.group().lower()
            parts = _HYPHEN.split(word)
            words.update(parts)
            words.add(word)
        return words

    def _lemma_set(self, words: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for word in words:
            parts = _HYPHEN.split(word)
            if len(parts) == 1:
                out |= self._candidates(word)
                continue
            for i in range(1, len(parts)):
                head = "-".join(parts[:i])
                for lemma in self._candidates(parts[i]):
                    out.add(f"{head}-{lemma}")  # "test-fired" -> "test-fire"
                    out.add(f"{head}{lemma}")  # "cease-fire" -> "ceasefire"
        return out

    def could_hold_event(self, text: str) -> bool:
        words = self._words(text)
        lemmas = self._lemma_set(words)
        for key in lemmas.intersection(self._needs):
            for objects, preps in self._needs[key]:
                if objects <= lemmas and preps <= words:
                    return True
        if lemmas & _DECLARING and words & _OBLIGATION:
            return True
        reporting, judging = screen_words()
        if lemmas & reporting and lemmas & judging:
            return True  # a position through a reporting verb ("said X is illegal")
        return bool(lemmas & _DESIRING and "to" in words)

    def to_parse(self, sentences: Sequence[str]) -> list[bool]:
        """Which sentences of one article to parse: those that can hold an event, and before
        the last of them those that name someone in full ("Pete Buttigieg surged in Iowa."),
        whom a later "he" or "Mr. Buttigieg" may mean."""
        events = [self.could_hold_event(t) for t in sentences]
        out: list[bool] = []
        later = False
        for i in range(len(sentences) - 1, -1, -1):
            out.append(events[i] or (later and _FULL_NAME.search(sentences[i]) is not None))
            later = later or events[i]
        return out[::-1]


_SCREENS: dict[tuple[int, int], TriggerScreen] = {}


def trigger_screen(nlp: Language, index: PatternIndex) -> TriggerScreen:
    """The screen of a loaded pipeline and pattern index, built once per process."""
    key = (id(nlp), id(index))
    if key not in _SCREENS:
        _SCREENS[key] = TriggerScreen(index, LemmaTables.of(nlp))
    return _SCREENS[key]
