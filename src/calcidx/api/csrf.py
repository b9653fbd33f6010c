"""Anti-forgery tokens for the web forms: stateless, signed with the secret key, valid for hours."""

from __future__ import annotations

import hashlib
import hmac
import time

__all__ = ["FORM_TOKEN_TTL_S", "check_form_token", "make_form_token"]

FORM_TOKEN_TTL_S = 12 * 3600


def _sign(secret: str, stamp: str) -> str:
    return hmac.new(secret.encode(), f"form:{stamp}".encode(), hashlib.sha256).hexdigest()


def make_form_token(secret: str, now: float | None = None) -> str:
    """A token for a form rendered now."""
    stamp = str(int(now if now is not None else time.time()))
    return f"{stamp}.{_sign(secret, stamp)}"


def check_form_token(secret: str, token: str | None, now: float | None = None) -> bool:
    """True when ``token`` was made with ``secret`` less than ``FORM_TOKEN_TTL_S`` ago."""
    if not token or "." not in token:
        return False
    stamp, signature = token.split(".", 1)
    if not stamp.isdigit() or not hmac.compare_digest(signature, _sign(secret, stamp)):
        return False
    age = (now if now is not None else time.time()) - int(stamp)
    return 0 <= age <= FORM_TOKEN_TTL_S
