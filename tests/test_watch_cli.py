"""``dragoman watch`` end to end: a loopback feed gains an item between two polls."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import duckdb
import pytest

from dragoman.cli import main, seen_file_for
from test_fetch_server import LocalSite, send, site

__all__ = ["site"]

STORIES = {
    1: (
        "Ministers Meet in Geneva",
        "GENEVA, May 5, 2021 (Dragoman Wire) - The foreign ministers of Armenia and Azerbaijan "
        "met in Geneva on Monday for talks on a border settlement, officials said.",
    ),
    2: (
        "Kenyan Police Arrest Protesters",
        "NAIROBI, May 6, 2021 (Dragoman Wire) - Kenyan police arrested 40 protesters in "
        "Nairobi on Tuesday after crowds blocked roads in the capital, the interior ministry "
        "said.",
    ),
}


def _page(n: int) -> bytes:
    title, body = STORIES[n]
    return (
        f"<html><head><title>{title} | Wire</title></head><body><article><h1>{title}</h1>"
        f"<p>{body}</p><p>{body}</p></article></body></html>"
    ).encode()


def _feed(site: LocalSite, stories: list[int]) -> bytes:
    items = "".join(
        f"<item><title>{STORIES[n][0]}</title><link>{site.base}/story/{n}.html</link>"
        f"<guid>story-{n}</guid><pubDate>Wed, 05 May 2021 10:00:00 GMT</pubDate></item>"
        for n in stories
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"{items}</channel></rss>"
    ).encode()


@pytest.fixture
def growing_feed(site: LocalSite, monkeypatch: pytest.MonkeyPatch) -> LocalSite:
    """First poll: story 1; every later poll: stories 1 and 2."""
    monkeypatch.setattr("dragoman.ingest.fetch.DEFAULT_MIN_INTERVAL", 0.0)
    for n in STORIES:
        site.routes[f"/story/{n}.html"] = lambda h, n=n: send(h, 200, _page(n))

    def feed(h: BaseHTTPRequestHandler) -> None:
        first = site.count("feed") == 1
        send(h, 200, _feed(site, [1] if first else [1, 2]), "application/rss+xml")

    site.routes["/feed.rss"] = feed
    return site


def _stored_docs(db: Path) -> list[tuple[str, str | None]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT url, date FROM documents ORDER BY url").fetchall()
    return [(str(url), None if day is None else str(day)) for url, day in rows]


@pytest.mark.model
def test_watch_codes_only_the_new_item_on_the_second_poll(
    growing_feed: LocalSite, tmp_path: Path
) -> None:
    site = growing_feed
    db = tmp_path / "watch.duckdb"
    argv = ["watch", site.url("/feed.rss"), "--db", str(db), "--interval", "0"]
    code = main([*argv, "--max-polls", "2", "--allow-private"])
    assert code == 0
    assert site.hits("/story/1.html") == 1  # not fetched again on the second poll
    assert site.hits("/story/2.html") == 1
    assert _stored_docs(db) == [
        (site.url("/story/1.html"), "2021-05-05"),
        (site.url("/story/2.html"), "2021-05-06"),  # the page's own date
    ]
    seen = json.loads(seen_file_for(str(db)).read_text(encoding="utf-8"))
    assert any(key.endswith("/story/2.html") for key in seen)
    # A new run with the same store skips everything it has seen.
    assert main([*argv, "--max-polls", "1", "--allow-private"]) == 0
    assert site.hits("/story/1.html") == 1 and site.hits("/story/2.html") == 1


def test_watch_refuses_loopback_feeds_without_allow_private(
    growing_feed: LocalSite, tmp_path: Path
) -> None:
    db = tmp_path / "watch.duckdb"
    code = main(["watch", growing_feed.url("/feed.rss"), "--db", str(db), "--max-polls", "1"])
    assert code == 1  # the feed failed (forbidden address), reported and counted
    assert growing_feed.requests == []


def test_watch_rejects_bad_options(tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    assert main(["watch", "http://example.invalid/feed", "--db", db, "--interval", "-1"]) == 2
    assert main(["watch", "http://example.invalid/feed", "--db", db, "--max-polls", "0"]) == 2
