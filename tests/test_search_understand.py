"""Natural-language query understanding over the test index (real MiniLM, Qdrant local mode in memory)."""

from __future__ import annotations

import re

import pytest

from tests.data.search.records import make_registry, make_searcher, specs
from tests.cpu import assert_cpu_within


@pytest.fixture(scope="module")
def searcher():
    registry = make_registry(None)
    yield make_searcher(registry)
    registry.close()


def applied(understanding) -> dict[str, set[str]]:
    return {r.facet: set(r.values) for r in understanding.recognised if r.applied}


CASES = [
    ("small Apache-licensed German sentence-embedding model",
     {"licence": {"Apache-2.0"}, "language": {"de"}, "task": {"sentence-similarity", "feature-extraction"},
      "kind": {"model"}}),
    ("MIT licensed NER model", {"licence": {"MIT"}, "task": {"token-classification"}, "kind": {"model"}}),
    ("summarise news articles in English", {"task": {"summarization"}, "language": {"en"}}),
    ("speech recognition from 2022", {"task": {"automatic-speech-recognition"}, "date": {"2022"}}),
    ("models under 500M parameters", {"kind": {"model"}, "params": {"<500M"}}),
    ("between 100M and 1B parameters", {"params": {"100M-1B"}}),
    ("at least 7B parameters", {"params": {">=7B"}}),
    ("fine-tuned from llama", {"base_model": {"meta-llama/Llama-2-7b-hf", "meta-llama/Meta-Llama-3-8B"}}),
    ("quantized version of llama 2", {"base_model": {"meta-llama/Llama-2-7b-hf"}}),
    ("models trained on squad_v2", {"kind": {"model"}, "dataset": {"squad_v2"}}),
    ("question answering by deepset", {"task": {"question-answering"}, "author": {"deepset"}}),
    ("transformers models in French", {"library": {"transformers"}, "kind": {"model"}, "language": {"fr"}}),
    ("sentence-transformers embeddings", {"library": {"sentence-transformers"},
                                          "task": {"sentence-similarity", "feature-extraction"}}),
    ("anything under the llama 2 license", {"licence": {"llama2"}}),
    ("openrail image generation", {"licence": {"openrail++"}, "task": {"text-to-image"}}),
    ("text classification models released since 2023", {"task": {"text-classification"}, "kind": {"model"},
                                                         "date": {">=2023"}}),
    ("multilingual sentence similarity", {"language": {"multilingual"}, "task": {"sentence-similarity"}}),
    ("token-classification", {"task": {"token-classification"}}),
]


@pytest.mark.parametrize("query, expected", CASES, ids=[c[0] for c in CASES])
def test_understand_recognises_constraints(searcher, query, expected):
    assert applied(searcher.understand(query)) == expected


def test_understand_removes_size_and_date_words_from_the_matching_text(searcher):
    u = searcher.understand("speech recognition models under 500M parameters from 2022")
    assert u.text == "speech recognition models"
    assert applied(u)["params"] == {"<500M"} and applied(u)["date"] == {"2022"}


def test_understand_turns_weak_hints_into_suggestions_not_filters(searcher):
    u = searcher.understand("small text classification model for commercial use")
    assert "params" not in applied(u) and "licence" not in applied(u)
    suggested = {(s.facet, s.value) for s in u.suggested}
    assert ("params", "<500M") in suggested
    assert {("licence", "MIT"), ("licence", "Apache-2.0"), ("licence", "CC-BY-4.0")} <= suggested
    assert ("licence", "llama2") not in suggested


def test_understand_reports_a_value_the_index_lacks_without_applying_it(searcher):
    u = searcher.understand("Swahili speech recognition")
    [lang] = [r for r in u.recognised if r.facet == "language"]
    assert not lang.applied and "sw" in lang.note
    assert applied(u) == {"task": {"automatic-speech-recognition"}}


def test_understand_expands_abbreviations(searcher):
    u = searcher.understand("ner for tweets")
    assert "named entity recognition" in u.expansions
    assert "twitter" in u.expansions


