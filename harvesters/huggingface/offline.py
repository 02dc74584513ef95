"""The offline Hub: a loopback HTTP server that speaks the Hugging Face Hub API from a snapshot.

``mlfdo demo`` (``make demo``) harvests the bundled snapshot through it, so the demo runs the real
harvest path without the network. It serves ``GET /api/models`` (filtering, sorting, ``limit``
pages and ``Link: <...>; rel="next"`` pagination with absolute URLs), ``GET /api/models/{id}``
(and ``/revision/{rev}``), ``HEAD``/``GET /{id}/resolve/{rev}/README.md`` with
``X-Repo-Commit``, ``ETag`` and ``Content-Length``, and ``307`` redirects with a relative
``Location`` for renamed ids, in the shapes the real Hub uses, so the real ``huggingface_hub``
client can talk to it (``HfApi(endpoint=server.url)``). Every request is counted.

Run it on its own with ``python -m harvesters.huggingface.offline [SNAPSHOT_DIR] [--port N]``.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import threading
import time
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from harvesters.loopback import BackgroundServer

__all__ = ["Snapshot", "ReplayServer", "HubHandler", "serve_snapshot", "LIST_DEFAULT_FIELDS", "LIST_FULL_FIELDS"]

# Fields of a listing item without ``full``/``expand`` (as in a recorded default page).
LIST_DEFAULT_FIELDS = ("_id", "id", "likes", "trendingScore", "private", "downloads", "tags", "pipeline_tag",
                       "library_name", "createdAt", "modelId")
# ``full=true`` adds these; ``cardData=true`` and ``config=true`` add those two.
LIST_FULL_FIELDS = LIST_DEFAULT_FIELDS + ("author", "sha", "lastModified", "gated", "disabled", "siblings")
MAX_PAGE = 1000
_SORT_KEYS = {"lastModified", "createdAt", "downloads", "likes", "id", "trendingScore", "modelId"}
_RESOLVE = re.compile(r"^/(?:models/)?(.+?)/resolve/([^/]+)/(.+)$")


def _norm(model_id: str) -> str:
    return model_id.strip().lower()


class Snapshot:
    """Models (API JSON), their README texts and renamed ids: what the replay server serves."""

    def __init__(self, models: Iterable[dict] = (), cards: dict[str, str] | None = None,
                 redirects: dict[str, str] | None = None) -> None:
        self.models: dict[str, dict] = {}
        self.cards: dict[str, str] = {}
        self.redirects: dict[str, str] = {_norm(k): v for k, v in (redirects or {}).items()}
        for model in models:
            self.put(model)
        for model_id, text in (cards or {}).items():
            self.cards[_norm(model_id)] = text

    @classmethod
    def load(cls, path: str | Path) -> "Snapshot":
        """Read a snapshot directory: models.jsonl[.gz], cards.jsonl[.gz], redirects.json."""
        path = Path(path)
        models = list(_read_jsonl(path, "models"))
        cards = {c["id"]: c["text"] for c in _read_jsonl(path, "cards")}
        redirects_file = path / "redirects.json"
        redirects = json.loads(redirects_file.read_text("utf-8")) if redirects_file.exists() else {}
        return cls(models, cards, redirects)

    def put(self, model: dict, card: str | None = None) -> None:
        """Add or replace a model (and its card when given)."""
        model_id = model.get("id") or model.get("modelId")
        if not isinstance(model_id, str):
            raise ValueError("a snapshot model needs an 'id'")
        self.models[_norm(model_id)] = model
        if card is not None:
            self.cards[_norm(model_id)] = card

    def remove_card(self, model_id: str) -> None:
        self.cards.pop(_norm(model_id), None)

    def get(self, model_id: str) -> dict | None:
        return self.models.get(_norm(model_id))

    def card(self, model_id: str) -> str | None:
        return self.cards.get(_norm(model_id))

    def renamed(self, model_id: str) -> str | None:
        return self.redirects.get(_norm(model_id))

    def __len__(self) -> int:
        return len(self.models)


def _read_jsonl(path: Path, stem: str) -> Iterable[dict]:
    for name, opener in ((f"{stem}.jsonl.gz", gzip.open), (f"{stem}.jsonl", open)):
        file = path / name
        if file.exists():
            with opener(file, "rt", encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        yield json.loads(line)
            return


class ReplayServer(BackgroundServer):
    """The replay server; start it, give clients ``url``, stop it (or use it as a context manager)."""

    handler_class: type[BaseHTTPRequestHandler]  # set below, once HubHandler is defined
    name = "hf-replay"

    def __init__(self, snapshot: Snapshot | str | Path, *, host: str = "127.0.0.1", port: int = 0,
                 page_size: int = 100) -> None:
        self.snapshot = snapshot if isinstance(snapshot, Snapshot) else Snapshot.load(snapshot)
        self.page_size = page_size
        self.counts: Counter[str] = Counter()
        self.log: list[tuple[str, str, int]] = []
        self.last_headers: dict[str, str] = {}  # headers of the latest request (User-Agent, Authorization)
        self.lock = threading.Lock()
        super().__init__(self.handler_class, host=host, port=port)

    def reset_counts(self) -> None:
        with self.lock:
            self.counts.clear()
            self.log.clear()

    @property
    def total_requests(self) -> int:
        return sum(self.counts.values())

    def intercept(self, handler: "HubHandler", kind: str) -> bool:
        """Answer a request before it is routed and return True; the offline Hub never does."""
        return False

    def record(self, kind: str, method: str, path: str, status: int) -> None:
        with self.lock:
            self.counts[kind] += 1
            self.log.append((method, path, status))


def serve_snapshot(path: str | Path | None = None) -> ReplayServer:
    """Return a started replay server over a snapshot directory (default: the bundled demo snapshot)."""
    if path is None:
        from harvesters.huggingface.snapshot import demo_snapshot_dir

        path = demo_snapshot_dir()
    return ReplayServer(path).start()


# ---------------------------------------------------------------------- answering
def _sort_value(model: dict, key: str):
    value = model.get(key)
    if key in ("lastModified", "createdAt"):
        return value if isinstance(value, str) else ""
    if key in ("id", "modelId"):
        return _norm(str(model.get("id", "")))
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else -1


def _select(model: dict, fields: Iterable[str]) -> dict:
    out = {}
    for key in fields:
        if key == "siblings" and isinstance(model.get("siblings"), list):
            out[key] = [{"rfilename": s.get("rfilename")} for s in model["siblings"] if isinstance(s, dict)]
        elif key == "modelId":
            out[key] = model.get("modelId", model.get("id"))
        elif key in model:
            out[key] = model[key]
    return out


def _git_blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\x00" % len(data) + data).hexdigest()  # noqa: S324 - git's own hash


def _http_date(value: object) -> str:
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        when = datetime(2022, 3, 2, tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")


def _one(query: dict[str, list[str]], key: str) -> str | None:
    return (query.get(key) or [None])[0]


def _filtered(models: list[dict], query: dict[str, list[str]]) -> list[dict]:
    """Apply the listing's search, author, filter, pipeline_tag and sort parameters."""
    if _one(query, "search"):
        needle = _one(query, "search").lower()
        models = [m for m in models if needle in str(m.get("id", "")).lower()]
    if _one(query, "author"):
        author = _one(query, "author").lower()
        models = [m for m in models if str(m.get("author") or str(m.get("id", "")).split("/")[0]).lower() == author]
    for wanted in query.get("filter", []):
        models = [m for m in models if wanted in (m.get("tags") or []) or wanted in
                  (m.get("library_name"), m.get("pipeline_tag"))]
    if _one(query, "pipeline_tag"):
        models = [m for m in models if m.get("pipeline_tag") == _one(query, "pipeline_tag")]
    sort = _one(query, "sort")
    if sort in _SORT_KEYS:
        descending = (_one(query, "direction") or "-1") != "1"
        models.sort(key=lambda m: (_sort_value(m, sort), _norm(str(m.get("id", "")))), reverse=descending)
    return models


