"""Well-known open model families the registry does not hold (`vocabularies/open-models.ttl`) and the organisations
publishing models under Hub accounts not spelled like them (`vocabularies/organisations.ttl`): a question naming such
a model reaches the models of what it does, not its owner's other models, and the chat says it is open but not here;
a question naming a company as an author means all of its accounts."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from pyoxigraph import Literal, NamedNode, Triple

from harvesters.huggingface.datasets_offline import demo_datasets_file
from harvesters.huggingface.snapshot import demo_snapshot_dir
from harvesters.vocabularies import concept_records
from registry.chat.absent import framed
from registry.paths import PACKAGE_DIR
from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.search import get_searcher
from registry.search.searcher import holds_run
from registry.search.text import tokens
from registry.vocab import FAIR4ML, RDF, SCHEMA
from tests.factories import BASE, model_doing, model_pid, registry_holding, task_record

DATA = PACKAGE_DIR.parent / "harvesters" / "data"


def organisation(name: str) -> tuple[NamedNode, Record]:
    node = NamedNode(pid_iri(BASE, mint_id("hf-user", name)))
    triples = [Triple(node, RDF.type, SCHEMA.Organization), Triple(node, SCHEMA.name, Literal(name)),
               Triple(node, SCHEMA.identifier, Literal(name))]
    return node, Record(node.value, triples, kind="organisation", platform="hf-user", platform_id=name, stub=True,
                        source=SourceInfo("test", "1", f"https://huggingface.co/{name}", "sha-1"))


def shared(name: str, task: str, owner: NamedNode, **kwargs) -> Record:
    return model_doing(name, task, extra=[Triple(NamedNode(model_pid(name)), FAIR4ML.sharedBy, owner)], **kwargs)


META_LLAMA, META_LLAMA_RECORD = organisation("meta-llama")
FACEBOOK, FACEBOOK_RECORD = organisation("facebook")
MISTRALAI, MISTRALAI_RECORD = organisation("mistralai")
ACME, ACME_RECORD = organisation("acme")

TASKS = ("text-generation", "text-to-audio", "translation", "image-text-to-text", "automatic-speech-recognition")
MODELS = [
    shared("meta-llama/Llama-9-chat", "text-generation", META_LLAMA, downloads=90000, description="A chat model."),
    shared("facebook/polyglot-mt", "translation", FACEBOOK, downloads=50000, description="Translates text."),
    shared("mistralai/Mistral-9B", "text-generation", MISTRALAI, downloads=80000, description="A base model."),
    shared("acme/tune-maker", "text-to-audio", ACME, downloads=30, keywords=("music",),
           description="Makes songs from a prompt."),
    model_doing("zeta/sound-fx", "text-to-audio", downloads=20, description="Makes sound effects."),
    model_doing("zeta/coder-mini", "text-generation", downloads=40, keywords=("code",),
                description="Completes functions."),
    model_doing("zeta/story-writer", "text-generation", downloads=5000, description="Writes tales."),
    model_doing("zeta/qwen-chat", "text-generation", downloads=9000, description="A chat model."),
    model_doing("zeta/looker", "image-text-to-text", downloads=15, description="Talks about pictures."),
    model_doing("zeta/whisper-tiny-ft", "automatic-speech-recognition", downloads=12, description="Writes speech down."),
]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record(t) for t in TASKS] + [META_LLAMA_RECORD, FACEBOOK_RECORD, MISTRALAI_RECORD,
                                                                    ACME_RECORD] + MODELS)


@pytest.fixture(scope="module")
def searcher(registry):
    return get_searcher(registry)


def boosts(searcher, question: str, facet: str) -> list[tuple[str, ...]]:
    return [r.values for r in searcher.understand(question).recognised if r.facet == facet and r.mode == "boost"]


def snapshot_names() -> list[list[str]]:
    """Return the tokens of every name a record of the bundled snapshots carries (a Hub model's or data set's id, a
    base model or data set a card names, an arXiv title, an OpenML name)."""
    names = []
    with gzip.open(demo_snapshot_dir() / "models.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            model = json.loads(line)
            names.append(model["id"])
            card = model.get("cardData") or {}
            for key in ("base_model", "datasets"):
                value = card.get(key) or []
                names.extend([value] if isinstance(value, str) else [v for v in value if isinstance(v, str)])
    with open(demo_datasets_file(), encoding="utf-8") as fh:
        names.extend(json.loads(line)["id"] for line in fh if line.strip())
    names.extend(re.findall(r"<title>([^<]*)</title>", (DATA / "arxiv_snapshot" / "entries.xml").read_text("utf-8")))
    for path in (DATA / "openml_snapshot").rglob("*.xml"):
        names.extend(re.findall(r"<oml:name>([^<]*)</oml:name>", path.read_text("utf-8")))
    return [tokens(n, keep_stopwords=True) for n in names]


def test_every_open_model_not_held_has_a_maker_a_kind_and_a_task_and_there_are_many():
    models = [r for r in concept_records(BASE) if r.platform == "open-model"]
    assert len(models) >= 100
    for record in models:
        props = {t.predicate.value for t in record.triples}
        assert {"https://schema.org/provider", "https://schema.org/category",
                "https://w3id.org/mlfdo/ns#servesTask"} <= props, record.platform_id


def test_no_name_of_an_open_model_not_held_is_carried_by_a_record_of_the_bundled_snapshot():
    carried = snapshot_names()
    assert len(carried) > 1000
    found = []
    for record in concept_records(BASE):
        if record.platform != "open-model":
            continue
        for t in record.triples:
            if t.predicate in (SCHEMA.name, SCHEMA.alternateName):
                words = tokens(t.object.value, keep_stopwords=True)  # in their order ("Code Llama": not code_llama_2)
                if any(holds_run(name, words) for name in carried):
                    found.append(t.object.value)
    assert found == []  # a record carrying the name is held: the entry would never be read


def test_an_open_model_whose_name_a_record_carries_is_not_read_as_not_held(searcher):
    assert searcher.not_held("Whisper") == []  # zeta/whisper-tiny-ft carries the name
    assert [m.concept.label for m in searcher.not_held("MusicGen")] == ["MusicGen"]


def test_an_owner_not_doing_the_models_task_does_not_rank_its_other_models_first(searcher):
    question = "Is Meta's MusicGen here?"  # Meta publishes as meta-llama and facebook: a chat model, a translator
    assert boosts(searcher, question, "task") == [("text-to-audio",)]
    assert boosts(searcher, question, "topic") == [("music",)]  # MusicGen is for music
    top = [h.pid for h in searcher.search(question).results[:2]]
    assert top == [model_pid("acme/tune-maker"), model_pid("zeta/sound-fx")]


def test_an_owner_doing_the_task_but_not_the_kind_of_task_does_not_rank_its_models_first(searcher):
    # Mistral publishes a text generator, but none showing code: Codestral's closest are the code generators
    question = "Do you have Mistral's Codestral?"
    assert boosts(searcher, question, "topic") == [("code-generation",)]
    assert searcher.search(question).results[0].pid == model_pid("zeta/coder-mini")


def test_an_owner_doing_what_the_model_does_keeps_its_own_models_closest_and_the_tasks_other_models_next(searcher):
    # acme has a text-to-audio model tagged music: its own is the closest, and the other text-to-audio models follow
    # (before, the owner's word alone ranked, and nothing after its own models was near)
    question = "Is Acme's MusicGen here?"
    assert boosts(searcher, question, "task") == [("text-to-audio",)]
    top = [h.pid for h in searcher.search(question).results[:2]]
    assert top == [model_pid("acme/tune-maker"), model_pid("zeta/sound-fx")]


def test_the_words_of_a_name_not_held_rank_no_record_holding_part_of_it(searcher):
    hits = searcher.search("Can I find Qwen2-VL in the registry?").results
    assert hits[0].pid == model_pid("zeta/looker")  # not zeta/qwen-chat, which holds "Qwen" only


def test_a_company_named_as_author_means_all_its_hub_accounts(searcher):
    authors = [r.values for r in searcher.understand("models made by Meta").recognised if r.facet == "author"]
    assert authors and set(authors[0]) == {"meta-llama", "facebook"}
    assert set(searcher._possessive_owners(searcher.understand("Is Meta's MusicGen here?"))) == {"meta-llama",
                                                                                                 "facebook"}


def test_organisations_name_their_accounts_and_makers(searcher):
    concepts = searcher.concepts
    assert set(concepts.accounts("Meta")) == {"meta-llama", "facebook"}
    assert {"google", "google-bert", "google-t5"} <= set(concepts.accounts("google"))
    musicgen = searcher.not_held("MusicGen")[0].concept
    assert concepts.made_by(musicgen, "Meta") and concepts.made_by(musicgen, "Facebook")
    assert not concepts.made_by(musicgen, "Acme")
    codestral = searcher.not_held("Codestral")[0].concept
    assert concepts.made_by(codestral, "Mistral")  # a word of "Mistral AI"


def test_the_chat_says_an_open_model_not_held_is_open_and_names_models_of_its_task(chat):
    answer = chat.ask("Is Meta's MusicGen here?")
    assert answer.text.startswith("“MusicGen” is not in the registry: it is a music generator made by Meta, whose "
                                  "weights are published openly")
    assert "closed service" not in answer.text
    assert not answer.answerable and answer.answers == []
    assert {c.pid for c in answer.closest} >= {model_pid("acme/tune-maker"), model_pid("zeta/sound-fx")}


def test_the_chat_reads_can_i_find_as_asking_whether_a_model_is_held(chat):
    answer = chat.ask("Can I find Qwen2-VL in the registry?")
    assert answer.text.startswith("“Qwen2-VL” is not in the registry: it is an image-and-text chat model made by "
                                  "Alibaba")
    assert model_pid("zeta/looker") in {c.pid for c in answer.closest}


def test_an_organisation_is_no_name_the_chat_answers_with(chat):
    answer = chat.ask("Tell me about Meta.")
    assert "Hugging Face Hub under" not in answer.text  # the organisation's concept is not a record asked about


@pytest.fixture(scope="module")
def mentioning():
    from tests.factories import concepts_searcher
    records = [task_record(t) for t in ("text-generation", "image-text-to-text")] + [
        model_doing("zeta/qwen-chat", "text-generation", downloads=9000, description="A chat model."),
        model_doing("zeta/looker", "image-text-to-text", downloads=15, description="Talks about pictures."),
        model_doing("zeta/seer", "image-text-to-text", downloads=10, description="Compared with Qwen2-VL on charts.")]
    yield from concepts_searcher(records)


def test_the_words_of_a_name_not_held_that_a_record_mentions_still_find_it(mentioning):
    # zeta/seer speaks of Qwen2-VL: the name's words stay in the text matched, and find it first
    assert "Qwen2-VL" in mentioning.understand("Can I find Qwen2-VL in the registry?").text
    assert mentioning.search("Can I find Qwen2-VL in the registry?").results[0].pid == model_pid("zeta/seer")


def test_a_one_word_name_written_in_small_letters_in_a_capitalised_question_is_the_word(searcher):
    assert searcher.not_held("Detect a dog's bark in my recordings") == []  # the word, not Suno's Bark
    assert [m.concept.label for m in searcher.not_held("Is Bark here?")] == ["Bark"]
    assert [m.concept.label for m in searcher.not_held("is bark here")] == ["Bark"]  # all small: either


@pytest.mark.parametrize("question", ["Could we get Pixtral?", "Can I download Pixtral?"])
def test_the_chat_reads_can_i_get_and_the_name_alone_as_asking_whether_a_model_is_held(chat, question):
    # the frame with nothing after the name asks for the model itself: a chat model about pictures the registry
    # holds was put forward as if it were Pixtral
    answer = chat.ask(question)
    assert answer.text.startswith("“Pixtral” is not in the registry: it is an image-and-text chat model made by "
                                  "Mistral AI")
    assert answer.answers == []
    assert model_pid("zeta/looker") in {c.pid for c in answer.closest}


def test_can_i_get_a_named_model_to_do_something_is_no_question_whether_it_is_held():
    assert framed("Could we get Whisper?", "Whisper")
    assert not framed("Can I get Whisper to write my lecture down?", "Whisper")


def test_a_model_an_organisation_publishes_is_one_of_the_models_its_name_written_before_models_asks_for(chat):
    # "Meta models": facebook/polyglot-mt carries no word "meta", but Meta publishes under facebook; the rule that a
    # model must hold a name written for the models refused the question
    answer = chat.ask("Which Meta models translate text?")
    assert answer.answerable
    assert {c.pid for c in answer.answers} == {model_pid("facebook/polyglot-mt")}
    assert not chat.ask("Which Meta models make music?").answerable  # acme/tune-maker is no Meta model