def test_search_relaxes_recognised_filters_that_match_nothing_together(searcher):
    response = searcher.search("only MIT licensed object detection")
    assert response.total > 0
    assert response.notes and not any(r.applied for r in response.recognised if r.mode == "filter")
    assert {("licence", "MIT"), ("task", "object-detection")} <= {(s.facet, s.value) for s in response.suggested}


def test_task_read_from_loose_words_boosts_and_never_filters(searcher):
    response = searcher.search("MIT licensed object detection")
    task = next(r for r in response.recognised if r.facet == "task")
    assert task.mode == "boost" and task.applied
    assert "task" not in response.filters and response.filters["licence"] == ["MIT"]
    assert response.total > 0 and not response.notes


def test_only_or_must_turns_a_loose_task_into_a_filter(searcher):
    for query in ("only object detection models", "it must do object detection"):
        task = next(r for r in searcher.understand(query).recognised if r.facet == "task")
        assert task.mode == "filter", query


def test_language_read_from_the_query_keeps_models_that_state_none(searcher):
    response = searcher.search("German object detection")
    assert response.results[0].name == "facebook/detr-resnet-50"  # no language in its metadata
    assert not response.notes
    assert "language" in response.filters and "task" not in response.filters  # a language is named exactly
    assert "task" in {r.facet for r in response.recognised if r.mode == "boost"}


def test_removed_constraint_is_neither_filter_nor_boost(searcher):
    response = searcher.search("German object detection", drop={"language"})
    assert "language" not in {r.facet for r in response.recognised}


def test_search_with_only_constraints_lists_what_passes_them(searcher):
    response = searcher.search("between 100M and 1B parameters", per_page=50)
    assert response.total > 0
    assert all(1e8 <= hit.params < 1e9 for hit in response.results)


def test_explicit_filter_wins_over_the_one_read_from_the_query(searcher):
    response = searcher.search("MIT licensed speech recognition model", {"licence": ["Apache-2.0"]}, per_page=50)
    assert response.filters["licence"] == ["Apache-2.0"]
    names = {hit.name for hit in response.results}
    assert {"openai/whisper-small", "facebook/wav2vec2-base-960h"} <= names  # both Apache-2.0, neither MIT
    assert all("Apache-2.0" in hit.licences for hit in response.results)


def test_follow_up_questions_offer_filters_that_split_the_results(searcher):
    response = searcher.search("model")
    assert 1 <= len(response.questions) <= 3
    for q in response.questions:
        assert q.question.endswith("?") and len(q.options) >= 2
        assert all(o.count > 0 for o in q.options)
    facets = {q.facet for q in response.questions}
    assert "task" in facets


def test_understand_false_applies_no_filter_from_the_text(searcher):
    response = searcher.search("MIT licensed NER model", understand=False)
    assert response.filters == {}
    assert response.results[0].name == "dslim/bert-base-NER"


def test_the_words_left_for_matching_are_the_questions_topic_without_its_frame(searcher):
    assert searcher.understand("Which model can turn speech into text?").text == "turn speech into text"
    assert searcher.understand("Do you have a model that summarises news?").text == "summarises news"
    # a task named with a frame word keeps it; a question that is all frame is searched as asked
    assert searcher.understand("question answering models").text == "question answering models"
    asked = searcher.search("Which model can summarise news?", mode="keyword")
    plain = searcher.search("summarise news", mode="keyword")
    assert [h.pid for h in asked.results] == [h.pid for h in plain.results]


def test_a_language_read_from_the_query_ranks_the_models_stating_it_before_those_stating_none(searcher):
    hits = searcher.search("image classification in German", per_page=50).results
    assert hits[0].name == "google/vit-base-patch16-224"  # the image classifier, though it states no language
    # a model stating no language and doing something else comes after every model stating German
    german = {s["id"] for s in specs() if "de" in (s.get("languages") or [])}
    at = {hit.name: i for i, hit in enumerate(hits)}
    assert german & set(at)
    assert all(at[name] < at.get("stabilityai/stable-diffusion-2-1", len(hits)) for name in german & set(at))


