"""Fetching against a real HTTP server on loopback (see test_fetch_server.py)."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from dragoman.errors import FetchError
from dragoman.ingest.fetch import Fetcher, check_address, fetch_document
from dragoman.ingest.urls import url_doc_id
from dragoman.settings import Settings
from test_fetch_server import CP1252_TEXT, PAGE_HTML, LocalSite, send, site

__all__ = ["site"]  # the fixture, re-exported for pytest

LOOPBACK = Settings(allow_private=True, fetch_timeout=5.0)


def make_fetcher(settings: Settings = LOOPBACK, **kwargs: Any) -> Fetcher:
    kwargs.setdefault("min_interval", 0.0)
    kwargs.setdefault("sleep", lambda _s: None)
    return Fetcher(settings, **kwargs)


def reason_of(call: Any) -> str:
    with pytest.raises(FetchError) as info:
        call()
    return info.value.reason


def test_html_page_becomes_a_document_with_url_id_and_charset(site: LocalSite) -> None:
    url = site.url("/page.html?utm_source=feed#top")
    with make_fetcher() as fetcher:
        doc = fetch_document(url, LOOPBACK, fetcher)
    assert doc.data.decode("utf-8") == PAGE_HTML
    assert doc.media_type == "html"
    assert doc.encoding == "utf-8"
    assert doc.url == url
    assert doc.source == url
    assert doc.doc_id == url_doc_id(site.url("/page.html"))
    assert len(doc.doc_id) == 16
    assert doc.date is None


def test_user_agent_from_settings_is_sent(site: LocalSite) -> None:
    settings = Settings(allow_private=True, user_agent="dragoman-test/9")
    with make_fetcher(settings) as fetcher:
        fetcher.fetch(site.url("/page.html"))
    assert set(site.user_agents) == {"dragoman-test/9"}


def test_cp1252_page_keeps_header_charset_and_raw_bytes(site: LocalSite) -> None:
    with make_fetcher() as fetcher:
        doc = fetcher.fetch(site.url("/cp1252.html"))
    assert doc.encoding == "windows-1252"
    assert CP1252_TEXT in doc.data.decode(doc.encoding)


def test_plain_text_is_text_and_images_are_unsupported(site: LocalSite) -> None:
    with make_fetcher() as fetcher:
        assert fetcher.fetch(site.url("/plain.txt")).media_type == "text"
        assert reason_of(lambda: fetcher.fetch(site.url("/image.png"))) == "unsupported-type"


def test_redirect_chain_within_cap_lands_on_final_page(site: LocalSite) -> None:
    with make_fetcher() as fetcher:
        doc = fetcher.fetch(site.url("/redirect/3"))
    assert doc.url == site.url("/page.html")
    assert doc.source == site.url("/redirect/3")
    assert doc.doc_id == url_doc_id(site.url("/page.html"))


def test_redirect_chain_longer_than_five_is_refused(site: LocalSite) -> None:
    with make_fetcher() as fetcher:
        assert reason_of(lambda: fetcher.fetch(site.url("/redirect/7"))) == "too-many-redirects"
    assert site.hits("/page.html") == 0
    assert site.hits("/redirect/1") == 0


@pytest.mark.parametrize("path", ["/to-file", "/to-ftp"])
def test_redirect_to_non_http_scheme_is_refused(site: LocalSite, path: str) -> None:
    with make_fetcher() as fetcher:
        assert reason_of(lambda: fetcher.fetch(site.url(path))) == "bad-scheme"


def test_non_http_url_is_refused_before_anything() -> None:
    assert reason_of(lambda: fetch_document("file:///etc/passwd", LOOPBACK)) == "bad-scheme"
    assert reason_of(lambda: fetch_document("gopher://example.com/", LOOPBACK)) == "bad-scheme"


def test_streamed_body_over_the_cap_is_too_large(site: LocalSite) -> None:
    settings = Settings(allow_private=True, fetch_max_bytes=100_000)
    with make_fetcher(settings) as fetcher:
        assert reason_of(lambda: fetcher.fetch(site.url("/huge"))) == "too-large"
        assert reason_of(lambda: fetcher.fetch(site.url("/huge-declared"))) == "too-large"


def test_server_slower_than_the_timeout_times_out(site: LocalSite) -> None:
    settings = Settings(allow_private=True, fetch_timeout=0.2)
    with make_fetcher(settings) as fetcher:
        assert reason_of(lambda: fetcher.fetch(site.url("/slow"))) == "timeout"


def test_body_dripping_past_the_deadline_times_out(site: LocalSite) -> None:
    settings = Settings(allow_private=True, fetch_timeout=0.4)
    with make_fetcher(settings) as fetcher:
        assert reason_of(lambda: fetcher.fetch(site.url("/drip"))) == "timeout"


def test_503_then_200_is_retried_honouring_retry_after(site: LocalSite) -> None:
    slept: list[float] = []
    with make_fetcher(sleep=slept.append) as fetcher:
        doc = fetcher.fetch(site.url("/flaky"))
    assert doc.data.decode() == PAGE_HTML
    assert site.hits("/flaky") == 2
    assert slept == [2.0]


def test_persistent_503_gives_up_after_three_retries_with_backoff(site: LocalSite) -> None:
    slept: list[float] = []
    with make_fetcher(sleep=slept.append, backoff=0.5) as fetcher:
        assert reason_of(lambda: fetcher.fetch(site.url("/down"))) == "http-503"
    assert site.hits("/down") == 4
    assert slept == [0.5, 1.0, 2.0]


def test_retry_after_is_capped(site: LocalSite) -> None:
    site.routes["/busy"] = lambda h: send(h, 429, b"", headers={"Retry-After": "3600"})
    slept: list[float] = []
    with make_fetcher(sleep=slept.append, max_retry_after=5.0, max_retries=1) as fetcher:
        assert reason_of(lambda: fetcher.fetch(site.url("/busy"))) == "http-429"
    assert slept == [5.0]


def test_404_is_an_http_reason(site: LocalSite) -> None:
    with make_fetcher() as fetcher:
        assert reason_of(lambda: fetcher.fetch(site.url("/missing"))) == "http-404"


def test_refused_connection_is_retried_then_reported_as_connect() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    slept: list[float] = []
    with make_fetcher(sleep=slept.append, backoff=0.1, respect_robots=False) as fetcher:
        reason = reason_of(lambda: fetcher.fetch(f"http://127.0.0.1:{port}/page.html"))
    assert reason == "connect"
    assert slept == pytest.approx([0.1, 0.2, 0.4])


def test_robots_txt_disallowed_path_is_not_fetched(site: LocalSite) -> None:
    robots = b"User-agent: *\nDisallow: /private/\n"
    site.routes["/robots.txt"] = lambda h: send(h, 200, robots, "text/plain")
    site.routes["/private/a.html"] = lambda h: send(h, 200, b"<html>secret</html>")
    with make_fetcher() as fetcher:
        assert reason_of(lambda: fetcher.fetch(site.url("/private/a.html"))) == "robots"
        assert fetcher.fetch(site.url("/page.html")).media_type == "html"
        fetcher.fetch(site.url("/cp1252.html"))
    assert site.hits("/private/a.html") == 0
    assert site.hits("/robots.txt") == 1  # cached per host


def test_robots_txt_ignored_when_disabled(site: LocalSite) -> None:
    site.routes["/robots.txt"] = lambda h: send(h, 200, b"User-agent: *\nDisallow: /\n")
    with make_fetcher(respect_robots=False) as fetcher:
        fetcher.fetch(site.url("/page.html"))
    assert site.hits("/robots.txt") == 0


def test_robots_txt_server_error_disallows_everything(site: LocalSite) -> None:
    site.routes["/robots.txt"] = lambda h: send(h, 500, b"oops")
    with make_fetcher() as fetcher:
        assert reason_of(lambda: fetcher.fetch(site.url("/page.html"))) == "robots"


def test_requests_to_one_host_are_spaced_by_min_interval(site: LocalSite) -> None:
    now = [100.0]  # a frozen clock: only the fetcher's own sleeps move it
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    with Fetcher(LOOPBACK, min_interval=1.0, sleep=sleep, clock=lambda: now[0]) as fetcher:
        fetcher.fetch(site.url("/page.html"))  # robots.txt, then the page
    assert slept == [1.0]


def test_loopback_is_refused_by_default_before_connecting(site: LocalSite) -> None:
    settings = Settings()  # allow_private defaults to False
    for url in (site.url("/page.html"), f"http://localhost:{site.port}/page.html"):
        assert reason_of(lambda u=url: fetch_document(u, settings)) == "forbidden-address"
    assert site.requests == []


def test_name_resolving_to_any_private_address_is_forbidden() -> None:
    def resolver(host: str, port: Any, *args: Any) -> list[tuple[Any, ...]]:
        ips = {"mixed.test": ["93.184.216.34", "10.0.0.7"], "public.test": ["93.184.216.34"]}
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in ips[host]]

    with pytest.raises(FetchError) as info:
        check_address("http://mixed.test/", resolver=resolver)
    assert info.value.reason == "forbidden-address"
    check_address("http://public.test/", resolver=resolver)


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[fe80::1]/",
        "http://224.0.0.1/",
        "http://0.0.0.0/",
        "http://240.0.0.1/",
        "http://100.64.0.1/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fc00::1]/",
    ],
)
def test_non_public_addresses_are_forbidden(url: str) -> None:
    with pytest.raises(FetchError) as info:
        check_address(url)
    assert info.value.reason == "forbidden-address"


def test_public_literal_address_and_allow_private_pass() -> None:
    check_address("https://93.184.216.34/news")
    check_address("http://127.0.0.1/", allow_private=True)


def test_malformed_url_is_bad_url() -> None:
    with pytest.raises(FetchError) as info:
        check_address("http://example.com:99999999/")
    assert info.value.reason == "bad-url"
