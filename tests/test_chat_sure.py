"""The chat offers only models whose own facts state what the question asks for; the rest are named as the closest."""

from __future__ import annotations

import pytest

from harvesters.vocabularies import harvest
from registry.chat.context import Candidate
from registry.chat.evidence import Asked, asked, fact_words, states_asked, task_forms
from registry.chat.facts import gather
from registry.search.understand import read, stem, topical_terms
from registry.service import Registry
from tests.chatting import after_first_search
from tests.factories import BASE, model_doing, model_pid, task_record

TASKS = ("text-generation", "fill-mask", "image-classification", "image-to-text", "text-to-speech",
         "automatic-speech-recognition", "text-classification", "translation", "audio-classification")
MODELS = [
    model_doing("acme/tale-spinner", "text-generation", languages=("en",), downloads=900,
                description="Continues English prompts into short tales."),
    model_doing("acme/banter", "text-generation", downloads=800,
                description="Chat assistant that answers in short replies."),
    model_doing("acme/lueckenfueller", "fill-mask", languages=("de",), downloads=500,
                description="Guesses a hidden word in German sentences."),
    model_doing("acme/dichter", "text-generation", languages=("de",), downloads=1,
                description="Writes German poems from a first line."),
    model_doing("acme/mot-cache", "fill-mask", languages=("fr",), downloads=300,
                description="Guesses a hidden word in French sentences."),
    model_doing("acme/photo-tagger", "image-classification", downloads=700,
                description="Puts one label on each photo."),
    model_doing("acme/caption-maker", "image-to-text", downloads=600,
                description="Writes one sentence about what a photo shows."),
    model_doing("acme/voice-reader", "text-to-speech", downloads=200, description="Reads a written line aloud."),
    model_doing("acme/scribe", "automatic-speech-recognition", downloads=250,
                description="Writes down what a recorded speaker says."),
    model_doing("acme/base-lm", "text-generation", languages=("en",), downloads=5000,
                description="General text generator that later models start from."),
    model_doing("acme/base-lm-deutsch", "text-generation", languages=("de",), base_model="acme/base-lm",
                downloads=40, description="Tuned to answer in the language of Goethe."),
    model_doing("acme/base-lm-polyglot", "text-generation", base_model="acme/base-lm", downloads=90,
                description="Tuned to answer in German and in many other languages."),
    # text classifiers: one states sentiment (a tag), the others another kind of label
    model_doing("acme/mood-meter", "text-classification", downloads=150, keywords=("sentiment",),
                description="Says whether a product review is favourable."),
    model_doing("acme/topic-sorter", "text-classification", downloads=400,
                description="Puts a review or a news item under one of twelve headings."),
    model_doing("acme/nonsense-spotter", "text-classification", downloads=350,
                description="Flags reviews made of random letters."),
    # translators: one states both languages of a direction, one only the target
    model_doing("acme/de-en", "translation", languages=("de", "en"), downloads=120,
                description="Turns German text into English."),
    model_doing("acme/into-english", "translation", languages=("en",), downloads=900,
                description="Turns text into English."),
    model_doing("acme/voice-gender", "audio-classification", downloads=80,
                description="Gender recognition from short voice clips."),
    model_doing("acme/blank-filler", "fill-mask", downloads=20, description="Masked language model for English."),
    # derived models: one about programming, one whose only word of it is a hosting tag
    model_doing("acme/base-lm-coder", "text-generation", base_model="acme/base-lm", downloads=30,
                description="Tuned to write Python functions."),
    model_doing("acme/base-lm-hosted", "text-generation", base_model="acme/base-lm", downloads=60,
                keywords=("custom_code",), description="Tuned on chat transcripts."),
]

OTHERS = [  # a stub known only by name, and a model with hosting tags
    model_doing("acme/ghost-tagger", "image-classification", stub=True),
    model_doing("acme/hosted", "fill-mask", description="Fills a blank.",
                keywords=("custom_code", "generated_from_trainer", "region:us", "poetry")),
]


