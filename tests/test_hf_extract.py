"""Extraction through the real huggingface_hub client against the loopback replay server."""

from __future__ import annotations

import math
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from huggingface_hub import HfApi, get_hf_file_metadata, hf_hub_url
from huggingface_hub.utils import get_session

from harvesters.huggingface.cards import MAX_CARD_BYTES
from harvesters.huggingface.extract import DEFAULT_RATE, EXPAND, Extractor, Failed, HubClient, HubError
from harvesters.huggingface.offline import Snapshot
from registry.settings import load_settings
from tests.data.hf.helpers import card, client, numbered, real, replay, snapshot_of, synthetic


def ids_of(items) -> list[str]:
    return [i.model_id for i in items]


# ---------------------------------------------------------------------------- the real client's own calls
def test_hfapi_list_models_pages_through_link_headers():
    models = numbered(23)
    with replay(snapshot_of(models), page_size=5) as server:
        listed = list(HfApi(endpoint=server.url).list_models(full=True, cardData=True, sort="lastModified"))
        assert [m.id for m in listed] == [m["id"] for m in models]  # newest first
        assert server.counts["list"] == math.ceil(23 / 5)
        assert listed[0].card_data is not None and listed[0].sha == models[0]["sha"]
        response = get_session().get(f"{server.url}/api/models", params={"limit": 5})
        next_url = response.links["next"]["url"]
        assert next_url.startswith(f"{server.url}/api/models?") and "cursor=" in next_url


def test_hfapi_model_info_follows_a_legacy_307():
    info = real("google-bert/bert-base-uncased")
    with replay(Snapshot([info], redirects={"bert-base-uncased": "google-bert/bert-base-uncased"})) as server:
        model = HfApi(endpoint=server.url).model_info("bert-base-uncased")
        assert model.id == "google-bert/bert-base-uncased"
        assert ("GET", "/api/models/bert-base-uncased", 307) in server.log


def test_hub_file_download_sees_commit_etag_and_size(tmp_path):
    info = real("HuggingFaceH4/zephyr-7b-beta")
    text = card(info, "# zephyr\n\nWritten for the replay test.\n")
    with replay(Snapshot([info], {info["id"]: text})) as server:
        url = hf_hub_url(info["id"], "README.md", endpoint=server.url)
        meta = get_hf_file_metadata(url)
        assert meta.commit_hash == info["sha"] and meta.size == len(text.encode()) and meta.etag
        path = HfApi(endpoint=server.url).hf_hub_download(info["id"], "README.md", cache_dir=tmp_path)
        assert Path(path).read_text(encoding="utf-8") == text
        assert server.counts["card-head"] >= 1 and server.counts["card"] == 1


# ---------------------------------------------------------------------------- listing
def test_listing_pages_newest_first_and_asks_for_everything_in_one_call():
    models = numbered(23)
    with replay(snapshot_of(models)) as server:
        extractor = Extractor(client(server, page_size=5), cards=False)
        items = list(extractor.list_models())
        assert ids_of(items) == [m["id"] for m in models]
        assert server.counts == {"list": 5}  # no call per model
        assert extractor.complete and extractor.newest == datetime(2025, 2, 1, 0, 0, 23, tzinfo=timezone.utc)
        assert all(f"expand={e}" in server.log[0][1] for e in ("cardData", "sha", "safetensors", "model-index"))
        assert items[0].info["cardData"] == {"license": "mit"} and items[0].card_status == "skipped"


def test_listing_stops_at_since_without_asking_for_more_pages():
    models = numbered(23)
    with replay(snapshot_of(models)) as server:
        extractor = Extractor(client(server, page_size=5), cards=False)
        since = datetime(2025, 2, 1, 0, 0, 14, tzinfo=timezone.utc)  # items 0..9 are at or after it
        items = list(extractor.list_models(since=since))
        assert len(items) == 10 and extractor.complete
        assert server.counts["list"] == 3  # the third page shows the boundary; no fourth page


def test_listing_limit_stops_early_and_is_not_complete():
    with replay(snapshot_of(numbered(23))) as server:
        extractor = Extractor(client(server, page_size=5), cards=False)
        assert len(list(extractor.list_models(limit=7))) == 7
        assert not extractor.complete and server.counts["list"] == 2


