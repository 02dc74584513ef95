"""Questions naming a tag few records carry (session 18): a tool the asker uses is no tool calling, a name cased inside
("fastText") read as its tag, a context size read as the tag stating it ("128k")."""

from __future__ import annotations

import pytest

from registry.search.understand import context_tags
from tests.factories import concepts_searcher, model_pid, model_record


@pytest.fixture(scope="module")
def searcher():
    records = [
        model_record("acme/caller", keywords=("function-calling",), description="Calls functions and APIs.",
                     downloads=500),
        model_record("acme/attn-encoder", keywords=("gradviz",), description="A small encoder.", downloads=0),
        model_record("acme/asr-small", keywords=("nemotool",), description="A speech recogniser.", downloads=0),
        model_record("acme/long-reader", keywords=("256k",), description="A chat model.", downloads=0),
        model_record("acme/mid-reader", keywords=("32k",), description="A chat model.", downloads=0),
        model_record("acme/huge-reader", keywords=("2m",), description="A chat model.", downloads=0),
    ]
    records += [model_record(f"acme/plain-{i}", description="A general text model that writes papers and reads data.",
                             downloads=10_000 + i, keywords=("llm",)) for i in range(30)]
    yield from concepts_searcher(records)


# ------------------------------------------------------------ a tool the asker uses is no tool calling
@pytest.mark.parametrize("query", [
    "Which models work in the tool my team uses for plotting saliency?",
    "Is there a model I can drop into an annotation tool?",
    "models packaged for image editing tools",
    "Which checkpoints load in desktop drawing tools?",
])
def test_a_tool_the_asker_uses_is_no_tool_calling(searcher, query):
    assert "function-calling" not in searcher.understand(query).kinds


@pytest.mark.parametrize("query", [
    "Which models can use tools to look things up?",
    "a model that uses external tools",
    "anything good at tool use?",
    "models able to call tools",
])
def test_a_model_using_or_calling_tools_is_tool_calling(searcher, query):
    assert "function-calling" in searcher.understand(query).kinds


# ------------------------------------------------------------ a name cased inside, carried as a tag by few records
@pytest.mark.parametrize("query, tag, name", [
    ("Which models can be inspected in GradViz?", "gradviz", "acme/attn-encoder"),
    ("anything ready for gradViz", "gradviz", "acme/attn-encoder"),
    ("Are there models packaged for the NemoTool runtime?", "nemotool", "acme/asr-small"),
])
def test_a_name_cased_inside_that_few_records_carry_is_read_as_their_tag(searcher, query, tag, name):
    r = searcher.search(query)
    assert tag in r.understanding.tags
    assert r.results[0].pid == model_pid(name)


def test_a_word_cased_only_at_its_start_is_no_tag_reading(searcher):
    assert "gradviz" not in searcher.understand("Gradviz models please").tags
    assert "llm" not in searcher.understand("Which models does LlM mean?").tags  # many records carry it


# ------------------------------------------------------------ a context size as the tag stating it
@pytest.mark.parametrize("number, unit, tags", [
    ("a", "million", ("1m", "1000k")), ("128", "k", ("128k",)), ("32,000", "", ("32k",)),
    ("thirty two", "thousand", ("32k",)), ("500", "", ()),
])
def test_a_context_size_is_named_by_its_tags(number, unit, tags):
    assert context_tags(number, unit) == tags


@pytest.mark.parametrize("query, name", [
    ("I need a context window of 256k tokens", "acme/long-reader"),
    ("Which models read 256 thousand tokens of input at once?", "acme/long-reader"),
    ("chat models with a 32k context", "acme/mid-reader"),
    ("something that takes in two million tokens", "acme/huge-reader"),
])
def test_a_context_size_in_words_or_digits_finds_the_records_tagged_with_it(searcher, query, name):
    r = searcher.search(query)
    assert r.results[0].pid == model_pid(name)


@pytest.mark.parametrize("query", [
    "Which models were trained on 32k tokens of legal text?",
    "models with 256k downloads",
    "a context size no model here states: 64k tokens",
])
def test_a_count_of_data_or_a_size_no_record_states_is_no_context_tag(searcher, query):
    tags = searcher.understand(query).tags
    assert not {"32k", "256k", "64k"} & set(tags)
