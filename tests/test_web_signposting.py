"""FAIR Signposting, read with the `signposting` package: Level 1 Link headers and Level 2 linksets."""

from __future__ import annotations

import json

from signposting import LinkRel, find_signposting_http_link
from signposting.linkset import Linkset, LinksetJSON, _parse_linkset, _parse_linkset_json

PID = "http://registry.test/fdo/{}"


def _signposting(response, url):
    return find_signposting_http_link([response.headers["Link"]], url)


def test_landing_page_level1(client, ids):
    pid = PID.format(ids.base_lm)
    s = _signposting(client.get(f"/fdo/{ids.base_lm}", headers={"Accept": "text/html"}), pid)
    assert s.citeAs.target == pid
    described = {(d.target, d.type) for d in s.describedBy}
    assert {(f"{pid}.jsonld", "application/ld+json"), (f"{pid}.ttl", "text/turtle"),
            (f"{pid}.nt", "application/n-triples"), (f"{pid}.rdf", "application/rdf+xml"),
            (f"{pid}/record", "application/json")} <= described
    ro = [d for d in s.describedBy if d.target == f"{pid}/ro-crate"][0]
    assert "https://w3id.org/ro/crate" in ro.profiles
    assert {t.target for t in s.types} == {"https://w3id.org/fair4ml#MLModel", "https://schema.org/AboutPage"}
    assert s.license.target == "https://spdx.org/licenses/Apache-2.0"
    assert {a.target for a in s.authors} == {PID.format(ids.acme)}
    assert {(i.target, i.type) for i in s.items} == {("https://huggingface.co/acme/base-lm", "text/html")}
    assert {(link.target, link.type) for link in s.linksets} == {
        (f"{pid}/linkset", "application/linkset"), (f"{pid}/linkset.json", "application/linkset+json")}


def test_metadata_responses_point_back_with_describes(client, ids):
    pid = PID.format(ids.base_lm)
    for accept in ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"):
        s = _signposting(client.get(f"/fdo/{ids.base_lm}", headers={"Accept": accept}), f"{pid}.x")
        assert {(d.target, d.type) for d in s.describes} == {(pid, "text/html")}
        assert s.citeAs.target == pid
    for path in (f"/fdo/{ids.base_lm}/record", f"/fdo/{ids.base_lm}/ro-crate"):
        s = _signposting(client.get(path), f"http://registry.test{path}")
        assert {d.target for d in s.describes} == {pid}


def test_linkset_text(client, ids):
    pid = PID.format(ids.base_lm)
    r = client.get(f"/fdo/{ids.base_lm}/linkset")
    assert r.mimetype == "application/linkset"
    s = _parse_linkset(Linkset(r.get_data(as_text=True), r.content_type, f"{pid}/linkset", f"{pid}/linkset"))
    landing = s.for_context(pid)
    assert landing.citeAs.target == pid
    assert len(landing.describedBy) == 6
    assert landing.license.target == "https://spdx.org/licenses/Apache-2.0"
    ttl = s.for_context(f"{pid}.ttl")
    assert {d.target for d in ttl.describes} == {pid}


def test_linkset_json_by_accept_and_by_suffix(client, ids):
    pid = PID.format(ids.base_lm)
    by_accept = client.get(f"/fdo/{ids.base_lm}/linkset", headers={"Accept": "application/linkset+json"})
    by_suffix = client.get(f"/fdo/{ids.base_lm}/linkset.json")
    assert by_accept.mimetype == by_suffix.mimetype == "application/linkset+json"
    assert json.loads(by_accept.data) == json.loads(by_suffix.data)
    s = _parse_linkset_json(LinksetJSON(by_suffix.get_data(as_text=True), "application/linkset+json",
                                        f"{pid}/linkset.json", f"{pid}/linkset.json"))
    landing = s.for_context(pid)
    assert landing.citeAs.target == pid
    assert {t.target for t in landing.types} == {"https://w3id.org/fair4ml#MLModel", "https://schema.org/AboutPage"}
    assert {a.target for a in landing.authors} == {PID.format(ids.acme)}
    assert {d.target for d in s.for_context(f"{pid}.jsonld").describes} == {pid}


def test_linkset_unacceptable_type(client, ids):
    r = client.get(f"/fdo/{ids.base_lm}/linkset", headers={"Accept": "text/csv"})
    assert r.status_code == 406


def test_tombstone_keeps_signposting(client, ids):
    pid = PID.format(ids.old)
    r = client.get(f"/fdo/{ids.old}", headers={"Accept": "text/html"})
    assert r.status_code == 410
    s = _signposting(r, pid)
    assert s.citeAs.target == pid
    assert s.license.target == "https://spdx.org/licenses/CC-BY-4.0"
    assert {t.target for t in s.types} >= {"https://w3id.org/fair4ml#MLModel"}
    assert any(link.type == "application/linkset+json" for link in s.linksets)
    assert not s.describedBy  # the metadata is gone too
    linkset = client.get(f"/fdo/{ids.old}/linkset.json")
    assert linkset.status_code == 200
    assert json.loads(linkset.data)["linkset"][0]["anchor"] == pid


def test_link_relation_names_are_signposting_ones(client, ids):
    r = client.get(f"/fdo/{ids.base_lm}", headers={"Accept": "text/html"})
    s = _signposting(r, PID.format(ids.base_lm))
    assert {sp.rel for sp in s} >= {LinkRel.cite_as, LinkRel.describedby, LinkRel.type, LinkRel.license,
                                    LinkRel.author, LinkRel.item, LinkRel.linkset}
