"""Search and chat follow the graph from a dataset, base model or paper the question names (registry.chat.links)."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.chat import ChatService
from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.search import get_searcher
from registry.service import Registry
from registry.vocab import CODEMETA, FAIR4ML, MLFDO, RDF, SCHEMA
from tests.factories import BASE, dataset_pid, dataset_record, model_doing, model_pid, task_record

PAPER = pid_iri(BASE, mint_id("arxiv", "2401.00001"))


def paper_record() -> Record:
    s = NamedNode(PAPER)
    triples = [Triple(s, RDF.type, SCHEMA.ScholarlyArticle), Triple(s, SCHEMA.name, Literal("Tiny Adapters for Everything")),
               Triple(s, SCHEMA.identifier, Literal("arXiv:2401.00001"))]
    return Record(PAPER, triples, kind="paper", platform="arxiv", platform_id="2401.00001", source=SourceInfo("test", "1"))


UNTITLED = pid_iri(BASE, mint_id("arxiv", "2402.00002"))


def untitled_paper() -> Record:
    """A paper held by its arXiv id alone, as the Hub's tags name papers."""
    s = NamedNode(UNTITLED)
    triples = [Triple(s, RDF.type, SCHEMA.ScholarlyArticle), Triple(s, SCHEMA.identifier, Literal("arXiv:2402.00002"))]
    return Record(UNTITLED, triples, kind="paper", platform="arxiv", platform_id="2402.00002",
                  source=SourceInfo("test", "1"))


def cites(pid_of: str, paper: str = PAPER) -> list[Triple]:
    return [Triple(NamedNode(model_pid(pid_of)), CODEMETA.referencePublication, NamedNode(paper))]


def adapter_of(name: str, base_model: str) -> list[Triple]:
    return [Triple(NamedNode(model_pid(name)), MLFDO.adapterOf, NamedNode(model_pid(base_model)))]