@pytest.fixture(scope="module")
def registry():
    registry = Registry.open({"BASE_URL": BASE, "LLM": "extractive"}, in_memory=True, environ={})
    harvest(registry.store, registry.base_url)  # the concepts ("photo": the image tasks)
    registry.store.ingest_many([task_record(t) for t in TASKS] + MODELS + OTHERS)
    yield registry
    registry.close()



def offered(answer) -> set[str]:
    return {c.pid for c in answer.answers}


def test_no_model_stating_the_asked_language_and_task_turns_the_answer_into_closest_records(chat):
    answer = chat.ask("Which text generation models are for French?")
    assert not answer.answerable
    assert answer.answers == []
    assert answer.closest  # named, as the closest records, not as answers
    assert "not answers to the question" in answer.text
    assert "states what the question asks for: “text generation”" in answer.text  # the French one fills masks


def test_answer_offers_the_model_stating_the_language_not_those_stating_none(chat):
    answer = chat.ask("Which text generation models are for German?")
    assert offered(answer) == {model_pid("acme/dichter"), model_pid("acme/base-lm-deutsch")}


def test_stated_search_finds_a_model_stating_the_filter_when_no_first_hit_does(chat):
    retriever = chat.retriever
    # a first hit stating English only
    # a first hit stating English only
    q, ctx = after_first_search(retriever, "Which text generation models are for German?", "tale spinner", 1)
    assert [h.pid for h in ctx.search.hits] == [model_pid("acme/tale-spinner")]
    found = [h.pid for h in retriever._stated_hits(q, ctx, {model_pid("acme/tale-spinner")})]
    assert model_pid("acme/dichter") in found
    # the explicit filter is strict: the models found state German; those stating none are not among them
    assert set(found) <= {model_pid(m) for m in ("acme/dichter", "acme/base-lm-deutsch", "acme/lueckenfueller",
                                                "acme/de-en")}


def test_stated_search_adds_nothing_when_a_first_hit_states_the_filters(chat):
    retriever = chat.retriever
    q, ctx = after_first_search(retriever, "Which text generation models are for German?", "dichter German poems", 2)
    assert model_pid("acme/dichter") in {h.pid for h in ctx.search.hits}
    assert retriever._stated_hits(q, ctx, {h.pid for h in ctx.search.hits}) == []


def test_a_field_without_the_job_words_offers_no_model(chat):
    answer = chat.ask("Which model turns a picture into a knitting pattern?")  # "picture": every image task, no job
    assert answer.answers == [] and not answer.answerable
    assert model_pid("acme/photo-tagger") in {c.pid for c in answer.closest}


def test_a_question_about_the_field_itself_offers_its_models(chat):
    answer = chat.ask("Which picture models do you hold?")
    assert offered(answer) and offered(answer) <= {model_pid("acme/photo-tagger"), model_pid("acme/caption-maker")}


def test_a_stub_states_nothing_and_is_never_offered(registry):
    ghost, real = model_pid("acme/ghost-tagger"), model_pid("acme/photo-tagger")
    facts = gather(registry.store, [ghost, real])
    wanted = Asked(job=frozenset({"image-classification"}))
    assert facts[ghost].status == "stub"
    assert not states_asked(Candidate(ghost, 0.5, facts=facts[ghost]), wanted)
    assert states_asked(Candidate(real, 0.5, facts=facts[real]), wanted)


def test_fine_tunes_for_a_language_list_only_those_stating_it(chat):
    answer = chat.ask("Which fine-tunes of acme/base-lm speak German?")
    assert offered(answer) == {model_pid("acme/base-lm-deutsch")}
    assert model_pid("acme/base-lm-polyglot") not in {c.pid for c in answer.citations}


def test_a_task_named_as_a_filter_is_enough_whatever_else_the_words_suggest(chat):
    # "text-to-speech" is read as the task filter; its words also hold "speech to text", a concept of the other task
    answer = chat.ask("Which models can do text-to-speech?")
    assert offered(answer) == {model_pid("acme/voice-reader")}


