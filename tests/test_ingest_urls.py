"""URLs given to ``read_inputs``: one shared fetcher, feeds recognised, canonical ids."""

from __future__ import annotations

import time

import pytest

from dragoman.ingest import read_inputs
from dragoman.ingest.urls import url_doc_id
from dragoman.records import Document, Failure
from dragoman.settings import Settings
from test_fetch_server import PAGE_HTML, LocalSite, send, site

__all__ = ["site"]

SETTINGS = Settings(allow_private=True, fetch_timeout=5.0)


def _feed(base: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
        f"<item><title>Talks</title><link>{base}/page.html</link><guid>g1</guid></item>"
        "</channel></rss>"
    ).encode()


@pytest.fixture
def fast_site(site: LocalSite, monkeypatch: pytest.MonkeyPatch) -> LocalSite:
    monkeypatch.setattr("dragoman.ingest.fetch.DEFAULT_MIN_INTERVAL", 0.0)
    site.routes["/robots.txt"] = lambda h: send(
        h, 200, b"User-agent: *\nDisallow: /private\n", "text/plain"
    )
    site.routes["/second.html"] = lambda h: send(h, 200, PAGE_HTML.encode())
    site.routes["/news/feed"] = lambda h: send(h, 200, _feed(site.base), "application/rss+xml")
    site.routes["/latest"] = lambda h: send(h, 200, _feed(site.base), "application/rss+xml")
    site.routes["/private/x.html"] = lambda h: send(h, 200, PAGE_HTML.encode())
    return site


def test_urls_of_one_call_share_robots_and_ids_are_canonical(fast_site: LocalSite) -> None:
    urls = [
        fast_site.url("/page.html?utm_source=x#top"),
        fast_site.url("/second.html"),
        fast_site.url("/private/x.html"),
    ]
    records = list(read_inputs(urls, SETTINGS))
    assert [type(r).__name__ for r in records] == ["Document", "Document", "Failure"]
    assert records[0].doc_id == url_doc_id(fast_site.url("/page.html"))
    assert isinstance(records[2], Failure) and records[2].reason == "robots"
    assert fast_site.hits("/robots.txt") == 1
    assert fast_site.hits("/private/x.html") == 0


def test_feed_urls_are_read_as_feeds_by_name_or_content_type(fast_site: LocalSite) -> None:
    records = list(read_inputs([fast_site.url("/news/feed"), fast_site.url("/latest")], SETTINGS))
    assert all(isinstance(r, Document) for r in records), records
    assert [r.url for r in records if isinstance(r, Document)] == [
        fast_site.url("/page.html"),
        fast_site.url("/page.html"),
    ]
    assert [r.title for r in records if isinstance(r, Document)] == ["Talks", "Talks"]


def test_requests_to_one_host_are_paced_across_inputs(
    site: LocalSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dragoman.ingest.fetch.DEFAULT_MIN_INTERVAL", 0.3)
    site.routes["/robots.txt"] = lambda h: send(h, 404, b"")
    started = time.monotonic()
    records = list(read_inputs([site.url("/page.html"), site.url("/plain.txt")], SETTINGS))
    assert all(isinstance(r, Document) for r in records)
    # robots.txt, then two pages: at least two waits of 0.3 s on the one host
    assert time.monotonic() - started >= 0.55


def test_loopback_url_is_refused_by_default(site: LocalSite) -> None:
    (record,) = read_inputs([site.url("/page.html")], Settings())
    assert isinstance(record, Failure) and record.reason == "forbidden-address"
    assert site.requests == []
