"""History over HTTP: version lists, TimeMaps, Mementos, diffs and the Accept-Datetime TimeGate."""

from __future__ import annotations

from pyoxigraph import RdfFormat, parse

PID = "http://registry.test/fdo/{}"


def _links(response) -> dict[str, list[str]]:
    """Return rel -> targets of a Link header (rels split on spaces)."""
    out: dict[str, list[str]] = {}
    for part in response.headers["Link"].split(", <"):
        target = part.lstrip("<").split(">", 1)[0]
        rel = part.split('rel="', 1)[1].split('"', 1)[0]
        for r in rel.split():
            out.setdefault(r, []).append(target)
    return out


def test_versions_json(client, ids):
    data = client.get(f"/fdo/{ids.base_lm}/versions", headers={"Accept": "application/json"}).get_json()
    assert data["pid"] == PID.format(ids.base_lm)
    assert [v["version"] for v in data["versions"]] == [1, 2]
    assert data["versions"][0]["generated_at"] == "2024-05-01T12:00:00+00:00"
    assert data["versions"][1]["previous"] == PID.format(ids.base_lm) + "/v/1"
    assert client.get(f"/fdo/{ids.base_lm}/versions.json").get_json() == data


def test_versions_html_for_browsers(client, ids):
    r = client.get(f"/fdo/{ids.base_lm}/versions", headers={"Accept": "text/html,*/*;q=0.8"})
    assert r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert "Version history" in html and "diff with v1" in html


def test_timemap_link_format(client, ids):
    pid = PID.format(ids.base_lm)
    r = client.get(f"/fdo/{ids.base_lm}/versions", headers={"Accept": "application/link-format"})
    assert r.mimetype == "application/link-format"
    text = r.get_data(as_text=True)
    assert f'<{pid}>; rel="original timegate"' in text
    assert f'<{pid}/v/1>; rel="first memento"; datetime="Wed, 01 May 2024 12:00:00 GMT"' in text
    assert f'<{pid}/v/2>; rel="last memento"; datetime="Sun, 01 Sep 2024 12:00:00 GMT"' in text
    assert client.get(f"/fdo/{ids.base_lm}/versions.link").data == r.data


def test_memento_headers_and_links(client, ids):
    pid = PID.format(ids.base_lm)
    r = client.get(f"/fdo/{ids.base_lm}/v/1", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    assert r.headers["Memento-Datetime"] == "Wed, 01 May 2024 12:00:00 GMT"
    assert r.headers["Content-Location"] == f"{pid}/v/1.ttl"
    links = _links(r)
    assert links["original"] == [pid] and links["timegate"] == [pid]
    assert links["timemap"] == [f"{pid}/versions.link"]
    assert f"{pid}/v/2" in links["next"] and f"{pid}/v/2" in links["last"]
    assert f"{pid}/v/1" in links["first"]
    assert links["latest-version"] == [pid]
    v2 = _links(client.get(f"/fdo/{ids.base_lm}/v/2", headers={"Accept": "text/turtle"}))
    assert f"{pid}/v/1" in v2["prev"] and f"{pid}/v/1" in v2["predecessor-version"]


def test_versions_are_immutable_snapshots(client, populated_registry, ids):
    store = populated_registry.store
    pid = store.pid(ids.base_lm)
    for n in (1, 2):
        served = {str(q.triple) for q in parse(client.get(f"/fdo/{ids.base_lm}/v/{n}.nt").data, RdfFormat.N_TRIPLES)}
        assert served == {str(t) for t in store.version(pid, n)}
    assert client.get(f"/fdo/{ids.base_lm}/v/3").status_code == 404
    assert client.get(f"/fdo/{ids.base_lm}/v/0").status_code == 404
    assert client.get(f"/fdo/{ids.base_lm}/v/x").status_code == 404


def test_diff_json_and_html(client, ids):
    d = client.get(f"/fdo/{ids.base_lm}/diff?from=1&to=2", headers={"Accept": "application/json"}).get_json()
    assert d["from"] == 1 and d["to"] == 2 and not d["unchanged"]
    assert d["by_property"]["https://schema.org/description"] == {"added": 1, "removed": 1}
    added = {(t["predicate"], t["object"]) for t in d["added"]}
    assert ("<https://w3id.org/fair4ml#trainedOn>", f"<{PID.format(ids.glue)}>") in added
    assert client.get(f"/fdo/{ids.base_lm}/diff.json").get_json() == d  # default: the last two versions
    html = client.get(f"/fdo/{ids.base_lm}/diff?from=1&to=2", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "From version 1 to version 2" in html and "glue" in html


def test_diff_errors(client, ids):
    assert client.get(f"/fdo/{ids.base_lm}/diff?from=1&to=9", headers={"Accept": "application/json"}).status_code == 404
    assert client.get(f"/fdo/{ids.base_lm}/diff?from=one", headers={"Accept": "application/json"}).status_code == 400


def test_timegate_redirects_to_the_version_current_then(client, ids):
    pid = PID.format(ids.base_lm)
    for when, n in (("Sat, 01 Jun 2024 00:00:00 GMT", 1), ("Tue, 01 Oct 2024 00:00:00 GMT", 2),
                    ("Sun, 01 Sep 2024 12:00:00 GMT", 2), ("Mon, 01 Jan 2024 00:00:00 GMT", 1)):
        r = client.get(f"/fdo/{ids.base_lm}", headers={"Accept-Datetime": when})
        assert r.status_code == 302, when
        assert r.headers["Location"] == f"{pid}/v/{n}"
        assert "Accept-Datetime" in r.headers["Vary"]
        assert _links(r)["timemap"] == [f"{pid}/versions.link"]


def test_timegate_rejects_malformed_dates(client, ids):
    for bad in ("yesterday", "2024-06-01", "Sat, 01 Jun 2024 00:00:00"):
        r = client.get(f"/fdo/{ids.base_lm}", headers={"Accept-Datetime": bad, "Accept": "application/json"})
        assert r.status_code == 400, bad
        assert "Accept-Datetime" in r.get_json()["detail"]


def test_withdrawn_fdo_keeps_its_history(client, ids):
    r = client.get(f"/fdo/{ids.old}", headers={"Accept-Datetime": "Sat, 01 Jun 2024 00:00:00 GMT"})
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/fdo/{ids.old}/v/1")
    assert client.get(f"/fdo/{ids.old}/versions.json").status_code == 200
    assert client.get(f"/fdo/{ids.old}/v/1.ttl").status_code == 200
    html = client.get(f"/fdo/{ids.old}/versions", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "old-model" in html