MODELS = [
    model_doing("acme/tuned-law", "text-generation", datasets=("acme/alpaca-chats",), downloads=5,
                description="Answers questions about law and contracts."),
    model_doing("acme/tuned-cook", "text-generation", datasets=("acme/alpaca-chats",), downloads=3,
                description="Suggests recipes for a dinner."),
    # a decoy: its name says alpaca and many download it, but it does not state the dataset
    model_doing("acme/alpaca-fan", "text-generation", downloads=90000, description="An alpaca that writes alpaca poems."),
    model_doing("acme/plain-lm", "text-generation", downloads=700, description="A general text generator."),
    # an image base model, its derived models, and a popular image model that derives from nothing
    model_doing("acme/pixel-base", "text-to-image", downloads=4000, description="Draws pictures from a prompt."),
    model_doing("acme/pixel-anime", "text-to-image", base_model="acme/pixel-base", downloads=20,
                description="Draws anime scenes."),
    model_doing("acme/pixel-sketch", "text-to-image", downloads=10, description="Draws pencil sketches.",
                extra=adapter_of("acme/pixel-sketch", "acme/pixel-base")),
    model_doing("acme/pixel-rival", "text-to-image", downloads=80000, description="Draws pixel art pictures."),
    # a base model whose name ends in "it" (instruction-tuned), and one derived from it
    model_doing("acme/chat-it", "text-generation", downloads=100, description="Answers in a chat."),
    model_doing("acme/chat-it-legal", "text-generation", base_model="acme/chat-it", downloads=1,
                description="Answers legal questions."),
    # a GGUF copy of that base, named as the Hub names such copies
    model_doing("acme/chat-it-GGUF", "text-generation", base_model="acme/chat-it", downloads=0,
                description="Weights for local inference."),
    # a video model whose base is known only as a reference (a stub), and another model of the same owner
    model_doing("acme/clip-mover", "text-to-video", base_model="vidco/GiantVideo", downloads=4,
                description="Moves pictures."),
    model_doing("vidco/depth-maker", "text-to-video", downloads=7, description="Estimates depth."),
    model_doing("acme/depth-tuned", "text-to-video", base_model="vidco/depth-maker", downloads=2,
                description="Estimates depth better."),
    model_doing("vidco/GiantVideo", None, stub=True),
    # two versions of a base; "painter 2.1" is the first, written with a dot where its id has a dash
    model_doing("acme/painter-2-1", "text-to-image", downloads=30, description="Paints."),
    model_doing("acme/painter-3", "text-to-image", downloads=40, description="Paints more."),
    model_doing("acme/painter-cats", "text-to-image", base_model="acme/painter-2-1", downloads=1,
                description="Paints cats."),
    model_doing("acme/painter-dogs", "text-to-image", base_model="acme/painter-3", downloads=1,
                description="Paints dogs."),
    # a pretrained base, its instruction-tuned version, and a model derived from that
    model_doing("acme/scout-17b", "text-generation", downloads=9, description="Continues text."),
    model_doing("acme/scout-17b-instruct", "text-generation", base_model="acme/scout-17b", downloads=8,
                description="Follows instructions."),
    model_doing("acme/scout-helper", "text-generation", base_model="acme/scout-17b-instruct", downloads=2,
                description="Helps."),
    # a base whose version is part of its first word
    model_doing("acme/VoiceTTS2-English", "text-to-speech", downloads=3, description="Speaks."),
    model_doing("acme/voicer-small", "text-to-speech", base_model="acme/VoiceTTS2-English", downloads=1,
                description="Speaks quickly."),
    # models citing the untitled paper: three carry the tag of its method, one does not; the tag "ranker" is
    # carried by models citing nothing
    *[model_doing(f"acme/zorp-{i}", "text-classification", keywords=("zorp", "ranker"), downloads=1,
                  description="Ranks answers.", extra=cites(f"acme/zorp-{i}", UNTITLED)) for i in range(3)],
    model_doing("acme/untagged-citer", "text-classification", downloads=1, description="Ranks replies.",
                extra=cites("acme/untagged-citer", UNTITLED)),
    *[model_doing(f"acme/ranker-{i}", "text-classification", keywords=("ranker",), downloads=1,
                  description="Ranks documents.") for i in range(4)],
    # models citing a paper, and one whose words only resemble its title
    model_doing("acme/adapter-one", "text-classification", downloads=2, description="Sorts reviews.",
                extra=cites("acme/adapter-one")),
    model_doing("acme/adapter-two", "text-classification", downloads=1, description="Sorts tickets.",
                extra=cites("acme/adapter-two")),
    model_doing("acme/tiny-everything", "text-classification", downloads=50000,
                description="Tiny adapters for everything you sort."),
    # a base with a popular derived chat model and a little-used derived question answerer
    model_doing("acme/quill-base", "text-generation", downloads=600, description="Continues text."),
    model_doing("acme/quill-chatter", "text-generation", base_model="acme/quill-base", downloads=300,
                description="Chats."),
    model_doing("acme/quill-reader", "question-answering", base_model="acme/quill-base", downloads=1,
                description="Reads a passage and replies."),
    model_doing("acme/quill-base-4bit", None, base_model="acme/quill-base", downloads=2,
                description="Quill base squeezed into 4 bits."),
    # a base held only as a reference, a more downloaded copy under the same name, and a fine-tune of the base
    model_doing("studio/Mover-9", None, stub=True),
    model_doing("copycat/Mover-9", "text-to-video", base_model="studio/Mover-9", downloads=500,
                description="Moves pictures, copied."),
    model_doing("acme/mover-dance", "text-to-video", base_model="studio/Mover-9", downloads=3,
                description="Makes people dance."),
]


@pytest.fixture(scope="module")
def registry():
    registry = Registry.open({"BASE_URL": BASE, "LLM": "extractive"}, in_memory=True, environ={})
    tasks = ["text-generation", "text-to-image", "text-classification", "text-to-video", "text-to-speech",
             "question-answering"]
    registry.store.ingest_many([task_record(t) for t in tasks] + [dataset_record("acme/alpaca-chats", stub=False),
                                                                  paper_record(), untitled_paper()] + MODELS)
    yield registry
    registry.close()