def test_a_model_reading_sentences_embeds_the_whole_question_a_static_one_the_topic(searcher):
    from registry.search.static import StaticEmbedder

    u = searcher.understand("Which model can turn speech into text?")
    assert u.text == "turn speech into text" and u.sentence == "Which model can turn speech into text?"
    assert searcher._dense_text(u) == u.sentence  # the test index embeds with MiniLM, which reads in context
    assert not StaticEmbedder.reads_questions  # the default static model averages words: it embeds u.text
    assert searcher.understand("turn speech into text").sentence == ""  # no frame: the topic is the sentence


# ------------------------------------------------------------ session 8: loose words boost, names stay exact
def reader(**facets: list[str]):
    """Return an Understander over an index holding these facet values (one FDO each)."""
    from registry.search.understand import Understander

    vocab = {facet: {key: (key.replace("-", " ").title() if facet == "task" else key, 1) for key in keys}
             for facet, keys in facets.items()}
    return Understander(lambda facet: vocab.get(facet, {}))


def test_a_training_method_written_out_reads_as_no_task_and_no_partial_dataset_name():
    rules = reader(task=["reinforcement-learning", "text-generation"], dataset=["HumanLLMs/Human-Like-DPO-Dataset"])
    u = rules.understand("Which models were trained with reinforcement learning from human feedback?")
    assert not [r for r in u.recognised if r.facet in ("task", "dataset")]  # "human" is not Human-Like-DPO-Dataset
    assert "RLHF" in u.text.split()  # matched as the acronym names and tags use
    assert "reinforcement learning from human feedback" in u.expansions
    # the job itself still reads as a task, and a dataset named exactly still reads as one
    assert {r.facet for r in rules.understand("reinforcement learning agents for games").recognised} == {"task"}
    named = rules.understand("models trained on HumanLLMs/Human-Like-DPO-Dataset").recognised
    assert [r.values for r in named if r.facet == "dataset"] == [("HumanLLMs/Human-Like-DPO-Dataset",)]


@pytest.mark.parametrize("query, acronym, phrase", [
    ("Which models were trained with GRPO?", None, "group relative policy optimization"),
    ("Which models use a mixture-of-experts design?", "moe", None),
    ("OCR for receipts", None, "optical character recognition"),
    ("named entity recognition in legal text", "ner", None),
    ("retrieval-augmented generation", "rag", None),
])
def test_acronyms_and_their_expansions_are_matched_both_ways(query, acronym, phrase):
    u = reader().understand(query)
    words = set(u.text.lower().split()) | {e for e in u.expansions}
    assert (acronym or phrase) in words, (u.text, u.expansions)


@pytest.mark.parametrize("query, task", [
    ("I want a text generator under 2 billion parameters", "text-generation"),
    ("an image classifier for x-rays", "image-classification"),
    ("a good translator", "translation"),
    ("a summarizer for contracts", "summarization"),
    ("an image segmenter for satellite photos", "image-segmentation"),
    ("an image captioner", "image-to-text"),
    ("a speech transcriber", "automatic-speech-recognition"),
])
def test_a_job_named_by_its_doer_reads_as_the_task_and_only_boosts(query, task):
    rules = reader(task=["text-generation", "image-classification", "translation", "summarization",
                         "image-segmentation", "image-to-text", "automatic-speech-recognition", "object-detection"])
    found = [r for r in rules.understand(query).recognised if r.facet == "task"]
    assert [r.values for r in found] == [(task,)] and found[0].mode == "boost"


@pytest.mark.parametrize("query", ["Which video generators can I use commercially?", "steer a video generator with a pose",
                                   "video generation", "generate videos from text prompts"])
def test_a_video_generator_reads_as_text_to_video_and_not_as_a_text_or_image_generator(query):
    rules = reader(task=["text-to-video", "text-generation", "text-to-image", "image-to-video"])
    found = [r for r in rules.understand(query).recognised if r.facet == "task"]
    assert [r.values for r in found] == [("text-to-video",)] and found[0].mode == "boost"