def test_a_list_answer_offers_three_and_counts_the_others_that_state_it(chat):
    answer = chat.ask("Which text generation models do you hold?")
    generators = {model_pid(m) for m in ("acme/tale-spinner", "acme/banter", "acme/dichter", "acme/base-lm",
                                         "acme/base-lm-deutsch", "acme/base-lm-polyglot", "acme/base-lm-coder",
                                         "acme/base-lm-hosted")}
    assert len(offered(answer)) == 3 and offered(answer) <= generators
    assert "5 more found state it too: [search for" in answer.text


def test_a_job_matched_only_by_the_field_word_counts_as_the_field(chat):
    adapter = chat.retriever.search
    # "what is in this photo" (image classification) matches by "photo" alone: no more than the field
    loose = adapter.field_tasks(adapter.understand("Which model writes a description of a photo?"))
    assert {"image-classification", "image-to-text"} <= loose
    # "animate a still photo" matches by more than the field's word: image to video is the job, no field is left
    assert adapter.field_tasks(adapter.understand("Which model can animate a still photo?")) == frozenset()


def test_hosting_tags_are_no_evidence_of_what_a_model_does(registry):
    words = fact_words(gather(registry.store, [model_pid("acme/hosted")])[model_pid("acme/hosted")])
    assert "poetry" in words  # a topical tag counts
    assert not {"code", "generated", "generat", "trainer", "region"} & words


def test_a_field_question_describing_a_job_offers_only_models_holding_its_words(chat):
    # "photo" is the field (every image task); "writes" is the job: the tagger holds "photo" but not "write"
    answer = chat.ask("Which model writes a description of a photo?")
    assert offered(answer) == {model_pid("acme/caption-maker")}


def test_a_job_word_in_another_form_still_shows_the_job(chat):
    # "recognise" and "recognition" are forms of one word; "speaker's" is the speaker
    answer = chat.ask("Which model can recognise the speaker's gender from a voice?")
    assert answer.answerable and model_pid("acme/voice-gender") in offered(answer)
    assert model_pid("acme/voice-reader") not in offered(answer)  # a voice model holding no word of the job


def test_positive_or_negative_needs_a_model_stating_sentiment_not_any_text_classifier(chat):
    answer = chat.ask("Which model tells me whether a review is positive or negative?")
    assert offered(answer) == {model_pid("acme/mood-meter")}


def test_a_kind_of_task_boosts_the_task_it_narrows(chat):
    searcher = chat.retriever.search.searcher()
    matches = searcher.concepts.match("tell what mood a review is in")
    assert [m.concept.key for m in matches if m.concept.facet == "task-kind"] == ["sentiment-analysis"]
    assert "text-classification" in searcher.concepts.boosts(matches)["task"]
    assert "sst2" in next(m.concept for m in matches if m.concept.facet == "task-kind").markers


def test_a_translation_direction_needs_both_languages(chat):
    answer = chat.ask("Which model translates German into English?")
    assert offered(answer) == {model_pid("acme/de-en")}


def test_a_direction_reads_each_language_as_its_own_constraint(chat):
    understand = chat.retriever.search.understand
    apart = [r.values for r in understand("translate from German into English").recognised if r.facet == "language"]
    assert apart == [("de",), ("en",)]
    together = [r.values for r in understand("models for German or English").recognised if r.facet == "language"]
    assert together == [("de", "en")]


def test_a_possessive_is_read_as_its_word():
    assert topical_terms("the speaker's gender") == ["speaker", "gender"]


def test_fine_tunes_for_a_topic_leave_out_a_model_whose_only_word_of_it_is_a_hosting_tag(chat):
    answer = chat.ask("Which fine-tunes of acme/base-lm are for writing code?")
    assert model_pid("acme/base-lm-coder") in offered(answer)
    assert model_pid("acme/base-lm-hosted") not in offered(answer)  # "code" only in its custom_code tag


def test_what_the_model_task_does_in_words_shows_a_job_its_own_facts_do_not_spell(chat, registry):
    adapter = chat.retriever.search
    q = read("Which model guesses a missing word in a sentence?", adapter.understand)  # "word": the text field
    wanted = asked(q, adapter.concept_reading(q.understanding))
    assert "fill-mask" in wanted.field and {"guess", "sentenc"} <= wanted.job_words
    filler, banter = model_pid("acme/blank-filler"), model_pid("acme/banter")
    facts = gather(registry.store, [filler, banter])
    assert not {"guess", "sentenc"} & fact_words(facts[filler])
    # fill-mask's concept says "guess the blank in a sentence": two of the job's words
    assert states_asked(Candidate(filler, 0.5, facts=facts[filler]), wanted)
    assert not states_asked(Candidate(banter, 0.5, facts=facts[banter]), wanted)