def names(response) -> list[str]:
    return [h.identifier or h.name for h in response.results]


def offered(answer) -> set[str]:
    return {c.pid for c in answer.answers}


def test_search_reads_a_dataset_named_in_loose_words_as_a_boost_and_ranks_its_models_first(registry):
    searcher = get_searcher(registry)
    response = searcher.search("models that learned from the alpaca instructions")
    [read] = [r for r in response.understanding.recognised if r.facet == "dataset"]
    assert read.values == ("acme/alpaca-chats",) and read.mode == "boost"
    assert set(names(response)[:2]) == {"acme/tuned-law", "acme/tuned-cook"}
    assert "acme/alpaca-fan" in names(response)  # a boost ranks, it does not filter


def test_search_ranks_the_models_built_on_a_named_image_base_model_first(registry):
    searcher = get_searcher(registry)
    response = searcher.search("pictures from models that build on pixel base")
    assert set(names(response)[:2]) == {"acme/pixel-anime", "acme/pixel-sketch"}
    # a pronoun after the relation names nothing (not acme/chat-it)
    assert not [r for r in searcher.understand("Can my company build on it?").recognised if r.facet == "base_model"]


def test_search_reads_a_paper_by_its_title_and_by_its_arxiv_id(registry):
    searcher = get_searcher(registry)
    for query in ("models citing the tiny adapters paper", "which models cite arXiv 2401.00001"):
        response = searcher.search(query)
        assert any(r.facet == "paper" and r.values == ("arXiv:2401.00001",) for r in response.understanding.recognised)
        assert set(names(response)[:2]) == {"acme/adapter-one", "acme/adapter-two"}, query


@pytest.mark.parametrize("query", ["What is linked to arXiv paper 2401.00001?", "models citing paper 2401.00001",
                                   "Which models cite an arXiv preprint, 2401.00001?"])
def test_an_arxiv_id_after_arxiv_paper_names_that_paper_alone_as_a_filter(registry, query):
    # "arXiv" is a word of every paper held by its id: alone it names none of them
    searcher = get_searcher(registry)
    response = searcher.search(query)
    [read] = [r for r in response.understanding.recognised if r.facet == "paper"]
    assert read.values == ("arXiv:2401.00001",) and read.mode == "filter"
    assert set(names(response)) == {"acme/adapter-one", "acme/adapter-two"}


def test_an_arxiv_id_names_no_paper_whose_id_merely_begins_with_it(registry):
    searcher = get_searcher(registry)
    assert not [r for r in searcher.understand("models citing arXiv 2401.0000").recognised if r.facet == "paper"]


def test_the_fdos_linked_to_a_filtered_paper_are_listed_whatever_the_other_words_match(registry):
    # "mention" is said by no record: the paper filter decides what is listed, the words only rank
    response = get_searcher(registry).search("Which models mention arXiv 2401.00001?")
    assert set(names(response)) == {"acme/adapter-one", "acme/adapter-two"}
    assert not response.notes


def test_chat_lists_the_models_trained_on_a_named_dataset_and_links_the_search(chat):
    answer = chat.ask("Which models learned from the Alpaca instructions?")
    assert offered(answer) == {model_pid("acme/tuned-law"), model_pid("acme/tuned-cook")}
    assert "dataset=acme%2Falpaca-chats" in answer.text  # the search that shows them all
    assert all(chat.store.exists(c.pid) for c in answer.citations)


def test_chat_combines_the_dataset_link_with_the_topic(chat):
    answer = chat.ask("Which models trained on the Alpaca chats are about law?")
    assert offered(answer) == {model_pid("acme/tuned-law")}
    assert answer.text.startswith("Models trained on")


