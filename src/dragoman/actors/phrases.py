"""Token-level phrase tries with the case rules of actor names.

Dictionary phrases are split the way spaCy's English tokenizer splits them (whitespace,
commas, hyphens between letters), and matched against token sequences:

* a dictionary token written in capitals (``US``, ``U.S.``, ``NATO``, ``WHO``) matches only
  that exact text;
* any other dictionary token matches case-insensitively, but the text token must carry an
  upper-case letter (so ``chad``, ``turkey``, ``china`` never match) unless the dictionary
  token itself starts in lower case (particles such as ``of``, ``al``, ``d'Ivoire``);
* accents and typographic apostrophes are folded on both sides (``Côte`` = ``Cote``).

All-caps headlines therefore still match (``RUSSIA``, ``PUTIN``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

T = TypeVar("T")

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "–": "-"})
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Strip accents and normalise apostrophes; case is kept."""
    text = text.translate(_QUOTES)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def key(text: str) -> str:
    """The trie key of a token: folded and lower-cased."""
    return fold(text).lower()


def tokenize_phrase(phrase: str) -> list[list[str]]:
    """Token variants of a dictionary phrase: spaCy-like split, plus hyphenated words whole."""
    pieces: list[str] = []
    for raw in phrase.split():
        if raw.endswith(",") and len(raw) > 1:
            pieces.extend([raw[:-1], ","])
        else:
            pieces.append(raw)
    split: list[str] = []
    for piece in pieces:
        parts = _HYPHEN.split(piece)
        if len(parts) > 1:
            for i, part in enumerate(parts):
                if i:
                    split.append("-")
                split.append(part)
        else:
            split.append(piece)
    variants = [split]
    if split != pieces:
        variants.append(pieces)
    return variants


@dataclass(frozen=True, slots=True)
class TokenPattern:
    """How one dictionary token matches a text token."""

    exact: str | None  # folded exact text required (acronyms), else None
    lenient: bool  # dictionary token starts lower-case: any case matches

    def accepts(self, text: str) -> bool:
        folded = fold(text)
        if self.exact is not None:
            return folded == self.exact
        if self.lenient:
            return True
        return folded != folded.lower() or folded == folded.upper()


@lru_cache(maxsize=100_000)
def pattern_of(token: str) -> TokenPattern:
    folded = fold(token)
    has_alpha = any(c.isalpha() for c in folded)
    if has_alpha and folded.isupper() and sum(c.isalpha() for c in folded) > 1:
        return TokenPattern(exact=folded, lenient=False)
    first_alpha = next((c for c in folded if c.isalpha()), "")
    return TokenPattern(exact=None, lenient=not has_alpha or first_alpha.islower())


class _Node(Generic[T]):
    __slots__ = ("children", "items")

    def __init__(self) -> None:
        self.children: dict[str, _Node[T]] = {}
        self.items: list[tuple[tuple[TokenPattern, ...], T]] = []


class PhraseTrie(Generic[T]):
    """Maps token sequences (by folded lower-case key) to payloads with case patterns."""

    def __init__(self) -> None:
        self._root: _Node[T] = _Node()
        self.size = 0

    def add(self, phrase: str, payload: T, *, caseless: bool = False) -> None:
        """Add every token variant of ``phrase``.

        ``caseless`` (PETRARCH dictionaries, written in capitals): tokens match
        case-insensitively as proper names, except a single token of up to three letters,
        which stays an exact acronym (``UN``, ``US``).
        """
        for tokens in tokenize_phrase(phrase):
            if caseless and not (len(tokens) == 1 and len(tokens[0]) <= 3):
                tokens = [t.capitalize() if t.isupper() else t for t in tokens]
            self.add_tokens(tokens, payload)

    def add_tokens(self, tokens: list[str], payload: T) -> None:
        if not tokens:
            return
        node = self._root
        for token in tokens:
            k = key(token)
            child = node.children.get(k)
            if child is None:
                child = node.children[k] = _Node()
            node = child
        node.items.append((tuple(pattern_of(t) for t in tokens), payload))
        self.size += 1

    def prefixes(self, keys: list[str], words: list[str], start: int) -> list[tuple[int, list[T]]]:
        """Matches starting at ``start``, longest first: (end, payloads whose case fits)."""
        found: list[tuple[int, list[T]]] = []
        node = self._root
        i = start
        n = len(keys)
        while i < n:
            child = node.children.get(keys[i])
            if child is None:
                break
            node = child
            i += 1
            if node.items:
                span = words[start:i]
                ok = [
                    payload
                    for patterns, payload in node.items
                    if all(p.accepts(w) for p, w in zip(patterns, span, strict=True))
                ]
                if ok:
                    found.append((i, ok))
        found.reverse()
        return found


_IRREGULAR = {
    "men": "man",
    "women": "woman",
    "people": "people",
    "police": "police",
    "children": "child",
    "media": "media",
    "news": "news",
    "staff": "staff",
    "personnel": "personnel",
    "clergy": "clergy",
    "armed forces": "armed force",
    "thieves": "thief",
    "militia": "militia",
}


@lru_cache(maxsize=50_000)
def singular(word: str) -> str:
    """A light English singulariser for sector nouns (``troops`` -> ``troop``)."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("men") and len(w) > 4:
        return w[:-3] + "man"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w
