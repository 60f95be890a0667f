"""Resuming a run: skip what the store already holds, so a rerun after a kill codes the rest.

Batches are committed one transaction each, so after a kill every document is either fully
stored (its row in ``documents`` or ``document_copies``, its events, its failures) or not at
all. A resumed run skips the documents and ingest failures the store already holds and feeds
the stored texts of the skipped documents to the near-duplicate index, so a later copy of a
stored story is still recognised as a copy: the store ends with the rows of a clean run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from dragoman.dedup import NearDuplicateIndex
from dragoman.records import Document, Failure
from dragoman.store.duckdb_store import Store

__all__ = ["Resumer"]


@dataclass(frozen=True, slots=True)
class Resumer:
    """What a resumed run skips; :meth:`filter` applies it to a stream of batches."""

    store: Store
    index: NearDuplicateIndex | None
    documents: frozenset[str]
    failures: frozenset[tuple[str, str]]
    failed: frozenset[str]

    @classmethod
    def of(cls, store: Store, index: NearDuplicateIndex | None) -> Resumer:
        documents, failures = store.stored_keys()
        return cls(store, index, documents, failures, frozenset(d for d, _ in failures))

    @property
    def stored(self) -> int:
        """How many documents (coded, copies or failed) the store holds."""
        return len(self.documents | self.failed)

    def _done(self, item: Document | Failure) -> bool:
        if isinstance(item, Failure):
            return (item.doc_id, item.stage) in self.failures
        return item.doc_id in self.documents or item.doc_id in self.failed

    def filter(
        self, batches: Iterator[list[Document | Failure]]
    ) -> Iterator[list[Document | Failure]]:
        """The batches without their stored items (empty batches are dropped)."""
        for batch in batches:
            kept = [item for item in batch if not self._done(item)]
            if self.index is not None:
                skipped = [i.doc_id for i in batch if isinstance(i, Document) and self._done(i)]
                self._remember(skipped)
            if kept:
                yield kept

    def _remember(self, doc_ids: Sequence[str]) -> None:
        assert self.index is not None
        texts = self.store.document_texts(doc_ids)
        for doc_id in doc_ids:
            if doc_id in texts and doc_id not in self.index:
                self.index.add(doc_id, texts[doc_id])