def test_chat_says_when_no_linked_model_is_about_the_topic_and_labels_the_closest(chat):
    answer = chat.ask("Which models trained on the Alpaca chats are about astronomy?")
    assert answer.text.startswith("None of the 2 models trained on")
    assert answer.answers == [] and {c.pid for c in answer.closest} <= {model_pid("acme/tuned-law"),
                                                                        model_pid("acme/tuned-cook")}
    assert answer.closest


def test_chat_lists_the_derived_models_of_a_named_image_base_model(chat):
    answer = chat.ask("Which models build on Pixel Base?")
    assert offered(answer) == {model_pid("acme/pixel-anime"), model_pid("acme/pixel-sketch")}
    assert "base_model=acme%2Fpixel-base" in answer.text


def test_chat_lists_the_models_citing_a_named_paper(chat):
    answer = chat.ask("Which models come with the Tiny Adapters paper?")
    assert offered(answer) == {model_pid("acme/adapter-one"), model_pid("acme/adapter-two")}
    assert "paper=arXiv%3A2401.00001" in answer.text


def openml_records() -> list[Record]:
    """Two OpenML-like datasets (one a run evaluated a flow on), the flow and the run."""
    ships, lakes = (pid_iri(BASE, mint_id("openml-dataset", i)) for i in ("7", "8"))
    flow, run = pid_iri(BASE, mint_id("openml", "70")), pid_iri(BASE, mint_id("openml-run", "700"))
    source = SourceInfo("test", "1")

    def record(pid, kind, platform, oid, rdf_type, name, extra=()):
        s = NamedNode(pid)
        triples = [Triple(s, RDF.type, rdf_type), Triple(s, SCHEMA.name, Literal(name)),
                   Triple(s, SCHEMA.identifier, Literal(oid)), *extra]
        return Record(pid, triples, kind=kind, platform=platform, platform_id=oid, source=source)

    return [record(ships, "dataset", "openml-dataset", "7", SCHEMA.Dataset, "Shipwreck"),
            record(lakes, "dataset", "openml-dataset", "8", SCHEMA.Dataset, "Lakeshore"),
            record(flow, "model", "openml", "70", FAIR4ML.MLModel, "sklearn.tree.DecisionTreeClassifier"),
            record(run, "evaluation", "openml-run", "700", FAIR4ML.MLModelEvaluation, "OpenML run 700",
                   [Triple(NamedNode(run), FAIR4ML.evaluatedMLModel, NamedNode(flow)),
                    Triple(NamedNode(run), FAIR4ML.evaluationDataset, NamedNode(ships))])]


@pytest.fixture(scope="module")
def openml_chat():
    registry = Registry.open({"BASE_URL": BASE, "LLM": "extractive"}, in_memory=True, environ={})
    registry.store.ingest_many(openml_records() + MODELS[:4])
    service = ChatService(registry, llm="extractive")
    yield service
    service.close()
    registry.close()


def test_chat_lists_the_models_an_evaluation_ran_on_a_named_dataset(openml_chat):
    answer = openml_chat.ask("Do you have a model that predicts who survived the Shipwreck?")
    assert offered(answer) == {pid_iri(BASE, mint_id("openml", "70"))}
    assert "evaluated on" in answer.text


def test_chat_says_no_model_is_linked_to_a_named_dataset_and_names_it_as_the_closest(openml_chat):
    answer = openml_chat.ask("Do you have a model that predicts the water level of the Lakeshore?")
    assert not answer.answerable and answer.answers == []
    assert "no model in the registry states that it was trained on Lakeshore" in answer.text
    assert answer.closest[0].pid == pid_iri(BASE, mint_id("openml-dataset", "8"))
    assert all(openml_chat.store.exists(c.pid) for c in answer.citations + answer.closest)


def test_chat_reads_the_topic_without_the_words_of_a_job(chat):
    # "help solve ... problems" says what a model does; "contract" is what about
    answer = chat.ask("Which models trained on the Alpaca chats help solve contract problems?")
    assert offered(answer) == {model_pid("acme/tuned-law")}


