"""Everyday words ("two", "people", "short", "possible") and what a question says its own input shows ("a table of
sales figures") are no topic a model must state; a job none of whose words any FDO holds is left to the field."""

from __future__ import annotations

from types import SimpleNamespace

from registry.chat.context import Candidate
from registry.chat.evidence import Asked, read_topic, said_in_full, states_asked
from registry.chat.search_adapter import input_words, of_input
from registry.search.understand import read, stem


def _rare(n: int = 2000, held: int = 2):
    """A small index of ``n`` FDOs where every word is held by ``held`` of them (cards seldom write any word)."""
    return lambda terms: (n, {t: held for t in terms})


def test_everyday_words_weigh_nothing_beside_a_topical_word():
    q = read("Two people talk over each other in my recording. Is there something that pulls their voices apart "
             "into separate tracks?")
    weights = read_topic(q, _rare()).weights
    assert weights[stem("two")] == 0.0 and weights[stem("people")] == 0.0
    assert weights[stem("separate")] > 0 and weights[stem("voices")] > 0


def test_short_and_possible_are_everyday():
    q = read("Possible to turn a still photo of a lake into a short clip?")
    weights = read_topic(q, _rare()).weights
    assert weights[stem("short")] == 0.0 and weights[stem("possible")] == 0.0
    assert weights[stem("lake")] > 0 and weights[stem("clip")] > 0


def test_everyday_words_count_when_nothing_else_does():
    q = read("Anything for two people?")
    weights = read_topic(q, _rare()).weights
    assert weights[stem("two")] > 0 and weights[stem("people")] > 0


def test_words_said_of_the_input_follow_a_medium_and_of():
    media = frozenset({stem("table"), stem("photo")})
    assert input_words("I have a table of sales figures and a question", media) == [["sales", "figures", "and"]]
    assert input_words("given my photo of the waterfall", media) == [["waterfall"]]
    assert of_input("I have a table of sales figures", "sales", media)
    assert of_input("I have a still photo of a waterfall, moving", "waterfall", media)
    # the subject as what the model is for, not what the input shows
    assert not of_input("a sales assistant that reads a table", "sales", media)
    assert not of_input("a list of sales leads", "sales", media)  # "list" is no medium of a field named here
    assert not of_input("I have a table of sales figures", "sales", frozenset())
    # a medium asked for, not given: what it shows is the job ("a short clip of an object being squashed")
    assert input_words("I'd like a short clip of an object being squashed flat", frozenset({stem("clip")})) == []
    assert not of_input("Can a model make a photo of a waterfall?", "waterfall", media)


def _table_model() -> Candidate:
    facts = SimpleNamespace(status="active", tasks=[SimpleNamespace(key="table-question-answering",
                                                                    label="Table question answering")],
                            papers=[], bases=[], keywords=[], licences=[],
                            render=lambda *a, **k: "Table question answering. Finds what a sheet holds.")
    return Candidate("p1", 0.0, {"search"}, facts, coverage=0.5, covered=frozenset({stem("table")}))


def _wanted(text: str) -> Asked:
    phrases = (frozenset({"question", "tabl", "answer"}), frozenset({"qa", "tabl"}))
    said = frozenset(stem(w) for w in text.lower().replace("?", " ").replace(".", " ").split())
    return Asked(field=frozenset({"table-question-answering"}), job_words=frozenset({"cell", "possibl"}),
                 job_weights={"cell": 0.0, "possibl": 0.0}, task_words={"table-question-answering": phrases},
                 said=said)


def test_a_job_said_in_the_words_of_its_task_is_shown_by_a_model_of_that_task():
    # "cell" is held by no FDO and "possible" is everyday: the job is said by "question", "table" and "answers"
    assert states_asked(_table_model(), _wanted("I have a table and want to type a question and get the cell "
                                                "that answers it. Possible?"))
    # the job in other words, none of which the model shows: not stated
    assert not states_asked(_table_model(), _wanted("I have a table and want the cell colours. Possible?"))
    # two short words of a phrase are too few to say a job in full
    assert not said_in_full(frozenset({"qa", "tabl"}), frozenset({"qa", "tabl"}))


def test_a_list_asked_beside_a_name_of_no_fdo_is_answered_as_a_list():
    from registry.chat.context import Context
    from registry.chat.extractive import lists

    q = read("I'm on an Apple-silicon Mac. Which models come converted for MLX?")
    assert q.wants != "list"  # the name written ("Apple-silicon") makes the reader take it for a question about it
    assert lists(Context(question=q))
    # a list question about a model the chat resolved is answered about that model
    assert not lists(Context(question=q, named=["https://example.org/fdo/abc"]))
    assert not lists(Context(question=read("Tell me about VCtrl.")))
