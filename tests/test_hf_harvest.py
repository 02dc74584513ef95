"""End to end: replay server -> huggingface_hub client -> transform -> the real store (in memory)."""

from __future__ import annotations

import pytest

from harvesters.huggingface.harvest import STATE_KEY, harvest
from harvesters.huggingface.transform import model_pid
from harvesters.huggingface.offline import Snapshot
from registry.store import Store
from registry.vocab import FAIR4ML, MLFDO, SCHEMA
from tests.data.hf.helpers import BASE, card, client, numbered, real, replay, snapshot_of, synthetic

EVERYTHING = "2000-01-01"  # an explicit --since that re-lists every model


@pytest.fixture
def store() -> Store:
    return Store.open(None, BASE)


def run(store, server, **kwargs):
    kwargs.setdefault("client", client(server))
    return harvest(store, base_url=BASE, **kwargs)


def current_values(store, model_id: str, prop) -> set[str]:
    pid = model_pid(BASE, model_id)
    return {t.object.value for t in store.current(pid) if t.subject.value == pid and t.predicate == prop}


def described(model: dict, text: str) -> str:
    return card(model, f"# {model['id']}\n\n{text}\n\n## Intended use\n\nTests only.\n")


def test_full_harvest_stores_models_stubs_state_and_reports_progress(store):
    models = numbered(12)
    seen = []
    with replay(snapshot_of(models)) as server:
        summary = run(store, server, progress=lambda done, total, mid: seen.append((done, total, mid)))
    assert (summary.fetched, summary.new, summary.changed, summary.unchanged, summary.failed) == (12, 12, 0, 0, 0)
    assert summary.cards_fetched == 12 and summary.requests == {"list": 1, "card": 12}
    assert summary.complete and summary.error is None and summary.seconds > 0
    assert summary.high_water == store.get_state(STATE_KEY) == "2025-02-01T00:00:12Z"
    assert seen == [(i + 1, None, m["id"]) for i, m in enumerate(models)]
    assert summary.stubs_new == 3 + 1  # three accounts and the task (MIT is an SPDX licence: no stub)
    first = model_pid(BASE, models[0]["id"])
    (info,) = store.versions(first)
    assert info.harvester == "huggingface" and info.source_etag == models[0]["sha"]
    assert current_values(store, models[0]["id"], FAIR4ML.intendedUse) == set()
    assert current_values(store, models[0]["id"], SCHEMA.description)


def test_incremental_rerun_fetches_no_card_and_writes_no_version(store):
    models = numbered(12)
    with replay(snapshot_of(models)) as server:
        run(store, server)
        server.reset_counts()
        again = run(store, server)  # from the stored high-water mark
        assert server.counts == {"list": 1}
        assert (again.fetched, again.new, again.changed, again.unchanged) == (1, 0, 0, 1)
        server.reset_counts()
        everything = run(store, server, since=EVERYTHING)  # the whole listing again, still no card
        assert server.counts == {"list": 1}
        assert (everything.fetched, everything.unchanged, everything.cards_fetched) == (12, 12, 0)
    for model in models:
        assert len(store.versions(model_pid(BASE, model["id"]))) == 1
        # card-derived properties survive a run that did not read the card
        assert current_values(store, model["id"], SCHEMA.description)


def test_a_new_commit_is_fetched_and_versioned(store):
    models = numbered(5)
    snapshot = snapshot_of(models)
    with replay(snapshot) as server:
        run(store, server)
        changed = dict(models[3], sha="f" * 40, lastModified="2025-03-01T00:00:00.000Z")
        snapshot.put(changed, described(changed, "Now with a better description for the second version."))
        server.reset_counts()
        summary = run(store, server)
        assert server.counts == {"list": 1, "card": 1}
        # the changed model, then the one at the old mark (since is inclusive): unchanged, no card
        assert (summary.fetched, summary.changed, summary.unchanged) == (2, 1, 1)
        assert summary.high_water == "2025-03-01T00:00:00Z"
    pid = model_pid(BASE, models[3]["id"])
    assert [v.source_etag for v in store.versions(pid)] == [models[3]["sha"], "f" * 40]
    assert current_values(store, models[3]["id"], SCHEMA.description) == {
        "Now with a better description for the second version."}


def test_counters_change_without_a_version(store):
    model = synthetic("org/popular", downloads=10, likes=1)
    snapshot = snapshot_of([model])
    with replay(snapshot) as server:
        run(store, server)
        snapshot.put(dict(model, downloads=999, likes=7))
        summary = run(store, server, since=EVERYTHING)
    assert summary.unchanged == 1 and summary.cards_fetched == 0
    assert len(store.versions(model_pid(BASE, "org/popular"))) == 1
    assert current_values(store, "org/popular", MLFDO.downloads) == {"999"}
    assert current_values(store, "org/popular", MLFDO.likes) == {"7"}


def test_a_failed_card_is_retried_on_the_next_run(store):
    model = synthetic("org/flaky")
    snapshot = Snapshot([model], {"org/flaky": described(model, "Read on the second attempt only.")})
    with replay(snapshot) as server:
        server.fail(r"/resolve/", 500, times=10)
        first = run(store, server, client=client(server, max_retries=1))
        assert first.new == 1 and any("model card could not be fetched" in p for p in first.problems)
        pid = model_pid(BASE, "org/flaky")
        assert store.source_etag(pid) == f"{model['sha']}-nocard"
        server.faults.clear()
        second = run(store, server, since=EVERYTHING)
        assert second.cards_fetched == 1 and second.changed == 1
    assert current_values(store, "org/flaky", SCHEMA.description) == {"Read on the second attempt only."}
    assert store.source_etag(pid) == model["sha"]


