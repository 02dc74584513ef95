"""The concept vocabularies: Turtle that parses, covers the platforms' ids, and harvests into the store with provenance."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from harvesters.huggingface.licences import HF_NAMED, HF_TO_SPDX
from harvesters.huggingface.terms import TASK_LABELS
from harvesters.vocabularies import VOCABULARY_DIR, concept_records, harvest
from harvesters.vocabularies.harvest import HARVESTER, SKOS
from registry.pid import mint_id, pid_iri
from registry.search.text import tokens
from registry.store import Store
from registry.vocab import MLFDO, SCHEMA

BASE = "http://registry.test"
FILES = sorted(VOCABULARY_DIR.glob("*.ttl"))
NAMES_ONLY = frozenset({"language-names.ttl"})  # files adding names to the concepts of another file


def notations(scheme: str) -> dict[str, dict[str, list[str]]]:
    """Return notation -> property -> values for the concepts of one scheme."""
    concepts: dict[str, dict[str, list[str]]] = {}
    for path in FILES:
        by_subject: dict[str, dict[str, list[str]]] = {}
        for t in parse(path.read_bytes(), format=RdfFormat.TURTLE):
            by_subject.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object.value)
        for props in by_subject.values():
            if props.get(SKOS + "inScheme") == [f"https://w3id.org/mlfdo/vocab/{scheme}"]:
                concepts[props[SKOS + "notation"][0]] = props
    return concepts


@pytest.mark.parametrize("path", FILES, ids=lambda p: Path(p).name)
def test_vocabulary_file_parses_and_every_concept_has_a_definition(path):
    subjects = {}
    for t in parse(path.read_bytes(), format=RdfFormat.TURTLE):
        subjects.setdefault(t.subject.value, set()).add(t.predicate.value)
    concepts = [p for p in subjects.values() if SKOS + "inScheme" in p]
    if path.name in NAMES_ONLY:
        # other names of another file's concepts (generated, language-names.ttl): labels only
        assert subjects and all(p == {SKOS + "altLabel"} for p in subjects.values())
        return
    assert concepts
    assert all({SKOS + "definition", SKOS + "prefLabel", SKOS + "notation"} <= p for p in concepts)


def test_the_generated_language_names_name_concepts_of_the_language_vocabulary():
    languages = {s for p in FILES if p.name not in NAMES_ONLY
                 for s in {t.subject.value for t in parse(p.read_bytes(), format=RdfFormat.TURTLE)}}
    named = {t.subject.value for t in parse((VOCABULARY_DIR / "language-names.ttl").read_bytes(), format=RdfFormat.TURTLE)}
    assert named and named <= languages


def test_every_hub_pipeline_task_is_a_concept_with_a_modality_and_plain_words():
    tasks = notations("hf-task")
    assert set(TASK_LABELS) <= set(tasks)
    for task_id in TASK_LABELS:
        assert tasks[task_id].get(str(MLFDO) + "modality"), task_id
    described = [t for t, p in tasks.items() if p.get(str(MLFDO) + "plainDescription")]
    assert len(described) >= len(TASK_LABELS) - 1  # only "other" has no job to describe


def test_every_hub_licence_id_has_a_family_and_known_spdx_id():
    licences = notations("licence")
    assert set(HF_TO_SPDX) | set(HF_NAMED) <= set(licences)
    for hub_id, spdx in HF_TO_SPDX.items():
        assert licences[hub_id][str(MLFDO) + "spdxId"] == [spdx]
    assert all(str(MLFDO) + "licenceFamily" in p for p in licences.values())
    assert licences["cc-by-nc-4.0"][str(MLFDO) + "commercialUse"] == ["false"]
    assert licences["apache-2.0"][str(MLFDO) + "commercialUse"] == ["true"]


def test_languages_carry_iso_639_codes():
    languages = notations("language")
    assert len(languages) > 180
    assert languages["de"][str(MLFDO) + "iso6393"] == ["deu"]
    assert "Cantonese" in languages["yue"][SKOS + "prefLabel"]


def test_harvest_makes_concept_fdos_with_provenance_and_is_idempotent():
    store = Store.open(None, BASE)
    first = harvest(store)
    assert first == {"new": len(concept_records(BASE))}
    assert harvest(store) == {"unchanged": first["new"]}
    asr = pid_iri(BASE, mint_id("hf-task", "automatic-speech-recognition"))  # the PID Hub models link to
    assert store.kind(asr) == "term"
    version = store.versions(asr)[0]
    assert version.harvester == HARVESTER and version.source_etag
    names = {t.object.value for t in store.current(asr) if t.predicate == SCHEMA.alternateName}
    assert "speech to text" in names


def test_concept_links_point_at_the_linked_concepts_fdos():
    records = {r.platform_id: r for r in concept_records(BASE) if r.platform == "licence"}
    family = [t.object.value for t in records["cc-by-sa-4.0"].triples if t.predicate == MLFDO.licenceFamily]
    assert family == [pid_iri(BASE, mint_id("licence-family", "copyleft"))]


def test_every_family_of_tasks_groups_hub_tasks_and_links_to_their_fdos():
    families = notations("task-family")
    assert {"text-understanding", "semantic-search", "audio-understanding"} <= set(families)
    # a family groups tasks, and may group kinds of task too (acting: reinforcement learning and function calling)
    tasks = {f"https://w3id.org/mlfdo/vocab/hf-task-{t}" for t in notations("hf-task")}
    kinds = {f"https://w3id.org/mlfdo/vocab/task-kind-{t}" for t in notations("task-kind")}
    for notation, props in families.items():
        assert len(props[SKOS + "narrower"]) > 1 and set(props[SKOS + "narrower"]) <= tasks | kinds, notation
        assert set(props[SKOS + "narrower"]) & tasks, notation
    record = next(r for r in concept_records(BASE) if r.platform == "task-family" and r.platform_id == "text-understanding")
    members = {t.object.value for t in record.triples if t.predicate.value == SKOS + "narrower"}
    assert pid_iri(BASE, mint_id("hf-task", "fill-mask")) in members


@pytest.mark.parametrize("path", FILES, ids=lambda p: Path(p).name)
def test_every_plain_job_keeps_two_words_the_index_reads(path):
    # a job whose other words are stopwords ("what is in this photo": photo) would match every question saying its one
    # word, as a synonym of the task
    for t in parse(path.read_bytes(), format=RdfFormat.TURTLE):
        if t.predicate == MLFDO.plainDescription:
            assert len(set(tokens(t.object.value))) > 1, t.object.value


def test_every_mlfdo_property_the_vocabularies_use_is_defined_in_the_ontology():
    ontology = VOCABULARY_DIR.parent / "mlfdo.ttl"
    defined = {t.subject.value for t in parse(path=str(ontology), format=RdfFormat.TURTLE)
               if t.predicate.value.endswith("22-rdf-syntax-ns#type")}
    used = {t.predicate.value for path in FILES for t in parse(path=str(path), format=RdfFormat.TURTLE)
            if t.predicate.value.startswith(str(MLFDO))}
    assert len(used) >= 8
    assert sorted(used - defined) == []
