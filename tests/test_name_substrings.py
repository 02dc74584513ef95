"""A word written inside longer words of names ("gizmo": DeepGizmo, OpenGizmo) and an arXiv id written alone are
found through structures built with the index (``registry.search.substrings``, ``MemoryEngine.paper_keys``), not by
a scan of every name or paper per question: the answers pinned here are those the scans gave."""

from __future__ import annotations

import pytest

from registry.chat.names import Match, NameIndex
import numpy as np

from registry.search import get_searcher
from registry.search.document import IndexDoc
from registry.search.engine import MemoryEngine
from registry.search.substrings import SubstringIndex
from registry.search.understand import Understander
from tests.factories import dataset_pid, dataset_record, model_doing, model_pid, registry_holding, task_record

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
    yield from registry_holding([task_record("text-generation"), dataset_record("acme/OpenGizmo-data", stub=False),
                                 dataset_record("acme/gizmoset", stub=False)] + MODELS)

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


class Unread(dict):
    """A dict that may be looked up but not read through: a scan of it fails the test."""

    def _scan(self, *args):
        raise AssertionError("every entry was read")

    __iter__ = items = keys = values = _scan


def test_a_word_inside_longer_names_is_looked_up_in_the_index_not_by_reading_every_name(registry):
    searcher = get_searcher(registry)
    expected = carried(searcher, "gizmo")
    engine = searcher.engine
    kept, engine.exact = engine.exact, Unread(engine.exact)
    try:
        before = engine.names.lookups
        assert carried(searcher, "gizmo") == expected
        assert engine.names.lookups == before + 1
    finally:
        engine.exact = kept


def test_the_chat_looks_a_word_inside_longer_names_up_without_reading_every_name(registry):
    names = NameIndex(registry.store)
    expected = names.carrying("gizmo")
    names._keys, names._joined = Unread(names._keys), None
    assert names.carrying("gizmo") == expected and names.carrying("gadget") == {}


def test_the_chat_finds_a_fragment_with_hyphens_and_digits_without_reading_every_name(registry):
    names = NameIndex(registry.store)
    # a family written with a hyphen and digits ("deepgizmo-7b"), a whole part of the names holding it
    expected = [model_pid("acme/DeepGizmo-7b"), model_pid("beta/DeepGizmo-7b-gguf")]
    names._ensure()
    names._keys, names._joined = Unread(names._keys), None
    assert [m.pid for m in names.containing("DeepGizmo-7b")] == expected
    assert names.contains("llama-opengizmo") and not names.contains("llama-gizmo")
    assert names.containing("gizmo-7b") == []  # inside "deepgizmo-7b", not a whole part
    assert names.containing("opengizmo-data") == [Match(dataset_pid("acme/OpenGizmo-data"), 0)]


def test_a_bare_arxiv_id_is_looked_up_without_reading_every_paper(registry):
    searcher = get_searcher(registry)
    vocabulary = searcher.engine.facet_vocabulary
    searcher.engine.facet_vocabulary = lambda f: Unread(vocabulary(f)) if f == "paper" else vocabulary(f)
    try:
        assert not [r for r in searcher.rules.understand("2401.00001").recognised if r.facet == "paper"]
    finally:
        del searcher.engine.facet_vocabulary


def paper_engine(keys) -> MemoryEngine:
    engine = MemoryEngine(dim=2)
    docs = [IndexDoc(pid=f"http://x/fdo/p{i}", version=1, kind="model", name=f"p{i}", facets={"paper": [(key, label)]})
            for i, (key, (label, _)) in enumerate(keys.items())]
    engine.upsert(docs, np.ones((len(docs), 2), dtype=np.float32))
    return engine


@pytest.mark.parametrize("query", ["2005.12872", "arXiv 2005.1287", "2106.09685v3", "2005.1288",
                                   "papers 2005.12872 and 2106.09685"])
def test_the_engine_lists_the_papers_holding_an_id_as_the_scan_found_them(query):
    engine = paper_engine(PAPERS)
    rules = Understander(lambda facet: Unread(PAPERS) if facet == "paper" else {}, paper_keys=engine.paper_keys)
    assert tuple(v for r in rules.understand(query).recognised if r.facet == "paper" for v in r.values) == \
        paper_values(query)


def test_a_paper_no_alive_fdo_cites_is_no_longer_named_by_its_id():
    engine = paper_engine(PAPERS)
    assert engine.paper_keys("2005.12872") == ("arXiv:2005.12872", "doi:10.1/2005.12872v2")
    engine.delete(["http://x/fdo/p0"])
    assert engine.paper_keys("2005.12872") == ("doi:10.1/2005.12872v2",)


def test_the_substring_index_finds_each_name_once_and_declines_what_is_no_word_of_letters():
    index = SubstringIndex()
    for name in ("org/deephermes-3", "openhermes-hermes", "hermeneutics", "ab-hermes"):
        index.add(name)
    assert sorted(index.holding("hermes")) == ["ab-hermes", "openhermes-hermes", "org/deephermes-3"]
    assert index.holding("zzz") == [] and index.holding("herm3") is None and index.holding("he") is None
