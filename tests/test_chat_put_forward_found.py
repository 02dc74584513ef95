"""The chat puts forward the records that meet a question's relation or job, and only those: words saying what the
asker does with a named record, or naming the base model, are no topic the linked models must show; a Hub tag matched
for words answers as a filter does; a subject said of the asker's own input is no kind a model must show; a record
stating no task does not show a job by a subject's marker or its name alone."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.vocab import CODEMETA, RDF, SCHEMA
from tests.factories import BASE, model_doing, model_pid, registry_holding, task_record

PAPER = pid_iri(BASE, mint_id("arxiv", "2403.00003"))


def paper() -> Record:
    s = NamedNode(PAPER)
    triples = [Triple(s, RDF.type, SCHEMA.ScholarlyArticle), Triple(s, SCHEMA.identifier, Literal("arXiv:2403.00003"))]
    return Record(PAPER, triples, kind="paper", platform="arxiv", platform_id="2403.00003",
                  source=SourceInfo("test", "1"))


def citing(name: str) -> list[Triple]:
    return [Triple(NamedNode(model_pid(name)), CODEMETA.referencePublication, NamedNode(PAPER))]


MODELS = [
    # two models citing a paper, with none of the words a question says around it
    model_doing("acme/kettle-translator", "translation", downloads=40, description="Turns Welsh into Breton.",
                extra=citing("acme/kettle-translator")),
    model_doing("acme/kettle-summer", "summarization", downloads=20, description="Shortens reports.",
                extra=citing("acme/kettle-summer")),
    # a base model and its fine-tunes, one stating a language
    model_doing("acme/owl-9b-it", "text-generation", downloads=300, description="Follows a prompt."),
    model_doing("acme/owl-helper", "text-generation", base_model="acme/owl-9b-it", downloads=5,
                description="Sorts the post."),
    model_doing("acme/owl-sprecher", "text-generation", base_model="acme/owl-9b-it", languages=("de",), downloads=3,
                description="Writes letters."),
    # conversions carrying the tag of the space that made them, none saying so in words
    model_doing("acme/heron-GGUF", None, keywords=("gguf-my-repo", "gguf"), downloads=2, description="Weights."),
    model_doing("acme/stork-Q4-GGUF", "text-generation", keywords=("gguf-my-repo", "gguf"), downloads=1,
                description="Weights."),
    # a table classifier whose card names no subject, and chat models about teaching
    model_doing("acme/table-sorter", "tabular-classification", downloads=1, description="Sorts rows."),
    model_doing("acme/tutor-chat", "text-generation", keywords=("education",), downloads=900,
                description="Helps students study for an exam."),
    model_doing("acme/clinic-chat", "text-generation", keywords=("medical",), downloads=800,
                description="Talks with patients about their visit."),
    # audio: classifiers tagged music, and a text model stating no task, tagged music and named for songs
    model_doing("acme/genre-ear", "audio-classification", keywords=("music",), downloads=1, description="Labels."),
    model_doing("acme/beat-ear", "audio-classification", keywords=("music",), downloads=1, description="Labels."),
    model_doing("acme/songSystem", None, keywords=("music",), downloads=3,
                description="Languages: en."),
    # video: two records stating no task, named for the same site, one naming the job
    model_doing("acme/youtube-title-gen", None, downloads=4, description="Titles for a video."),
    model_doing("acme/youtube-question-answer", None, downloads=0, description="Chats about a video."),
    model_doing("acme/clip-watcher", "video-text-to-text", downloads=0, description="Watches film."),
    # records holding the other words of the questions about the conversion space
    model_doing("acme/space-notes", "text-generation", downloads=6, description="Notes on space missions."),
    model_doing("acme/unit-converter", "text-generation", downloads=6, description="Converted units of measure."),
] + [model_doing(f"acme/filler-{i}", "text-generation", downloads=i, description=f"Rhymes about the {w}.",
                keywords=("gguf",)) for i, w in enumerate(("river", "mountain", "harbour", "orchard"))]

TASKS = ("translation", "summarization", "text-generation", "tabular-classification", "audio-classification",
         "video-text-to-text")


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record(t) for t in TASKS] + [paper()]
                                + MODELS)


def _offered(answer) -> set[str]:
    return {c.pid for c in answer.answers}


CITING = {model_pid("acme/kettle-translator"), model_pid("acme/kettle-summer")}


@pytest.mark.parametrize("question", [
    "I'm reading arXiv 2403.00003. Is there a model that goes with it?",
    "We are studying arXiv 2403.00003. Which models cite it?",
    "Does any model list arXiv 2403.00003 among its papers?",
    "Which models have arXiv 2403.00003 among their papers?",
])
def test_the_askers_doing_and_where_models_list_a_paper_are_no_topic(chat, question):
    answer = chat.ask(question)
    assert _offered(answer) == CITING
    assert not answer.closest


def test_a_topic_no_model_citing_the_paper_shows_is_still_refused(chat):
    answer = chat.ask("Which models citing arXiv 2403.00003 are about astronomy?")
    assert not _offered(answer) & CITING
    assert {c.pid for c in answer.closest} <= CITING


@pytest.mark.parametrize("question", [
    "What has been fine-tuned from Owl 9B instruct?",
    "Which models were fine-tuned from Owl 9B instruct?",
    "Which fine-tunes of Owl 9B instruct are there?",
])
def test_the_words_read_as_the_base_model_are_no_topic_of_its_fine_tunes(chat, question):
    answer = chat.ask(question)
    assert {model_pid("acme/owl-helper"), model_pid("acme/owl-sprecher")} <= _offered(answer)


def test_a_topic_beside_the_base_models_words_still_picks_its_fine_tunes(chat):
    answer = chat.ask("Which fine-tunes of Owl 9B instruct speak German?")
    assert _offered(answer) == {model_pid("acme/owl-sprecher")}


@pytest.mark.parametrize("question", [
    "Which models were converted with the GGUF-my-repo space?",
    "Which models has the GGUF-my-repo space converted?",
    "Which models did the GGUF-my-repo space convert?",
])
def test_a_hub_tag_read_for_the_questions_words_puts_its_records_forward(chat, question):
    answer = chat.ask(question)
    assert _offered(answer) & {model_pid("acme/heron-GGUF"), model_pid("acme/stork-Q4-GGUF")}
    assert not answer.closest or not {c.pid for c in answer.closest} & {model_pid("acme/heron-GGUF")}


@pytest.mark.parametrize("question", [
    "I have a spreadsheet of students' marks and attendance with a pass/fail column. Could a model learn to predict "
    "who is going to fail?",
    "I have a spreadsheet of students' grades. Can a model predict who will pass?",
    "We have a spreadsheet of patients' visits. Could something predict who comes back?",
])
def test_a_subject_said_of_the_askers_own_table_is_no_kind_the_model_must_show(chat, question):
    answer = chat.ask(question)
    assert model_pid("acme/table-sorter") in _offered(answer)
    assert not _offered(answer) & {model_pid("acme/tutor-chat"), model_pid("acme/clinic-chat")}


@pytest.mark.parametrize("question", [
    "Could something listen to a song and tell me what kind of music it is?",
    "Is there anything that listens to a song and tells me what kind of music it is?",
    "Can a model listen to a song and tell me its kind of music?",
])
def test_a_record_stating_no_task_does_not_show_a_job_by_a_subjects_tag_and_its_name(chat, question):
    answer = chat.ask(question)
    assert model_pid("acme/songSystem") not in _offered(answer)
    assert _offered(answer) & {model_pid("acme/genre-ear"), model_pid("acme/beat-ear")}


@pytest.mark.parametrize("question", [
    "Could a model answer my questions about what was said in a YouTube video?",
    "Can something answer questions about a YouTube video?",
    "Is there a model to ask questions about YouTube videos?",
])
def test_a_record_stating_no_task_shows_a_job_by_the_jobs_own_words(chat, question):
    answer = chat.ask(question)
    assert model_pid("acme/youtube-title-gen") not in _offered(answer)
    assert model_pid("acme/youtube-question-answer") in _offered(answer)
