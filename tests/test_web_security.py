"""Write access needs the admin token; CORS never allows credentials; every HTML response carries the page policy."""

from __future__ import annotations

import re

import pytest

from registry.web import create_app

READ_ONLY_POSTS = {"/sparql", "/api/chat"}  # queries and questions: they change nothing
TOKEN = "s3cret-token-for-tests"


@pytest.fixture
def admin_client(populated_registry):
    return create_app({"REGISTRY": populated_registry, "TESTING": True, "SPARQL_ISOLATION": "thread",
                       "ADMIN_TOKEN": TOKEN}).test_client()


def _writing_routes(app) -> list[str]:
    return sorted({rule.rule for rule in app.url_map.iter_rules()
                   if rule.methods & {"POST", "PUT", "DELETE", "PATCH"} and rule.rule not in READ_ONLY_POSTS})


def test_every_state_changing_route_refuses_a_request_without_token(admin_client):
    routes = _writing_routes(admin_client.application)
    assert "/admin/reindex" in routes and "/admin/backup" in routes
    for route in routes:
        response = admin_client.post(route, json={})
        assert response.status_code == 401, route
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        wrong = admin_client.post(route, json={}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 403, route


def test_without_a_configured_token_admin_endpoints_are_disabled(client):
    response = client.post("/admin/reindex", headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403 and "MLFDO_ADMIN_TOKEN" in response.get_json()["detail"]


def test_admin_backup_with_token_checks_its_input(admin_client):
    response = admin_client.post("/admin/backup", json={"target": "relative/dir"},
                                 headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400


def test_cors_never_allows_credentials(client):
    preflight = client.options("/admin/reindex", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Authorization"})
    assert "Access-Control-Allow-Credentials" not in preflight.headers
    read = client.get("/api/stats", headers={"Origin": "https://evil.example", "Cookie": "a=b"})
    assert read.headers.get("Access-Control-Allow-Origin") == "*"
    assert "Access-Control-Allow-Credentials" not in read.headers


@pytest.mark.parametrize("path", ["/", "/search?q=model", "/sparql", "/api", "/chat", "/fdo/aaaaaaaaaaaaa",
                                  "/no/such/page", "/fdo/3krpxs3xvfvka", "/fdo/3krpxs3xvfvka/versions"])
def test_every_html_response_carries_the_page_policy(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.mimetype == "text/html", path
    policy = response.headers["Content-Security-Policy"]
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    script = re.search(r"script-src ([^;]+)", policy).group(1)
    assert script == "'none'" or re.fullmatch(r"'nonce-[\w-]+'", script), script
    html = response.get_data(as_text=True)
    for tag in re.findall(r"<script(?![^>]*application/ld\+json)[^>]*>", html):
        assert script != "'none'" and f'nonce="{script[7:-1]}"' in tag, f"{path}: inline script without nonce"


@pytest.mark.parametrize("fdo", ['k="x', "a b", "\ud800"])
def test_chat_about_an_fdo_that_is_no_iri_is_a_client_error_not_a_crash(client, fdo):
    import json

    body = json.dumps({"question": "what is it?", "fdo": fdo})  # \ud800: a lone surrogate, escaped in JSON
    response = client.post("/api/chat", data=body, content_type="application/json")
    assert response.status_code in (400, 404), response.get_data(as_text=True)
