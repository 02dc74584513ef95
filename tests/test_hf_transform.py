"""Mapping Hub records to FAIR4ML records: real records, every pitfall of realdata/README.md, bad input."""

from __future__ import annotations

import copy

import pytest
from pyoxigraph import Literal, NamedNode

from harvesters.huggingface.licences import HF_NAMED
from harvesters.huggingface.transform import CARD_PROPERTIES, LINEAGE_PROPERTIES, model_pid, transform
from registry.pid import mint_id, pid_iri
from registry.record import SourceInfo
from registry.store import Store
from registry.store.prepare import prepare
from registry.vocab import CODEMETA, DCT, FAIR4ML, MLFDO, RDF, SCHEMA, SPDX, XSD
from tests.data.hf.helpers import BASE, card, real, real_models, synthetic


def pid(platform: str, platform_id: str) -> str:
    return pid_iri(BASE, mint_id(platform, platform_id))


def run(info: dict, card_text: str | None = None):
    records = transform(info, card_text, base_url=BASE, source=SourceInfo("huggingface", "t"))
    assert records, "a record with an id always maps"
    return records[0], {r.pid: r for r in records[1:]}


def values(record, prop: NamedNode, subject: str | None = None) -> set[str]:
    subject = subject or record.pid
    return {t.object.value for t in record.triples if t.subject.value == subject and t.predicate == prop}


def objects(record, prop: NamedNode, subject: str | None = None) -> list:
    subject = subject or record.pid
    return [t.object for t in record.triples if t.subject.value == subject and t.predicate == prop]


# ---------------------------------------------------------------------------- real records
def test_llama_instruct_gated_named_licence_lineage_paper():
    model, stubs = run(real("meta-llama/Llama-3.1-8B-Instruct"))
    assert values(model, RDF.type) == {FAIR4ML.MLModel.value}
    assert values(model, SCHEMA.identifier) == {"meta-llama/Llama-3.1-8B-Instruct"}
    assert values(model, SCHEMA.url) == {"https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct"}
    licence = pid("licence", "llama3.1")
    assert values(model, SCHEMA.license) == {licence}
    assert stubs[licence].stub and values(stubs[licence], SCHEMA.name) == {HF_NAMED["llama3.1"]}
    assert values(model, MLFDO.gated) == {"true"} and values(model, MLFDO.gatingMode) == {"manual"}
    assert "approval: manual" in next(iter(values(model, SCHEMA.conditionsOfAccess)))
    base = pid("hf", "meta-llama/Llama-3.1-8B")
    assert values(model, FAIR4ML.fineTunedFrom) == {base}
    assert values(model, SCHEMA.isBasedOn) == {base}  # the tag (renamed id resolved) wins over the card's old id
    assert values(model, CODEMETA.referencePublication) == {pid("arxiv", "2204.05149")}
    paper = stubs[pid("arxiv", "2204.05149")]
    assert values(paper, SCHEMA.sameAs) == {"https://arxiv.org/abs/2204.05149"}
    assert values(model, SCHEMA.inLanguage) == {"en", "de", "fr", "it", "pt", "hi", "es", "th"}
    assert values(model, FAIR4ML.hasEvaluation) == set()  # model-index: null
    assert values(model, MLFDO.parameterCount) == {"8030261248"}
    assert values(model, FAIR4ML.mlTask) == {pid("hf-task", "text-generation")}
    assert values(stubs[pid("hf-task", "text-generation")], SCHEMA.name) == {"Text Generation"}
    account = stubs[pid("hf-user", "meta-llama")]
    assert account.kind == "organisation" and values(account, RDF.type) == {SCHEMA.Organization.value}
    assert objects(model, MLFDO.downloads) == [Literal("5795728", datatype=XSD.integer)]
    assert model.problems == []


