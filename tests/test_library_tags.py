"""Library concepts carry the Hub tag their models show (``mlfdo:hubTag``), and the question reader takes its
name -> tag table from them: a framework, format or tool is a concept FDO with a definition and synonyms, not a
hand-written entry of the reader."""

from __future__ import annotations

import pytest
from pyoxigraph import RdfFormat, parse

from harvesters.vocabularies import VOCABULARY_DIR, concept_records, harvest
from harvesters.vocabularies.harvest import HARVESTER, SKOS
from registry.pid import mint_id, pid_iri
from registry.search.library_tags import library_tags, tags_of
from registry.search.text import tokens
from registry.store import Store
from registry.validate import Validator
from registry.vocab import MLFDO

BASE = "http://registry.test"
LIBRARIES = VOCABULARY_DIR / "libraries.ttl"

# how the Hub tags the models of each framework, format or tool a question may name (the names as people write them)
HUB_TAGS = {
    "jax": "jax", "flax": "jax", "tensorflow": "tf", "tf": "tf", "pytorch": "pytorch", "torch": "pytorch",
    "trl": "trl", "safetensors": "safetensors", "tensorboard": "tensorboard", "pruna-ai": "pruna-ai",
    "paddlepaddle": "paddlepaddle", "llama-factory": "llama-factory", "mergekit": "mergekit",
    "lora": "lora", "coreml": "coreml", "tflite": "tflite", "gguf": "gguf", "llama.cpp": "gguf",
    "onnx": "onnx", "peft": "peft", "mlx": "mlx", "openvino": "openvino", "gptq": "gptq", "awq": "awq",
    "exl2": "exl2", "axolotl": "axolotl", "unsloth": "unsloth", "autotrain": "autotrain",
}


def concepts() -> dict[str, dict[str, list[str]]]:
    """Return concept IRI -> property -> values for the library vocabulary."""
    out: dict[str, dict[str, list[str]]] = {}
    for t in parse(LIBRARIES.read_bytes(), format=RdfFormat.TURTLE):
        out.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object.value)
    return {s: p for s, p in out.items() if SKOS + "inScheme" in p}


def test_every_framework_format_and_tool_the_hub_tags_is_a_library_concept_carrying_its_tag():
    tagged = {p[SKOS + "notation"][0]: p for p in concepts().values() if MLFDO.hubTag.value in p}
    for name, tag in HUB_TAGS.items():
        assert library_tags().get(name) == tag, name
    # each is a concept of its own words: a definition, a plain phrase, and one tag
    for notation, props in tagged.items():
        assert len(props[MLFDO.hubTag.value]) == 1, notation
        assert props.get(SKOS + "definition") and props.get(str(MLFDO) + "plainDescription"), notation
    assert {"jax", "tensorflow", "trl", "safetensors", "pruna-ai", "mergekit"} <= set(tagged)


def test_the_table_is_keyed_by_every_name_of_a_tagged_concept_and_a_shared_name_by_the_tag_it_holds(tmp_path):
    path = tmp_path / "libraries.ttl"
    path.write_text("""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix mlfdo: <https://w3id.org/mlfdo/ns#> .
        @prefix mv: <https://w3id.org/mlfdo/vocab/> .
        mv:library-kit a skos:Concept ; skos:notation "tune-kit" ; skos:prefLabel "Tune Kit"@en ;
            skos:altLabel "Sparse Adapter"@en, "QuickTune"@en ; mlfdo:hubTag "tune-kit" .
        mv:library-sparse a skos:Concept ; skos:notation "sparse" ; skos:prefLabel "Sparse"@en ;
            skos:altLabel "Sparse Adapter"@en ; mlfdo:hubTag "sparse" .
        mv:library-plain a skos:Concept ; skos:notation "plainlib" ; skos:prefLabel "Plain Lib"@en .
    """, encoding="utf-8")
    table = tags_of(path)
    # as written and as the question's words joined
    assert table["tune-kit"] == table["tune kit"] == table["quicktune"] == "tune-kit"
    assert table["".join(tokens("Tune Kit"))] == "tune-kit"
    # "Sparse Adapter" names both: it holds the tag "sparse"
    assert table["sparse adapter"] == "sparse"
    # a concept with no Hub tag gives no entry
    assert not {"plainlib", "plain lib"} & set(table)


@pytest.mark.parametrize("query, tag", [
    ("models with weights for Flax", "jax"),
    ("a checkpoint converted with TF Lite", "tflite"),
    ("anything quantised for llama.cpp", "gguf"),
])
def test_the_reader_reads_a_library_by_its_concepts_tag(query, tag):
    from registry.search.understand import Understander

    u = Understander(lambda facet: {}).understand(query)
    assert u.tags == (tag,)


def test_a_harvested_library_concept_carries_its_hub_tag_with_provenance_and_conforms():
    store = Store.open(None, BASE)
    harvest(store)
    tensorflow = pid_iri(BASE, mint_id("library", "tensorflow"))
    assert store.kind(tensorflow) == "term"
    assert [t.object.value for t in store.current(tensorflow) if t.predicate == MLFDO.hubTag] == ["tf"]
    version = store.versions(tensorflow)[0]
    assert version.harvester == HARVESTER and version.source_etag
    # every tagged concept's record passes the shapes
    records = [r for r in concept_records(BASE) if r.platform == "library" and r.platform_id in set(HUB_TAGS.values())]
    assert len(records) >= 20
    for record, summary in zip(records, Validator.default().validate_many([r.triples for r in records])):
        assert summary.conforms, (record.platform_id, summary)


def test_a_library_phrase_names_another_tagged_framework_only_where_its_definition_does():
    # "train a network with TensorFlow" on Keras read as the framework TensorFlow is tagged tf, which Keras is not
    names = {p[SKOS + "notation"][0]: {n.lower() for k in ("prefLabel", "altLabel") for n in p.get(SKOS + k, [])}
             for p in concepts().values() if MLFDO.hubTag.value in p}
    for props in concepts().values():
        own = props[SKOS + "notation"][0]
        definition = " ".join(props.get(SKOS + "definition", [])).lower()
        for phrase in props.get(str(MLFDO) + "plainDescription", []):
            said = set(tokens(phrase))
            for notation, called in names.items():
                for name in called:
                    if notation != own and set(tokens(name)) <= said:
                        assert set(tokens(name)) <= set(tokens(definition)), (own, phrase, name)
