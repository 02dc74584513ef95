"""Chat over HTTP: POST /api/chat (JSON and server-sent events), GET /chat, the panel, OpenAPI."""

from __future__ import annotations

import json

import pytest

from registry.pid import mint_id


GPT2 = f"/fdo/{mint_id('hf', 'openai-community/gpt2')}"


@pytest.fixture(scope="module")
def client(registry):
    from registry.web import create_app

    app = create_app({"REGISTRY": registry, "TESTING": True, "SPARQL_ISOLATION": "thread"})
    return app.test_client()


def parse_sse(body: str) -> list[tuple[str, dict]]:
    events = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def test_api_chat_json_answer(client):
    r = client.post("/api/chat", json={"question": "What licence does openai-community/gpt2 have?"})
    assert r.status_code == 200 and r.mimetype == "application/json"
    body = r.get_json()
    assert body["answer"] == f"[openai-community/gpt2]({GPT2}) is released under MIT."
    assert body["html"] == f'<p><a href="{GPT2}">openai-community/gpt2</a> is released under MIT.</p>\n'
    assert body["mode"] == "extractive" and body["answerable"] is True
    assert body["citations"] == [{"pid": "http://registry.test" + GPT2, "href": GPT2,
                                  "name": "openai-community/gpt2", "kind": "model"}]
    assert 1 <= len(body["follow_ups"]) <= 3
    assert all(f["href"].startswith("/search?") for f in body["filters"])
    assert body["conversation"]


def test_api_chat_conversation_continues(client):
    first = client.post("/api/chat", json={"question": "How many parameters does whisper-tiny have?"}).get_json()
    second = client.post("/api/chat", json={"question": "And its licence?",
                                            "conversation": first["conversation"]}).get_json()
    assert second["conversation"] == first["conversation"]
    assert "is released under Apache-2.0" in second["answer"]


def test_api_chat_streams_server_sent_events(client):
    r = client.post("/api/chat", json={"question": "What licence does openai-community/gpt2 have?", "stream": True})
    assert r.status_code == 200 and r.mimetype == "text/event-stream"
    assert r.headers["Cache-Control"] == "no-cache"
    events = parse_sse(r.get_data(as_text=True))
    kinds = [k for k, _ in events]
    assert kinds[0] == "meta" and kinds[-1] == "done" and "token" in kinds
    assert events[0][1]["mode"] == "extractive"
    assert events[-1][1]["html"].startswith(f'<p><a href="{GPT2}">')


def test_api_chat_streams_when_asked_by_accept(client):
    r = client.post("/api/chat", json={"question": "What licence does openai-community/gpt2 have?"},
                    headers={"Accept": "text/event-stream"})
    assert r.mimetype == "text/event-stream"


@pytest.mark.parametrize("kwargs, detail", [
    ({"json": {"question": ""}}, "the question is empty"),
    ({"json": {"question": "x" * 1001}}, "longer than 1000"),
    ({"json": {"question": 42}}, "must be a string"),
    ({"json": ["a list"]}, "JSON object"),
    ({"data": "not json", "content_type": "text/plain"}, "JSON object"),
    ({"json": {"question": "hi", "fdo": "no-such-fdo"}}, "no FDO"),
])
def test_api_chat_rejects_bad_requests_as_problem_json(client, kwargs, detail):
    r = client.post("/api/chat", **kwargs)
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    body = r.get_json()
    assert body["status"] == 400 and detail in body["detail"]


def test_api_chat_escapes_html_in_answers(client):
    r = client.post("/api/chat", json={"question": "Tell me about <script>alert(1)</script>-9000"})
    body = r.get_json()
    assert "<script>" not in body["html"]


def test_chat_page_answers_without_javascript(client):
    r = client.get("/chat", query_string={"q": "Which models were trained on bookcorpus?"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert f'href="/fdo/{mint_id("hf", "google-bert/bert-base-uncased")}"' in html
    assert "data-chat-panel" in html and 'action="/chat"' in html
    assert 'name="conversation"' in html  # the next question continues the conversation
    assert "/chat?q=" in html  # follow-up questions are links


def test_chat_page_escapes_the_question(client):
    html = client.get("/chat", query_string={"q": "<img src=x onerror=alert(1)>"}).get_data(as_text=True)
    assert "<img src=x" not in html and "&lt;img src=x" in html


def test_chat_page_asks_about_a_model(client, registry):
    pid = registry.store.resolve("hf:openai-community/gpt2")
    html = client.get("/chat", query_string={"q": "What was it trained on?", "about": pid}).get_data(as_text=True)
    assert "Ask about this model" in html and "openwebtext" in html


def test_chat_panel_partial_renders_alone(client):
    from flask import render_template

    with client.application.test_request_context():
        html = render_template("chat/_panel.html", chat_about="http://registry.test" + GPT2)
        scripted = render_template("chat/_panel.html", chat_script=True)
    assert "Ask about this model" in html and f'value="http://registry.test{GPT2}"' in html
    assert "<script" not in html and 'action="/chat"' in html  # a plain form where pages carry no script
    assert scripted.count("window.mlfdoChat") == 2  # the script guards against a second panel on the page


def test_chat_panel_on_landing_and_search_pages(client, registry):
    landing = client.get(GPT2, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Ask about this model" in landing and f'name="about" value="http://registry.test{GPT2}"' in landing
    search = client.get("/search", query_string={"q": "gpt2"}).get_data(as_text=True)
    assert "Ask the registry" in search and 'action="/chat"' in search


def test_chat_openapi_fragment(client):
    doc = client.get("/openapi.json").get_json()
    op = doc["paths"]["/api/chat"]["post"]
    assert "text/event-stream" in op["responses"]["200"]["content"]
    assert "ChatAnswer" in doc["components"]["schemas"]
