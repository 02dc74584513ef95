"""Chat over HTTP: ``POST /api/chat`` (JSON, or server-sent events when streaming) and ``GET /chat``.

``GET /chat?q=...`` answers without JavaScript; the panel (templates/chat/_panel.html), included
by the search page and landing pages, streams through ``POST /api/chat`` instead. The web app
never waits for the local model to load: until it has, answers are extractive and say so.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from flask import Blueprint, Response, current_app, render_template, request, stream_with_context

from registry.chat import get_chat
from registry.chat.service import MAX_QUESTION_CHARS, Answer
from registry.errors import BadRequest, MlfdoError

__all__ = ["bp", "OPENAPI", "answer_json", "sse"]

bp = Blueprint("chat", __name__)


def _chat():
    return get_chat(current_app.extensions["mlfdo"])


def answer_json(answer: Answer) -> dict:
    """Return the answer's JSON with its text also rendered as safe HTML (raw HTML escaped, no images)."""
    from registry.web.templating import render_markdown

    body = answer.to_dict()
    body["html"] = str(render_markdown(answer.text))
    return body


def sse(event: str, data: dict) -> str:
    """Return one server-sent event."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _read_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadRequest("send a JSON object such as {\"question\": \"...\"}")
    if not isinstance(body.get("question", ""), str):
        raise BadRequest("question must be a string")
    for key in ("conversation", "fdo"):
        if body.get(key) is not None and not isinstance(body[key], str):
            raise BadRequest(f"{key} must be a string")
    for key in ("question", "conversation", "fdo"):
        try:  # JSON escapes can smuggle in lone surrogates, which are not text
            (body.get(key) or "").encode("utf-8")
        except UnicodeEncodeError:
            raise BadRequest(f"{key} is not valid Unicode text") from None
    return body


def _wants_stream(body: dict) -> bool:
    return bool(body.get("stream")) or request.accept_mimetypes.best == "text/event-stream"


@bp.post("/api/chat")
def api_chat():
    """Answer a question as JSON, or stream it as server-sent events (meta, token..., done)."""
    body = _read_body()
    events = _chat().events(body.get("question", ""), body.get("conversation"), body.get("fdo"), wait=False)
    if not _wants_stream(body):
        answer = next(payload for kind, payload in events if kind == "done")
        return answer_json(answer)
    return Response(stream_with_context(_stream(events)), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def _stream(events) -> Iterator[str]:
    try:
        for kind, payload in events:
            yield sse(kind, answer_json(payload) if kind == "done" else payload)
    except MlfdoError as exc:
        yield sse("error", {"type": "about:blank", "title": exc.title, "status": exc.status, "detail": exc.message})
    except Exception:
        current_app.logger.exception("chat stream failed")
        yield sse("error", {"type": "about:blank", "title": "Internal error", "status": 500,
                            "detail": "The answer could not be completed; the error is logged."})


@bp.get("/chat")
def chat_page():
    """Ask the registry: a page with the chat panel; ``?q=`` answers on the server (no JavaScript needed)."""
    question = request.args.get("q", "").strip()
    about = request.args.get("about") or None
    answer = None
    if question:
        answer = _chat().ask(question, request.args.get("conversation"), about, wait=False)
    return render_template("chat/page.html", answer=answer, answer_json=answer_json(answer) if answer else None,
                           question=question, chat_about=about)


_ANSWER_SCHEMA = {
    "type": "object",
    "required": ["question", "conversation", "answer", "html", "mode", "answerable", "citations", "follow_ups",
                 "filters"],
    "properties": {
        "question": {"type": "string"},
        "conversation": {"type": "string", "description": "Send it back to continue the conversation."},
        "answer": {"type": "string", "description": "Markdown; every FDO named links to /fdo/{id}."},
        "html": {"type": "string", "description": "The answer rendered as HTML (raw HTML escaped)."},
        "mode": {"type": "string", "enum": ["ollama", "local", "extractive"]},
        "model": {"type": ["string", "null"]},
        "mode_note": {"type": "string"},
        "answerable": {"type": "boolean", "description": "False when the registry holds no answer."},
        "citations": {"type": "array", "items": {"$ref": "#/components/schemas/ChatCitation"},
                      "description": "FDOs the answer links to; each checked to exist."},
        "sources": {"type": "array", "items": {"$ref": "#/components/schemas/ChatCitation"},
                    "description": "FDOs whose facts the answer was built from."},
        "closest": {"type": "array", "items": {"$ref": "#/components/schemas/ChatCitation"},
                    "description": "Records named as the closest found, not as answers (a refusal's)."},
        "answers": {"type": "array", "items": {"$ref": "#/components/schemas/ChatCitation"},
                    "description": "Cited FDOs the answer offers as its answer; the other links are context."},
        "table": {"type": ["object", "null"], "description": "Side-by-side table for comparison questions."},
        "follow_ups": {"type": "array", "items": {"type": "string"}, "maxItems": 3},
        "filters": {"type": "array", "items": {"type": "object", "properties": {
            "facet": {"type": "string"}, "value": {"type": "string"}, "label": {"type": "string"},
            "href": {"type": "string", "description": "/search URL applying the filter"},
            "reason": {"type": "string"}}}},
        "notes": {"type": "array", "items": {"type": "string"}},
        "replaced": {"type": "boolean", "description": "The language model's text failed grounding checks."},
        "timings": {"type": "object", "additionalProperties": {"type": "number"}},
    },
}

OPENAPI = {
    "paths": {"/api/chat": {"post": {
        "summary": "Ask the registry a question",
        "description": "Answers cite FDO PIDs and come from the registry's graph. With \"stream\": true (or "
                       "Accept: text/event-stream) the answer streams as server-sent events: one `meta`, `token` "
                       "events with text pieces, and a final `done` carrying the answer object, which is "
                       "authoritative (a language model's text that fails the grounding checks is replaced).",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["question"], "properties": {
                "question": {"type": "string", "maxLength": MAX_QUESTION_CHARS},
                "conversation": {"type": "string", "description": "Id from a previous answer."},
                "fdo": {"type": "string", "description": "Ask about this FDO (id, PID or platform:id)."},
                "stream": {"type": "boolean", "default": False}}}}}},
        "responses": {
            "200": {"description": "The answer", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ChatAnswer"}},
                "text/event-stream": {"schema": {  # one server-sent event
                    "type": "object", "required": ["data"], "properties": {
                        "event": {"type": "string", "enum": ["meta", "token", "done", "error"]},
                        "data": {"type": "string", "description": "JSON of the event"}}}}}},
            "400": {"$ref": "#/components/responses/Problem"},
        },
    }}},
    "components": {"schemas": {
        "ChatAnswer": _ANSWER_SCHEMA,
        "ChatCitation": {"type": "object", "properties": {"pid": {"type": "string"}, "href": {"type": "string"},
                                                          "name": {"type": "string"}, "kind": {"type": "string"}}},
    }},
}
