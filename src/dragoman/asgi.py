"""The HTTP guard in front of the API and the dashboard: one pure ASGI middleware.

It does four things before a request reaches a route:

- ``HEAD`` runs as ``GET`` with the body dropped, so every page and endpoint that answers
  ``GET`` answers ``HEAD`` with the same status and headers;
- a request body larger than ``max_body`` bytes is refused with 413 (by its
  ``Content-Length`` when it has one, else while it is read), before any route parses it;
- with ``allowed_hosts``, a request whose ``Host`` is not one of them is refused with 400 (a
  server on loopback then cannot be read by another site through DNS rebinding);
- every response gets ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``
  and ``X-Frame-Options: DENY``.

Refusals use the API's one error shape. No CORS header is ever sent: browsers keep other
sites' pages from reading the answers.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


def error_body(status: int, reason: str, detail: str) -> bytes:
    """The API's one error shape as JSON bytes."""
    return json.dumps({"error": {"status": status, "reason": reason, "detail": detail}}).encode()


async def _send_error(send: Send, status: int, reason: str, detail: str) -> None:
    body = error_body(status, reason, detail)
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *_SECURITY_HEADERS,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def host_name(host_header: str) -> str:
    """The host of a ``Host`` header without its port (``[::1]:8000`` -> ``::1``)."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class HttpGuard:
    """ASGI middleware: HEAD as GET, a body size limit, a Host check, security headers."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body: int,
        allowed_hosts: Collection[str] | None = None,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = (
            None if allowed_hosts is None else frozenset(h.lower() for h in allowed_hosts)
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed_hosts is not None:
            host = host_name(_header(scope, b"host") or "")
            if host not in self.allowed_hosts:
                await _send_error(send, 400, "bad-host", "this server does not answer that host")
                return
        length = _header(scope, b"content-length")
        if length is not None:
            if not length.strip().isdigit():
                await _send_error(send, 400, "bad-request", "invalid Content-Length")
                return
            if int(length) > self.max_body:
                await _send_error(send, 413, "payload-too-large", self._too_large())
                return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        has_body = scope["method"] in ("POST", "PUT", "PATCH")
        body = await self._read_body(receive) if has_body else b""
        if body is None:
            await _send_error(send, 413, "payload-too-large", self._too_large())
            return

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if has_body and not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def guarded_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {k.lower() for k, _ in headers}
                headers.extend(h for h in _SECURITY_HEADERS if h[0] not in present)
                message = {**message, "headers": headers}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, replay, guarded_send)

    def _too_large(self) -> str:
        return f"the request body is larger than {self.max_body} bytes"

    async def _read_body(self, receive: Receive) -> bytes | None:
        """The whole request body, or None as soon as it passes ``max_body`` bytes."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)
