"""A real HTTP server on 127.0.0.1 (port 0, in a thread) serving hand-written fixtures.

Imported by the fetch, feeds and watch tests through the ``site`` fixture. Routes are plain
functions of the request handler, so a test can add or replace one (``site.routes[path] = ...``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

Route = Callable[[BaseHTTPRequestHandler], None]

PAGE_HTML = (
    "<html><head><title>Talks in Havana</title></head><body><article>"
    "<p>Russian Foreign Minister Sergei Lavrov met Cuban officials in Havana on Tuesday.</p>"
    "</article></body></html>"
)
CP1252_TEXT = "Café talks: “friendly” says the minister — 5 €"


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.wfile.write(body)


class LocalSite:
    """The running server: its base URL, routes, and the paths requested so far."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.user_agents: list[str] = []
        self.counters: dict[str, int] = {}
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with site.lock:
                    site.requests.append(self.path)
                    site.user_agents.append(self.headers.get("User-Agent", ""))
                route = site.routes.get(self.path.split("?", 1)[0])
                if route is None:
                    send(self, 404, b"<html>not found</html>")
                else:
                    route(self)

            def log_message(self, format: str, *args: Any) -> None:
                return

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

            def handle_error(self, request: Any, client_address: Any) -> None:
                return  # clients hang up on purpose (size cap, timeouts)

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, key: str) -> int:
        with self.lock:
            self.counters[key] = self.counters.get(key, 0) + 1
            return self.counters[key]

    def hits(self, path: str) -> int:
        return sum(1 for p in self.requests if p.split("?", 1)[0] == path)


def redirect_to(location: str, status: int = 302) -> Route:
    return lambda h: send(h, status, headers={"Location": location})


def _install_default_routes(site: LocalSite) -> None:
    r = site.routes
    r["/page.html"] = lambda h: send(h, 200, PAGE_HTML.encode("utf-8"))
    r["/plain.txt"] = lambda h: send(h, 200, b"Plain words.", "text/plain; charset=utf-8")
    r["/image.png"] = lambda h: send(h, 200, b"\x89PNG\r\n\x1a\n", "image/png")
    r["/cp1252.html"] = lambda h: send(
        h,
        200,
        f"<html><body><p>{CP1252_TEXT}</p></body></html>".encode("cp1252"),
        "text/html; charset=windows-1252",
    )
    for n in range(1, 9):
        target = f"/redirect/{n - 1}" if n > 1 else "/page.html"
        r[f"/redirect/{n}"] = redirect_to(target)
    r["/to-file"] = lambda h: send(h, 302, headers={"Location": "file:///etc/passwd"})
    r["/to-ftp"] = lambda h: send(h, 301, headers={"Location": "ftp://127.0.0.1/x"})

    def huge(h: BaseHTTPRequestHandler) -> None:
        # No Content-Length: the client only learns the size by reading (a streamed body).
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")
        h.end_headers()
        chunk = b"<p>" + b"x" * 65_530 + b"</p>"
        for _ in range(64):
            h.wfile.write(chunk)

    r["/huge"] = huge

    def huge_declared(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "50000000")
        h.end_headers()
        h.wfile.write(b"<p>" * 1000)

    r["/huge-declared"] = huge_declared

    def slow(h: BaseHTTPRequestHandler) -> None:
        time.sleep(1.0)
        send(h, 200, b"<html>late</html>")

    r["/slow"] = slow

    def drip(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        for _ in range(30):
            h.wfile.write(b"<p>drop</p>")
            h.wfile.flush()
            time.sleep(0.05)

    r["/drip"] = drip

    def flaky(h: BaseHTTPRequestHandler) -> None:
        if site.count("flaky") == 1:
            send(h, 503, b"busy", headers={"Retry-After": "2"})
        else:
            send(h, 200, PAGE_HTML.encode("utf-8"))

    r["/flaky"] = flaky
    r["/down"] = lambda h: send(h, 503, b"down")


@pytest.fixture
def site() -> Iterator[LocalSite]:
    local = LocalSite()
    _install_default_routes(local)
    local.thread.start()
    try:
        yield local
    finally:
        local.server.shutdown()
        local.server.server_close()
        local.thread.join(timeout=5)


def test_local_site_serves_the_page_and_404s_elsewhere(site: LocalSite) -> None:
    import httpx

    with httpx.Client() as client:
        assert client.get(site.url("/page.html")).text == PAGE_HTML
        assert client.get(site.url("/nowhere")).status_code == 404
    assert site.requests == ["/page.html", "/nowhere"]
