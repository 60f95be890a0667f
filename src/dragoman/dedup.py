"""Near-duplicate detection for syndicated stories.

(URL identity, :func:`~dragoman.ingest.urls.canonical_url` and
:func:`~dragoman.ingest.urls.url_doc_id`, lives in :mod:`dragoman.ingest.urls`.)

* :class:`NearDuplicateIndex` finds texts that share most of their word 3-shingles (a wire
  story republished by several sites with their own headers and footers). It uses MinHash
  signatures with LSH banding (datasketch) to find candidates and keeps a candidate when the
  estimated Jaccard similarity reaches ``threshold``. The default, 0.7 on whole texts, merges a
  ~150-word wire story whose copies carry 20-30 words of site header and footer each (0.75-0.8;
  longer stories score higher) and keeps apart rewrites that share a few sentences (about 0.3).
  Everything is in memory; the index holds about 1 KiB per document.
* :meth:`NearDuplicateIndex.fingerprint` and :func:`merge_plan` are the same test taken apart
  for a cluster: each worker fingerprints its articles (exact key, MinHash values, LSH band
  keys), the engine joins articles that share a band key, and :func:`merge_plan` decides, in
  input order, which of the similar pairs are copies of which story, as ``add`` would have.
* :class:`PageMemo` remembers what extraction made of each page already seen in a run, by the
  SHA-256 of its bytes and the metadata extraction reads, so that a byte-identical page (the
  same file under another name, the same WARC record twice) is not extracted again: it gives
  the same Article (or Failure) under its own id and source, and the index then finds it a copy.
* :func:`dedup_articles` applies the index to a batch (and, with the same index passed again, to
  the next batches) and reports which copies (:class:`StoryCopy`: id, URL, publisher, source)
  were merged into which story, so the store can remember every URL and publisher of a story.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from datasketch import MinHash, MinHashLSH

from dragoman.records import Article, Document, Failure

__all__ = [
    "DedupResult",
    "Fingerprint",
    "NearDuplicateIndex",
    "PageMemo",
    "StoryCopy",
    "dedup_articles",
    "merge_plan",
    "shingles",
]

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = 3) -> set[bytes]:
    """Word ``size``-shingles of ``text`` (case-folded words), encoded for hashing.

    Texts shorter than ``size`` words give one shingle of all their words; empty text gives none.
    """
    words = [w.casefold() for w in _WORD.findall(text)]
    if not words:
        return set()
    if len(words) < size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """An in-memory index answering "have I seen (nearly) this text before?".

    ``add(doc_id, text)`` returns the id of an earlier document whose word 3-shingles have an
    estimated Jaccard similarity of at least ``threshold`` with ``text`` (the most similar one),
    or ``None`` after indexing ``text`` as a new original. Near-duplicates are not indexed, so
    every answer names an original. Exact repeats (after case and whitespace folding) are found
    without hashing shingles. Texts with fewer than ``min_words`` words are never called
    duplicates (short texts share shingles by chance) and are not indexed. An id added before
    answers for itself (or for the original it was merged into): the same page seen twice.

    ``max_documents`` bounds memory for long runs (``dragoman watch``): past it, the oldest
    originals are forgotten.
    """

    def __init__(
        self,
        threshold: float = 0.7,
        num_perm: int = 128,
        min_words: int = 8,
        max_documents: int | None = None,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        if max_documents is not None and max_documents < 1:
            raise ValueError("max_documents must be >= 1")
        self.threshold = threshold
        self.num_perm = num_perm
        self.min_words = min_words
        self.max_documents = max_documents
        # Candidates come from a looser LSH band setting; the estimate then decides.
        self._lsh = MinHashLSH(threshold=max(0.4, threshold - 0.2), num_perm=num_perm)
        self._signatures: OrderedDict[str, tuple[MinHash, str]] = OrderedDict()
        self._exact: dict[str, str] = {}
        # ids seen without being indexed: duplicates (-> their original) and short texts
        self._aliases: OrderedDict[str, str] = OrderedDict()
        self._template = MinHash(num_perm=num_perm, scheme="affine32")

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._signatures

    def _signature(self, grams: Iterable[bytes]) -> MinHash:
        sig = MinHash(
            num_perm=self.num_perm,
            scheme="affine32",
            permutations=self._template.permutations,
        )
        sig.update_batch(list(grams))
        return sig

    @staticmethod
    def _exact_key(words: list[str]) -> str:
        return hashlib.sha1(" ".join(w.casefold() for w in words).encode("utf-8")).hexdigest()

    def find(self, text: str) -> str | None:
        """The id of an indexed near-duplicate of ``text``, without adding it."""
        words = _WORD.findall(text)
        if len(words) < self.min_words:
            return None
        exact = self._exact.get(self._exact_key(words))
        if exact is not None:
            return exact
        return self._best_match(self._signature(shingles(text)))

    def fingerprint(self, text: str) -> Fingerprint | None:
        """What :meth:`add` compares ``text`` by, or None for a text too short to be compared."""
        words = _WORD.findall(text)
        if len(words) < self.min_words:
            return None
        sig = self._signature(shingles(text))
        values = tuple(int(v) for v in sig.hashvalues)
        bands = tuple(
            hashlib.sha1(
                f"{i}:".encode() + b",".join(str(v).encode() for v in values[start:end])
            ).hexdigest()[:16]
            for i, (start, end) in enumerate(self._lsh.hashranges)
        )
        return Fingerprint(self._exact_key(words), values, bands)

    def _best_match(self, sig: MinHash) -> str | None:
        best: tuple[float, str] | None = None
        for candidate in self._lsh.query(sig):
            score = float(sig.jaccard(self._signatures[candidate][0]))
            # ties go to the smaller id: LSH answers a set, whose order changes between runs
            if score >= self.threshold and (
                best is None or (score, best[1]) > (best[0], candidate)
            ):
                best = (score, candidate)
        return None if best is None else best[1]

    def add(self, doc_id: str, text: str) -> str | None:
        """Index ``text`` under ``doc_id`` unless it nearly duplicates an earlier text.

        Returns the earlier document's id when it does (``text`` is then not indexed), else None.
        Adding an id that was added before returns that id (or the original it was merged into).
        """
        if doc_id in self._signatures:
            return doc_id
        alias = self._aliases.get(doc_id)
        if alias is not None:
            return alias
        words = _WORD.findall(text)
        if len(words) < self.min_words:
            self._remember(doc_id, doc_id)
            return None
        key = self._exact_key(words)
        match = self._exact.get(key)
        if match is None:
            sig = self._signature(shingles(text))
            match = self._best_match(sig)
            if match is None:
                self._lsh.insert(doc_id, sig)
                self._signatures[doc_id] = (sig, key)
                self._exact[key] = doc_id
                self._evict()
                return None
        self._remember(doc_id, match)
        return match

    def _remember(self, doc_id: str, original: str) -> None:
        self._aliases[doc_id] = original
        if self.max_documents is not None and len(self._aliases) > 4 * self.max_documents:
            self._aliases.popitem(last=False)

    def _evict(self) -> None:
        if self.max_documents is None:
            return
        while len(self._signatures) > self.max_documents:
            old, (_sig, key) = self._signatures.popitem(last=False)
            self._lsh.remove(old)
            if self._exact.get(key) == old:
                del self._exact[key]


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A text as :class:`NearDuplicateIndex` compares it: the key of its exact words, its
    MinHash values, and one key per LSH band (texts sharing a band key are candidates)."""

    exact_key: str
    hashvalues: tuple[int, ...]
    bands: tuple[str, ...]

    def similarity(self, other: Fingerprint) -> float:
        """The estimated Jaccard similarity of the two texts' shingles (MinHash agreement)."""
        same = sum(a == b for a, b in zip(self.hashvalues, other.hashvalues, strict=True))
        return same / len(self.hashvalues)