def test_search_reads_an_owners_possessive_as_part_of_the_base_models_name(registry):
    # "vidco's giantvideo" is vidco/GiantVideo, a base held only as a reference; not every vidco model
    searcher = get_searcher(registry)
    response = searcher.search("Is anything here derived from Vidco's GiantVideo?")
    [read] = [r for r in response.understanding.recognised if r.facet == "base_model"]
    assert read.values == ("vidco/GiantVideo",) and read.applied
    assert names(response) == ["acme/clip-mover"]


@pytest.mark.parametrize("query", ["Is there a GGUF build of Chat-It that I can run with llama.cpp?",
                                   "I want Chat-It in GGUF", "a 4-bit version of chat it"])
def test_search_reads_a_copy_in_a_format_as_derived_from_the_named_model(registry, query):
    searcher = get_searcher(registry)
    response = searcher.search(query)
    assert [r.values for r in response.understanding.recognised if r.facet == "base_model"] == [("acme/chat-it",)]
    assert "acme/chat-it-GGUF" in names(response)
    assert set(names(response)) <= {"acme/chat-it-GGUF", "acme/chat-it-legal"}  # the derived models only
    assert "gguf" in response.understanding.text.lower() or "GGUF" not in query  # the format stays a word to rank by


@pytest.mark.parametrize("query", ["Are there lower-precision builds of Chat-It?", "Which compressed copies of chat-it are there?",
                                   "Do you have chat-it squeezed into 4 or 8 bits?",
                                   "Can I get Chat-It in a lower-precision form that fits on a laptop?"])
def test_a_copy_in_fewer_bits_named_without_a_format_is_a_quantised_derivative(registry, query):
    # no format is named: the words are read as "quantized", whose expansions (gguf, 4bit...) rank the copy first
    response = get_searcher(registry).search(query)
    assert [r.values for r in response.understanding.recognised if r.facet == "base_model"] == [("acme/chat-it",)]
    assert response.understanding.tags == ("quantized",) and "gguf" in response.understanding.expansions
    if "bits" not in query:  # (the bits asked for are in no name here: the two derivatives tie on the words)
        assert names(response)[0] == "acme/chat-it-GGUF"


@pytest.mark.parametrize("query", ["chat-it with its latency cut to a bit under 50 ms",
                                   "Is there a chat-it whose size was reduced to a bit less than 1 GB?"])
def test_a_bit_as_a_little_is_no_precision_and_reads_no_quantised_copy(registry, query):
    # "cut to a bit under": "a bit" is "a little"; only a number of bits says a copy in fewer bits
    assert "quantized" not in get_searcher(registry).search(query).understanding.tags


@pytest.mark.parametrize("query", ["Which model can read compressed files for OCR?",
                                   "a model to unpack compressed files for archives"])
def test_compressed_files_of_no_named_model_are_no_quantised_copy(registry, query):
    # "compressed" says fewer bits only of a copy of a model named after it; files for OCR are zip files
    understanding = get_searcher(registry).search(query).understanding
    assert "quantized" not in understanding.tags and "quantized" not in understanding.text


def test_chat_lists_the_copy_in_the_format_asked_for(chat):
    answer = chat.ask("Is there a GGUF build of Chat-It that I can run with llama.cpp?")
    assert offered(answer) == {model_pid("acme/chat-it-GGUF")}
    assert "base_model=acme%2Fchat-it" in answer.text


def test_a_linked_papers_kind_word_does_not_ask_for_papers(registry, chat):
    # "the ... paper" names what is linked: a kind filter "paper" with it would match nothing and relax both away
    question = "What is linked to the Tiny Adapters paper, arXiv 2401.00001?"
    response = get_searcher(registry).search(question)
    assert not [r for r in response.understanding.recognised if r.facet == "kind"]
    assert set(names(response)[:2]) == {"acme/adapter-one", "acme/adapter-two"}
    answer = chat.ask(question)  # no word for models: the relation asks for them
    assert offered(answer) == {model_pid("acme/adapter-one"), model_pid("acme/adapter-two")}


