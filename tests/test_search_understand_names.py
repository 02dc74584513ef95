"""The reader on numbers written as words, sizes inside names, versions inside licence families and owners."""

from __future__ import annotations

import pytest

from registry.search.understand import Understander, read
from tests.cpu import assert_cpu_within


def reader(**facets: list[str]) -> Understander:
    """Return an Understander over an index holding these facet values (one FDO each)."""
    vocab = {facet: {key: (key, 1) for key in keys} for facet, keys in facets.items()}
    return Understander(lambda facet: vocab.get(facet, {}))


@pytest.mark.parametrize("query, value", [
    ("Which models have fewer than one billion parameters?", "<1B"),
    ("models under half a billion parameters", "<500M"),
    ("at most a hundred million parameters", "<=100M"),
    ("more than twenty-five million parameters", ">25M"),
    ("below two and a half billion params", "<2.5B"),
    ("between one hundred million and one billion parameters", "100M-1B"),
    ("over ten billion parameters", ">10B"),
])
def test_a_size_written_in_words_is_read_as_the_size(query, value):
    assert reader().understand(query).filters()["params"] == [value]


def test_counts_of_other_things_and_words_that_only_look_like_numbers_are_no_size():
    rules = reader()
    for query in ("models with more than a million downloads", "at most twenty examples",
                  "trained on under 10k examples", "models at most a few megabytes"):
        assert "params" not in rules.understand(query).filters(), query


def test_a_size_written_out_in_a_name_names_the_model_of_that_size():
    rules = reader(base_model=["EleutherAI/gpt-neox-20b", "EleutherAI/pythia-160m", "EleutherAI/gpt-j-6b"],
                   author=["EleutherAI"])
    u = rules.understand("What has been made from EleutherAI's 20-billion-parameter NeoX model?")
    assert u.boosts()["base_model"] == ["EleutherAI/gpt-neox-20b"]
    assert "author" not in u.filters()  # the owner is part of the name, not a filter on its own models
    assert "derivatives" in read("What has been made from EleutherAI's NeoX model?").attributes


def test_a_version_named_in_a_licence_family_narrows_the_family():
    from harvesters.vocabularies import harvest
    from registry.search import get_searcher
    from registry.service import Registry
    from tests.factories import model_record

    registry = Registry.open({"BASE_URL": "http://registry.test"}, in_memory=True, environ={})
    try:
        harvest(registry.store)
        registry.store.ingest_many([model_record(f"org/m-{key}", licence=key) for key in ("llama2", "llama3", "gemma")]
                                   + [model_record(f"org/other-{key}", licence=key)
                                      for key in ("MIT", "Apache-2.0", "CC-BY-4.0", "BSD-3-Clause")])
        searcher = get_searcher(registry)
        u = searcher.understand("Which models fall under one of Meta's Llama 3 community licences?")
        assert u.filters()["licence"] == ["llama3"]
        assert "licence" not in u.boosts()  # the family's other members are not preferred either
        # the family named without a version is all of it: Meta's community licences (Gemma's terms are not one)
        u = searcher.understand("Which models carry a community licence?")
        assert set(u.filters()["licence"]) == set(u.boosts()["licence"]) == {"llama2", "llama3"}
    finally:
        registry.close()


@pytest.fixture(scope="module")
def searcher():
    from tests.data.search.records import make_registry, make_searcher

    registry = make_registry(None)
    yield make_searcher(registry)
    registry.close()


def test_an_owner_whose_named_thing_is_not_held_but_means_something_else_does_not_rank_its_other_models(
        with_concepts):
    question = "Do you have Meta's Segment Anything model?"  # the words name a concept (mask generation)
    u = with_concepts.understand(question)
    [note] = [r for r in u.recognised if r.facet == "author"]
    assert not note.applied and not note.values
    assert note.note == "nothing by meta-llama or facebook called 'segment anything' is held"  # Meta's accounts
    assert "Segment Anything" in u.text and "Meta" not in u.text
    ranked = [h.name for h in with_concepts.search(question).results]
    assert not any(name.startswith("meta-llama/") for name in ranked[:3]), ranked


def test_an_owner_whose_named_thing_means_nothing_here_stays_the_best_clue(searcher):
    question = "Is OpenAI's Sora in the registry?"
    u = searcher.understand(question)
    [note] = [r for r in u.recognised if r.facet == "author"]
    assert not note.applied and "'sora' is held" in note.note  # said, but the owner's FDOs are the closest
    assert "OpenAI's Sora" in u.text
    assert searcher.search(question).results[0].name.startswith("openai/")


def test_an_owner_holding_what_is_named_stays_part_of_the_question(searcher):
    for question in ("Tell me about Meta's Llama 2", "Is OpenAI's Whisper small any good?",
                     "What is Meta's latest model?", "Which is Meta's best one?"):
        u = searcher.understand(question)
        assert not [r for r in u.recognised if r.facet == "author"], question
        assert "'s" in u.text, question


