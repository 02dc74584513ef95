"""The bundled demo snapshot: size, shape, and cards written by us over the real card data."""

from __future__ import annotations

import json

from harvesters.huggingface.cards import parse_card
from harvesters.huggingface.snapshot import demo_snapshot_dir, write_card
from harvesters.huggingface.offline import Snapshot
from tests.data.hf.helpers import real

MARKER = "This card was written by mlfdo from the model's structured metadata"


def test_snapshot_is_compact_and_large_enough():
    directory = demo_snapshot_dir()
    size = sum(f.stat().st_size for f in directory.iterdir())
    assert size < 5_000_000
    snapshot = Snapshot.load(directory)
    manifest = json.loads((directory / "manifest.json").read_text("utf-8"))
    assert len(snapshot) == manifest["models"] >= 1000
    assert len(snapshot.cards) == manifest["cards"] >= 300
    assert snapshot.renamed("bert-base-uncased") == "google-bert/bert-base-uncased"


def test_snapshot_cards_are_ours_and_carry_the_real_card_data():
    snapshot = Snapshot.load(demo_snapshot_dir())
    for key, text in snapshot.cards.items():
        model = snapshot.models[key]
        assert MARKER in text, model["id"]
        parsed = parse_card(text)
        assert parsed.problems == [], model["id"]
        assert (parsed.metadata or {}) == (model.get("cardData") or {}), model["id"]


def test_snapshot_drops_free_text_written_by_others():
    snapshot = Snapshot.load(demo_snapshot_dir())
    for model in snapshot.models.values():
        assert "widgetData" not in model
        assert not {"widget", "extra_gated_prompt"} & set(model.get("cardData") or {})
        assert "chat_template" not in ((model.get("config") or {}).get("tokenizer_config") or {})


def test_written_card_states_facts_in_the_hub_card_format():
    info = real("distilbert/distilbert-base-uncased-finetuned-sst-2-english")
    text = write_card(info)
    assert text.startswith("---\n")
    parsed = parse_card(text)
    assert "sst2" in parsed.sections["training_data"]
    assert 'pipeline("text-classification", model="distilbert/' in parsed.code_sample
    assert "1910.01108" in parsed.citation
    assert "| text-classification | glue | Accuracy | 0.9105504587155964 |" in text