def test_distilbert_evaluations_datasets_and_hub_doi():
    info = real("distilbert/distilbert-base-uncased-finetuned-sst-2-english")
    model, stubs = run(info)
    n_metrics = sum(len(r["metrics"]) for e in info["model-index"] for r in e["results"])
    evals = values(model, FAIR4ML.hasEvaluation)
    assert len(evals) == n_metrics == 17
    glue = pid("hf-dataset", "glue")
    accuracy = [e for e in evals if values(model, SCHEMA.name, e) == {"Accuracy on glue (sst2, validation)"}]
    assert len(accuracy) == 1
    node = accuracy[0]
    assert values(model, RDF.type, node) == {FAIR4ML.MLModelEvaluation.value}
    assert values(model, FAIR4ML.evaluatedMLModel, node) == {model.pid}
    assert values(model, FAIR4ML.evaluationDataset, node) == {glue}
    assert values(model, FAIR4ML.evaluationMetrics, node) == {"Accuracy"}
    (result,) = values(model, FAIR4ML.evaluationResults, node)
    assert objects(model, SCHEMA.value, result) == [Literal("0.9105504587155964", datatype=XSD.double)]
    assert values(model, SCHEMA.propertyID, result) == {"accuracy"}
    assert values(model, FAIR4ML.evaluatedOn) == {glue, pid("hf-dataset", "sst2")}
    assert values(model, FAIR4ML.trainedOn) == {glue, pid("hf-dataset", "sst2")}
    assert stubs[glue].kind == "dataset" and values(stubs[glue], SCHEMA.url) == {"https://huggingface.co/datasets/glue"}
    assert values(model, SCHEMA.sameAs) == {"https://doi.org/10.57967/hf/0181"}
    assert values(model, SCHEMA.license) == {SPDX.term("Apache-2.0").value}
    # pre-2022 repository: createdAt is the migration placeholder
    assert values(model, SCHEMA.dateCreated) == set()
    assert any("migration date" in p for p in model.problems)


def test_zephyr_base_model_string_datasets_papers():
    model, _ = run(real("HuggingFaceH4/zephyr-7b-beta"))
    assert values(model, FAIR4ML.fineTunedFrom) == {pid("hf", "mistralai/Mistral-7B-v0.1")}
    assert values(model, FAIR4ML.trainedOn) == {pid("hf-dataset", "HuggingFaceH4/ultrachat_200k"),
                                                pid("hf-dataset", "HuggingFaceH4/ultrafeedback_binarized")}
    assert len(values(model, CODEMETA.referencePublication)) == 4
    assert values(model, SCHEMA.license) == {SPDX.term("MIT").value}
    assert values(model, FAIR4ML.hasEvaluation)


def test_roberta_squad_base_model_list_and_cc_licence():
    model, _ = run(real("deepset/roberta-base-squad2"))
    assert values(model, FAIR4ML.fineTunedFrom) == {pid("hf", "FacebookAI/roberta-base")}
    assert values(model, SCHEMA.license) == {SPDX.term("CC-BY-4.0").value}
    assert pid("hf-dataset", "squad_v2") in values(model, FAIR4ML.evaluatedOn)


def test_bloom_emissions_dict_rail_licence_and_code_language():
    model, stubs = run(real("bigscience/bloom"))
    (text,) = values(model, FAIR4ML.hasCO2eEmissions)
    assert text.startswith("2.47e+07 g CO2eq (pre-training; Orsay, France; 384 A100 80GB GPUs; source:")
    assert objects(model, MLFDO.co2eEmissionsGrams) == [Literal("24700000.0", datatype=XSD.double)]
    licence = pid("licence", "bigscience-bloom-rail-1.0")
    assert values(model, SCHEMA.license) == {licence} and stubs[licence].kind == "other"
    languages = values(model, SCHEMA.inLanguage)
    assert "code" not in languages and {"en", "fr", "zh"} <= languages
    assert values(model, SCHEMA.sameAs) == {"https://doi.org/10.57967/hf/0003"}


