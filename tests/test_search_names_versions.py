"""Names, versions and releases a question writes its own way: an adverb inside a relation ("built directly on"),
a release named by its month and year, a family's version no record holds (docs/search.md, "Ranking" and "Query
understanding")."""

from __future__ import annotations

import pytest

from registry.search.understand import Understander, read

BASES = ["acme/Widget-12B-Instruct-2503", "acme/Widget-12B-Instruct-2409", "acme/Widget-12B-Base-2503",
         "lab/Gizmo-7B-chat"]


def reader(**facets: list[str]) -> Understander:
    """Return an Understander over an index holding these facet values (one FDO each)."""
    vocab = {facet: {key: (key, 1) for key in keys} for facet, keys in facets.items()}
    return Understander(lambda facet: vocab.get(facet, {}))


@pytest.mark.parametrize("query", [
    "Which models were built squarely on acme's Widget 12B Instruct release of March 2025?",
    "Show me what was derived mostly from the Widget 12B Instruct checkpoint of March 2025",
    "models based entirely on Widget 12B Instruct from March 2025",
    "Anything fine-tuned directly from acme's Widget 12B Instruct (March 2025)?",
])
def test_an_adverb_inside_the_relation_still_reads_the_base_and_its_dated_release(query):
    u = reader(base_model=BASES, author=["acme", "lab"]).understand(query)
    assert u.filters().get("base_model") == ["acme/Widget-12B-Instruct-2503"], u.recognised


@pytest.mark.parametrize("query", [
    "Which models were built directly on Gizmo 7B chat?",
    "What models are based largely on Gizmo 7B chat?",
    "models derived partly from Gizmo 7B chat",
])
def test_an_adverb_inside_the_relation_asks_for_the_children(query):
    assert "derivatives" in read(query).attributes
    u = reader(base_model=BASES).understand(query)
    assert (u.filters().get("base_model") or u.boosts().get("base_model")) == ["lab/Gizmo-7B-chat"], u.recognised


# ------------------------------------------------------------ a version no record holds, written as ids write it
@pytest.mark.parametrize("query, family, version", [
    ("Do you have Kestrel-V2?", ("kestrel",), 2.0),  # the version's V in capitals
    ("Is there a Kestrel V4 in here?", ("kestrel",), 4.0),
    ("Is acme's quill-1.5 available?", ("quill",), 1.5),  # a family written in lower case, joined by a hyphen
    ("can I find wordsmith-2 here", ("wordsmith",), 2.0),
])
def test_a_version_written_as_identifiers_write_it_is_a_version_asked(query, family, version):
    from registry.search.versions import asked_version
    asked = asked_version(query)
    assert (asked.family, asked.version) == (family, version), asked


@pytest.mark.parametrize("query", ["Give me a 7b model", "fine-tunes of a well-known base", "models for text-to-speech",
                                   "Which 3-bit copies are there?"])
def test_words_joined_by_a_hyphen_without_a_version_ask_no_version(query):
    from registry.search.versions import asked_version
    assert asked_version(query) is None


@pytest.fixture(scope="module")
def kin():
    from tests.factories import concepts_searcher, model_doing
    records = [
        model_doing("lab/Kestrel-V3", "text-generation", downloads=9_000, description="Writes."),
        model_doing("lab/Kestrel-V1", "text-generation", downloads=300, description="Writes."),
        model_doing("copies/Kestrel-V3-bf16", "text-generation", downloads=800, description="Writes."),
        model_doing("acme/quill-2", "text-generation", downloads=5_000, description="Writes short texts."),
        model_doing("acme/quill-3", "text-generation", downloads=4_000, description="Writes short texts."),
        model_doing("someone/quill-1_5-tuned-maths", "text-generation", base_model="acme/quill-2", downloads=2,
                    description="Solves sums."),
    ]
    records += [model_doing(f"other/writer-v2-{i}", "text-generation", downloads=50_000 + i,
                            description="A kestrel and a quill of text, version 2.") for i in range(8)]
    yield from concepts_searcher(records)


def _top(searcher, question, n):
    from tests.factories import model_pid
    return [h.pid for h in searcher.search(question, per_page=10).results][:n], model_pid


def test_a_capital_v_version_not_held_puts_the_familys_releases_nearest_first(kin):
    got, pid = _top(kin, "Do you have Kestrel-V2?", 2)
    assert set(got) == {pid("lab/Kestrel-V3"), pid("lab/Kestrel-V1")}, got


def test_a_lower_case_version_not_held_puts_the_nearest_release_then_the_name_carrying_it(kin):
    # the family's releases, the nearest version first, then the fine-tune whose name says the version asked
    got, pid = _top(kin, "Is acme's quill-1.5 available?", 3)
    assert got == [pid("acme/quill-2"), pid("acme/quill-3"), pid("someone/quill-1_5-tuned-maths")], got


# ------------------------------------------------------------ an acronym the question defines in brackets
@pytest.mark.parametrize("text, expected", [
    ("Which ones used sparse reward shaping (SRS)?", [("srs", "sparse reward shaping (SRS)")]),
    ("models tuned with group relative policy optimisation (GRPO) on maths", [
        ("grpo", "group relative policy optimisation (GRPO)")]),
    ("a 7B model (GGUF) for chat", []),  # no initials of the words before it
    ("trained on the test set (7B)", []),
])
def test_an_acronym_defined_in_brackets_is_read_with_the_words_it_stands_for(text, expected):
    from registry.search.understand import defined_acronyms
    assert [(a, text[s:e]) for a, s, e in defined_acronyms(text)] == expected