@pytest.mark.parametrize("query, task", [
    ("answer questions about a scanned invoice", "document-question-answering"),
    ("questions about my blurry photos", "visual-question-answering"),
    ("draw a picture from a description", "text-to-image"),
    ("an image from a text prompt", "text-to-image"),
])
def test_a_job_phrase_with_an_article_and_an_adjective_inside_still_reads_as_its_task(query, task):
    rules = reader(task=["question-answering", "document-question-answering", "visual-question-answering",
                         "text-to-image", "image-classification"])
    found = [r for r in rules.understand(query).recognised if r.facet == "task"]
    assert [r.values for r in found] == [(task,)] and found[0].mode == "boost"


@pytest.mark.parametrize("query", ["run a model on my MacBook", "a chat model for Apple silicon"])
def test_an_apple_computer_reads_as_a_boost_for_the_apple_libraries(query):
    rules = reader(library=["mlx", "transformers"])
    found = [r for r in rules.understand(query).recognised if r.facet == "library"]
    assert [r.values for r in found] == [("mlx",)] and found[0].mode == "boost"


def test_words_ending_like_a_doer_that_name_no_job_read_no_task():
    rules = reader(task=["text-generation", "translation", "image-classification", "feature-extraction"])
    for query in ("a transformer that runs on my computer", "a speaker identification model", "models under 1B parameters"):
        assert not [r for r in rules.understand(query).recognised if r.facet == "task"], query


@pytest.mark.parametrize("query, tag", [
    ("Which models can I run on an iPhone with Core ML?", "coreml"),
    ("Is anything ready for TensorFlow Lite on a phone?", "tflite"),
    ("an ONNX export of BERT", "onnx"),
    ("a GGUF build of BLOOM for llama.cpp", "gguf"),
])
def test_a_format_no_fdo_holds_as_library_is_matched_as_its_hub_tag(query, tag):
    u = reader(library=["transformers", "keras", "tf"]).understand(query)
    assert not u.filters().get("library") and not u.boosts().get("library")  # "TensorFlow Lite" is not keras
    shown = [r for r in u.recognised if r.facet == "library"]
    assert shown and all(not r.applied and tag in r.note for r in shown)  # shown, saying how it is matched
    assert tag in u.text.lower().split() and u.tags == (tag,)


def test_a_format_the_index_holds_as_library_boosts_it_and_its_tag(searcher):
    # copies converted for a format often keep their first library and show the format as a tag
    u = searcher.understand("a GGUF build of llama 2")
    assert u.boosts().get("library") == ["gguf"] and u.tags == ("gguf",)


def test_a_rare_stated_language_outranks_a_task_read_from_loose_words_a_common_one_does_not(searcher):
    def score(query: str, name: str) -> int:
        qu = searcher.understand(query)
        boost = searcher._boost_score(qu, {}, frozenset({"task", "language", "library"}))
        return int(boost[searcher.engine.slot_of[searcher.named(name)[0][0]]])
    # Romanian: one model of thirty states it; "chat models" only suggests text generation
    assert score("chat models that speak Romanian", "google-t5/t5-small") > \
        score("chat models that speak Romanian", "microsoft/phi-2")
    # English: most models state it, so it does not outrank what the question asks for
    assert score("text generation in English", "microsoft/phi-2") > \
        score("text generation in English", "google-bert/bert-base-uncased")


def test_images_made_without_a_prompt_read_as_unconditional_generation_not_text_to_image():
    rules = reader(task=["unconditional-image-generation", "text-to-image"])
    for query in ("Which models make images without being given any prompt?", "unconditional image generation"):
        found = [r for r in rules.understand(query).recognised if r.facet == "task"]
        assert [r.values for r in found] == [("unconditional-image-generation",)], query