def _fields(query: dict[str, list[str]], list_mode: bool) -> list[str]:
    expand = query.get("expand", []) + query.get("expand[]", [])
    if expand:
        return ["_id", "id", *expand]
    if not list_mode:
        return []  # every field
    fields = list(LIST_FULL_FIELDS if (_one(query, "full") or "").lower() in ("1", "true") else LIST_DEFAULT_FIELDS)
    fields += [extra for extra in ("cardData", "config") if (_one(query, extra) or "").lower() in ("1", "true")]
    return fields


class HubHandler(BaseHTTPRequestHandler):
    """One request to the offline Hub: classify, let the server intercept, route, answer."""

    protocol_version = "HTTP/1.1"
    server_version = "mlfdo-hf-replay/1"
    # headers and body leave in one write (flushed after each request): no Nagle/delayed-ACK stalls
    wbufsize = 1 << 16
    disable_nagle_algorithm = True
    server: ThreadingHTTPServer

    def log_message(self, format, *args):  # noqa: A002 - silence the default stderr log
        return

    @property
    def replay(self) -> ReplayServer:
        return self.server.replay

    # ------------------------------------------------------------ plumbing
    def send(self, status: int, body: bytes = b"", headers: dict | None = None, kind: str = "other",
             content_type: str = "application/json; charset=utf-8") -> None:
        """Answer with ``status``, ``headers`` and ``body`` (no body to HEAD), and count the request."""
        self.replay.record(kind, self.command, self.path, status)
        self.send_response(status)
        headers = dict(headers or {})
        headers.setdefault("Content-Type", content_type)
        headers.setdefault("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _json(self, status: int, data, headers: dict | None = None, kind: str = "other") -> None:
        self.send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), headers, kind)

    def _error(self, status: int, message: str, code: str | None, kind: str) -> None:
        headers = {"X-Error-Message": message, **({"X-Error-Code": code} if code else {})}
        self._json(status, {"error": message}, headers, kind)

    def _redirect(self, location: str, kind: str) -> None:
        body = f"Temporary Redirect. Redirecting to {location}".encode()
        self.send(307, body, {"Location": location}, kind, "text/plain; charset=utf-8")

    def do_HEAD(self) -> None:  # noqa: N802 - http.server naming
        self._dispatch()

    def do_GET(self) -> None:  # noqa: N802
        self._dispatch()

    def _dispatch(self) -> None:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        kind = ("list" if path == "/api/models" else "info" if path.startswith("/api/models/")
                else "card" if "/resolve/" in path else "other")
        if kind == "card" and self.command == "HEAD":
            kind = "card-head"
        with self.replay.lock:
            self.replay.last_headers = {k.lower(): v for k, v in self.headers.items()}
        if self.replay.intercept(self, kind):
            return
        query = parse_qs(parts.query, keep_blank_values=True)
        try:
            if kind == "list" and self.command == "GET":
                self._list(query)
            elif kind == "info" and self.command == "GET":
                self._info(path[len("/api/models/"):], parts.query, query)
            elif kind in ("card", "card-head"):
                self._resolve(path, kind)
            else:
                self._error(404, "Not found", None, kind)
        except (BrokenPipeError, ConnectionResetError):
            pass

    # ------------------------------------------------------------ routes
    def _list(self, query: dict[str, list[str]]) -> None:
        models = _filtered(list(self.replay.snapshot.models.values()), query)
        try:
            limit = max(1, min(MAX_PAGE, int(_one(query, "limit")))) if _one(query, "limit") else self.replay.page_size
            cursor = _one(query, "cursor")
            offset = json.loads(base64.urlsafe_b64decode(cursor))["offset"] if cursor else 0
        except (ValueError, KeyError, TypeError):
            self._error(400, "Invalid limit or cursor", None, "list")
            return
        fields = _fields(query, list_mode=True)
        body = [_select(m, fields) for m in models[offset:offset + limit]]
        headers = {}
        if offset + limit < len(models):
            cursor = base64.urlsafe_b64encode(json.dumps({"offset": offset + limit}).encode()).decode()
            kept = [(k, v) for k, values in query.items() if k != "cursor" for v in values]
            headers["Link"] = f'<{self.replay.url}/api/models?{urlencode(kept + [("cursor", cursor)])}>; rel="next"'
        self._json(200, body, headers, "list")

    def _info(self, rest: str, raw_query: str, query: dict[str, list[str]]) -> None:
        model_id, _, revision = rest.partition("/revision/")
        model_id = model_id.strip("/")
        new_id = self.replay.snapshot.renamed(model_id)
        if new_id:
            suffix = f"/revision/{revision}" if revision else ""
            self._redirect(f"/api/models/{new_id}{suffix}" + (f"?{raw_query}" if raw_query else ""), "info")
            return
        model = self.replay.snapshot.get(model_id)
        if model is None:
            self._error(404, "Repository not found", "RepoNotFound", "info")
        elif revision and revision not in ("main", model.get("sha")):
            self._error(404, f"Invalid rev id: {revision}", "RevisionNotFound", "info")
        else:
            fields = _fields(query, list_mode=False)
            self._json(200, _select(model, fields) if fields else model, None, "info")

    def _resolve(self, path: str, kind: str) -> None:
        match = _RESOLVE.match(path)
        if not match:
            self._error(404, "Not found", None, kind)
            return
        model_id, revision, filename = match.group(1), match.group(2), match.group(3)
        new_id = self.replay.snapshot.renamed(model_id)
        if new_id:
            self._redirect(f"/{new_id}/resolve/{revision}/{quote(filename)}", kind)
            return
        model = self.replay.snapshot.get(model_id)
        sha = (model or {}).get("sha") or "0" * 40
        text = self.replay.snapshot.card(model_id) if filename == "README.md" else None
        if model is None:
            self._error(404, "Repository not found", "RepoNotFound", kind)
        elif revision not in ("main", sha):
            self._error(404, f"Invalid rev id: {revision}", "RevisionNotFound", kind)
        elif text is None:
            self._error(404, "Entry not found", "EntryNotFound", kind)
        else:
            data = text.encode("utf-8", errors="surrogateescape")
            headers = {"X-Repo-Commit": sha, "ETag": f'"{_git_blob_sha(data)}"', "Accept-Ranges": "bytes",
                       "Last-Modified": _http_date(model.get("lastModified"))}
            self.send(200, data, headers, kind, "text/plain; charset=utf-8")


ReplayServer.handler_class = HubHandler


def main(argv: list[str] | None = None) -> None:
    """Serve a snapshot until interrupted."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snapshot", nargs="?", help="snapshot directory (default: the bundled demo snapshot)")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    if args.snapshot is None:
        from harvesters.huggingface.snapshot import demo_snapshot_dir

        args.snapshot = demo_snapshot_dir()
    server = ReplayServer(args.snapshot, port=args.port).start()
    print(f"Serving {len(server.snapshot)} models at {server.url} (--endpoint {server.url}); Ctrl-C stops.")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
