"""Facets read from a question (session 13): a format the index holds as a library is also matched as its Hub tag."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.search.understand import Understander
from registry.vocab import MLFDO, SCHEMA
from tests.factories import concepts_searcher, model_doing, model_pid


def reader(**facets: list[str]) -> Understander:
    """Return an Understander over an index holding these facet values (one FDO each)."""
    vocab = {facet: {key: (key, 1) for key in keys} for facet, keys in facets.items()}
    return Understander(lambda facet: vocab.get(facet, {}))


def _model(name: str, task: str, *, library: str | None = None, tags: tuple[str, ...] = (), downloads: int = 10,
           description: str = "A test model."):
    s = NamedNode(model_pid(name))
    extra = [Triple(s, MLFDO.library, Literal(library))] if library else []
    extra += [Triple(s, SCHEMA.keywords, Literal(t)) for t in tags]
    return model_doing(name, task, extra=extra, downloads=downloads, description=description)


MODELS = [
    _model("acme/chat-mlx", "text-generation", library="mlx", downloads=5, description="A chat model."),
    # converted for MLX, its library still transformers: the Hub shows the format as a tag
    _model("acme/chat-4bit", "text-generation", library="transformers", tags=("mlx",), downloads=4,
           description="A chat model in 4 bits."),
    _model("acme/chat-plain", "text-generation", library="transformers", downloads=900, description="A chat model."),
]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher(MODELS)


def ids(response) -> list[str]:
    by_pid = {model_pid(n): n for n in ("acme/chat-mlx", "acme/chat-4bit", "acme/chat-plain")}
    return [by_pid.get(h.pid, h.pid) for h in response.results]


# ------------------------------------------------------------ a format held as a library is also its tag
def test_a_format_the_index_holds_as_library_is_matched_as_its_tag_too():
    u = reader(library=["mlx", "transformers"]).understand("Which models come converted for MLX?")
    assert u.boosts().get("library") == ["mlx"] and u.tags == ("mlx",)


def test_a_library_no_platform_shows_as_a_tag_is_no_tag():
    u = reader(library=["flair", "transformers"]).understand("Which models run on Flair?")
    assert u.boosts().get("library") == ["flair"] and not u.tags


def test_models_converted_for_a_format_held_as_library_rank_with_those_of_the_library(searcher):
    found = ids(searcher.search("I'm on an Apple-silicon Mac. Which models come converted for MLX?"))
    assert set(found[:2]) == {"acme/chat-mlx", "acme/chat-4bit"}


# ------------------------------------------------------------ a tag is matched whole, not as a part of a longer tag
TAGGED = [
    _model("acme/shop-classifier", "image-classification", tags=("autotrain",), downloads=3,
           description="Sorts shelf photos."),
    # every transformers model carries the tag autotrain_compatible: it was not trained with AutoTrain
    _model("acme/big-classifier", "image-classification", library="transformers", tags=("autotrain_compatible",),
           downloads=9000, description="Sorts photos."),
]


@pytest.fixture(scope="module")
def tagged():
    yield from concepts_searcher(TAGGED)


def test_a_training_service_the_hub_shows_as_a_tag_is_read_as_that_tag():
    u = reader(library=["transformers"]).understand("Which models were trained through Hugging Face AutoTrain?")
    assert u.tags == ("autotrain",)


def test_a_tag_read_from_a_question_boosts_the_fdos_holding_it_whole_not_those_of_a_longer_tag(tagged):
    qu = tagged.understand("Which models were trained through Hugging Face AutoTrain?")
    judged = tagged.judge([model_pid("acme/shop-classifier"), model_pid("acme/big-classifier")], qu)
    assert judged[model_pid("acme/shop-classifier")][1] > judged[model_pid("acme/big-classifier")][1] == 0


# ------------------------------------------------------------ libraries named one by one as alternatives
def test_libraries_named_as_alternatives_are_a_filter_on_them():
    rules = reader(library=["fastai", "flair", "transformers"], task=["text-classification"])
    for query in ("Which text classifiers run on fastai or Flair?", "text classifiers for fastai, or flair"):
        u = rules.understand(query)
        assert u.filters().get("library") == ["fastai", "flair"], query


@pytest.mark.parametrize("query", ["Which text classifiers run on Flair?",
                                   "Which text classifiers run on fastai and Flair?"])
def test_one_library_or_libraries_named_together_only_rank(query):
    u = reader(library=["fastai", "flair", "transformers"], task=["text-classification"]).understand(query)
    assert "library" not in u.filters() and u.boosts().get("library")


LIBRARIES = [
    _model("acme/flair-sentiment", "text-classification", library="flair", downloads=2, description="Sentiment."),
    _model("acme/fastai-spam", "text-classification", library="fastai", downloads=3, description="Spam or not."),
    _model("acme/popular-text-classifier", "text-classification", library="transformers", downloads=90_000,
           description="A text classifier for reviews."),
]


@pytest.fixture(scope="module")
def libraries():
    yield from concepts_searcher(LIBRARIES)


def test_text_classifiers_of_either_library_are_the_results(libraries):
    found = {h.pid for h in libraries.search("Which text classifiers run on fastai or Flair?").results}
    assert found == {model_pid("acme/flair-sentiment"), model_pid("acme/fastai-spam")}


# ------------------------------------------------------------ what a question sets aside is not asked for
LICENCES = ["Apache-2.0", "MIT", "GPL-3.0-only"]


@pytest.mark.parametrize("query, kept", [
    ("Which text generators are under Apache 2.0 rather than MIT?", ["Apache-2.0"]),
    ("Which models use MIT instead of a GPL licence?", ["MIT"]),
    ("Apache-licensed translators, not MIT ones", ["Apache-2.0"]),
    ("MIT-licensed taggers but not GPL ones", ["MIT"]),
])
def test_a_licence_set_aside_is_no_licence_asked_for(query, kept):
    assert reader(licence=LICENCES).understand(query).filters()["licence"] == kept


@pytest.mark.parametrize("query, kept", [
    ("GPL-3.0 text classifiers, or anything not Apache or MIT", ["GPL-3.0-only"]),
    ("Which taggers are under GPL and not under MIT?", ["GPL-3.0-only"]),
])
def test_a_licence_after_a_bare_not_is_set_aside(query, kept):
    # "not Apache or MIT" filtered on Apache and MIT, the licences the question turns down
    assert reader(licence=LICENCES).understand(query).filters()["licence"] == kept


def test_a_bare_not_sets_aside_only_the_value_right_after_it():
    u = reader(language=["de", "en"]).understand("Is there a model not too big to translate German to English?")
    assert u.filters()["language"] == ["de", "en"]
    assert "language" not in reader(language=["de", "en"]).understand("text classifiers not in German").filters()


def test_a_language_set_aside_is_no_language_asked_for():
    u = reader(language=["de", "en"]).understand("translators into English rather than German")
    assert u.filters()["language"] == ["en"]


def test_but_not_sets_aside_for_concepts_too():
    from registry.search.concepts import set_aside
    assert set_aside("image generators, but not anime style") == "image generators"
    assert set_aside("start from Llama 2 7B, not the chat version") == "start from Llama 2 7B"


# ------------------------------------------------------------ an owner's licence called by its family's short name
RAIL = ["openrail", "bigcode-openrail-m", "creativeml-openrail-m", "bigscience-openrail-m", "bigscience-bloom-rail-1.0",
        "MIT"]


@pytest.mark.parametrize("query", ["Which models carry BigScience's RAIL licence?",
                                   "models under the BigScience RAIL license"])
def test_an_owner_before_rail_names_its_own_responsible_ai_licences(query):
    assert set(reader(licence=RAIL).understand(query).filters()["licence"]) == {"bigscience-openrail-m",
                                                                                  "bigscience-bloom-rail-1.0"}


def test_rail_without_an_owner_is_every_rail_licence_and_guard_rails_are_none():
    assert set(reader(licence=RAIL).understand("Which models use a RAIL licence?").filters()["licence"]) == \
        set(RAIL) - {"MIT"}
    assert "licence" not in reader(licence=RAIL).understand("chat models with safety guard rails").filters()
