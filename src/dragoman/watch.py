"""Poll RSS/Atom feeds and hand over only the items not seen before.

:func:`watch` polls every feed, skips items whose canonical URL or (feed-scoped) GUID is in a
:class:`SeenStore`, fetches the rest (see :func:`dragoman.ingest.feeds.item_document`), passes
the new Documents to ``on_documents`` and only then marks the items as seen, so an exception in
the callback means the items come again on the next poll. Items that failed to fetch are given
to ``on_failures`` (if any) and are not marked seen: they are retried on the next poll.

Two stores are provided: :class:`MemorySeenStore` and :class:`JsonSeenStore` (a JSON list in a
file, rewritten atomically on every ``add``). Anything with ``has`` and ``add`` will do.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from dragoman.errors import ConfigError, FetchError
from dragoman.ingest.feeds import item_document, parse_feed
from dragoman.ingest.fetch import Fetcher
from dragoman.ingest.urls import url_doc_id
from dragoman.records import Document, Failure
from dragoman.settings import Settings

__all__ = ["JsonSeenStore", "MemorySeenStore", "SeenStore", "poll_once", "watch"]

log = logging.getLogger(__name__)


@runtime_checkable
class SeenStore(Protocol):
    """Keys of feed items already handed over (``url:<canonical URL>``, ``guid:<feed>:<id>``)."""

    def has(self, key: str) -> bool: ...

    def add(self, keys: Iterable[str]) -> None: ...


class MemorySeenStore:
    """A SeenStore that forgets everything when the process ends."""

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self._keys: set[str] = set(keys)

    def has(self, key: str) -> bool:
        return key in self._keys

    def add(self, keys: Iterable[str]) -> None:
        self._keys.update(keys)

    def __len__(self) -> int:
        return len(self._keys)


class JsonSeenStore:
    """A SeenStore kept in a JSON file (a sorted list of keys), written atomically."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._keys: set[str] = set()
        if self.path.exists():
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ConfigError(f"cannot read seen-items file {self.path}: {exc}") from exc
            if not isinstance(loaded, list) or not all(isinstance(k, str) for k in loaded):
                raise ConfigError(f"seen-items file {self.path} is not a JSON list of strings")
            self._keys = set(loaded)

    def has(self, key: str) -> bool:
        return key in self._keys

    def add(self, keys: Iterable[str]) -> None:
        before = len(self._keys)
        self._keys.update(keys)
        if len(self._keys) != before or not self.path.exists():
            self._write()

    def __len__(self) -> int:
        return len(self._keys)

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(sorted(self._keys), out, ensure_ascii=False, indent=0)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def poll_once(
    feeds: Sequence[str],
    settings: Settings,
    seen: SeenStore,
    fetcher: Fetcher,
) -> tuple[list[Document], list[Failure], list[str]]:
    """One pass over ``feeds``: new Documents, Failures, and the keys to mark seen on success."""
    documents: list[Document] = []
    failures: list[Failure] = []
    new_keys: list[str] = []
    pending: set[str] = set()
    for feed in feeds:
        try:
            items = parse_feed(feed, settings, fetcher)
        except FetchError as exc:
            log.warning("feed %s: %s", feed, exc)
            failures.append(Failure(url_doc_id(feed), feed, "ingest", exc.reason, str(exc)))
            continue
        for item in items:
            keys = item.keys
            if not keys or any(seen.has(k) or k in pending for k in keys):
                continue
            result = item_document(item, settings, fetcher)
            if isinstance(result, Failure):
                failures.append(result)
                continue
            documents.append(result)
            pending.update(keys)
            new_keys.extend(keys)
    return documents, failures, new_keys


def watch(
    feeds: Sequence[str],
    settings: Settings,
    interval: float,
    on_documents: Callable[[list[Document]], None],
    seen: SeenStore,
    max_polls: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    *,
    on_failures: Callable[[list[Failure]], None] | None = None,
    fetcher: Fetcher | None = None,
) -> None:
    """Poll ``feeds`` every ``interval`` seconds (forever unless ``max_polls``).

    ``on_documents`` receives each poll's new Documents (never an empty list); items are marked
    seen in ``seen`` after it returns. Feed items without a link or GUID are skipped.
    """
    if interval < 0:
        raise ConfigError("interval must be >= 0")
    if max_polls is not None and max_polls < 1:
        return
    own = fetcher is None
    active = fetcher if fetcher is not None else Fetcher(settings, sleep=sleep)
    try:
        polls = 0
        while True:
            started = time.monotonic()
            documents, failures, keys = poll_once(feeds, settings, seen, active)
            if documents:
                on_documents(documents)
            if keys:
                seen.add(keys)
            if failures and on_failures is not None:
                on_failures(failures)
            log.info("poll %d: %d new, %d failed", polls + 1, len(documents), len(failures))
            polls += 1
            if max_polls is not None and polls >= max_polls:
                return
            sleep(max(0.0, interval - (time.monotonic() - started)))
    finally:
        if own:
            active.close()
