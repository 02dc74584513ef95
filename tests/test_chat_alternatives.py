"""Words a question joins by "or" are one group of alternatives, contractions ("I'd") weigh nothing, and a word's
stem as the index holds it ("harm" of "harmful") is counted among the word's holders; a part of a word written as one
("SEOWriter": seo) is a word of a record's facts, as it is of the index."""

from __future__ import annotations

from types import SimpleNamespace

from registry.chat.context import Candidate
from registry.chat.evidence import Asked, alternatives, cover, does_job, read_topic, states_asked
from registry.search.understand import read, stem


def _held(counts: dict[str, int], n: int = 2000):
    """A small index of ``n`` FDOs where the terms in ``counts`` are held by so many FDOs and any other by 2."""
    return lambda terms: (n, {t: counts.get(t, 2) for t in terms})


def test_words_joined_by_or_are_one_group():
    q = read("Can a model paint pictures in the manner of Asterix or Tintin?")
    topic = read_topic(q, _held({}))
    assert topic.alternatives == (frozenset({stem("asterix"), stem("tintin")}),)
    # a record holding one of the two shows the group, and "manner" besides: it holds most of the question
    covered, share = cover(topic, {"asterix", "manner"})
    assert stem("tintin") in covered
    assert share == 0.5  # four words weigh alike: paint, picture, manner and the group (before: 2 of 5)
    assert cover(topic, {"tintin"})[1] == 0.25


def test_a_list_of_alternatives_ends_in_or():
    keys = {stem(w) for w in ("voices", "songs", "noises", "produce", "audio")}
    runs = alternatives("Which models produce audio, be it voices, songs, or noises?", keys)
    assert runs == (frozenset({stem("voices"), stem("songs"), stem("noises")}),)


def test_an_item_of_several_words_is_no_alternative():
    keys = {stem(w) for w in ("speech", "recognition", "translation", "text", "single", "words")}
    assert alternatives("speech recognition or translation", keys) == ()
    # "or" before a word that is no topical word ("or on single words") joins no topical words
    assert alternatives("labels on the whole text or on single words", keys) == ()


def test_contractions_weigh_nothing():
    q = read("I'd like a clip where a statue melts. We're curious what could do that.")
    weights = read_topic(q, _held({"id": 40, "were": 30})).weights
    assert weights.get("i'd", 0.0) == 0.0 and weights.get("we're", 0.0) == 0.0
    assert weights[stem("statue")] > 0


def test_a_stem_the_index_holds_counts_its_holders():
    # the index does not reduce "harmful" to "harm"; a record named self_harm_detection holds "harm"
    q = read("Which models spot harmful posts?")
    topic = read_topic(q, _held({"harmful": 0, "harm": 3}))
    assert topic.weights[stem("harmful")] > 0
    assert cover(topic, {"harm"})[0] >= {stem("harmful")}


def _model(name: str) -> Candidate:
    facts = SimpleNamespace(status="active", name=name, tasks=[], papers=[], bases=[], keywords=[], licences=[],
                            render=lambda *a, **k: f"{name}. A chat model tuned on marketing copy.")
    return Candidate("p1", 0.0, {"search"}, facts)


def test_a_kind_marker_is_held_by_a_part_of_a_word_written_as_one():
    # the search finds "SEOWriter" by its part "seo", and so does the kind's marker
    wanted = Asked(kinds=(frozenset({"seo", "search engine optimisation"}),))
    assert states_asked(_model("someone/SEOWriter-7b"), wanted)
    assert not states_asked(_model("someone/PageWriter-7b"), wanted)


def test_a_record_stating_no_task_shows_the_job_by_a_marker_of_its_kind():
    wanted = Asked(job=frozenset({"summarization"}), kinds=(frozenset({"meetingbank", "meeting minutes"}),))
    meeting = _model("someone/llama-chat-meetingBank-adapters")
    meeting.coverage = 0.6
    assert states_asked(meeting, wanted)
    meeting.coverage = 0.2  # the marker, and little of the question's words: a subject, not the job
    assert not states_asked(meeting, wanted)
    assert not states_asked(_model("someone/llama-chat-adapters"), wanted)
    # a record stating another task is not made a summariser by the marker
    other = _model("someone/llama-chat-meetingBank-adapters")
    other.facts.tasks = [SimpleNamespace(key="text-generation", label="Text generation")]
    assert not states_asked(other, wanted)
    # with no kind of task to say it, a record stating no task does not show the job
    assert not states_asked(_model("someone/llama-chat-meetingBank-adapters"), Asked(job=frozenset({"summarization"})))


def test_a_question_for_a_job_is_not_answered_by_papers():
    assert does_job(read("Anything that helps me get my shop's pages found more often?"))
    assert does_job(read("What could turn my notes into a song?"))
    assert not does_job(read("Which papers help with ranking shop pages?"))  # papers asked for
    assert not does_job(read("What is known about ranking shop pages?"))  # no job asked of anything
