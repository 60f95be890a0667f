"""Canonical URLs, document ids, and near-duplicate detection for syndicated stories.

* :func:`canonical_url` turns the many spellings of one address into one (lower-case scheme and
  host, default port dropped, query sorted, tracking parameters such as ``utm_*`` and
  ``fbclid`` removed, fragment dropped); :func:`url_doc_id` hashes it into a document id.
* :class:`NearDuplicateIndex` finds texts that share most of their word 3-shingles (a wire
  story republished by several sites with their own headers and footers). It uses MinHash
  signatures with LSH banding (datasketch) to find candidates and keeps a candidate when the
  estimated Jaccard similarity reaches ``threshold``. The default, 0.7 on whole texts, merges a
  ~150-word wire story whose copies carry 20-30 words of site header and footer each (0.75-0.8;
  longer stories score higher) and keeps apart rewrites that share a few sentences (about 0.3).
  Everything is in memory; the index holds about 1 KiB per document.
* :func:`dedup_articles` applies the index to a batch (and, with the same index passed again, to
  the next batches) and reports which copies (:class:`StoryCopy`: id, URL, publisher, source)
  were merged into which story, so the store can remember every URL and publisher of a story.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from courlan import normalize_url
from datasketch import MinHash, MinHashLSH

from dragoman.records import Article

__all__ = [
    "DedupResult",
    "NearDuplicateIndex",
    "StoryCopy",
    "canonical_url",
    "dedup_articles",
    "shingles",
    "url_doc_id",
]

_TRACKING_PARAM = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ocid|cmpid)$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+", re.UNICODE)


def canonical_url(url: str) -> str:
    """One spelling per address: what document ids and "seen" checks are computed from.

    ``HTTP://Example.COM:80/a?utm_source=x&b=2&a=1#top`` -> ``http://example.com/a?a=1&b=2``.
    Strings that are not absolute http(s) URLs are returned stripped but otherwise unchanged.
    """
    raw = url.strip()
    try:
        parts = urlsplit(raw)
    except ValueError:
        return raw
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return raw
    try:
        normalized = normalize_url(raw)
    except (ValueError, UnicodeError):
        normalized = raw
    parts = urlsplit(normalized)
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAM.match(k)
        )
    )
    path = _remove_dot_segments(parts.path) or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4: ``/a/./b/../c`` -> ``/a/c``."""
    if "." not in path:
        return path
    out: list[str] = []
    segments = path.split("/")
    for i, seg in enumerate(segments):
        last = i == len(segments) - 1
        if seg == ".":
            if last:
                out.append("")
        elif seg == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(seg)
    result = "/".join(out)
    return result if result.startswith("/") or not path.startswith("/") else "/" + result


def url_doc_id(url: str) -> str:
    """Document id of a URL: the first 16 hex digits of sha256 of its canonical form."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:16]


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