def test_fine_tunes_of_a_versioned_name_read_that_version_only(registry):
    # the whole name, "painter 2.1", not its first word (every painter base)
    response = get_searcher(registry).search("Which fine-tunes of Painter 2.1 draw cats?")
    assert [r.values for r in response.understanding.recognised if r.facet == "base_model"] == [("acme/painter-2-1",)]
    assert names(response) == ["acme/painter-cats"]


def test_search_reads_a_paper_named_by_the_tag_its_citing_models_share(registry):
    # the paper has no title: "the ZORP paper" is the one the models tagged zorp cite, read as a boost, and said so
    assert registry.store.papers_cited_with_keyword("zorp") == (3, [(UNTITLED, 3)])
    assert registry.store.papers_cited_with_keyword("ranker") == (7, [(UNTITLED, 3)])
    response = get_searcher(registry).search("Which models cite the ZORP paper?")
    [read] = [r for r in response.understanding.recognised if r.facet == "paper"]
    assert read.values == ("arXiv:2402.00002",) and read.mode == "boost" and "zorp" in read.note
    assert set(names(response)[:4]) == {"acme/zorp-0", "acme/zorp-1", "acme/zorp-2", "acme/untagged-citer"}


def test_a_tag_most_of_whose_models_cite_nothing_names_no_paper(registry):
    # "ranker" is carried by the three citing models and four others: it is no name of the paper
    understanding = get_searcher(registry).understand("Which models cite the ranker paper?")
    assert not [r for r in understanding.recognised if r.facet == "paper"]


def test_chat_says_how_it_read_a_paper_named_by_a_tag(chat):
    answer = chat.ask("Which models refer to the ZORP paper, the one on ranking without a judge?")
    assert offered(answer) == {model_pid(f"acme/zorp-{i}") for i in range(3)} | {model_pid("acme/untagged-citer")}
    assert "read as arXiv:2402.00002" in answer.text and "zorp" in answer.text


def test_a_version_written_apart_names_a_base_that_writes_it_joined(registry):
    # "VoiceTTS 2" is acme/VoiceTTS2-English, as "StyleTTS 2" is yl4579/StyleTTS2-LJSpeech
    response = get_searcher(registry).search("Which speech models are built on VoiceTTS 2?")
    assert [r.values for r in response.understanding.recognised if r.facet == "base_model"] == [("acme/VoiceTTS2-English",)]
    assert names(response)[0] == "acme/voicer-small"


def test_the_base_model_of_a_name_is_the_pretrained_one(registry):
    # "the Scout base model" derives to the instruct version; what derives from that is one step further
    response = get_searcher(registry).search("What has been derived from the Scout base model?")
    assert [r.values for r in response.understanding.recognised if r.facet == "base_model"] == [("acme/scout-17b",)]
    # "Scout" is part of the base's name, not its name: the derived rank first, nothing is filtered out
    assert names(response)[0] == "acme/scout-17b-instruct"


def test_versions_of_a_named_model_are_its_derivatives(registry):
    understanding = get_searcher(registry).understand("Are there uncensored versions of Chat-It?")
    assert [r.values for r in understanding.recognised if r.facet == "base_model"] == [("acme/chat-it",)]
    # "newer versions" are the model's own versions, not what derives from it
    assert not [r for r in get_searcher(registry).understand("Are there newer versions of Chat-It?").recognised
                if r.facet == "base_model"]


def test_a_question_for_what_cites_a_paper_asks_for_no_paper(registry):
    # the paper's name is unread ("ranker" names none), yet "cite the ... paper" asks for the citing records
    understanding = get_searcher(registry).understand("cite the ranker paper")
    assert "paper" not in understanding.filters().get("kind", [])


