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


# Fields where authors write text for people or models to read; none may be left at any depth.
AUTHOR_TEXT_FIELDS = {"chat_template", "instance_prompt", "prompt_template", "system_prompt", "default_system_prompt",
                      "widget", "widgetData", "extra_gated_prompt", "extra_gated_description", "extra_gated_heading",
                      "extra_gated_button_content", "extra_gated_fields"}
MAX_WORDS = 8  # longer strings in the metadata are prose, not facts
LONG_FACTS = {"cardData.co2_eq_emissions.source"}  # the title of the paper an estimate comes from


def walk(value, path=()):
    """Yield (dotted path, key or None, value) for every key and every string of a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield ".".join((*path, key)), key, item
            yield from walk(item, (*path, key))
    elif isinstance(value, list):
        for item in value:
            yield ".".join((*path, "[]")), None, item
            yield from walk(item, (*path, "[]"))


def test_snapshot_keeps_no_field_of_author_written_text_at_any_depth():
    snapshot = Snapshot.load(demo_snapshot_dir())
    found = [(model["id"], where) for model in snapshot.models.values()
             for where, key, _ in walk(model) if key in AUTHOR_TEXT_FIELDS]
    assert found == []


def test_snapshot_strings_are_facts_not_prose():
    snapshot = Snapshot.load(demo_snapshot_dir())
    prose = [(model["id"], where, value[:60]) for model in snapshot.models.values()
             for where, _, value in walk(model)
             if isinstance(value, str) and len(value.split()) > MAX_WORDS and where not in LONG_FACTS]
    assert prose == []


def test_strip_model_drops_author_text_wherever_it_sits():
    from harvesters.huggingface.snapshot import strip_model

    model = {"id": "org/m", "cardData": {"license": "mit", "instance_prompt": "a photo of sks dog"},
             "gguf": {"chat_template": "{{ messages }}", "total": 5},
             "config": {"processor_config": {"chat_template": "{% for m in messages %}"}},
             "siblings": [{"rfilename": "README.md"}, {"rfilename": "This model was trained on some data and it works."}]}
    assert strip_model(model) == {"id": "org/m", "cardData": {"license": "mit"}, "gguf": {"total": 5},
                                  "config": {"processor_config": {}}, "siblings": [{"rfilename": "README.md"}]}


def test_written_card_states_facts_in_the_hub_card_format():
    info = real("distilbert/distilbert-base-uncased-finetuned-sst-2-english")
    text = write_card(info)
    assert text.startswith("---\n")
    parsed = parse_card(text)
    assert "sst2" in parsed.sections["training_data"]
    assert 'pipeline("text-classification", model="distilbert/' in parsed.code_sample
    assert "1910.01108" in parsed.citation
    assert "| text-classification | glue | Accuracy | 0.9105504587155964 |" in text