def test_gibberish_emissions_number_and_language_string():
    model, _ = run(real("trancoso-cc/gibberish-detector"))
    assert values(model, SCHEMA.inLanguage) == {"en"}
    assert values(model, FAIR4ML.hasCO2eEmissions) == {"5.52754 g CO2eq"}


def test_arxiv_id_written_as_a_yaml_number_is_repaired():
    model, _ = run(real("dondongwonlee/GELI"))
    assert values(model, CODEMETA.referencePublication) == {pid("arxiv", "2403.11330")}
    assert any("read as 2403.11330" in p for p in model.problems)
    model, _ = run(real("TheBloke/Llama-2-7B-Chat-GGML"))
    assert values(model, CODEMETA.referencePublication) == {pid("arxiv", "2307.09288")}


def test_licence_other_with_name_and_relative_link():
    model, stubs = run(real("persadian/Croptimize"))
    licence = pid("licence", "darjyo")
    assert values(model, SCHEMA.license) == {licence}
    assert values(stubs[licence], SCHEMA.name) == {"darjyo"}
    assert values(stubs[licence], SCHEMA.url) == {"https://huggingface.co/persadian/Croptimize/blob/main/LICENSE"}


def test_licence_other_with_only_an_absolute_link():
    model, stubs = run(real("finetrainers/crush-smol-v0"))
    link = "https://huggingface.co/THUDM/CogVideoX-5b/blob/main/LICENSE"
    (licence,) = values(model, SCHEMA.license)
    assert licence == pid("licence", link) and values(stubs[licence], SCHEMA.url) == {link}
    assert values(model, FAIR4ML.trainedOn) == {pid("hf-dataset", "finetrainers/crush-smol")}  # datasets: a string


def test_licence_other_without_name_is_reported_not_invented():
    model, _ = run(real("TheBloke/Llama-2-7B-Chat-GGML"))
    assert values(model, SCHEMA.license) == set()
    assert "licence 'other' without license_name or license_link" in model.problems


def test_gated_auto_and_newer_version():
    model, stubs = run(real("karim8955/mate"))
    assert values(model, MLFDO.gated) == {"true"} and values(model, MLFDO.gatingMode) == {"auto"}
    newer = pid("hf", "microsoft/phi-4")
    assert values(model, DCT.isReplacedBy) == {newer} and stubs[newer].stub and stubs[newer].kind == "model"
    assert len(values(model, FAIR4ML.trainedOn)) == 3
    account = stubs[pid("hf-user", "karim8955")]
    assert account.kind == "person" and values(account, RDF.type) == {SCHEMA.Person.value}


def test_parameter_count_from_safetensors_then_gguf_and_gemma_terms():
    model, _ = run(real("google/gemma-7b-it"))  # has both: safetensors.total wins
    assert values(model, MLFDO.parameterCount) == {"8537680896"}
    assert values(model, SCHEMA.license) == {pid("licence", "gemma")}
    model, _ = run(synthetic("org/q-gguf", gguf={"architecture": "gemma", "total": 8538074112}))
    assert values(model, MLFDO.parameterCount) == {"8538074112"}


def test_licence_spelling_is_read():
    model, _ = run(real("Fardan/phi3-chat-adapter"))  # real card: "licence: license" (says nothing)
    assert values(model, SCHEMA.license) == set()
    assert "licence is not stated ('license')" in model.problems
    info = synthetic("org/m", cardData={"licence": "apache-2.0"})
    model, _ = run(info)
    assert values(model, SCHEMA.license) == {SPDX.term("Apache-2.0").value}


def test_paper_urls_in_card_data():
    model, _ = run(real("gzzyyxy/layout_diffusion_hypersim_prompt_one_hot_multi_control_bs32_epoch24"))
    assert values(model, CODEMETA.referencePublication) == {pid("arxiv", "2410.09049")}