def test_a_lineage_name_read_from_part_of_a_value_boosts_and_a_value_named_exactly_filters():
    rules = reader(dataset=["HumanLLMs/Human-Like-DPO-Dataset", "squad_v2"],
                   base_model=["meta-llama/Llama-2-7b-hf", "meta-llama/Meta-Llama-3-8B"])
    def mode(query: str, facet: str) -> str:
        return next(r.mode for r in rules.understand(query).recognised if r.facet == facet)
    assert mode("models trained on human preference data", "dataset") == "boost"  # "human" is part of a name
    assert mode("models fine-tuned from llama", "base_model") == "boost"  # a family word, not a model's name
    assert mode("models trained on squad_v2", "dataset") == "filter"
    assert mode("models fine-tuned from meta-llama/Llama-2-7b-hf", "base_model") == "filter"
    assert mode("only models fine-tuned from llama", "base_model") == "filter"  # said explicitly


def test_removing_a_format_read_as_a_tag_puts_its_words_back():
    u = reader(library=["transformers"]).understand("Which models can I run on an iPhone with Core ML?")
    assert "coreml" in u.text.split()
    back = u.without({"library"})
    assert "Core ML" in back.text and "coreml" not in back.text.split() and not back.tags
    assert not [r for r in back.recognised if r.facet == "library"]


def test_a_format_read_as_a_tag_ranks_the_fdos_holding_the_tag_up():
    from pyoxigraph import Literal, NamedNode, Triple

    from registry.search import get_searcher
    from registry.service import Registry
    from registry.vocab import SCHEMA
    from tests.factories import BASE, model_doing, model_pid

    tagged = model_doing("org/tiny-bert-coreml", "fill-mask", downloads=3, description="A small masked word guesser.",
                         extra=[Triple(NamedNode(model_pid("org/tiny-bert-coreml")), SCHEMA.keywords, Literal("coreml"))])
    plain = model_doing("org/tiny-bert", "fill-mask", downloads=900, description="A small masked word guesser.")
    registry = Registry.open({"BASE_URL": BASE}, in_memory=True, environ={})
    try:
        registry.store.ingest_many([tagged, plain])
        searcher = get_searcher(registry)
        qu = searcher.understand("Which models can I run on an iPhone with Core ML?")
        assert qu.tags == ("coreml",)
        judged = searcher.judge([model_pid("org/tiny-bert-coreml"), model_pid("org/tiny-bert")], qu)
        assert judged[model_pid("org/tiny-bert-coreml")][1] > judged[model_pid("org/tiny-bert")][1] == 0
        assert searcher.search("Which models can I run on an iPhone with Core ML?").results[0].name.endswith("coreml")
        # removed, the reading boosts nothing
        assert searcher.judge([model_pid("org/tiny-bert-coreml")], qu.without({"library"}))[
            model_pid("org/tiny-bert-coreml")][1] == 0
    finally:
        registry.close()


# ------------------------------------------------------------ session 8 (2): topics of constraint questions, terms
def test_a_question_whose_words_a_size_took_has_no_topic_left_and_a_topic_keeps_no_dangling_frame():
    rules = reader(task=["text-generation"])
    assert rules.understand("Which models have more than 100 billion parameters?").text == ""
    assert rules.understand("Which models were released in 2023?").text == ""
    assert rules.understand("code models with more than 7B parameters").text == "code models"
    # no constraint took words: a question that is all frame is still searched as asked
    assert rules.understand("What do you have?").text == "What do you have?"


def test_public_domain_reads_every_licence_of_the_family_or_that_asks_nothing():
    rules = reader(licence=["CC0-1.0", "Unlicense", "PDDL-1.0", "WTFPL", "MIT", "CC-BY-4.0"])
    read_ = rules.understand("public domain models").filters()["licence"]
    assert set(read_) == {"CC0-1.0", "Unlicense", "PDDL-1.0", "WTFPL"}
    assert rules.understand("CC0 models").filters()["licence"] == ["CC0-1.0"]  # one licence named is that one


