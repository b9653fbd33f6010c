"""ASGI middleware: request size limit (413), security headers, and an access log without patient text.

One log line per request holds a request id, method, path, status, body size and duration, and
what the route noted about its work (``note_work``: sizes, format, timings), never a body, a query
string or a header value. Everything per request is cheap: the header list is built once, the
request id is a per-process random prefix and a counter (no ``os.urandom`` per request), and the
line is formatted only when the ``calcidx.api`` logger is enabled for INFO.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import secrets
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["CSP", "SECURITY_HEADERS", "SecurityMiddleware", "note_work"]

log = logging.getLogger("calcidx.api")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: No inline script or style, nothing from another origin, no framing.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


_SECURITY_NAMES = frozenset(k for k, _ in SECURITY_HEADERS)

#: Request ids: random per process (so two workers never share one), then a counter.
_ID_PREFIX = secrets.token_hex(3)
_ID_COUNTER = itertools.count(1)


class _TooLarge(Exception):
    pass


def note_work(scope: Scope, what: str, **facts: object) -> None:
    """Add what a route did (sizes, formats, timings: never content) to the request's log line."""
    scope.setdefault("state", {})["work"] = (what, facts)


class SecurityMiddleware:
    """Limits request bodies, adds security headers and logs each request without its content.

    Args:
        app: the wrapped ASGI app.
        max_body_bytes: largest body accepted; larger gets 413 before the route runs.
    """

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = f"{_ID_PREFIX}{next(_ID_COUNTER):06x}"
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        received = 0
        status = 0
        response_started = False
        limit = self.max_body_bytes

        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _send_413(send, limit, request_id)
            _log(scope, 413, declared, started, request_id)
            return

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = int(message["status"])
                headers = [(k, v) for k, v in message.get("headers", ()) if k.lower() != b"server"]
                names = {k.lower() for k, _ in headers}
                if names.isdisjoint(_SECURITY_NAMES):
                    headers += SECURITY_HEADERS
                else:
                    headers += [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                headers.append((b"x-request-id", request_id.encode()))
                if b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if not response_started:
                await _send_413(send, limit, request_id)
            status = 413
        finally:
            _log(scope, status or 500, received, started, request_id)


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_413(send: Send, limit: int, request_id: str) -> None:
    body = json.dumps(
        {"detail": f"the request body is above the limit of {limit:,} bytes; send one report at a time"}
    ).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        (b"x-request-id", request_id.encode()),
        *SECURITY_HEADERS,
    ]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _log(scope: Scope, status: int, size: int, started: float, request_id: str) -> None:
    if not log.isEnabledFor(logging.INFO):
        return
    ms = (time.perf_counter() - started) * 1000
    work = scope.get("state", {}).get("work")
    noted = ""
    if work is not None:
        what, facts = work
        noted = " " + what + "".join(f" {k}={v}" for k, v in facts.items())
    log.info(
        "request id=%s worker=%d method=%s path=%s status=%d bytes_in=%d ms=%.1f%s",
        request_id,
        os.getpid(),
        scope.get("method", "?"),
        scope.get("path", "?"),
        status,
        size,
        ms,
        noted,
    )