@pytest.fixture(scope="module")
def tuned():
    from tests.factories import concepts_searcher, model_doing
    records = [model_doing("lab/Gizmo-7B", "text-generation", downloads=9_000, description="Writes.")]
    records += [model_doing(f"someone/gizmo-7b-sft-run{i}", "text-generation", base_model="lab/Gizmo-7B",
                            downloads=100 + i, description="A Gizmo fine-tune: sparse answers, reward for shaping.")
                for i in range(12)]
    records += [model_doing(f"tuner/gizmo-7b-srs_basic-v{i}", "text-generation", base_model="lab/Gizmo-7B",
                            downloads=1, description="Writes.") for i in range(3)]
    records += [model_doing("other/srs-tagger", "token-classification", downloads=50, description="Tags.")]
    yield from concepts_searcher(records)


@pytest.mark.parametrize("question", [
    "Which Gizmo 7B fine-tunes used sparse reward shaping (SRS)?",
    "Show me models fine-tuned from Gizmo 7B with sparse reward shaping (SRS)",
])
def test_the_bases_derivatives_carrying_a_defined_acronym_come_first(tuned, question):
    from tests.factories import model_pid
    got = [h.pid for h in tuned.search(question, per_page=10).results][:3]
    assert set(got) == {model_pid(f"tuner/gizmo-7b-srs_basic-v{i}") for i in range(3)}, got


# ------------------------------------------------------------ a name and its version written apart or joined
@pytest.mark.parametrize("text, expected", [
    ("answers written by Quill-4", [("quill4", "quill", "4")]),
    ("Which Sage 2 fine-tunes", [("sage2", "sage", "2")]),
    ("built on Wordsmith-3.1", [("wordsmith3.1", "wordsmith", "3.1")]),
    ("data from Quill-4o", []),  # another name (GPT-4o is not GPT-4)
    ("the top of 5 models", []),
])
def test_a_name_and_its_version_written_apart_are_read_joined(text, expected):
    from registry.search.name_words import versioned_names
    assert versioned_names(text) == expected


@pytest.fixture(scope="module")
def joined():
    from tests.factories import concepts_searcher, model_doing
    records = [
        model_doing("maker/quill2", "text-generation", downloads=900_000, description="Writes text."),
        model_doing("someone/alpaca-quill4-chat", "text-generation", downloads=3, description="Chats."),
        model_doing("someone/tiny-quill4-tuned", "text-generation", downloads=2, description="Chats."),
        model_doing("someone/quill4o-distilled", "text-generation", downloads=500, description="Chats."),
        model_doing("someone/Quill4chan-9B", "text-generation", downloads=700, description="Chats."),
    ]
    records += [model_doing(f"other/writer-{i}", "text-generation", downloads=10_000 + i,
                            description="Answers written by a quill, version 4 of it.") for i in range(8)]
    yield from concepts_searcher(records)


@pytest.mark.parametrize("question", ["Which models learned from replies written by Quill-4?",
                                      "Anything trained on Quill 4 outputs?"])
def test_the_names_holding_a_version_named_as_a_source_come_first(joined, question):
    # (the version is the source of the data, not a model asked: no nearest release is pinned,
    # tests/test_search_version_sources.py)
    from tests.factories import model_pid
    got = [h.pid for h in joined.search(question, per_page=10).results][:2]
    assert set(got) == {model_pid("someone/alpaca-quill4-chat"), model_pid("someone/tiny-quill4-tuned")}, got


def test_the_version_asked_for_itself_pins_the_familys_nearest_release(joined):
    from tests.factories import model_pid
    got = [h.pid for h in joined.search("Is Quill-4 in here?", per_page=10).results][:3]
    assert got[0] == model_pid("maker/quill2"), got
    assert set(got[1:]) == {model_pid("someone/alpaca-quill4-chat"), model_pid("someone/tiny-quill4-tuned")}, got


@pytest.fixture(scope="module")
def apart():
    from tests.factories import concepts_searcher, model_doing
    records = [model_doing(f"maker/Quill-3-{s}-Instruct", "text-generation", downloads=9_000 + i,
                           description="Writes.") for i, s in enumerate(("8B", "70B", "1B"))]
    records += [model_doing("someone/Quill3-24B-merged", "text-generation", downloads=5, description="Writes.")]
    yield from concepts_searcher(records)


def test_a_version_names_mostly_write_apart_is_not_matched_joined(apart):
    from tests.factories import model_pid
    got = [h.pid for h in apart.search("Quill 3 8B instruct", per_page=10).results][:1]
    assert got == [model_pid("maker/Quill-3-8B-Instruct")], got


@pytest.mark.parametrize("query", ["Has any model been tuned specifically on sentences that contain irony?",
                                   "models trained mostly on reviews"])
def test_an_ly_word_after_trained_or_tuned_reads_no_data_set(query):
    u = reader(dataset=["acme/sentences-irony", "lab/reviews"]).understand(query)
    assert "dataset" not in u.filters() and "dataset" not in u.boosts(), u.recognised