@pytest.mark.parametrize("model_id, kind, base", [
    ("Djrango/Qwen2vl-Flux", "adapter", "Qwen/Qwen2-VL-7B-Instruct"),
    ("HuggingFaceTB/SmolVLM-Instruct", "quantized", "HuggingFaceTB/SmolLM2-1.7B-Instruct"),
    ("Qwen/Qwen2.5-Coder-32B-Instruct", "finetune", "Qwen/Qwen2.5-Coder-32B"),
])
def test_lineage_kinds_from_list_page_tags(model_id, kind, base):
    model, stubs = run(real(model_id))  # a default list item: no sha, no cardData
    target = pid("hf", base)
    assert values(model, LINEAGE_PROPERTIES[kind]) == {target}
    assert values(model, SCHEMA.isBasedOn) == {target}
    others = {p for k, p in LINEAGE_PROPERTIES.items() if k != kind}
    assert not any(t.predicate in others for t in model.triples)
    assert values(stubs[target], RDF.type) == {FAIR4ML.MLModel.value}


def test_base_model_relation_from_card_applies_to_kindless_tags():
    info = synthetic("org/merged", tags=["base_model:org/a", "base_model:org/b"],
                     cardData={"base_model": ["org/a", "org/b"], "base_model_relation": "merge"})
    model, _ = run(info)
    assert values(model, MLFDO.mergedFrom) == {pid("hf", "org/a"), pid("hf", "org/b")}


def test_every_real_record_is_storable_and_derived_tags_are_not_keywords():
    store = Store.open(None, BASE)
    for info in real_models().values():
        records = transform(info, card(info), base_url=BASE, source=SourceInfo("huggingface", "t"))
        for record in records:
            prepare(record.pid, record.triples)  # every subject owned by the record's PID
        keywords = values(records[0], SCHEMA.keywords)
        assert not any(k.startswith(("license:", "dataset:", "arxiv:", "base_model:", "region:")) for k in keywords)
        results = store.ingest_many(records)
        assert results[0].status == "new", info["id"]


# ---------------------------------------------------------------------------- pitfalls
@pytest.mark.parametrize("gated, flag, mode", [
    (False, "false", None), (True, "true", None), ("false", "false", None), ("True", "true", None),
    ("auto", "true", "auto"), ("manual", "true", "manual"),
])
def test_gated_bool_or_string(gated, flag, mode):
    model, _ = run(synthetic("org/m", gated=gated))
    assert values(model, MLFDO.gated) == {flag}
    assert values(model, MLFDO.gatingMode) == ({mode} if mode else set())


def test_base_model_string_or_list_map_the_same():
    a, _ = run(synthetic("org/m", cardData={"base_model": "org/base"}))
    b, _ = run(synthetic("org/m", cardData={"base_model": ["org/base"]}))
    assert values(a, SCHEMA.isBasedOn) == values(b, SCHEMA.isBasedOn) == {pid("hf", "org/base")}


def test_language_string_or_list_and_yaml_norwegian():
    a, _ = run(synthetic("org/m", cardData={"language": "fr"}))
    b, _ = run(synthetic("org/m", cardData={"language": ["fr", False, "multilingual", "not a code!"]}))
    assert values(a, SCHEMA.inLanguage) == {"fr"}
    assert values(b, SCHEMA.inLanguage) == {"fr", "no", "mul"}
    assert "language 'not a code!' is not a BCP-47 code" in b.problems


def test_model_index_null_missing_or_malformed():
    for index in (None, [{"name": "m", "results": []}]):
        model, _ = run(synthetic("org/m", **{"model-index": index}))
        assert values(model, FAIR4ML.hasEvaluation) == set() and model.problems == []
    model, _ = run(synthetic("org/m", **{"model-index": {"name": "m"}}))
    assert "model-index is a dict, not a list; ignored" in model.problems
    bad = [{"results": [{"task": "x", "dataset": None, "metrics": [{"type": "acc"}, "junk", {"value": 1}]}]}]
    model, _ = run(synthetic("org/m", **{"model-index": bad}))
    assert len(values(model, FAIR4ML.hasEvaluation)) == 1
    assert {"model-index metric 'acc' has no value", "model-index metric is not a mapping; ignored",
            "model-index metric without type or name; ignored"} <= set(model.problems)


