"""Compare 2-4 FDOs: the JSON rows, aligned evaluations, highlighted differences, and the HTML page."""

from __future__ import annotations

import pytest

from registry.fdo.compare import licence_family
from registry.web import create_app
from tests.data.interfaces.fixture import FAMILY, family_registry


@pytest.fixture(scope="module")
def client():
    registry = family_registry()
    yield create_app({"REGISTRY": registry, "TESTING": True, "SPARQL_ISOLATION": "thread"}).test_client()
    registry.close()


def rows(data: dict) -> dict:
    return {r["key"]: r for r in data["rows"]}


def labels(cell: list) -> list:
    return [v["label"] if isinstance(v, dict) else v for v in cell]


def test_api_compare_aligns_facts_and_marks_differences(client):
    response = client.get(f"/api/compare?ids={FAMILY.mid},{FAMILY.chat}")
    assert response.status_code == 200
    data = response.json
    assert [f["name"] for f in data["fdos"]] == ["mid-lm", "mid-lm-chat"]
    by_key = rows(data)
    assert [labels(c) for c in by_key["task"]["values"]] == [["Text Generation"], ["Text Generation"]]
    assert by_key["task"]["differs"] is False
    assert [labels(c) for c in by_key["base_model"]["values"]] == [["fine-tuned from: grand-lm"],
                                                                  ["fine-tuned from: mid-lm"]]
    assert by_key["base_model"]["differs"] is True
    assert by_key["licence_family"]["values"] == [["permissive"], ["permissive"]]
    assert by_key["size"]["values"] == [["125M"], ["125M"]] and not by_key["size"]["differs"]
    assert by_key["downloads"]["values"] == [["5,000"], ["900"]]
    assert data["differences"] == sum(1 for r in data["rows"] if r["differs"])


def test_evaluations_on_the_same_dataset_and_metric_share_a_row(client):
    data = client.get(f"/api/compare?ids={FAMILY.mid}&ids={FAMILY.chat}").json
    evals = [r for r in data["rows"] if r["group"] == "evaluation"]
    assert evals[0]["label"] == "accuracy on quizset"
    assert evals[0]["values"] == [["0.62"], ["0.71"]] and evals[0]["differs"]
    only_chat = {r["label"]: r["values"] for r in evals[1:]}
    assert only_chat == {"f1 on quizset": [[], ["0.66"]], "perplexity on tinytales": [[], ["9.5"]]}


def test_compare_refuses_one_or_five_ids_and_unknown_ones(client):
    assert client.get(f"/api/compare?ids={FAMILY.mid}").status_code == 400
    five = ",".join([FAMILY.mid, FAMILY.chat, FAMILY.q4, FAMILY.lora, FAMILY.merged])
    assert client.get(f"/api/compare?ids={five}").status_code == 400
    missing = client.get(f"/api/compare?ids={FAMILY.mid},aaaaaaaaaaaaa")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"


def test_compare_page_highlights_rows_that_differ(client):
    html = client.get(f"/compare?ids={FAMILY.mid},{FAMILY.chat},{FAMILY.q4}").get_data(as_text=True)
    assert '<tr class="same" data-key="licence">' in html  # all three are Apache-2.0 now
    assert '<tr class="differs" data-key="task">' in html  # q4 states no task
    assert html.count('<td class="differs">') == 3 * html.count('<tr class="differs"')
    assert f'<a href="/fdo/{FAMILY.q4}">mid-lm-q4</a>' in html and "Evaluation results, aligned" in html


def test_compare_page_without_ids_explains_how_to_pick(client):
    html = client.get("/compare").get_data(as_text=True)
    assert "tick “Compare” on" in html


def test_compare_is_in_the_openapi_description(client):
    spec = client.get("/openapi.json").json
    assert spec["paths"]["/api/compare"]["get"]["operationId"] == "compareFdos"
    assert "Comparison" in spec["components"]["schemas"]


@pytest.mark.parametrize("label, family", [("Apache-2.0", "permissive"), ("MIT", "permissive"),
                                            ("GPL-3.0-only", "copyleft"), ("CC-BY-SA-4.0", "copyleft"),
                                            ("CC-BY-NC-4.0", "non-commercial"), ("openrail++", "responsible-AI (use restrictions)"),
                                            ("llama3.1", "model-specific terms"), ("weird", "other")])
def test_licence_family(label, family):
    assert licence_family(label) == family


@pytest.mark.slow
def test_chat_comparison_answer_links_the_compare_page():
    from registry.chat import ChatService
    from registry.pid import mint_id
    from tests.data.chat.fixture import chat_registry

    registry = chat_registry()
    try:
        answer = ChatService(registry, llm="extractive").ask("Compare bert-base-uncased and distilbert-base-uncased")
    finally:
        registry.close()
    ids = [mint_id("hf", "google-bert/bert-base-uncased"), mint_id("hf", "distilbert/distilbert-base-uncased")]
    link = f"/compare?ids={ids[0]},{ids[1]}"
    assert answer.table.to_dict()["compare_href"] == link
    assert f"[Open the side-by-side comparison]({link})" in answer.text