def test_a_job_the_question_sets_aside_is_not_asked_of_the_models(chat):
    # "rather than putting a label on it": the tagger puts a label on each photo, the job set aside
    answer = chat.ask("Which model writes about a photo rather than putting a label on it?")
    assert offered(answer) == {model_pid("acme/caption-maker")}


def test_a_job_is_shown_by_its_words_that_weigh_half_of_it(chat):
    # no FDO holds "vivid", "sparkling" or "prose": they weigh nothing; "sentence" does, and the captioner holds it
    answer = chat.ask("Which model writes a sentence in vivid sparkling prose about a photo?")
    assert offered(answer) == {model_pid("acme/caption-maker")}
    # a job none of whose words any FDO holds is shown by no model
    answer = chat.ask("Which model turns a picture into a knitting pattern?")
    assert answer.answers == []

def test_a_word_of_a_models_task_name_in_another_form_shows_the_job(registry):
    # "classes" is a form of a word of "Text classification", "translated" of "Translation"; "texts" is the text
    sorter, teller = gather(registry.store, [model_pid("acme/topic-sorter"), model_pid("acme/tale-spinner")]).values()
    keys = topical_terms("Which models sort texts into classes or translated words?")
    assert {"class"} <= task_forms(sorter, keys) and "class" not in task_forms(teller, keys)
    assert "class" not in fact_words(sorter)  # its own words hold "classif", not "class"



def test_a_name_the_question_writes_must_be_held_by_the_models_offered(chat):
    # "Goethe" is held by a German model only: a French model states the language but is no "Goethe model"
    answer = chat.ask("Which Goethe models speak French?")
    assert answer.answers == [] and not answer.answerable
    answer = chat.ask("Which Goethe models speak German?")
    assert offered(answer) == {model_pid("acme/base-lm-deutsch")}


def test_a_bare_not_sets_aside_its_own_clause_only(registry, chat):
    # "not put a label on a photo" sets aside "put" and "label"; "but writes about it" is still the job asked
    from registry.chat.evidence import set_aside
    assert set_aside("Which model does not put a label on a photo but writes about it?") == \
        {stem(w) for w in ("put", "a", "label", "on", "photo")}
    adapter = chat.retriever.search
    q = read("Which model doesn't put a label on a photo but writes about it?", adapter.understand)
    wanted = asked(q, adapter.concept_reading(q.understanding))
    assert stem("writes") in wanted.job_words and stem("label") not in wanted.job_words


def test_a_refusal_does_not_say_it_lacks_the_words_a_question_sets_aside_in_a_list(chat):
    # "images" is the second item of the list the question sets aside: it was named as what no record states
    answer = chat.ask("Which models work with numbers and records rather than with language, images or sound?")
    assert answer.answers == []
    first = answer.text.split("\n")[0]
    assert "states what the question asks for" in first
    assert not any(w in first for w in ("images", "sound", "language"))


@pytest.mark.parametrize("question", ["Which model not only writes code but also explains it?",
                                      "I want one that can not just summarise articles but also translate them"])
def test_not_only_adds_to_the_job_and_sets_nothing_aside(question):
    # "not only writes code" asks for writing code as well: the bare "not" set "writes" and "code" aside
    from registry.chat.evidence import set_aside
    assert set_aside(question) == set()


def test_a_model_whose_task_the_question_sets_aside_is_not_put_forward(chat):
    # once "rather than with language, images or sound" is read as set aside, nothing else was read: the captioner
    # holding "image" was put forward as the question's answer
    answer = chat.ask("Which models work with numbers and records rather than with language, images or sound?")
    assert not offered(answer) & {model_pid("acme/caption-maker"), model_pid("acme/photo-tagger"),
                                   model_pid("acme/scribe"), model_pid("acme/voice-reader")}
