"""One JSON error shape everywhere (RFC 9457 problem details), HTML errors for browsers, no tracebacks."""

from __future__ import annotations

import pytest

from registry.web import create_app

SHAPE = {"type", "title", "status", "detail"}
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def _check_shape(response, status):
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert SHAPE <= set(body)
    assert body["status"] == status and body["type"] == "about:blank"
    assert isinstance(body["title"], str) and isinstance(body["detail"], str)
    return body


@pytest.mark.parametrize(("method", "path", "headers", "status"), [
    ("GET", "/fdo/aaaaaaaaaaaaa", {}, 404),
    ("GET", "/no/such/route", {"Accept": "*/*"}, 404),
    ("GET", "/fdo/{base}", {"Accept": "application/xml"}, 406),
    ("GET", "/fdo/{base}", {"Accept-Datetime": "soon"}, 400),
    ("GET", "/api/fdo?page=0", {}, 400),
    ("GET", "/fdo/{old}", {}, 410),
    ("POST", "/fdo/{base}", {}, 405),
    ("GET", "/sparql?query=SELEC", {}, 400),
    ("GET", "/sparql?update=CLEAR%20ALL", {}, 403),
])
def test_error_shape_is_pinned(client, ids, method, path, headers, status):
    path = path.format(base=ids.base_lm, old=ids.old)
    body = _check_shape(client.open(path, method=method, headers=headers), status)
    assert "Traceback" not in body["detail"]


def test_html_errors_for_browsers(client):
    r = client.get("/fdo/aaaaaaaaaaaaa", headers={"Accept": BROWSER})
    assert r.status_code == 404 and r.mimetype == "text/html"
    assert "no FDO with id" in r.get_data(as_text=True)


def test_406_page_lists_offers_for_browsers(client, ids):
    r = client.get(f"/fdo/{ids.base_lm}", headers={"Accept": "application/xml, text/html;q=0"})
    assert r.status_code == 406
    assert r.get_json()["offers"][:2] == ["text/html", "application/ld+json"]


def test_tombstone_page_for_browsers(client, ids):
    r = client.get(f"/fdo/{ids.old}", headers={"Accept": BROWSER})
    assert r.status_code == 410 and r.mimetype == "text/html"
    text = r.get_data(as_text=True)
    assert "This FDO was withdrawn" in text and "removed from the Hub by its owner" in text
    assert f"/fdo/{ids.old}/v/1" in text
    for path in (f"/fdo/{ids.old}.ttl", f"/fdo/{ids.old}/record", f"/fdo/{ids.old}/ro-crate"):
        assert client.get(path).status_code == 410


def test_unexpected_errors_hide_their_text(populated_registry):
    app = create_app({"REGISTRY": populated_registry, "TESTING": True})

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals /etc/passwd")

    r = app.test_client().get("/boom")
    body = _check_shape(r, 500)
    assert "secret" not in r.get_data(as_text=True)
    assert body["title"] == "Internal error"