def test_no_cards_run_keeps_what_the_card_gave(store):
    models = numbered(3)
    with replay(snapshot_of(models)) as server:
        run(store, server)
        server.reset_counts()
        summary = run(store, server, since=EVERYTHING, cards=False)
        assert server.counts == {"list": 1}
    assert summary.unchanged == 3
    for model in models:
        assert len(store.versions(model_pid(BASE, model["id"]))) == 1


def test_ids_with_a_rename_become_an_alias(store):
    info = real("google-bert/bert-base-uncased")
    snapshot = Snapshot([info], {info["id"]: card(info)}, {"bert-base-uncased": info["id"]})
    with replay(snapshot) as server:
        summary = run(store, server, ids=["bert-base-uncased", "ghost/model"])
    assert (summary.fetched, summary.new, summary.failed) == (1, 1, 1)
    assert summary.renamed == [("bert-base-uncased", "google-bert/bert-base-uncased")]
    assert store.resolve("hf:bert-base-uncased") == model_pid(BASE, "google-bert/bert-base-uncased")
    assert any(f.platform_id == "ghost/model" for f in store.failures())
    assert summary.high_water is None and store.get_state(STATE_KEY) is None  # ids never move the mark


def test_a_stub_becomes_a_full_record_and_counts_as_new(store):
    base = synthetic("org/base", modified="2025-01-01T00:00:00.000Z")
    child = synthetic("org/child", modified="2025-01-02T00:00:00.000Z", tags=["base_model:finetune:org/base"])
    with replay(snapshot_of([base, child]), page_size=1) as server:
        summary = run(store, server, client=client(server, page_size=1), batch_size=1)
    assert summary.new == 2 and summary.changed == 0
    base_pid = model_pid(BASE, "org/base")
    assert store.status(base_pid) == "active" and len(store.versions(base_pid)) == 2  # stub, then the record
    assert current_values(store, "org/child", FAIR4ML.fineTunedFrom) == {base_pid}


def test_a_record_without_id_is_kept_as_a_failure_and_the_harvest_goes_on(store):
    good = synthetic("org/good")
    broken = {"_id": "y" * 24, "id": "not a valid id", "lastModified": "2025-01-03T00:00:00.000Z"}
    with replay(Snapshot([good, broken])) as server:
        summary = run(store, server)
    assert (summary.fetched, summary.new, summary.failed) == (2, 1, 1)
    assert [f.platform_id for f in store.failures()] == ["not a valid id"]


def test_a_hub_error_mid_listing_keeps_what_was_harvested(store):
    with replay(snapshot_of(numbered(9)), page_size=3) as server:
        server.fail(r"cursor=", 503, times=100)
        summary = run(store, server, client=client(server, page_size=3, max_retries=1))
    assert summary.new == 3 and summary.error and "listing models failed" in summary.error
    assert not summary.complete and store.get_state(STATE_KEY) is None


def test_limit_and_author_runs_keep_the_global_mark_untouched(store):
    with replay(snapshot_of(numbered(9))) as server:
        limited = run(store, server, limit=4)
        assert limited.fetched == 4 and not limited.complete
        assert store.get_state(STATE_KEY) is None
        by_author = run(store, server, author="org2")
        assert by_author.fetched == 3 and by_author.complete
        assert store.get_state(f"{STATE_KEY}:author:org2") == by_author.high_water
        assert store.get_state(STATE_KEY) is None


def test_the_demo_snapshot_harvests_cleanly(store):
    from harvesters.huggingface.snapshot import demo_snapshot_dir

    with replay(Snapshot.load(demo_snapshot_dir())) as server:
        summary = run(store, server, limit=150)
    assert summary.fetched == 150 and summary.new == 150 and summary.failed == 0
    assert summary.requests["list"] == 2 and summary.cards_fetched >= 149
    stats = store.stats()
    assert stats["by_kind"]["model"]["active"] == 150
    assert {"dataset", "paper", "term"} <= set(stats["by_kind"])


def test_demo_loader_harvests_a_snapshot_directory_without_touching_the_environment(store, tmp_path, monkeypatch):
    import io
    import json
    import os
    from types import SimpleNamespace

    from harvesters.huggingface.demo import load_demo

    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # a dead endpoint the demo must not use
    models = numbered(4)
    (tmp_path / "models.jsonl").write_text("".join(json.dumps(m) + "\n" for m in models), "utf-8")
    (tmp_path / "cards.jsonl").write_text(
        "".join(json.dumps({"id": m["id"], "text": card(m)}) + "\n" for m in models), "utf-8")
    out = io.StringIO()
    summary = load_demo(SimpleNamespace(store=store, base_url=BASE), tmp_path, stream=out)
    assert (summary.new, summary.cards_fetched) == (4, 4)
    assert "fetched 4, new 4" in out.getvalue()
    assert os.environ["HF_ENDPOINT"] == "http://127.0.0.1:9"