def test_the_topic_keeps_a_dotted_name_whole():
    from registry.search.understand import unframe

    # "llama.cpp" and "2.1" end no sentence: split, "cpp" and "1" would be topic words no record states
    assert unframe("Is there a GGUF build of Stable Diffusion 2.1 that runs with llama.cpp?") == \
        "GGUF build of Stable Diffusion 2.1 that runs with llama.cpp"


def test_derived_models_of_a_named_base_with_a_task_are_those_meeting_the_task(chat):
    # the task is a constraint of the list, as the base is: not the base's most downloaded derivatives
    answer = chat.ask("Which question-answering models were fine-tuned from quill-base?")
    assert offered(answer) == {model_pid("acme/quill-reader")}
    assert "base_model=acme%2Fquill-base" in answer.text and "task=question-answering" in answer.text


def test_mentioning_a_named_paper_is_the_relation_not_a_topic(chat):
    # "mention" says how the models link to the paper: every model citing it answers
    answer = chat.ask("Which models mention the Tiny Adapters paper?")
    assert offered(answer) == {model_pid("acme/adapter-one"), model_pid("acme/adapter-two")}


def test_an_owners_possessive_picks_the_owners_model_among_those_of_that_name(chat):
    # "Studio's Mover-9" is studio/Mover-9 (a base known by reference only), not copycat's more downloaded copy
    answer = chat.ask("What has been built from Studio's Mover-9?")
    assert offered(answer) == {model_pid("copycat/Mover-9"), model_pid("acme/mover-dance")}
    assert "is the name of" not in answer.text  # the question said which one: no ambiguity to report


def test_an_owners_possessive_before_the_named_base_is_no_topic_of_its_fine_tunes(chat):
    # "Quillco's" says whose quill-base is meant (the registry holds it under another owner): no words are left to
    # match, so the answer lists quill-base's derived models rather than those matching “” (none)
    answer = chat.ask("What has been built from Quillco's quill-base?")
    assert offered(answer) == {model_pid("acme/quill-chatter"), model_pid("acme/quill-reader"),
                               model_pid("acme/quill-base-4bit")}
    assert "“”" not in answer.text


def test_what_a_named_model_does_not_show_and_its_derived_models_do_is_asked_of_them(chat):
    # quill-base holds neither "squeezed" nor "bits"; its 4-bit copy does: that copy is the answer, not quill-base
    answer = chat.ask("Do you have quill-base squeezed into 4 bits?")
    assert offered(answer) == {model_pid("acme/quill-base-4bit")}
    assert "Models derived from" in answer.text
    # what quill-base shows itself ("continues text") is asked of it
    answer = chat.ask("Do you have quill-base for continuing text?")
    assert offered(answer) == {model_pid("acme/quill-base")}


@pytest.mark.parametrize("question", ["Which models learned from the Alpaca set of 52 thousand problems?",
                                      "Which models were fine-tuned on the Alpaca instruction selection?"])
def test_the_words_going_on_naming_a_linked_dataset_are_no_topic(chat, question):
    # "set of 52 thousand problems", "instruction selection": what the dataset is, not what its models are about
    answer = chat.ask(question)
    assert offered(answer) == {model_pid("acme/tuned-law"), model_pid("acme/tuned-cook")}


def test_a_job_after_a_linked_datasets_kind_noun_is_still_the_topic(chat):
    # "chats" ends the dataset's name; "about law" is what the models are about
    answer = chat.ask("Which models trained on the Alpaca chats set are about law?")
    assert offered(answer) == {model_pid("acme/tuned-law")}


def test_a_named_model_not_in_the_format_asked_for_gives_way_to_its_copies_in_it(chat):
    # "as a GGUF file": acme/chat-it is no GGUF file; its copy named so, derived from it, is the answer
    answer = chat.ask("Can I get acme/chat-it as a GGUF file?")
    assert offered(answer) == {model_pid("acme/chat-it-GGUF")}
    assert "is in the gguf format itself" in answer.text


def test_a_named_model_with_no_copy_in_the_format_stays_the_answer(chat):
    answer = chat.ask("Can I get acme/quill-base as a GGUF file?")  # its derivatives are in no format named
    assert offered(answer) == {model_pid("acme/quill-base")}