def merge_plan(
    articles: Iterable[tuple[int, str]],
    similar: Iterable[tuple[int, int, float]],
    exact: Iterable[tuple[int, int]] = (),
) -> dict[int, str]:
    """Which articles are copies of which story, as :func:`dedup_articles` decides in order.

    ``articles`` are ``(position, doc_id)`` in any order: every article with a similar pair or
    an exact repeat, and every article whose ``doc_id`` occurs more than once. ``similar``
    holds ``(earlier, later, score)`` for pairs whose estimated similarity reaches the
    threshold; ``exact`` holds ``(earlier, later)`` for texts with the same words (the earlier
    being the first of its words). Returns the position of each copy -> the ``doc_id`` of the
    story it joins. As in :meth:`NearDuplicateIndex.add`, a text joins the most similar
    earlier original (the earliest on a tie), an exact repeat joins its first's story, and a
    repeated ``doc_id`` joins the story of its first occurrence.
    """
    ids = dict(articles)
    earlier: dict[int, list[tuple[float, int]]] = {}
    for a, b, score in similar:
        earlier.setdefault(b, []).append((score, a))
    first_of = dict((b, a) for a, b in exact)
    original_of: dict[int, int] = {}  # position of a copy -> position of its story
    originals: set[int] = set()
    first_by_id: dict[str, int] = {}
    for pos in sorted(ids):
        doc_id = ids[pos]
        seen = first_by_id.get(doc_id)
        if seen is not None:
            original_of[pos] = original_of.get(seen, seen)
            continue
        first_by_id[doc_id] = pos
        first = first_of.get(pos)
        if first is not None:
            original_of[pos] = original_of.get(first, first)
            continue
        best: tuple[float, int] | None = None
        for score, other in earlier.get(pos, ()):
            if other in originals and (
                best is None or score > best[0] or (score == best[0] and other < best[1])
            ):
                best = (score, other)
        if best is None:
            originals.add(pos)
        else:
            original_of[pos] = best[1]
    return {pos: ids[story] for pos, story in original_of.items()}


