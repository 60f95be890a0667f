"""Safe fetching of web pages into :class:`~dragoman.records.Document` records.

:class:`Fetcher` wraps an ``httpx.Client`` and adds what a polite, safe crawler needs:

* an address policy: only ``http``/``https``; the host is resolved with ``socket.getaddrinfo``
  and every address must be public (no private, loopback, link-local, multicast, reserved,
  unspecified or shared ranges) unless ``settings.allow_private``; checked before any
  connection and again on every redirect hop;
* at most ``max_redirects`` (5) redirects, followed by hand;
* an overall deadline (``settings.fetch_timeout``, also the per-operation httpx timeout) and a
  size cap (``settings.fetch_max_bytes``, on the decoded body, read as a stream);
* retries with exponential backoff on 429, 5xx and connection errors (``max_retries``, 3),
  honouring ``Retry-After`` up to ``max_retry_after`` seconds; ``sleep`` is injectable;
* a per-host minimum interval between requests (``min_interval``, default
  :data:`DEFAULT_MIN_INTERVAL`, 1 s);
* robots.txt (cached per host; RFC 9309: 4xx means allow all, 5xx means disallow all).

Failures raise :class:`~dragoman.errors.FetchError` whose ``reason`` is one of ``bad-url``,
``bad-scheme``, ``forbidden-address``, ``robots``, ``timeout``, ``too-large``,
``too-many-redirects``, ``connect``, ``http-<status>`` or ``unsupported-type``
(:func:`fetch_document` only: a response that is neither HTML nor plain text).

A ``Fetcher`` is not thread-safe: use one per thread. The address policy holds at connection
time too: the client's network backend resolves each host once, checks every address and
connects to a checked address (no DNS-rebinding window between the check and the connection).
A proxy from the environment (``HTTP_PROXY``...) resolves names itself: only the pre-check
applies then.
"""

from __future__ import annotations

import codecs
import email.utils
import ipaddress
import logging
import socket
import time
import urllib.robotparser
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from dragoman.closing import Closing
from dragoman.errors import FailureReason, FetchError
from dragoman.ingest.urls import url_doc_id
from dragoman.records import Document, MediaType
from dragoman.settings import Settings

__all__ = [
    "CheckedNetwork",
    "FetchResponse",
    "Fetcher",
    "charset_of",
    "check_address",
    "checked_addresses",
    "checked_client",
    "fetch_document",
    "media_type_of",
]

log = logging.getLogger(__name__)

Resolver = Callable[..., Sequence[tuple[Any, ...]]]

#: Seconds between two requests to one host when ``Fetcher(min_interval=...)`` is not given.
DEFAULT_MIN_INTERVAL = 1.0

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_ROBOTS_MAX_BYTES = 512 * 1024
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})


