"""Polling feeds on a real loopback server and handing over only new items."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.errors import ConfigError
from dragoman.ingest.fetch import Fetcher
from dragoman.records import Document, Failure
from dragoman.settings import Settings
from dragoman.watch import JsonSeenStore, MemorySeenStore, SeenStore, watch
from test_fetch_server import LocalSite, Route, send, site

__all__ = ["site"]

SETTINGS = Settings(allow_private=True, fetch_timeout=5.0)


def rss(base: str, items: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{path}</title><link>{base}{path}</link><guid>{guid}</guid></item>"
        for guid, path in items
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
    return f"{head}{body}</channel></rss>".encode()


def _story(n: int) -> Route:
    return lambda h: send(h, 200, f"<p>story {n}</p>".encode())


class Feed:
    """A feed whose items a test changes between polls (from the injected sleep)."""

    def __init__(self, site: LocalSite, items: list[tuple[str, str]]) -> None:
        self.items = items
        for n in range(1, 6):
            site.routes[f"/story/{n}"] = _story(n)
        site.routes["/feed.rss"] = lambda h: send(h, 200, rss(site.base, self.items))


def quiet_fetcher() -> Fetcher:
    return Fetcher(SETTINGS, min_interval=0.0, sleep=lambda _s: None)


def test_second_poll_passes_only_new_items(site: LocalSite) -> None:
    feed = Feed(site, [("g1", "/story/1"), ("g2", "/story/2")])
    batches: list[list[Document]] = []
    naps: list[float] = []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        # Next poll: a new story, an old one re-listed with tracking junk, an old GUID moved.
        feed.items = [
            ("g3", "/story/3"),
            ("g1-again", "/story/1?utm_source=rss"),
            ("g2", "/story/4"),
        ]

    seen = MemorySeenStore()
    with quiet_fetcher() as fetcher:
        watch(
            [site.url("/feed.rss")],
            SETTINGS,
            60.0,
            batches.append,
            seen,
            max_polls=2,
            sleep=sleep,
            fetcher=fetcher,
        )
    assert [[d.url for d in batch] for batch in batches] == [
        [site.url("/story/1"), site.url("/story/2")],
        [site.url("/story/3")],
    ]
    assert len(naps) == 1 and 0 < naps[0] <= 60.0
    assert site.hits("/story/1") == 1 and site.hits("/story/4") == 0
    assert isinstance(seen, SeenStore)


def test_seen_items_persist_in_a_json_file_across_runs(site: LocalSite, tmp_path: Path) -> None:
    Feed(site, [("g1", "/story/1"), ("g2", "/story/2")])
    path = tmp_path / "state" / "seen.json"
    first: list[list[Document]] = []
    with quiet_fetcher() as fetcher:
        watch(
            [site.url("/feed.rss")],
            SETTINGS,
            0,
            first.append,
            JsonSeenStore(path),
            max_polls=1,
            fetcher=fetcher,
        )
        again: list[list[Document]] = []
        watch(
            [site.url("/feed.rss")],
            SETTINGS,
            0,
            again.append,
            JsonSeenStore(path),
            max_polls=1,
            fetcher=fetcher,
        )
    assert len(first) == 1 and len(first[0]) == 2
    assert again == []
    assert len(JsonSeenStore(path)) == 4  # canonical URL and GUID of each item


def test_failed_items_are_reported_and_retried_next_poll(site: LocalSite) -> None:
    feed = Feed(site, [("g1", "/story/1"), ("g9", "/story/9")])  # /story/9 is a 404
    failures: list[list[Failure]] = []
    batches: list[list[Document]] = []

    def sleep(_seconds: float) -> None:
        site.routes["/story/9"] = lambda h: send(h, 200, b"<p>story 9, late</p>")

    with quiet_fetcher() as fetcher:
        watch(
            [site.url("/feed.rss")],
            SETTINGS,
            0,
            batches.append,
            MemorySeenStore(),
            max_polls=2,
            sleep=sleep,
            on_failures=failures.append,
            fetcher=fetcher,
        )
    assert [[f.reason for f in batch] for batch in failures] == [["http-404"]]
    assert [[d.url for d in b] for b in batches] == [
        [site.url("/story/1")],
        [site.url("/story/9")],
    ]
    assert feed.items


def test_callback_error_leaves_items_unseen(site: LocalSite) -> None:
    Feed(site, [("g1", "/story/1")])
    seen = MemorySeenStore()

    def boom(_docs: list[Document]) -> None:
        raise RuntimeError("store is down")

    with quiet_fetcher() as fetcher, pytest.raises(RuntimeError):
        watch([site.url("/feed.rss")], SETTINGS, 0, boom, seen, max_polls=1, fetcher=fetcher)
    assert len(seen) == 0


def test_broken_json_seen_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "seen.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError):
        JsonSeenStore(path)
