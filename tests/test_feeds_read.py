"""RSS and Atom feeds served by a real loopback server (see test_fetch_server.py)."""

from __future__ import annotations

from pathlib import Path

from dragoman.ingest.feeds import html_to_text, read_feed
from dragoman.ingest.fetch import Fetcher
from dragoman.ingest.urls import url_doc_id
from dragoman.records import Document, Failure
from dragoman.settings import Settings
from test_fetch_server import PAGE_HTML, LocalSite, send, site

__all__ = ["site"]

SETTINGS = Settings(allow_private=True, fetch_timeout=5.0)

LONG_SUMMARY = (
    "<p>Delegations from both countries met in Geneva on Monday to discuss a ceasefire along "
    "the border, officials said. The talks, mediated by the United Nations, lasted six hours "
    "and ended with a joint statement promising further meetings next month &amp; a prisoner "
    "exchange before the end of the year, according to a spokesman for the foreign ministry.</p>"
)


def rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>{base}/</link>
<item><title>Talks in Havana</title><link>{base}/page.html</link>
  <guid>wire-1</guid><pubDate>Wed, 30 Apr 2014 10:00:00 GMT</pubDate>
  <description>Short.</description></item>
<item><title>Café talks</title><link>{base}/cp1252.html?utm_source=rss</link>
  <guid>wire-2</guid><pubDate>Thu, 01 May 2014 09:00:00 GMT</pubDate></item>
<item><title>Ceasefire talks &amp; more</title><link>{base}/gone-long</link>
  <guid>wire-3</guid><pubDate>Fri, 02 May 2014 08:00:00 GMT</pubDate>
  <description><![CDATA[{LONG_SUMMARY}]]></description></item>
<item><title>Gone</title><link>{base}/gone-short</link><guid>wire-4</guid>
  <description>Too short to stand in.</description></item>
<item><title>Repeat</title><link>{base}/page.html</link><guid>wire-5</guid></item>
</channel></rss>"""


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title><id>urn:atom-wire</id>
<updated>2014-04-30T12:00:00Z</updated>
<entry><title>Relative link</title><id>urn:a1</id><link href="/page.html"/>
  <updated>2014-04-30T12:00:00Z</updated><published>2014-04-29T07:00:00Z</published></entry>
<entry><title>Plain text</title><id>urn:a2</id><link href="/plain.txt"/>
  <updated>2014-04-28T12:00:00Z</updated></entry>
</feed>"""


def serve_feeds(site: LocalSite) -> None:
    site.routes["/feed.rss"] = lambda h: send(
        h, 200, rss(site.base).encode("utf-8"), "application/rss+xml"
    )
    site.routes["/feed.atom"] = lambda h: send(h, 200, ATOM.encode(), "application/atom+xml")


def fetcher() -> Fetcher:
    return Fetcher(SETTINGS, min_interval=0.0, sleep=lambda _s: None)


def test_rss_items_are_fetched_with_feed_title_and_date(site: LocalSite) -> None:
    serve_feeds(site)
    with fetcher() as f:
        out = list(read_feed(site.url("/feed.rss"), SETTINGS, f))
    assert len(out) == 4  # the repeated link is read once
    page, cafe = out[:2]
    assert isinstance(page, Document)
    assert page.data.decode() == PAGE_HTML
    assert (page.title, page.date, page.media_type) == ("Talks in Havana", "2014-04-30", "html")
    assert isinstance(cafe, Document)
    assert cafe.encoding == "windows-1252"
    assert cafe.doc_id == url_doc_id(site.url("/cp1252.html"))
    assert cafe.title == "Café talks"


def test_failed_item_with_long_summary_falls_back_to_text(site: LocalSite) -> None:
    serve_feeds(site)
    with fetcher() as f:
        out = list(read_feed(site.url("/feed.rss"), SETTINGS, f))
    fallback = out[2]
    assert isinstance(fallback, Document)
    assert fallback.media_type == "text"
    assert fallback.date == "2014-05-02"
    assert fallback.title == "Ceasefire talks & more"
    assert fallback.url == site.url("/gone-long")
    text = fallback.data.decode("utf-8")
    assert text.startswith("Delegations from both countries met in Geneva")
    assert "&amp;" not in text and "<p>" not in text and "next month & a prisoner" in text


def test_failed_item_with_short_summary_is_a_failure(site: LocalSite) -> None:
    serve_feeds(site)
    with fetcher() as f:
        out = list(read_feed(site.url("/feed.rss"), SETTINGS, f))
    failure = out[3]
    assert isinstance(failure, Failure)
    assert (failure.stage, failure.reason) == ("ingest", "http-404")
    assert failure.source == site.url("/gone-short")


def test_atom_relative_links_resolve_against_the_feed_url(site: LocalSite) -> None:
    serve_feeds(site)
    with fetcher() as f:
        out = list(read_feed(site.url("/feed.atom"), SETTINGS, f))
    assert all(isinstance(d, Document) for d in out)
    docs = [d for d in out if isinstance(d, Document)]
    assert [d.url for d in docs] == [site.url("/page.html"), site.url("/plain.txt")]
    assert [d.date for d in docs] == ["2014-04-29", "2014-04-28"]
    assert docs[1].media_type == "text"


def test_feed_file_on_disk_is_read(site: LocalSite, tmp_path: Path) -> None:
    path = tmp_path / "wire.xml"
    path.write_text(rss(site.base), encoding="utf-8")
    with fetcher() as f:
        out = list(read_feed(str(path), SETTINGS, f))
    assert [type(r).__name__ for r in out] == ["Document", "Document", "Document", "Failure"]
    assert site.hits("/feed.rss") == 0


def test_unreachable_or_invalid_feed_is_one_failure(site: LocalSite, tmp_path: Path) -> None:
    site.routes["/not-a-feed"] = lambda h: send(h, 200, b"<html>hello</html>")
    with fetcher() as f:
        gone = list(read_feed(site.url("/missing.rss"), SETTINGS, f))
        bad = list(read_feed(site.url("/not-a-feed"), SETTINGS, f))
    assert [r.reason for r in gone if isinstance(r, Failure)] == ["http-404"]
    assert len(bad) == 1 and isinstance(bad[0], Failure) and bad[0].reason == "bad-feed"
    missing = list(read_feed(str(tmp_path / "absent.xml"), SETTINGS))
    assert [r.reason for r in missing if isinstance(r, Failure)] == ["unreadable"]


def test_feed_on_loopback_is_refused_by_default(site: LocalSite) -> None:
    serve_feeds(site)
    out = list(read_feed(site.url("/feed.rss"), Settings()))
    assert [r.reason for r in out if isinstance(r, Failure)] == ["forbidden-address"]
    assert site.requests == []


def test_html_to_text_drops_markup_and_scripts() -> None:
    fragment = "<p>One &amp; two</p><script>x()</script><p>three<br>four</p>"
    assert html_to_text(fragment) == "One & two\nthree\nfour"