@dataclass(frozen=True, slots=True)
class StoryCopy:
    """Where a duplicate of a kept story was seen: its id, URL, publisher and input source."""

    doc_id: str
    url: str | None
    publisher: str | None
    source: str

    @classmethod
    def of(cls, article: Article) -> StoryCopy:
        return cls(article.doc_id, article.url, article.publisher, article.source)

    def to_dict(self) -> dict[str, str | None]:
        return {
            "doc_id": self.doc_id,
            "url": self.url,
            "publisher": self.publisher,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class DedupResult:
    """Articles to code, and the copies merged into each story (the story's ``doc_id`` may be
    a kept article of this batch or of an earlier batch seen by the same index)."""

    kept: tuple[Article, ...]
    copies: dict[str, tuple[StoryCopy, ...]] = field(default_factory=dict)

    @property
    def dropped(self) -> int:
        return sum(len(c) for c in self.copies.values())


def dedup_articles(
    articles: Sequence[Article],
    index: NearDuplicateIndex | None = None,
) -> DedupResult:
    """Keep the first article of each story; merge repeats and near-duplicates into it.

    ``index`` carries what earlier batches kept: pass the same one to every batch of a run (or
    of a long ``watch``); without it the batch is deduplicated on its own. An article whose
    ``doc_id`` was seen before (the same page again) or whose text nearly duplicates a story
    already indexed is not kept; it is listed under that story's ``doc_id`` in ``copies``, in
    input order. Texts shorter than ``index.min_words`` words are kept unless their id repeats.
    """
    active = index if index is not None else NearDuplicateIndex()
    kept: list[Article] = []
    copies: dict[str, list[StoryCopy]] = {}
    for article in articles:
        original = active.add(article.doc_id, article.text)
        if original is None:
            kept.append(article)
        else:
            copies.setdefault(original, []).append(StoryCopy.of(article))
    return DedupResult(tuple(kept), {k: tuple(v) for k, v in copies.items()})


class PageMemo:
    """What extraction made of each page seen in a run, keyed by the page's bytes.

    The key is the SHA-256 of the document's bytes with every other field extraction reads
    (media type, declared encoding, URL, title, date, and the date a file name gives); so a hit
    is a page extraction would turn into the same Article or Failure, which :meth:`get` returns
    under the new document's id and source. At most ``max_pages`` outcomes holding at most
    ``max_chars`` characters of text are kept (the least recently used go first; one outcome
    always stays), so memory stays bounded on any input.
    """

    def __init__(self, max_pages: int = 4096, max_chars: int = 16_000_000) -> None:
        if max_pages < 1 or max_chars < 1:
            raise ValueError("max_pages and max_chars must be >= 1")
        self.max_pages = max_pages
        self.max_chars = max_chars
        self._outcomes: OrderedDict[tuple[object, ...], Article | Failure] = OrderedDict()
        self._chars = 0
        self.hits = 0

    def __len__(self) -> int:
        return len(self._outcomes)

    @staticmethod
    def key(doc: Document) -> tuple[object, ...]:
        from dragoman.extract.published import context_date

        digest = hashlib.sha256(doc.data).digest()
        hint = context_date(doc.url, doc.source)
        return (digest, doc.media_type, doc.encoding, doc.url, doc.title, doc.date, hint)

    def get(self, key: tuple[object, ...], doc: Document) -> Article | Failure | None:
        """The outcome remembered under ``key``, as ``doc``'s (its id and source), or None."""
        outcome = self._outcomes.get(key)
        if outcome is None:
            return None
        self._outcomes.move_to_end(key)
        self.hits += 1
        if isinstance(outcome, Failure):
            return Failure(doc.doc_id, doc.source, outcome.stage, outcome.reason, outcome.detail)
        return replace(outcome, doc_id=doc.doc_id, source=doc.source)

    def put(self, key: tuple[object, ...], outcome: Article | Failure) -> None:
        old = self._outcomes.pop(key, None)
        if old is not None:
            self._chars -= _size(old)
        self._outcomes[key] = outcome
        self._chars += _size(outcome)
        while len(self._outcomes) > self.max_pages or (
            self._chars > self.max_chars and len(self._outcomes) > 1
        ):
            _key, gone = self._outcomes.popitem(last=False)
            self._chars -= _size(gone)


def _size(outcome: Article | Failure) -> int:
    """Characters an outcome holds (its text, or its failure's detail)."""
    return len(outcome.text) if isinstance(outcome, Article) else len(outcome.detail)
