"""The fetcher's address policy against every spelling, redirect and DNS trick, on loopback only.

Nothing here leaves the machine: the server is the loopback fixture of test_fetch_server.py,
names are answered by a fake resolver, and every forbidden address is refused before any
connection is made.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from dragoman.errors import FetchError
from dragoman.ingest import fetch
from dragoman.ingest.fetch import Fetcher, check_address
from dragoman.settings import Settings
from test_fetch_server import LocalSite, redirect_to, site

__all__ = ["site"]

POLICY = Settings(allow_private=False, fetch_timeout=3.0)


def reason_of(call: Callable[[], Any]) -> str:
    with pytest.raises(FetchError) as info:
        call()
    return info.value.reason


def resolver_of(answers: dict[str, list[list[str]]]) -> Callable[..., list[tuple[Any, ...]]]:
    """A resolver giving each name its next list of addresses (the last one repeats)."""
    calls: dict[str, int] = {}

    def resolve(host: str, port: Any, *args: Any) -> list[tuple[Any, ...]]:
        if host not in answers:  # numeric spellings only: never a DNS query
            return socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM, 0, socket.AI_NUMERICHOST)
        n = calls.get(host, 0)
        calls[host] = n + 1
        ips = answers[host][min(n, len(answers[host]) - 1)]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in ips]

    return resolve


@pytest.fixture
def loopback_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let 127.0.0.1 (the test server) stand for the public internet; nothing else changes."""
    real = fetch._forbidden
    monkeypatch.setattr(fetch, "_forbidden", lambda a: str(a) != "127.0.0.1" and real(a))


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",  # decimal 127.0.0.1
        "http://0177.0.0.1/",  # octal
        "http://0x7f.0.0.1/",  # hex
        "http://0x7f000001/",
        "http://127.1/",  # short form
        "http://017700000001/",
        "http://0/",  # 0.0.0.0
        "http://167772161/",  # 10.0.0.1
        "http://0xa9.0xfe.0xa9.0xfe/",  # 169.254.169.254, the cloud metadata address
        "http://[::ffff:7f00:1]/",  # IPv4-mapped, hex
        "http://[0:0:0:0:0:ffff:127.0.0.1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[64:ff9b::a00:1]/",  # NAT64 of 10.0.0.1
        "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
        "http://[::]/",
        "http://[::1]:8080/",
        "http://[fe80::1%25eth0]/",  # link-local with a zone
        "http://198.18.0.1/",  # benchmarking range
        "http://192.0.2.1/",  # documentation range
        "http://255.255.255.255/",
    ],
)
def test_every_spelling_of_a_non_public_address_is_forbidden(url: str) -> None:
    assert reason_of(lambda: check_address(url)) == "forbidden-address"


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.invalid/", "gopher://x/", "data:text/html,hi"]
)
def test_non_http_schemes_are_refused(url: str) -> None:
    assert reason_of(lambda: check_address(url)) == "bad-scheme"


def test_a_public_page_is_fetched_through_the_checked_connection(
    site: LocalSite, loopback_is_public: None
) -> None:
    resolver = resolver_of({"news.test": [["127.0.0.1"]]})
    with Fetcher(POLICY, min_interval=0, resolver=resolver) as fetcher:
        doc = fetcher.fetch(f"http://news.test:{site.port}/page.html")
    assert b"Lavrov" in doc.data  # news.test exists only in the fake resolver: it was used


def test_dns_rebinding_to_loopback_is_refused_at_connection_time(site: LocalSite) -> None:
    # public for the check, loopback for the connection
    resolver = resolver_of({"rebind.test": [["93.184.216.34"], ["127.0.0.1"]]})
    with Fetcher(POLICY, min_interval=0, respect_robots=False, resolver=resolver) as fetcher:
        assert reason_of(lambda: fetcher.get(f"http://rebind.test:{site.port}/page.html")) == (
            "forbidden-address"
        )
    assert site.requests == []


def test_a_name_with_a_private_address_among_public_ones_is_refused(site: LocalSite) -> None:
    resolver = resolver_of({"mixed.test": [["93.184.216.34", "127.0.0.1"]]})
    with Fetcher(POLICY, min_interval=0, respect_robots=False, resolver=resolver) as fetcher:
        assert reason_of(lambda: fetcher.get(f"http://mixed.test:{site.port}/")) == (
            "forbidden-address"
        )
    assert site.requests == []


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://0x0a000001/",
        "http://[::ffff:192.168.0.1]/",
        "http://inside.test/",
    ],
)
def test_redirects_into_private_ranges_are_refused(
    site: LocalSite, loopback_is_public: None, target: str
) -> None:
    site.routes["/jump"] = redirect_to(target)
    resolver = resolver_of({"news.test": [["127.0.0.1"]], "inside.test": [["192.168.1.5"]]})
    with Fetcher(POLICY, min_interval=0, resolver=resolver) as fetcher:
        assert reason_of(lambda: fetcher.get(f"http://news.test:{site.port}/jump")) == (
            "forbidden-address"
        )


def test_an_endless_body_stops_at_the_size_cap(site: LocalSite) -> None:
    def endless(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        try:
            while True:
                h.wfile.write(b"<p>more</p>" * 1000)
        except OSError:
            return

    site.routes["/endless"] = endless
    settings = Settings(allow_private=True, fetch_timeout=10.0, fetch_max_bytes=200_000)
    with Fetcher(settings, min_interval=0, respect_robots=False) as fetcher:
        assert reason_of(lambda: fetcher.get(site.url("/endless"))) == "too-large"


def test_robots_txt_that_forbids_everything_stops_the_fetch(site: LocalSite) -> None:
    def robots(h: BaseHTTPRequestHandler) -> None:
        body = b"User-agent: *\nDisallow: /\n"
        h.send_response(200)
        h.send_header("Content-Type", "text/plain")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    site.routes["/robots.txt"] = robots
    settings = Settings(allow_private=True, fetch_timeout=5.0)
    with Fetcher(settings, min_interval=0) as fetcher:
        assert reason_of(lambda: fetcher.fetch(site.url("/page.html"))) == "robots"
    assert "/page.html" not in site.requests
