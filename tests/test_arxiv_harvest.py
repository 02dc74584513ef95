"""End to end: arXiv replay (recorded Atom entries) -> the real arxiv client -> transform -> the real store."""

from __future__ import annotations

import pytest

from harvesters.arxiv import ArxivClient, harvest, missing_ids
from harvesters.arxiv.offline import ArxivReplay, ArxivSnapshot, demo_snapshot_dir
from harvesters.arxiv.transform import paper_pid
from harvesters.huggingface.refs import Stubs
from registry.store import Store
from registry.vocab import MLFDO, SCHEMA

BASE = "http://registry.test"
AEW10 = "1707.08567"  # a recorded entry with 34 authors


@pytest.fixture
def store() -> Store:
    return Store.open(None, BASE)


@pytest.fixture
def snapshot() -> ArxivSnapshot:
    return ArxivSnapshot.load(demo_snapshot_dir())


@pytest.fixture
def server(snapshot):
    with ArxivReplay(snapshot) as replay:
        yield replay


def client_for(server, **kwargs) -> ArxivClient:
    kwargs.setdefault("retries", 0)
    return ArxivClient(server.query_url, **kwargs)


def values(store, arxiv_id: str, prop) -> set[str]:
    pid = paper_pid(BASE, arxiv_id)
    return {t.object.value for t in store.current(pid) if t.subject.value == pid and t.predicate == prop}


def test_a_paper_gets_title_authors_dates_and_categories(store, server):
    summary = harvest(store, base_url=BASE, client=client_for(server), ids=[AEW10])
    assert summary.new == 1 and summary.failed == 0
    assert values(store, AEW10, SCHEMA.name) == {
        "Proceedings of Workshop AEW10: Concepts in Information Theory and Communications"}
    assert values(store, AEW10, SCHEMA.datePublished) == {"2017-07-27T08:18:33Z"}
    assert values(store, AEW10, SCHEMA.keywords) == {"cs.IT"}
    assert values(store, AEW10, MLFDO.pdfUrl) == {"https://arxiv.org/pdf/1707.08567v1"}
    authors = values(store, AEW10, SCHEMA.author)
    assert len(authors) == 34 and {store.kind(a) for a in authors} == {"person"}
    names = {t.object.value for a in authors for t in store.current(a) if t.predicate == SCHEMA.name}
    assert "Kees A. Schouhamer Immink" in names
    assert values(store, AEW10, SCHEMA.abstract) == set()  # the bundled snapshot carries no abstracts


def test_an_abstract_and_doi_are_mapped_when_arxiv_sends_them(store, server, snapshot):
    entry = snapshot.get(AEW10).replace(
        "</title>", "</title><summary>A test abstract we wrote for this check.</summary>"
                    "<arxiv:doi xmlns:arxiv='http://arxiv.org/schemas/atom'>10.1234/test.5678</arxiv:doi>", 1)
    snapshot.put(entry)
    harvest(store, base_url=BASE, client=client_for(server), ids=[AEW10])
    assert values(store, AEW10, SCHEMA.abstract) == {"A test abstract we wrote for this check."}
    assert "https://doi.org/10.1234/test.5678" in values(store, AEW10, SCHEMA.sameAs)


def test_lookups_are_batched_at_most_100_ids_a_call(store, server, snapshot):
    ids = sorted(snapshot.entries)
    summary = harvest(store, base_url=BASE, client=client_for(server), ids=ids)
    assert summary.new == len(ids) > 100
    assert server.counts["query"] == 2 and summary.requests == {"query": 2}


def test_a_malformed_id_gets_the_recorded_400_and_its_stub_records_it(store, server, snapshot):
    ids = [*sorted(snapshot.entries)[:7], "abc", "0000.0000"]
    summary = harvest(store, base_url=BASE, client=client_for(server), ids=ids)
    assert summary.new == 7 and summary.failed == 0
    for bad, text in (("abc", "arXiv rejected the id 'abc' (HTTP 400"), ("0000.0000", "arXiv does not know")):
        pid = paper_pid(BASE, bad)
        assert store.status(pid) == "stub"
        (problem,) = values(store, bad, MLFDO.sourceProblem)
        assert problem.startswith(text)


def test_a_failed_call_is_kept_as_a_failure_and_the_next_batch_goes_on(store, server, snapshot):
    ids = sorted(snapshot.entries)[:6]
    server.fail(r"id_list=" + ids[0], 503, "Service Unavailable")
    summary = harvest(store, base_url=BASE, client=client_for(server, batch_size=3), ids=ids)
    assert summary.failed == 3 and summary.new == 3 and summary.error is None
    assert {f.platform_id for f in store.failures()} == set(ids[:3])
    assert all("HTTP 503" in f.error for f in store.failures())
    assert not store.exists(paper_pid(BASE, ids[0]))


def test_malformed_atom_and_a_timeout_are_failures_not_unknown_ids(store, server, snapshot):
    ids = sorted(snapshot.entries)[:4]
    server.fail(r"id_list=" + ids[0], 200, "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry>")
    server.fail(r"id_list=" + ids[2], 200, "", delay=1.0)
    summary = harvest(store, base_url=BASE, client=client_for(server, batch_size=2, timeout=0.2), ids=ids)
    errors = {f.platform_id: f.error for f in store.failures()}
    assert "not well-formed Atom" in errors[ids[0]] and "Timeout" in errors[ids[2]]
    assert summary.failed == 4 and not any(store.exists(paper_pid(BASE, i)) for i in ids)


def test_an_unchanged_rerun_writes_nothing_and_a_change_makes_one_version(store, server, snapshot):
    ids = sorted(snapshot.entries)[:5]
    harvest(store, base_url=BASE, client=client_for(server), ids=ids)
    again = harvest(store, base_url=BASE, client=client_for(server), ids=ids)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 5)
    entry = snapshot.get(ids[1])
    start = entry.index("<title>") + len("<title>")
    snapshot.put(entry[:start] + "Retitled: " + entry[start:])
    changed = harvest(store, base_url=BASE, client=client_for(server), ids=ids)
    assert (changed.changed, changed.unchanged) == (1, 4)
    assert [len(store.versions(paper_pid(BASE, i))) for i in ids] == [1, 2, 1, 1, 1]


def test_missing_fills_paper_stubs_and_skips_rejected_ones(store, server, snapshot):
    known = sorted(snapshot.entries)[:3]
    stubs = Stubs(BASE, None)
    for paper in [*known, "2999.99999"]:
        stubs.paper(paper)
    store.ingest_many(list(stubs.records.values()))
    assert sorted(missing_ids(store)) == sorted([*known, "2999.99999"])
    first = harvest(store, base_url=BASE, client=client_for(server), missing=True)
    assert first.new == 3 and store.status(paper_pid(BASE, "2999.99999")) == "stub"
    assert missing_ids(store) == []  # the unknown id records its problem and is not asked again
    server.reset_counts()
    harvest(store, base_url=BASE, client=client_for(server), missing=True)
    assert server.total_requests == 0


def test_production_client_waits_three_seconds_between_calls():
    remote = ArxivClient("https://export.arxiv.org/api/query")
    assert remote.client.delay_seconds >= 3.0 and remote.batch_size == 100
    assert remote.client.query_url_format == "https://export.arxiv.org/api/query?{}"