def test_public_domain_follows_the_licence_vocabulary_when_the_registry_holds_it():
    from harvesters.vocabularies import harvest
    from registry.search.concepts import ConceptIndex
    from registry.search.understand import Understander
    from registry.store import Store

    store = Store.open(None, "http://registry.test")
    harvest(store)
    family = ConceptIndex(store).licences_of
    assert {"CC0-1.0", "Unlicense", "PDDL-1.0", "WTFPL"} <= set(family("public-domain"))
    vocab = {"licence": {k: (k, 1) for k in ("CC0-1.0", "WTFPL", "MIT", "0BSD")}}
    rules = Understander(lambda facet: vocab.get(facet, {}), licence_family=family)
    # the vocabulary, not a list in the code, says which licences ask nothing: 0BSD is not among them there
    assert set(rules.understand("Which models set no conditions at all?").filters()["licence"]) == {"CC0-1.0", "WTFPL"}


@pytest.mark.parametrize("question", [
    "Which models use a mixture-of-experts design?",
    "Which models are stored in 8-bit?",
    "Is there an int8 or fp16 build of this?",
    "Which encoder-decoder models do summarisation?",
    "a long-context chat model",
])
def test_a_technical_term_written_like_a_name_is_no_model_name(question):
    from registry.search.understand import read

    assert read(question).mentions == []


def test_names_beside_technical_terms_are_still_names():
    from registry.search.understand import read

    assert read("Is there an int8 version of phi-2 or of bert-base-uncased?").mentions == ["phi-2", "bert-base-uncased"]


def test_coming_from_a_library_reads_the_library_not_the_organisation_of_the_same_name():
    rules = reader(author=["espnet", "google"], library=["espnet", "transformers"])
    u = rules.understand("Which models come from the ESPnet speech toolkit?")
    assert "author" not in u.filters() and u.boosts().get("library") == ["espnet"]
    assert rules.understand("models by espnet").filters()["author"] == ["espnet"]  # made by: the organisation
    assert rules.understand("models from google").filters()["author"] == ["google"]


@pytest.mark.parametrize("question", [
    "Which models cite the DPO paper?",
    "Which models cite the Direct Preference Optimization paper?",
    "Which models build on the direct-preference-optimisation paper?",
])
def test_a_paper_named_by_a_method_written_out_reads_as_the_paper_its_acronym_tags(question):
    from registry.search.understand import Understander

    paper = "arXiv:2399.00002"
    seen = []

    def keyword_papers(word):  # the FDOs tagged dpo (4) all cite the paper; no other word marks one
        seen.append(word)
        return (4, {paper: 4}) if word == "dpo" else (0, {})

    rules = Understander(lambda facet: {paper: (paper, 4)} if facet == "paper" else {}, keyword_papers=keyword_papers)
    links = [r for r in rules.understand(question).recognised if r.facet == "paper"]
    assert [r.values for r in links] == [(paper,)]
    assert "optimization" not in seen and "optimisation" not in seen


def _kinds_reader():
    from registry.search.understand import Understander

    kinds = {"kind": {"model": ("model", 10), "paper": ("paper", 5), "dataset": ("dataset", 3)}}
    return Understander(lambda facet: kinds.get(facet, {}))


@pytest.mark.parametrize("query", ["Which model can summarise news articles?", "summarize scientific papers",
                                   "something to classify legal articles by topic"])
def test_papers_a_job_works_on_are_not_the_kind_asked_for(query):
    kinds = {r.facet: r.values for r in _kinds_reader().understand(query.lower()).recognised}
    assert kinds.get("kind") != ("paper",)


@pytest.mark.parametrize("query", ["Which papers describe speech recognition?", "articles about diffusion",
                                   "find publications on protein folding"])
def test_papers_asked_for_are_still_read_as_the_kind(query):
    kinds = {r.facet: r.values for r in _kinds_reader().understand(query).recognised}
    assert kinds.get("kind") == ("paper",)


