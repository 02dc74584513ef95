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
    "We use a tool named Lens to browse weights; which models open in it?",
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


# ------------------------------------------------------------ a licence asked for as itself, not its family
def licence_reader():
    from tests.test_search_fields_s17 import reader
    return reader(kind=["model"], licence=["openrail", "openrail++", "creativeml-openrail-m", "bigcode-openrail-m",
                                           "bsd", "bsd-2-clause", "bsd-3-clause"])


@pytest.mark.parametrize("query, key", [
    ("Which models are under the vanilla OpenRAIL licence?", "openrail"),
    ("models licensed with OpenRAIL itself", "openrail"),
    ("OpenRAIL but none of its offshoots, please", "openrail"),
    ("anything released under OpenRAIL, and not its -M relatives", "openrail"),
    ("Which models carry the bare BSD licence?", "bsd"),
])
def test_a_licence_asked_for_as_itself_is_read_exactly(query, key):
    assert licence_reader().understand(query).filters()["licence"] == [key]


@pytest.mark.parametrize("query", ["Which models are under an OpenRAIL licence?", "models licensed OpenRAIL"])
def test_a_licence_familys_word_alone_still_reads_the_family(query):
    assert len(licence_reader().understand(query).filters()["licence"]) > 1


# ------------------------------------------------------------ few records pass the filters, the rest is context
@pytest.fixture(scope="module")
def sized():
    records = [
        model_record("acme/tagger-350m", description="Tags parts of speech.", downloads=50),
        model_record("acme/listener-300m", description="Transcribes calls.", downloads=40),
        model_record("acme/viewer-400m", description="Labels photos.", downloads=30),
        model_record("acme/giant-7b", description="Writes essays on a server.", downloads=900),
        model_record("acme/rules-a", description="Sorts invoices.", licence="BSD-3-Clause", downloads=20),
        model_record("acme/rules-b", description="Finds faces.", licence="BSD-3-Clause", downloads=10),
        model_record("acme/rules-c", description="Reads receipts on a Raspberry Pi.", licence="BSD-3-Clause", downloads=5),
    ]
    records += [model_record(f"acme/plain-{i}", description="A general model that runs on any laptop or server.",
                             downloads=10_000 + i) for i in range(40)]
    yield from concepts_searcher(records)


SIZED = {"acme/tagger-350m", "acme/listener-300m", "acme/viewer-400m"}
BSD3 = {"acme/rules-a", "acme/rules-b", "acme/rules-c"}


@pytest.mark.parametrize("query, names", [
    ("My laptop has no graphics card; anything from 300M to 420M parameters I could try?", SIZED),
    ("Running on a small office box: suggestions in the 280 to 450 million parameter range?", SIZED),
    ("Our legal team only signs off on BSD-3-Clause. What could we deploy on a laptop?", BSD3),
    ("We can only ship BSD-3-Clause code to our customers, so which of yours would do?", BSD3),
])
def test_few_records_passing_the_filters_are_all_listed_whatever_the_context_words(sized, query, names):
    r = sized.search(query)
    assert {model_pid(n) for n in names} <= {h.pid for h in r.results}


def test_the_records_the_context_words_match_go_first_among_those_listed(sized):
    r = sized.search("Our legal team only signs off on BSD-3-Clause. What could we deploy on a Raspberry Pi?")
    assert r.results[0].pid == model_pid("acme/rules-c")


def test_filters_leaving_many_records_are_not_all_listed(sized):
    r = sized.search("Apache-2.0 models that transcribe calls")
    assert r.total < 40


# ------------------------------------------------------------ a word of an identifier one letter off the question's
@pytest.fixture(scope="module")
def spelt():
    records = [
        model_record("acme/me-lighthuoses-sd", description="A DreamBooth fine-tune.", downloads=0),
        model_record("acme/pengiuns-lora", description="A DreamBooth fine-tune.", downloads=0),
        model_record("acme/fountain-pics", description="A DreamBooth fine-tune.", downloads=0),
    ]
    records += [model_record(f"acme/plain-{i}", description="Draws pictures of anything in any style you like.",
                             downloads=10_000 + i) for i in range(30)]
    yield from concepts_searcher(records)


@pytest.mark.parametrize("query, name", [
    ("I want pictures of lighthouses for a coastal calendar", "acme/me-lighthuoses-sd"),
    ("Anything that draws penguins on ice?", "acme/pengiuns-lora"),
])
def test_an_identifier_word_one_letter_off_a_long_word_of_the_question_matches_it(spelt, query, name):
    from registry.search.static import StaticEmbedder
    if not isinstance(spelt.index.embedder, StaticEmbedder):
        pytest.skip("needs the static model's vocabulary")
    assert spelt.search(query).results[0].pid == model_pid(name)


def test_a_word_of_the_language_one_letter_off_is_another_word(spelt):
    from registry.search.static import StaticEmbedder
    if not isinstance(spelt.index.embedder, StaticEmbedder):
        pytest.skip("needs the static model's vocabulary")
    r = spelt.search("pictures of mountains please")
    assert model_pid("acme/fountain-pics") not in {h.pid for h in r.results[:3]}
