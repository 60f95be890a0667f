"""The attribute ruler's matches found by token lookup instead of its Matcher (same matches).

spaCy's ``attribute_ruler`` (the tag map: fine tag -> part of speech and morphology, plus
exceptions) matches its patterns with a :class:`spacy.matcher.Matcher` over every token: about
a sixth of the pipeline's time on news sentences, for 179 patterns of which most test one
token's tag, lower-cased form, dependency or "is space" for a value. :class:`IndexedMatcher`
files each pattern under one value it requires and, for each token, checks only the patterns
filed under the token's values, on the token attributes as integers (``Doc.to_array``). It
returns the same ``(match_id, start, end)`` triples, so the ruler's own code sorts and
applies them as before: the tokens get the same attributes. A pattern outside what it reads
(other attributes, quantifiers) leaves the ruler with its Matcher.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# The token attributes a pattern may test, and the tests, for :class:`IndexedMatcher`.
_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_OPERATORS = frozenset({"IN", "NOT_IN", "REGEX"})
_SELECTIVE = ("LOWER", "DEP", "TAG", "IS_SPACE")  # attributes by how few tokens share a value


class _Unsupported(ValueError):
    """A pattern :class:`IndexedMatcher` cannot read (it then leaves all to the Matcher)."""


def _test(value: object, strings: Any) -> Callable[[int], bool]:
    """The test of one attribute on a token's array value (a string's hash, or 0/1)."""

    def as_int(v: object) -> int:
        if isinstance(v, bool):
            return int(v)
        if isinstance(v, str):
            return int(strings.add(v))
        raise _Unsupported(f"value {v!r}")

    if not isinstance(value, dict):
        wanted = as_int(value)
        return lambda v: v == wanted
    if len(value) != 1 or not set(value) <= _OPERATORS:
        raise _Unsupported(f"test {value!r}")
    ((op, arg),) = value.items()
    if op == "REGEX":
        regex = re.compile(str(arg))
        seen: dict[int, bool] = {}

        def search(v: int) -> bool:
            if v not in seen:
                seen[v] = regex.search(strings[v]) is not None
            return seen[v]

        return search
    members = frozenset(as_int(a) for a in arg)
    if op == "IN":
        return lambda v: v in members
    return lambda v: v not in members


def _anchors(value: object, strings: Any) -> list[int] | None:
    """The array values that satisfy an equality or ``IN`` test (None for other tests)."""
    if isinstance(value, bool):
        return [int(value)]
    if isinstance(value, str):
        return [int(strings.add(value))]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return [int(strings.add(v)) if isinstance(v, str) else int(v) for v in value["IN"]]
    return None


class IndexedMatcher:
    """Matches the patterns of a :class:`spacy.matcher.Matcher` as it does, by lookup.

    Every pattern (one or more tokens, each testing ``TAG``, ``LOWER``, ``DEP`` or
    ``IS_SPACE`` for a value, ``IN``, ``NOT_IN`` or ``REGEX``) is filed under one of its
    equality or ``IN`` tests, its anchor; a token whose value is an anchor's is checked against
    the rest of that pattern only (a pattern without such a test is tried at every token).
    Returns what the Matcher returns with ``as_spans=False``; everything else (``get``,
    ``add``, ``len``, serialisation) is the original Matcher's.
    Raises :class:`ValueError` for a pattern outside that subset.
    """

    def __init__(self, matcher: Any, keys: Sequence[str]) -> None:
        self._original = matcher
        strings = matcher.vocab.strings
        # anchor column -> anchor value -> [(match id, offset of the anchor token, tests)]
        self._anchors: list[dict[int, list[tuple[int, int, Any]]]] = [{} for _ in _ATTRS]
        self._everywhere: list[tuple[int, int, Any]] = []
        for key in keys:
            _on_match, alternatives = matcher.get(key)
            match_id = int(strings.add(key))
            for alternative in alternatives:
                tests: list[list[tuple[int, Callable[[int], bool]]]] = []
                # the anchor: the test fewest tokens pass (a word before a tag; one value
                # before several)
                anchor: tuple[tuple[int, int], int, int, list[int]] | None = None
                for offset, token in enumerate(alternative):
                    if not token or not set(token) <= set(_ATTRS):
                        raise _Unsupported(f"token {token!r}")
                    tests.append([(_ATTRS.index(a), _test(v, strings)) for a, v in token.items()])
                    for attr, value in token.items():
                        values = _anchors(value, strings)
                        if values is None:
                            continue
                        rank = (len(values), _SELECTIVE.index(attr))
                        if anchor is None or rank < anchor[0]:
                            anchor = (rank, _ATTRS.index(attr), offset, values)
                if anchor is None:  # tried at every token
                    self._everywhere.append((match_id, 0, tests))
                    continue
                _rank, column, offset, values = anchor
                alone = len(alternative) == 1 and len(alternative[0]) == 1
                for value in values:
                    self._anchors[column].setdefault(value, []).append(
                        (match_id, offset, None if alone else tests)
                    )
        self._columns = [(i, table) for i, table in enumerate(self._anchors) if table]

    @property
    def original(self) -> Any:
        """The Matcher this one stands in for."""
        return self._original

    def __getattr__(self, name: str) -> Any:
        return getattr(self._original, name)

    def __len__(self) -> int:
        return len(self._original)

    def __call__(
        self, doc: Doc, *, allow_missing: bool = False, as_spans: bool = False
    ) -> list[tuple[int, int, int]]:
        if as_spans:
            raise ValueError("IndexedMatcher returns (match_id, start, end) triples only")
        rows: list[list[int]] = doc.to_array(list(_ATTRS)).tolist() if len(doc) else []
        size = len(rows)
        found: dict[tuple[int, int, int], None] = {}
        for i, row in enumerate(rows):
            for column, table in self._columns:
                hits = table.get(row[column])
                if hits:
                    for match_id, offset, tests in hits:
                        if tests is None:  # the anchor is the whole pattern
                            found[(match_id, i, i + 1)] = None
                        elif self._holds(rows, i - offset, tests, size):
                            found[(match_id, i - offset, i - offset + len(tests))] = None
            for match_id, _offset, tests in self._everywhere:
                if self._holds(rows, i, tests, size):
                    found[(match_id, i, i + len(tests))] = None
        return list(found)

    @staticmethod
    def _holds(rows: list[list[int]], start: int, tests: Any, size: int) -> bool:
        if start < 0 or start + len(tests) > size:
            return False
        return all(
            test(rows[start + k][attr])
            for k, token_tests in enumerate(tests)
            for attr, test in token_tests
        )


@contextmanager
def stock_attribute_ruler(nlp: Language) -> Iterator[None]:
    """Within the block, the ``attribute_ruler`` matches with spaCy's own Matcher again (for
    timing spaCy's pipeline as shipped)."""
    ruler: Any = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    indexed = getattr(ruler, "matcher", None)
    if not isinstance(indexed, IndexedMatcher):
        yield
        return
    ruler.matcher = indexed.original
    try:
        yield
    finally:
        ruler.matcher = indexed


def index_attribute_ruler(nlp: Language) -> None:
    """Give the pipeline's ``attribute_ruler`` an :class:`IndexedMatcher` (same matches)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler: Any = nlp.get_pipe("attribute_ruler")
    matcher = getattr(ruler, "matcher", None)
    attrs = getattr(ruler, "attrs", None)
    if matcher is None or attrs is None or isinstance(matcher, IndexedMatcher):
        return
    # the ruler adds its i-th pattern under the key str(i) (AttributeRuler.add)
    keys = [str(i) for i in range(len(attrs))]
    if not all(key in matcher for key in keys):
        log.debug("attribute_ruler keys are not str(i): left as it is")
        return
    try:
        ruler.matcher = IndexedMatcher(matcher, keys)
    except _Unsupported as exc:
        log.debug("attribute_ruler left with its Matcher: %s", exc)