def test_something_built_on_top_of_a_named_model_asks_for_its_derived_models(chat):
    # "built something on top of X": X is what the others derive from, not an answer itself
    answer = chat.ask("Has anyone built something on top of acme/quill-base?")
    assert model_pid("acme/quill-base") not in offered(answer)
    assert offered(answer) and offered(answer) <= {model_pid(m) for m in ("acme/quill-chatter", "acme/quill-reader",
                                                                          "acme/quill-base-4bit")}


def test_a_question_for_models_naming_a_dataset_offers_the_models_linked_to_it(chat):
    # "used the alpaca-chats set": no relation the reader reads; the data set named is what the answer speaks of, and
    # the models trained on it are the answer (not the data set, nor a model whose name carries "alpaca")
    answer = chat.ask("Which models used the alpaca-chats set?")
    assert offered(answer) == {model_pid("acme/tuned-law"), model_pid("acme/tuned-cook")}


@pytest.fixture(scope="module")
def unlinked_chat():
    registry = Registry.open({"BASE_URL": BASE, "LLM": "extractive"}, in_memory=True, environ={})
    registry.store.ingest_many([task_record("text-generation"), dataset_record("acme/lonely-poems", stub=False)]
                               + MODELS[:4])
    service = ChatService(registry, llm="extractive")
    yield service
    service.close()
    registry.close()


def test_a_question_for_models_naming_a_dataset_no_model_is_linked_to_still_offers_the_dataset_it_describes(
        unlinked_chat):
    # the answer describes the data set; with no model linked to it, offering nothing left the answer's record unoffered
    answer = unlinked_chat.ask("Which models write poems like lonely-poems?")
    assert "acme/lonely-poems" in answer.text
    assert offered(answer) == {dataset_pid("acme/lonely-poems")}


def test_models_tied_to_a_named_paper_are_those_citing_it(chat):
    # "tied to" says how the models link to the paper, as "point to" does: it is no topic they must match
    answer = chat.ask("Which models are tied to the Tiny Adapters paper?")
    assert offered(answer) == {model_pid("acme/adapter-one"), model_pid("acme/adapter-two")}


def test_a_word_read_as_another_constraint_before_a_records_noun_goes_on_naming_the_record():
    from registry.chat.links import _record_phrase
    from registry.search.understand import stem
    text = "Which models learned from NovaSky's Sky-T1 reasoning data of 17 thousand examples?"
    span = "learned from NovaSky's Sky-T1"
    # "reasoning" (read as a topic) describes the data: the phrase goes on to the count and "examples"
    assert _record_phrase(text, span, {stem("reasoning")}) == ["reasoning", "data", "of", "17", "thousand", "examples"]
    # a word read as nothing ends the phrase, and a constraint's word with no record noun after it is no part of it
    assert _record_phrase(text, span, set()) == []
    assert _record_phrase("Which models learned from the Alpaca set about reasoning?", "learned from the Alpaca",
                          {stem("reasoning")}) == ["set"]


@pytest.mark.parametrize("question", ["Which compressed copies of acme/quill-base can I download?",
                                      "Are there lower-precision builds of quill-base?"])
def test_copies_in_fewer_bits_of_a_named_model_are_those_named_or_tagged_with_a_precision(chat, question):
    # no format named: "compressed", "lower-precision" are met by a copy whose name says 4bit, not by a fine-tune
    answer = chat.ask(question)
    assert offered(answer) == {model_pid("acme/quill-base-4bit")}


def test_a_precision_inside_a_larger_number_is_no_fewer_bits():
    from registry.chat.evidence import FEWER_BITS
    assert FEWER_BITS.search("labess-7b-chat-16bit") is None and FEWER_BITS.search("model-int8bit-smashed")
    assert FEWER_BITS.search("deepseek-v3-i1-gguf") and FEWER_BITS.search("exaone-deep-32b-q4_k_m-gguf")
