"""A topical answer offers a model only when its own facts show every part of the question the best found shows."""

from __future__ import annotations

import pytest

from registry.chat.context import Candidate, Topic
from registry.chat.evidence import Asked, fact_words, index_terms, shows_enough, states_asked
from registry.chat.facts import gather
from registry.search.understand import read
from tests.factories import model_doing, model_pid, registry_holding, task_record

TASKS = ("text-generation", "text-classification")
MODELS = [
    # one shows every word of "the Quillon weaving toolkit", two show "weaving toolkit" only
    model_doing("acme/quillon-loom", "text-generation", downloads=50,
                description="Plans patterns; made with the Quillon weaving toolkit."),
    model_doing("acme/loom-helper", "text-generation", downloads=900,
                description="Plans patterns; made with a weaving toolkit."),
    model_doing("acme/shuttle", "text-generation", downloads=800,
                description="Suggests yarn colours; made with a weaving toolkit."),
    # its licence's name is its only "artistic"
    model_doing("acme/ledger", "text-classification", licence="Artistic-2.0", downloads=400,
                description="Sorts invoices by supplier."),
    # its licence's key ("mit") is inside two of its words, which are no licence's name
    model_doing("acme/dispatch", "text-classification", licence="MIT", downloads=60,
                description="Routes submitted forms to transmitter stations."),
    # a base model and what was built on it
    model_doing("acme/granite-lm", "text-generation", downloads=5000, description="General text generator."),
    model_doing("acme/granite-lm-poet", "text-generation", base_model="acme/granite-lm", downloads=30,
                description="Writes poems."),
    model_doing("acme/granite-lm-clerk", "text-generation", base_model="acme/granite-lm", downloads=20,
                description="Drafts letters."),
    model_doing("acme/ferry-timetable", "text-classification", downloads=70,
                description="Reads ferry timetables."),
]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record(t) for t in TASKS] + MODELS)


def offered(answer) -> set[str]:
    return {c.pid for c in answer.answers}


def cand(pid: str, coverage: float, covered: tuple[str, ...] = ()) -> Candidate:
    return Candidate(pid, 0.5, {"search"}, coverage=coverage, covered=frozenset(covered))


TOPIC = Topic(("meta", "segment"), weights={"meta": 1.8, "segment": 5.9})


def test_a_model_holding_a_third_of_the_words_or_less_is_not_offered():
    q = read("Do you have Meta's Segment Anything model?")
    assert shows_enough(q, [cand("a", 0.23, ("meta",))], TOPIC) == []


def test_a_model_missing_a_word_the_best_found_shows_is_not_offered():
    q = read("Which models come from the ESPnet speech toolkit?")
    topic = Topic(("espnet", "speech", "toolkit"), weights={"espnet": 5.9, "speech": 5.0, "toolkit": 5.9})
    best, partial = cand("best", 1.0, ("espnet", "speech", "toolkit")), cand("partial", 0.65, ("speech", "toolkit"))
    assert shows_enough(q, [partial, best], topic) == [best]


def test_models_showing_as_much_as_the_best_are_all_offered():
    q = read("Which models are meant for teaching and students?")
    topic = Topic(("teach", "student"), weights={"teach": 5.9, "student": 5.9})
    one, other = cand("one", 0.5, ("teach",)), cand("other", 0.5, ("student",))
    assert shows_enough(q, [one, other], topic) == [one, other]


def test_a_question_with_no_word_that_counts_keeps_every_candidate():
    q = read("Which models are there?")
    found = [cand("a", 0.0), cand("b", 0.0)]
    assert shows_enough(q, found, Topic(("there",), weights={"there": 0.0})) == found


def test_models_linked_to_a_paper_are_not_held_to_the_best_found():
    # the words describe the paper, not the models: one showing fewer of them cites it as well
    q = read("Which models point to the latent diffusion paper?")
    topic = Topic(("latent", "diffus"), weights={"latent": 5.9, "diffus": 2.6})
    weaker, stronger = cand("weaker", 0.4, ("diffus",)), cand("stronger", 1.0, ("latent", "diffus"))
    assert shows_enough(q, [weaker, stronger], topic, Asked(paper=True)) == [weaker, stronger]
    assert shows_enough(q, [weaker, stronger], topic, Asked()) == [stronger]


def test_chat_offers_only_the_model_showing_every_word_of_the_toolkit(chat):
    answer = chat.ask("Which models come from the Quillon weaving toolkit?")
    assert answer.answerable
    assert offered(answer) == {model_pid("acme/quillon-loom")}


def test_models_showing_part_of_the_question_are_named_as_the_closest_not_offered(chat):
    answer = chat.ask("Which models come from the Quillon weaving toolkit?")
    partial = {model_pid("acme/loom-helper"), model_pid("acme/shuttle")}
    assert {c.pid for c in answer.closest} == partial
    assert not partial & offered(answer)
    assert "Closest records, showing only part of the question (not answers to it):" in answer.text


def test_a_licence_name_is_no_evidence_for_a_question_not_about_licences(registry):
    facts = gather(registry.store, [model_pid("acme/ledger")])[model_pid("acme/ledger")]
    assert "artistic" in index_terms(facts)  # its licence's name holds the word
    assert "artistic" not in index_terms(facts, licence=False)
    assert not {"artistic", "artist"} & fact_words(facts, licence=False)
    assert {"invoic", "supplier"} <= fact_words(facts, licence=False)  # the rest of its facts stay


def test_a_licence_name_is_taken_out_only_as_a_whole_word(registry):
    facts = gather(registry.store, [model_pid("acme/dispatch")])[model_pid("acme/dispatch")]
    kept = fact_words(facts, licence=False)
    assert {"submitted", "transmitter"} <= kept  # "mit" inside them is no licence name
    assert "mit" not in kept


def test_chat_does_not_offer_a_model_for_a_word_only_its_licence_holds(chat):
    answer = chat.ask("Which artistic models are there?")
    assert model_pid("acme/ledger") not in offered(answer)
    assert not answer.answerable


def test_a_licence_name_counts_when_the_question_asks_about_licences(chat):
    answer = chat.ask("Which models are under the Artistic licence?")
    assert offered(answer) == {model_pid("acme/ledger")}


def test_models_built_on_x_and_what_was_made_from_x_ask_for_children():
    for text in ("Which of the models built on acme/granite-lm write poems?",
                 "What has been made from acme/granite-lm?", "Show me models based on acme/granite-lm."):
        attributes = read(text).attributes
        assert "derivatives" in attributes and "base" not in attributes, text
    assert "base" in read("What is acme/granite-lm-poet built on?").attributes  # its parent, not its children


def test_a_list_of_derived_models_wants_models_recording_a_base(registry):
    facts = gather(registry.store, [model_pid("acme/granite-lm"), model_pid("acme/granite-lm-poet")])
    wanted = Asked(derived=True)
    assert not states_asked(Candidate("b", 0.5, facts=facts[model_pid("acme/granite-lm")]), wanted)
    assert states_asked(Candidate("p", 0.5, facts=facts[model_pid("acme/granite-lm-poet")]), wanted)


def test_what_was_built_on_a_named_model_puts_forward_its_derived_models_not_it(chat):
    answer = chat.ask("What has been built on top of acme/granite-lm?")
    assert answer.answerable
    assert offered(answer) == {model_pid("acme/granite-lm-poet"), model_pid("acme/granite-lm-clerk")}