def test_card_data_missing_reads_the_card_yaml():
    info = real("dbmdz/bert-large-cased-finetuned-conll03-english")
    assert "cardData" not in info
    text = card({"cardData": {"license": "mit", "language": "en"}}, "# conll\n\n## Usage\n\nTag entities.\n")
    model, _ = run(info, text)
    assert values(model, SCHEMA.license) == {SPDX.term("MIT").value}
    assert values(model, FAIR4ML.usageInstructions) == {"Tag entities."}
    assert any("card metadata read from the README" in p for p in model.problems)


def test_card_without_yaml_and_with_broken_yaml_still_map():
    info = synthetic("org/m", cardData=None)
    model, _ = run(info, "# m\n\n## Intended use\n\nSorting mail.\n")
    assert values(model, FAIR4ML.intendedUse) == {"Sorting mail."}
    model, _ = run(info, "---\nlicense: [mit\n---\n# m\n\n## Intended use\n\nSorting mail.\n")
    assert values(model, FAIR4ML.intendedUse) == {"Sorting mail."}
    assert any(p.startswith("card YAML does not parse") for p in model.problems)


def test_card_data_wins_over_card_yaml():
    info = synthetic("org/m", cardData={"license": "apache-2.0"})
    model, _ = run(info, "---\nlicense: [broken\n---\n# m\n")
    assert values(model, SCHEMA.license) == {SPDX.term("Apache-2.0").value}
    assert model.problems == []  # the Hub parsed the YAML; our parser is not asked


def test_tags_with_derived_facts_are_mapped():
    info = synthetic("org/m", tags=["transformers", "license:apache-2.0", "dataset:org/data", "arxiv:2401.00001v2",
                                    "base_model:quantized:org/big", "doi:10.1234/abc", "region:us", "en"])
    model, _ = run(info)
    assert values(model, SCHEMA.license) == {SPDX.term("Apache-2.0").value}
    assert values(model, FAIR4ML.trainedOn) == {pid("hf-dataset", "org/data")}
    assert values(model, CODEMETA.referencePublication) == {pid("arxiv", "2401.00001")}
    assert values(model, MLFDO.quantizedFrom) == {pid("hf", "org/big")}
    assert values(model, SCHEMA.citation) == {"https://doi.org/10.1234/abc"}
    assert values(model, SCHEMA.inLanguage) == {"en"}
    assert values(model, SCHEMA.keywords) == {"transformers"}


def test_card_sections_become_properties_listed_as_card_properties():
    text = ("# m\n\nA model that sorts mail into folders for the tests.\n\n## Intended use\n\nSorting mail.\n\n"
            "## Out-of-scope use\n\nLegal advice.\n\n## Limitations\n\nEnglish only.\n\n"
            "## How to use\n\n```python\nimport m\n```\n\n## Training data\n\nMail.\n\n"
            "## Training procedure\n\nTwo epochs.\n\n## Environmental impact\n\nSmall.\n\n"
            "## Ethical considerations\n\nPrivacy.\n\n## Citation\n\n```bibtex\n@misc{m}\n```\n\n## License\n\nMIT.\n")
    model, _ = run(synthetic("org/m"), text)
    assert values(model, SCHEMA.description) == {"A model that sorts mail into folders for the tests."}
    assert values(model, FAIR4ML.intendedUse) == {"Sorting mail."}
    assert values(model, MLFDO.outOfScopeUse) == {"Legal advice."}
    assert values(model, FAIR4ML.modelRisksBiasLimitations) == {"English only."}
    assert values(model, FAIR4ML.codeSampleSnippet) == {"import m"}
    assert values(model, FAIR4ML.ethicalSocial) == {"Privacy."}
    assert values(model, SCHEMA.citation) == {"@misc{m}"}
    assert values(model, FAIR4ML.legal) == {"MIT."}
    without_card = {t.predicate.value for t in run(synthetic("org/m"))[0].triples}
    from_card = {t.predicate.value for t in model.triples} - without_card
    assert from_card <= CARD_PROPERTIES