def test_listing_by_author():
    with replay(snapshot_of(numbered(12))) as server:
        items = list(Extractor(client(server), cards=False).list_models(author="org1"))
        assert len(items) == 4 and all(i.model_id.startswith("org1/") for i in items)
        assert "author=org1" in server.log[0][1]


def test_429_with_retry_after_is_honoured_then_succeeds():
    with replay(snapshot_of(numbered(3))) as server:
        server.fail(r"^/api/models\?", 429, headers={"Retry-After": "1"})
        started = time.monotonic()
        items = list(Extractor(client(server), cards=False).list_models())
        assert len(items) == 3
        assert time.monotonic() - started >= 1.0  # waited at least Retry-After
        assert [s for _, _, s in server.log] == [429, 200]


def test_500_then_success_on_a_card():
    models = numbered(2)
    with replay(snapshot_of(models)) as server:
        server.fail(r"/resolve/", 500)
        items = list(Extractor(client(server)).list_models())
        assert [i.card_status for i in items] == ["fetched", "fetched"]
        assert [s for _, p, s in server.log if "/resolve/" in p] == [500, 200, 200]


def test_a_card_that_keeps_failing_is_a_problem_not_an_error():
    with replay(snapshot_of(numbered(2))) as server:
        server.fail(r"model-000/resolve/", 503, times=10)
        items = list(Extractor(client(server, max_retries=2)).list_models())
        assert [i.card_status for i in items] == ["failed", "fetched"]
        assert items[0].card is None and "model card could not be fetched" in items[0].problems[0]


def test_a_listing_that_keeps_failing_raises_hub_error():
    with replay(snapshot_of(numbered(2))) as server:
        server.fail(r"^/api/models\?", 500, times=10)
        with pytest.raises(HubError, match="listing models failed"):
            list(Extractor(client(server, max_retries=1), cards=False).list_models())


def test_timeouts_are_explicit():
    answer = threading.Event()  # the server answers the card only after the client has given up
    with replay(snapshot_of(numbered(1))) as server:
        server.fail(r"/resolve/", 200, hold=answer, times=5)
        (item,) = Extractor(client(server, timeout=0.2, max_retries=0)).list_models()
        answer.set()
        assert item.card_status == "failed" and "Timeout" in item.problems[0]


# ---------------------------------------------------------------------------- single models
def test_ids_follow_renames_and_report_missing_models():
    info = real("google-bert/bert-base-uncased")
    with replay(Snapshot([info], {info["id"]: card(info)}, {"bert-base-uncased": info["id"]})) as server:
        items = list(Extractor(client(server)).fetch_ids(["bert-base-uncased", "nobody/nothing"]))
        renamed, missing = items
        assert renamed.model_id == "google-bert/bert-base-uncased" and renamed.renamed_from == "bert-base-uncased"
        assert renamed.url == f"{server.url}/api/models/google-bert/bert-base-uncased"
        assert renamed.card_status == "fetched" and renamed.info["sha"] == info["sha"]
        assert isinstance(missing, Failed) and "not found on the Hub" in missing.error
        assert ("GET", "/api/models/nobody/nothing?" + "&".join(f"expand={e}" for e in EXPAND), 404) in server.log


def test_single_model_and_listing_give_the_same_json():
    info = real("deepset/roberta-base-squad2")
    with replay(Snapshot([info])) as server:
        extractor = Extractor(client(server), cards=False)
        (listed,) = extractor.list_models()
        (single,) = extractor.fetch_ids([info["id"]])
        assert listed.info == single.info


# ---------------------------------------------------------------------------- cards
def test_card_is_fetched_only_when_the_sha_changed():
    models = numbered(3)
    known = {models[0]["id"]: models[0]["sha"], models[1]["id"]: "0" * 40}
    with replay(snapshot_of(models)) as server:
        items = list(Extractor(client(server), known_sha=known.get).list_models())
        assert [i.card_status for i in items] == ["unchanged", "fetched", "fetched"]
        assert server.counts["card"] == 2
        assert items[1].card.startswith("---\nlicense: mit\n---")