def test_a_platform_kind_named_with_the_platform_is_the_kind_asked_not_a_later_kind_word():
    rules = reader(kind=["model", "dataset", "task"])
    u = rules.understand("Which OpenML task evaluates classifiers on dataset 3 with 10-fold cross-validation?")
    assert u.filters()["kind"] == ["task"]
    # a kind the index does not hold is not read from the platform's words
    assert reader(kind=["model", "dataset"]).understand("Which OpenML task uses dataset 3?").filters()["kind"] == [
        "dataset"]


def test_an_openml_run_is_the_evaluation_kind():
    # OpenML calls its evaluations runs (the registry's kind "evaluation"); a flow is a model
    rules = reader(kind=["model", "dataset", "task", "evaluation"])
    assert rules.understand("Which OpenML runs evaluated a Bayes net?").filters()["kind"] == ["evaluation"]
    assert rules.understand("an OpenML flow that boosts trees").filters()["kind"] == ["model"]


@pytest.mark.parametrize("question, kind", [
    ("evaluation runs on the optdigits data", ["evaluation"]),
    ("Are there experiment results recorded with a Weka classifier?", ["evaluation"]),
    ("the runs of a random forest on the iris data", ["evaluation"]),
    ("something that runs with llama.cpp", None),
    ("Which model has evaluation runs on MMLU?", ["model"]),
    ("a classification task on the anneal data", ["task"]),
    ("Which tasks use the iris dataset?", ["task"]),
    ("a regression task over the housing data set", ["task"]),
    # what a task is for or done by: no task record is asked for
    ("fine-tuned for a sentiment task on my data", None),
    ("What can do a classification task on tabular data?", None),
    ("a model for a classification task on the anneal data", ["model"]),
    ("the task of labelling data", None),
])
def test_a_task_on_a_data_set_or_records_of_runs_are_read_as_their_kind(question, kind):
    rules = reader(kind=["model", "dataset", "task", "evaluation"])
    assert rules.understand(question).filters().get("kind") == kind
    # an index holding no task or evaluation records reads neither kind
    assert not {"task", "evaluation"} & set(reader(kind=["model", "dataset"]).understand(question).filters().get("kind")
                                            or [])


def test_tasks_on_data_are_read_in_time_linear_in_the_question():
    # each "task on ... data" looked through the whole question before it for what the task is for: 10 kB took 0.5 s
    rules = reader(kind=["model", "dataset", "task", "evaluation"])
    rules.understand("warm up")
    question = "for a task on the data " * 435
    assert_cpu_within(lambda: rules.understand(question), 0.3)
    assert rules.understand(question).filters().get("kind") is None  # each is what something is for


@pytest.fixture(scope="module")
def with_concepts():
    from harvesters.vocabularies import harvest
    from registry.search.embed import make_embedder
    from tests.data.search.records import make_registry, make_searcher

    registry = make_registry(None)
    harvest(registry.store)
    # the default (static) embedder: MiniLM would embed every concept phrase of the vocabularies (a minute on 2 cores)
    yield make_searcher(registry, embedder=make_embedder("static"))
    registry.close()


def test_a_concept_standing_for_most_tasks_ranks_none_of_them_up(with_concepts):
    def weight(question: str, name: str) -> int:
        qu = with_concepts.understand(question)
        pid = with_concepts.named(name)[0][0]
        return with_concepts.judge([pid], qu)[pid][1]

    # "words" is the text modality: most of the index's tasks; preferring them all put the popular first, above
    # the record whose words match. The reading keeps it (the chat reads the field a question names from it)
    question = "a benchmark of news documents stored as word counts"
    assert "task" in with_concepts.understand(question).boosts()
    assert weight(question, "distilbert/distilbert-base-uncased-finetuned-sst-2-english") == 0
    # a modality of a few tasks still ranks them up
    assert weight("a vision model for my photos", "google/vit-base-patch16-224") > 0


def test_a_long_run_of_capitalised_words_is_read_for_a_version_in_time_linear_in_its_length():
    # the family-and-version pattern retried a run of capitalised words from each of its words when no number
    # followed: 16 kB of them took 0.8 s
    from registry.search.versions import asked_version
    assert asked_version("Abc " * 4000) is None
    assert_cpu_within(lambda: asked_version("Abc " * 4000), 0.2)
    # the name and version are still read after such a run, with the frame words before the name dropped
    asked = asked_version("Abc " * 50 + "Do You Have Stable Diffusion 3.5 Large?")
    assert asked is not None and asked.family[-2:] == ("stable", "diffusion") and asked.size == "large"


def test_the_words_making_each_constraint_explicit_are_read_in_time_linear_in_the_question():
    # every constraint lower-cased the whole question before it to look for "only" or "must": 40 kB of library
    # names took 2.0 s of this thread's CPU (0.27 s now; 0.86 s once with two benches on the two cores)
    rules = reader(library=["flair", "fastai"])
    rules.understand("warm up")
    assert_cpu_within(lambda: rules.understand(("fastai flair " * 3300)[:40000]), 1.3)
    # "only" right before a library still makes it a filter, and far before it does not
    assert rules.understand("only fastai models").filters().get("library") == ["fastai"]
    assert not rules.understand("only " + "x " * 40 + "fastai models").filters().get("library")