@dataclass(frozen=True, slots=True)
class FetchResponse:
    """A fetched body: the final URL after redirects, status, content type and bytes."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    data: bytes
    headers: tuple[tuple[str, str], ...] = ()


def media_type_of(content_type: str) -> MediaType | None:
    """``"html"`` for HTML/XHTML (or no declared type), ``"text"`` for text/plain, else None."""
    main = content_type.split(";", 1)[0].strip().lower()
    if not main or main in _HTML_TYPES:
        return "html"
    if main in _TEXT_TYPES:
        return "text"
    return None


def charset_of(content_type: str) -> str | None:
    """The charset parameter of a Content-Type value, if Python knows the codec."""
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            name = value.strip().strip("\"'").lower()
            try:
                codecs.lookup(name)
            except LookupError:
                return None
            return name or None
    return None


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, Teredo client, NAT64), if any."""
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr.sixtofour is not None:
        return addr.sixtofour
    if addr.teredo is not None:
        return addr.teredo[1]
    if addr in _NAT64:
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def _forbidden(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(addr, ipaddress.IPv6Address):
        inner = _embedded_ipv4(addr)
        if inner is not None and _forbidden(inner):
            return True
        if addr.ipv4_mapped is not None:
            addr = addr.ipv4_mapped
    return (
        addr.is_private
        or addr.is_loopback
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
        or not addr.is_global
    )


def check_address(
    url: str,
    *,
    allow_private: bool = False,
    resolver: Resolver = socket.getaddrinfo,
) -> None:
    """Raise FetchError unless ``url`` is http(s) and (by default) every address is public."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"malformed URL {url!r}: {exc}", reason=FailureReason.BAD_URL) from exc
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise FetchError(
            f"scheme {scheme or '(none)'!r} is not fetched: {url}", reason=FailureReason.BAD_SCHEME
        )
    host = parts.hostname
    if not host:
        raise FetchError(f"URL has no host: {url}", reason=FailureReason.BAD_URL)
    if allow_private:
        return
    checked_addresses(host, port or (443 if scheme == "https" else 80), resolver)


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _resolve(host: str, port: int, resolver: Resolver) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host.strip("[]").split("%", 1)[0])]
    except ValueError:
        pass
    try:
        infos = resolver(host, port, 0, socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}", reason=FailureReason.CONNECT) from exc
    addresses: list[IPAddress] = []
    for info in infos:
        raw = str(info[4][0]).split("%", 1)[0]
        try:
            addresses.append(ipaddress.ip_address(raw))
        except ValueError:
            continue
    if not addresses:
        raise FetchError(f"no usable address for {host}", reason=FailureReason.CONNECT)
    return addresses


def checked_addresses(
    host: str, port: int, resolver: Resolver = socket.getaddrinfo
) -> list[IPAddress]:
    """The addresses of ``host``, resolved once; FetchError if any of them is not public."""
    addresses = _resolve(host, port, resolver)
    bad = [str(a) for a in addresses if _forbidden(a)]
    if bad:
        raise FetchError(
            f"{host} resolves to a non-public address ({', '.join(bad)}); "
            "set allow_private to fetch it",
            reason=FailureReason.FORBIDDEN_ADDRESS,
        )
    return addresses


class CheckedNetwork(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to addresses that pass the policy.

    The host is resolved here, once, and the connection goes to one of the checked addresses,
    so a name that answers a public address to the check and a private one to the connection
    (DNS rebinding) cannot reach the private one. TLS still verifies the original host name.
    """

    def __init__(self, *, allow_private: bool, resolver: Resolver = socket.getaddrinfo) -> None:
        self.allow_private = allow_private
        self.resolver = resolver

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        if self.allow_private:
            addresses = _resolve(host, port, self.resolver)
        else:
            addresses = checked_addresses(host, port, self.resolver)
        error: httpcore.ConnectError | None = None
        for address in addresses:
            try:
                return super().connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
        assert error is not None
        raise error


def checked_client(settings: Settings, resolver: Resolver = socket.getaddrinfo) -> httpx.Client:
    """An ``httpx.Client`` whose direct connections go through :class:`CheckedNetwork`."""
    transport = httpx.HTTPTransport()
    pool = transport._pool
    if not hasattr(pool, "_network_backend"):  # pragma: no cover - httpcore changed
        raise FetchError("this httpcore cannot pin checked addresses", reason=FailureReason.CONNECT)
    pool._network_backend = CheckedNetwork(allow_private=settings.allow_private, resolver=resolver)
    return httpx.Client(
        transport=transport,
        timeout=httpx.Timeout(settings.fetch_timeout),
        follow_redirects=False,
        headers={"User-Agent": settings.user_agent},
    )


def _retry_after(value: str | None, now: float) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now)