def test_missing_cards_cost_no_call_when_siblings_say_so():
    with_readme, without = synthetic("org/a"), synthetic("org/b", siblings=[{"rfilename": "config.json"}])
    with replay(Snapshot([with_readme, without])) as server:  # no card text at all
        items = {i.model_id: i for i in Extractor(client(server)).list_models()}
        assert items["org/a"].card_status == items["org/b"].card_status == "missing"
        assert server.counts["card"] == 1  # only org/a was asked (and answered 404 EntryNotFound)


def test_huge_and_binary_cards_are_not_kept():
    huge, binary = synthetic("org/huge", modified="2025-01-02T00:00:00.000Z"), synthetic("org/bin")
    cards = {"org/huge": "x" * (MAX_CARD_BYTES + 10), "org/bin": "---\nlicense: mit\n---\n\x00\x00"}
    with replay(Snapshot([huge, binary], cards)) as server:
        items = {i.model_id: i for i in Extractor(client(server)).list_models()}
        assert items["org/huge"].card is None and "larger than" in items["org/huge"].problems[0]
        assert items["org/bin"].card is None and "binary" in items["org/bin"].problems[0]


# ---------------------------------------------------------------------------- politeness
def test_user_agent_token_and_rate():
    with replay(snapshot_of(numbered(6))) as server:
        hub = client(server, rate=20.0, token="hf_test_token")
        started = time.monotonic()
        list(Extractor(hub).list_models())
        elapsed = time.monotonic() - started
        assert server.total_requests == 7 and elapsed >= 6 / 20.0
        agent = server.last_headers["user-agent"]
        assert agent.startswith("mlfdo/") and "(+https://" in agent
        assert server.last_headers["authorization"] == "Bearer hf_test_token"
        assert hub.calls == {"list": 1, "card": 6}


def test_default_rate_is_polite_remotely_and_free_on_loopback(monkeypatch):
    monkeypatch.setenv("HF_TOKEN", "hf_from_the_environment")
    assert HubClient("http://127.0.0.1:9").rate == 0
    assert HubClient("https://huggingface.co").rate == DEFAULT_RATE
    assert "authorization" not in HubClient("http://127.0.0.1:9").headers  # only a token given is sent


def test_hub_client_takes_endpoint_token_and_rate_from_the_settings(monkeypatch):
    monkeypatch.setenv("MLFDO_HF_RATE", "2")
    monkeypatch.setenv("HF_ENDPOINT", "https://mirror.example")
    monkeypatch.setenv("HF_TOKEN", "hf_settings_token")
    hub = HubClient.from_settings(load_settings())
    assert (hub.endpoint, hub.rate) == ("https://mirror.example", 2.0)
    assert hub.headers["authorization"] == "Bearer hf_settings_token"
    assert HubClient.from_settings(load_settings(), "http://127.0.0.1:9").rate == 0


def test_replay_filters_sorts_and_redirects_file_downloads(tmp_path):
    models = numbered(6)
    models[2]["tags"] = ["peft", "license:mit"]
    for i, model in enumerate(models):
        model["downloads"] = 10_000 if i == 4 else i
    info = real("google-t5/t5-small")
    snapshot = snapshot_of([*models, info], redirects={"t5-small": "google-t5/t5-small"})
    with replay(snapshot) as server:
        api = HfApi(endpoint=server.url)
        assert [m.id for m in api.list_models(filter="peft")] == [models[2]["id"]]
        assert [m.id for m in api.list_models(search="model-00", sort="downloads", limit=2)] == \
            [models[4]["id"], models[5]["id"]]
        assert {m.id for m in api.list_models(author="google-t5")} == {"google-t5/t5-small"}
        path = api.hf_hub_download("t5-small", "README.md", cache_dir=tmp_path)
        assert Path(path).read_text(encoding="utf-8") == snapshot.card("google-t5/t5-small")
        assert any(status == 307 and "/t5-small/resolve/" in p for _, p, status in server.log)
        assert api.model_info("google-t5/t5-small", revision=info["sha"]).sha == info["sha"]
