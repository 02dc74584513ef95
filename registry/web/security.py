"""Security headers and write access: a Content-Security-Policy on every HTML response, the admin token."""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, Response, current_app, g, request

from registry.errors import Forbidden, Unauthorized
from registry.web.responses import PAGE_CSP

__all__ = ["init_app", "csp_nonce", "require_admin", "page_policy"]


def csp_nonce() -> str:
    """Return this request's nonce; a template that marks its inline <script>/<style> with it may run them."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def page_policy(nonce: str | None) -> str:
    """Return the page policy: no script at all, or only the inline blocks carrying ``nonce``."""
    if nonce is None:
        return PAGE_CSP
    return (PAGE_CSP.replace("script-src 'none'", f"script-src 'nonce-{nonce}'")
            .replace("style-src 'self'", f"style-src 'self' 'nonce-{nonce}'"))


def require_admin() -> None:
    """Refuse a state-changing request without the admin bearer token (401), or with a wrong one (403).

    With ``MLFDO_ADMIN_TOKEN`` unset every such request is refused (403).
    """
    token = str(current_app.config.get("MLFDO_ADMIN_TOKEN") or "")
    if not token:
        raise Forbidden("state-changing endpoints are disabled: the server has no MLFDO_ADMIN_TOKEN")
    given = request.headers.get("Authorization", "")
    if not given.startswith("Bearer "):
        raise Unauthorized("send the admin token as 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(given.removeprefix("Bearer ").strip().encode(), token.encode()):
        raise Forbidden("the admin token is not valid")


def init_app(app: Flask) -> None:
    """Put the page policy on every HTML response (error pages and forms included) and offer ``csp_nonce``."""
    app.jinja_env.globals["csp_nonce"] = csp_nonce

    @app.after_request
    def _policy(response: Response) -> Response:
        if response.mimetype in ("text/html", "application/xhtml+xml"):
            response.headers["Content-Security-Policy"] = page_policy(g.get("csp_nonce"))
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
        elif response.mimetype != "text/event-stream":
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    @app.errorhandler(Unauthorized)
    def _unauthorized(exc: Unauthorized) -> Response:
        from registry.web.errors import error_response

        response = error_response(401, exc.title, exc.message)
        response.headers["WWW-Authenticate"] = 'Bearer realm="mlfdo admin"'
        return response