# ------------------------------------------------------------ session 10: size ranges and size words
@pytest.mark.parametrize("query, value", [
    ("Which models are between 30 and 100 billion parameters?", "30B-100B"),
    ("Which models have between one and three billion parameters?", "1B-3B"),
    ("models from 1 to 3 billion parameters", "1B-3B"),
    ("a chat model of 7-13B parameters", "7B-13B"),
    ("models with 1.5-3 billion parameters", "1.5B-3B"),
    ("between thirty and a hundred billion parameters", "30B-100B"),
    ("between 100M and 1B parameters", "100M-1B"),
])
def test_a_size_range_reads_as_a_params_range_whose_first_count_may_leave_its_unit_to_the_second(query, value):
    u = reader().understand(query)
    assert u.filters()["params"] == [value]
    assert not re.search(r"\d|billion|million", u.text)  # the range's words are the constraint, not searched for


@pytest.mark.parametrize("query", ["llama 3-8b fine-tunes", "7B and 13B models", "trained on 1-3 billion tokens",
                                   "models from 2020 to 2022"])
def test_two_sizes_a_name_or_a_range_of_other_things_is_no_params_range(query):
    assert "params" not in reader().understand(query).filters()


@pytest.mark.parametrize("query, text", [
    ("Do you have anything really tiny, under 50 million parameters?", ""),
    ("I want a really small speech synthesiser, under 100 million parameters.", "speech synthesiser"),
    ("a large chat model with more than 30B parameters", "chat model"),
])
def test_a_size_word_beside_a_size_written_out_is_read_with_it_not_searched_for(query, text):
    u = reader().understand(query)
    assert "params" in u.filters() and u.text == text
    assert not [s for s in u.suggested if s.facet == "params"]


def test_a_size_word_before_a_number_stays_a_part_of_the_name_beside_a_size_constraint():
    u = reader().understand("Mistral Small 24B fine-tunes with fewer than 30B parameters")
    assert u.filters()["params"] == ["<30B"] and "Small 24B" in u.text


@pytest.mark.parametrize("query", ["phi-2 fine-tuned for medical questions", "phi-2 finetuned on legal texts",
                                   "phi-2 adapted to chemistry"])
def test_a_name_before_fine_tuned_for_or_on_reads_as_derived_from_that_base(query):
    u = reader(base_model=["microsoft/phi-2"]).understand(query)
    assert [r.values for r in u.recognised if r.facet == "base_model"] == [("microsoft/phi-2",)]


def test_a_model_fine_tuned_for_a_job_names_no_base():
    u = reader(base_model=["microsoft/phi-2"]).understand("a model fine-tuned for medical questions")
    assert not [r for r in u.recognised if r.facet == "base_model"]


def test_a_long_hyphenated_word_is_read_for_owners_in_time_linear_in_its_length(searcher):
    searcher.understand("warm up")
    # an owner's possessive tried from each part of one long word
    assert_cpu_within(lambda: searcher.understand("a-" * 10_000), 1.0)


def test_built_or_based_on_a_name_that_both_a_base_and_a_data_set_hold_reads_the_base():
    rules = reader(base_model=["meta-llama/Llama-2-7b-hf"], dataset=["acme/llama-2-chats"])
    for question in ("Which models are built on Llama 2?", "models based on llama 2"):
        facets = {r.facet for r in rules.understand(question).recognised}
        assert "base_model" in facets and "dataset" not in facets, question
    facets = {r.facet for r in rules.understand("models trained on llama 2 chats").recognised}
    assert "dataset" in facets


def test_the_accounts_are_read_for_owners_only_when_a_possessive_is_asked_and_once_per_vocabulary():
    from registry.search.understand import Understander

    class Counted(dict):
        reads = 0

        def __iter__(self):
            Counted.reads += 1
            return super().__iter__()

    authors = Counted({"google": ("google", 3), "meta-llama": ("meta-llama", 2)})
    rules = Understander(lambda facet: authors if facet == "author" else {}, owns=lambda owners, word: False)
    assert rules._owners("small German sentence embeddings") == []
    assert Counted.reads == 0  # no possessive: the 50,000 accounts of 1M FDOs are not read
    first = rules._owners("Is Google's Gemini here?")
    assert [m.label for m in first] == ["author: google"]
    assert [m.label for m in rules._owners("Do you have Meta's Sora?")] == ["author: meta-llama"]
    assert Counted.reads == 1  # the same vocabulary: read once