class Fetcher(Closing):
    """An ``httpx.Client`` with address policy, caps, retries, rate limit and robots.txt."""

    def __init__(
        self,
        settings: Settings,
        *,
        min_interval: float | None = None,
        max_redirects: int = 5,
        max_retries: int = 3,
        backoff: float = 1.0,
        max_retry_after: float = 30.0,
        respect_robots: bool = True,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        resolver: Resolver = socket.getaddrinfo,
        client: httpx.Client | None = None,
    ) -> None:
        self.settings = settings
        self.min_interval = DEFAULT_MIN_INTERVAL if min_interval is None else min_interval
        self.max_redirects = max_redirects
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.respect_robots = respect_robots
        self._sleep = sleep
        self._clock = clock
        self._resolver = resolver
        self._own_client = client is None
        self._client = client or checked_client(settings, resolver)
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}

    def close(self) -> None:
        if self._own_client:
            self._client.close()

    # public ----------------------------------------------------------------------------------
    def get(self, url: str) -> FetchResponse:
        """GET ``url`` under every policy; returns the 2xx body or raises FetchError."""
        return self._get(url, check_robots=self.respect_robots, retries=self.max_retries)

    def fetch(self, url: str) -> Document:
        """GET ``url`` and wrap an HTML or plain-text response as a Document."""
        resp = self.get(url)
        media = media_type_of(resp.content_type)
        if media is None:
            raise FetchError(
                f"{resp.final_url}: content type {resp.content_type!r} is neither HTML nor text",
                reason=FailureReason.UNSUPPORTED_TYPE,
            )
        return Document(
            doc_id=url_doc_id(resp.final_url),
            source=url,
            data=resp.data,
            media_type=media,
            url=resp.final_url,
            date=self.settings.default_date,
            encoding=resp.charset,
        )

    def allowed_by_robots(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s host lets our user agent fetch it (cached per host)."""
        parts = urlsplit(url)
        key = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        parser = self._robots.get(key)
        if parser is None:
            parser = self._load_robots(key)
            self._robots[key] = parser
        return parser.can_fetch(self.settings.user_agent, url)

    # internals -------------------------------------------------------------------------------
    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            resp = self._get(
                origin + "/robots.txt",
                check_robots=False,
                retries=0,
                max_bytes=_ROBOTS_MAX_BYTES,
                accept_status=True,
            )
        except FetchError as exc:
            if exc.reason == FailureReason.TOO_LARGE:
                parser.parse([])
                return parser
            if exc.reason in {
                FailureReason.FORBIDDEN_ADDRESS,
                FailureReason.BAD_SCHEME,
                FailureReason.TOO_MANY_REDIRECTS,
            }:
                parser.parse(["User-agent: *", "Disallow: /"])
                return parser
            raise
        if 200 <= resp.status < 300:
            parser.parse(resp.data.decode("utf-8", errors="replace").splitlines())
        elif resp.status >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])
        else:
            parser.parse([])
        return parser

    def _wait_for_host(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        last = self._last_request.get(host)
        if last is not None and self.min_interval > 0:
            wait = self.min_interval - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _get(
        self,
        url: str,
        *,
        check_robots: bool,
        retries: int,
        max_bytes: int | None = None,
        accept_status: bool = False,
    ) -> FetchResponse:
        current = url.strip()
        for _hop in range(self.max_redirects + 1):
            check_address(
                current, allow_private=self.settings.allow_private, resolver=self._resolver
            )
            if check_robots and not self.allowed_by_robots(current):
                raise FetchError(f"robots.txt disallows {current}", reason=FailureReason.ROBOTS)
            status, headers, data = self._request_with_retries(
                current, retries, max_bytes or self.settings.fetch_max_bytes
            )
            if status in _REDIRECT_STATUSES:
                location = headers.get("location")
                if not location:
                    raise FetchError(
                        f"{current}: redirect without Location", reason=FailureReason.http(status)
                    )
                current = urljoin(current, location.strip())
                continue
            if not accept_status and not 200 <= status < 300:
                raise FetchError(f"{current}: HTTP {status}", reason=FailureReason.http(status))
            content_type = headers.get("content-type", "")
            return FetchResponse(
                url=url,
                final_url=current,
                status=status,
                content_type=content_type,
                charset=charset_of(content_type),
                data=data,
                headers=tuple(headers.multi_items()),
            )
        raise FetchError(
            f"{url}: more than {self.max_redirects} redirects",
            reason=FailureReason.TOO_MANY_REDIRECTS,
        )

    def _request_with_retries(
        self, url: str, retries: int, max_bytes: int
    ) -> tuple[int, httpx.Headers, bytes]:
        attempt = 0
        while True:
            self._wait_for_host(url)
            try:
                status, headers, data = self._request_once(url, max_bytes)
            except FetchError as exc:
                if exc.reason != FailureReason.CONNECT or attempt >= retries:
                    raise
                delay = self.backoff * 2**attempt
                log.info("retrying %s in %.1fs after %s", url, delay, exc)
            else:
                if status not in _RETRY_STATUSES or attempt >= retries:
                    return status, headers, data
                hinted = _retry_after(headers.get("retry-after"), time.time())
                delay = self.backoff * 2**attempt if hinted is None else hinted
                delay = min(delay, self.max_retry_after)
                log.info("retrying %s in %.1fs after HTTP %d", url, delay, status)
            attempt += 1
            if delay > 0:
                self._sleep(delay)

    def _request_once(self, url: str, max_bytes: int) -> tuple[int, httpx.Headers, bytes]:
        timeout = self.settings.fetch_timeout
        deadline = time.monotonic() + timeout
        try:
            with self._client.stream("GET", url) as resp:
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes and resp.status_code < 300:
                    raise FetchError(
                        f"{url}: {declared} bytes declared, cap is {max_bytes}",
                        reason=FailureReason.TOO_LARGE,
                    )
                chunks: list[bytes] = []
                size = 0
                if resp.status_code not in _REDIRECT_STATUSES:
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(
                                f"{url}: body larger than the cap of {max_bytes} bytes",
                                reason=FailureReason.TOO_LARGE,
                            )
                        chunks.append(chunk)
                        if time.monotonic() > deadline:
                            raise FetchError(
                                f"{url}: not complete within {timeout:g}s",
                                reason=FailureReason.TIMEOUT,
                            )
                return resp.status_code, resp.headers, b"".join(chunks)
        except httpx.TimeoutException as exc:
            raise FetchError(
                f"{url}: timed out after {timeout:g}s ({exc})", reason=FailureReason.TIMEOUT
            ) from exc
        except httpx.TooManyRedirects as exc:
            raise FetchError(str(exc), reason=FailureReason.TOO_MANY_REDIRECTS) from exc
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise FetchError(
                f"{url}: {type(exc).__name__}: {exc}", reason=FailureReason.CONNECT
            ) from exc
        except httpx.InvalidURL as exc:
            raise FetchError(f"{url}: {exc}", reason=FailureReason.BAD_URL) from exc


def fetch_document(url: str, settings: Settings, fetcher: Fetcher | None = None) -> Document:
    """Fetch one URL as a Document (HTML or plain text), or raise FetchError with a reason."""
    if fetcher is not None:
        return fetcher.fetch(url)
    with Fetcher(settings) as own:
        return own.fetch(url)