def test_record_without_id_maps_to_nothing():
    assert transform({"sha": "x"}, None, base_url=BASE) == []
    assert transform({"id": "bad id with spaces"}, None, base_url=BASE) == []
    assert transform(["not", "a", "dict"], None, base_url=BASE) == []


BAD_CARD_DATA = {"license": ["mit", 7], "datasets": [None, "ok/ds", "a b"], "base_model": {"x": 1},
                 "co2_eq_emissions": {"emissions": "lots"}, "language": 12, "arxiv": True, "new_version": 3}


@pytest.mark.parametrize("field, value", [
    ("tags", "not-a-list"), ("tags", [1, None, {"a": 1}]), ("cardData", ["a"]), ("safetensors", "12"),
    ("safetensors", {"parameters": {}}), ("lastModified", "yesterday"), ("createdAt", 5), ("gated", 3),
    ("private", "maybe"), ("downloads", "many"), ("config", "x"), ("model-index", "junk"), ("siblings", None),
    ("cardData", BAD_CARD_DATA),
])
def test_bad_values_never_raise_and_still_give_a_storable_record(field, value):
    info = synthetic("org/m")
    info[field] = copy.deepcopy(value)
    model, _ = run(info, "\x00 binary card")
    assert values(model, SCHEMA.identifier) == {"org/m"}
    prepare(model.pid, model.triples)
    assert model.pid == model_pid(BASE, "org/m")
    assert "card is binary (NUL bytes); not parsed" in model.problems


@pytest.mark.parametrize("field, value, reported", [
    ("cardData", ["a"], ["cardData is a list, not a mapping; ignored"]),
    ("lastModified", "yesterday", ["lastModified 'yesterday' is not a date-time"]),
    ("gated", 3, ["gated 3 is neither a boolean nor an approval mode"]),
    ("private", "maybe", ["private 'maybe' is not a boolean"]),
    ("model-index", "junk", ["model-index is a str, not a list; ignored"]),
    ("cardData", BAD_CARD_DATA, ["licence value 7 is not a string",
                                 "dataset reference None is not a Hub dataset id; not linked",
                                 "dataset reference 'a b' is not a Hub dataset id; not linked",
                                 "base_model {'x': 1} is not a Hub model id; not linked",
                                 "arXiv reference True is not an id", "language 12 is not a language code",
                                 "co2_eq_emissions 'lots' is not a number of grams"]),
])
def test_bad_values_are_reported_naming_the_field_and_value(field, value, reported):
    info = synthetic("org/m")
    info[field] = copy.deepcopy(value)
    model, _ = run(info)  # no card: only the API record is read
    assert sorted(model.problems) == sorted(reported)


def test_card_bases_the_tags_leave_out_are_kept():
    # the Hub tags one base of a card listing two; the untagged one is still a base the card names
    info = synthetic("org/video", tags=["base_model:org/svd", "base_model:finetune:org/svd"],
                     cardData={"base_model": ["org/hunyuan", "org/svd"]})
    model, stubs = run(info)
    assert values(model, SCHEMA.isBasedOn) == {pid("hf", "org/hunyuan"), pid("hf", "org/svd")}
    assert values(model, LINEAGE_PROPERTIES["finetune"]) == {pid("hf", "org/svd")}
    assert pid("hf", "org/hunyuan") in stubs


def test_renamed_card_base_follows_the_tag():
    # as many tags as card bases: the tag is the Hub's resolution of a renamed id, the old id is not a second base
    info = synthetic("org/instruct", tags=["base_model:finetune:org/Llama-3.1-8B"],
                     cardData={"base_model": "org/Meta-Llama-3.1-8B"})
    model, _ = run(info)
    assert values(model, SCHEMA.isBasedOn) == {pid("hf", "org/Llama-3.1-8B")}
