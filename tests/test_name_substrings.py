"""A word written inside longer words of names ("gizmo": DeepGizmo, OpenGizmo) and an arXiv id written alone are
found through structures built with the index (``registry.search.substrings``, ``MemoryEngine.paper_keys``), not by
a scan of every name or paper per question: the answers pinned here are those the scans gave."""

from __future__ import annotations

import pytest

from harvesters.vocabularies import harvest
from registry.chat.names import NameIndex
from registry.search import get_searcher

from registry.search.understand import Understander
from registry.service import Registry
from tests.factories import BASE, dataset_pid, dataset_record, model_doing, model_pid, task_record

MODELS = [
    model_doing("acme/DeepGizmo-7b", "text-generation", downloads=90, description="A reasoning build."),
    model_doing("beta/DeepGizmo-7b-gguf", "text-generation", downloads=10, description="A quantised copy."),
    model_doing("gamma/llama-opengizmo", "text-generation", downloads=50, datasets=("acme/OpenGizmo-data",),
                description="Fine-tuned on instructions."),
    model_doing("delta/tuned", "text-generation", downloads=5, datasets=("acme/OpenGizmo-data",),
                description="Tuned on instructions."),
    model_doing("eps/gizmotron-x", "text-generation", downloads=70, description="Another build."),
    model_doing("zeta/GizmoGizmo-mini", "text-generation", downloads=70, description="A small build."),
    model_doing("eta/tiny-minigizmo", "text-generation", downloads=200, stub=True, description="Listed only."),
    model_doing("theta/sprocketé-v1", "text-generation", downloads=3, description="An accented name."),
    model_doing("iota/megasprocket", "text-generation", downloads=4, description="A plain name."),
]

@pytest.fixture(scope="module")
def registry():
    registry = Registry.open({"BASE_URL": BASE, "LLM": "extractive"}, in_memory=True, environ={})
    harvest(registry.store, registry.base_url)
    registry.store.ingest_many([task_record("text-generation"), dataset_record("acme/OpenGizmo-data", stub=False),
                                dataset_record("acme/gizmoset", stub=False)] + MODELS)
    yield registry
    registry.close()

def carried(searcher, word: str) -> list[str]:
    return [searcher.engine.docs[s].pid for s in searcher._carried(searcher.understand(word))]

def test_the_models_carrying_a_word_inside_longer_words_keep_their_order(registry):
    searcher = get_searcher(registry)
    # models named with a word of their own first (not a data set's word), records with facts before stubs,
    # most downloaded first, then the slot; the data set and the model trained on it (not named so) are not listed
    assert carried(searcher, "Gizmo") == [model_pid(n) for n in ("acme/DeepGizmo-7b", "zeta/GizmoGizmo-mini",
                                                                 "eps/gizmotron-x", "beta/DeepGizmo-7b-gguf",
                                                                 "eta/tiny-minigizmo", "gamma/llama-opengizmo")]
    assert carried(searcher, "llama") == []  # a name holds it as a word of its own: the keyword side finds it
    assert carried(searcher, "gadget") == []  # no name holds it
    assert carried(searcher, "izmo") == carried(searcher, "gizmo")
    # "sprocketé": the letters after the word are not a-z, so the name reads as holding the word whole
    assert carried(searcher, "sprocket") == []

def test_the_chat_groups_the_names_carrying_a_word_as_before(registry):
    names = NameIndex(registry.store)
    got = names.carrying("gizmo")
    assert set(got) == {"deepgizmo", "opengizmo", "gizmotron", "gizmogizmo", "minigizmo", "gizmoset"}
    assert got["deepgizmo"] == {model_pid("acme/DeepGizmo-7b"): 90, model_pid("beta/DeepGizmo-7b-gguf"): 10}
    assert got["opengizmo"] == {model_pid("gamma/llama-opengizmo"): 50, dataset_pid("acme/OpenGizmo-data"): 0}
    assert got["minigizmo"] == {model_pid("eta/tiny-minigizmo"): 200}
    assert names.carrying("sprocket") == {"megasprocket": {model_pid("iota/megasprocket"): 4}}
    assert names.carrying("gadget") == {} and names.carrying("gi") == {}
    assert names.carrying("deepgizmo-7b") == {}  # not a word of letters: looked for as before, no word carries it

PAPERS = {"arXiv:2005.12872": ("DETR", 3), "arXiv:2005.1287": ("Old style", 1), "arXiv:12005.12872": ("Longer", 1),
          "doi:10.1/2005.12872v2": ("Versioned", 1), "arXiv:2005.128721": ("Six digits", 1),
          "x.2005.12872": ("After a dot", 1), "arXiv:2106.09685": ("LoRA", 5)}

def paper_values(query: str) -> tuple[str, ...]:
    rules = Understander(lambda facet: PAPERS if facet == "paper" else {})
    return tuple(v for r in rules.understand(query).recognised if r.facet == "paper" for v in r.values)

@pytest.mark.parametrize("query, keys", [
    ("2005.12872", ("arXiv:2005.12872", "doi:10.1/2005.12872v2")),  # not after a dot or a digit, nor before one
    ("arXiv 2005.1287", ("arXiv:2005.1287",)),  # an old-style id, not the start of a newer one
    ("2106.09685v3", ("arXiv:2106.09685",)),
    ("2005.1288", ()),
    ("papers 2005.12872 and 2106.09685", ("arXiv:2005.12872", "doi:10.1/2005.12872v2", "arXiv:2106.09685")),
])
def test_an_arxiv_id_names_the_papers_whose_keys_hold_it_whole(query, keys):
    assert paper_values(query) == keys
