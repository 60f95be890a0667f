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
* :func:`dedup_articles` applies the index to a batch and reports what was merged into what, so
  the store can remember every URL and publisher of a story.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from courlan import normalize_url
from datasketch import MinHash, MinHashLSH

from dragoman.records import Article

__all__ = [
    "NearDuplicateIndex",
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
    duplicates (short texts share shingles by chance) and are not indexed.
    """

    def __init__(self, threshold: float = 0.7, num_perm: int = 128, min_words: int = 8) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold = threshold
        self.num_perm = num_perm
        self.min_words = min_words
        # Candidates come from a looser LSH band setting; the estimate then decides.
        self._lsh = MinHashLSH(threshold=max(0.4, threshold - 0.2), num_perm=num_perm)
        self._signatures: dict[str, MinHash] = {}
        self._exact: dict[str, str] = {}
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

    def find(self, text: str) -> str | None:
        """The id of an indexed near-duplicate of ``text``, without adding it."""
        words = _WORD.findall(text)
        if len(words) < self.min_words:
            return None
        key = " ".join(w.casefold() for w in words)
        exact = self._exact.get(hashlib.sha1(key.encode("utf-8")).hexdigest())
        if exact is not None:
            return exact
        return self._best_match(self._signature(shingles(text)))

    def _best_match(self, sig: MinHash) -> str | None:
        best: tuple[float, str] | None = None
        for candidate in self._lsh.query(sig):
            score = float(sig.jaccard(self._signatures[candidate]))
            if score >= self.threshold and (best is None or score > best[0]):
                best = (score, candidate)
        return None if best is None else best[1]

    def add(self, doc_id: str, text: str) -> str | None:
        """Index ``text`` under ``doc_id`` unless it nearly duplicates an earlier text.

        Returns the earlier document's id when it does (``text`` is then not indexed), else None.
        Adding an id that is already indexed returns that same id.
        """
        if doc_id in self._signatures:
            return doc_id
        words = _WORD.findall(text)
        if len(words) < self.min_words:
            return None
        key = hashlib.sha1(" ".join(w.casefold() for w in words).encode("utf-8")).hexdigest()
        exact = self._exact.get(key)
        if exact is not None:
            return exact
        sig = self._signature(shingles(text))
        match = self._best_match(sig)
        if match is not None:
            return match
        self._lsh.insert(doc_id, sig)
        self._signatures[doc_id] = sig
        self._exact[key] = doc_id
        return None


def dedup_articles(
    articles: Sequence[Article],
    *,
    threshold: float = 0.7,
) -> tuple[list[Article], dict[str, list[Article]]]:
    """Drop repeated and near-duplicate articles from a batch, keeping the first of each story.

    Returns the kept articles in input order and, for each kept ``doc_id`` that absorbed others,
    the list of articles merged into it (in input order). An article whose ``doc_id`` repeats an
    earlier one is merged into it as well.
    """
    index = NearDuplicateIndex(threshold=threshold)
    kept: list[Article] = []
    merged: dict[str, list[Article]] = {}
    seen_ids: set[str] = set()
    for article in articles:
        if article.doc_id in seen_ids:
            merged.setdefault(article.doc_id, []).append(article)
            continue
        original = index.add(article.doc_id, article.text)
        if original is not None and original != article.doc_id:
            merged.setdefault(original, []).append(article)
            continue
        seen_ids.add(article.doc_id)
        kept.append(article)
    return kept, merged
