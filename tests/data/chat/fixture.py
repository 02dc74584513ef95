"""A small, realistic FAIR4ML registry for the chat tests: ``chat_registry()`` loads registry.ttl.

``python tests/data/chat/fixture.py`` rewrites registry.ttl from the tables below (output committed).
IRIs are relative (``<fdo/{id}>``) so the file loads under any base URL; ids are minted the way the
Hugging Face harvester mints them, so ``hf:org/name`` resolves in the tests.
"""

from __future__ import annotations

from pathlib import Path

from registry.pid import mint_id

OUT = Path(__file__).with_name("registry.ttl")
BASE = "http://registry.test"


def load(store) -> None:
    """Ingest registry.ttl into ``store`` (through the public parse + ingest path)."""
    from registry.rdfio import parse_file
    from registry.records_from_rdf import records_from_quads

    quads = parse_file(OUT, base_iri=store.base_url + "/")
    results = store.ingest_many(records_from_quads(quads, store.base_url, OUT.name))
    assert all(r.status == "new" for r in results), results


def chat_registry(overrides: dict | None = None):
    """Return an in-memory Registry holding registry.ttl (validated as by default, base http://registry.test)."""
    from registry.service import Registry

    settings = {"BASE_URL": BASE, "LLM": "extractive", **(overrides or {})}
    registry = Registry.open(settings, in_memory=True, environ={})
    load(registry.store)
    return registry


def ref(platform: str, platform_id: str) -> str:
    return f"<fdo/{mint_id(platform, platform_id)}>"


def lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


TASKS = {"fill-mask": "Fill-Mask", "text-classification": "Text Classification",
         "text-generation": "Text Generation", "summarization": "Summarization",
         "automatic-speech-recognition": "Automatic Speech Recognition",
         "sentence-similarity": "Sentence Similarity"}
DATASETS = ["bookcorpus", "wikipedia", "stanfordnlp/sst2", "openwebtext", "cnn_dailymail", "tatsu-lab/alpaca",
            "glue"]
PAPERS = {"1810.04805": "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
          "1910.01108": "DistilBERT, a distilled version of BERT: smaller, faster, cheaper and lighter",
          "2307.09288": "Llama 2: Open Foundation and Fine-Tuned Chat Models",
          "2212.04356": "Robust Speech Recognition via Large-Scale Weak Supervision",
          "1910.13461": "BART: Denoising Sequence-to-Sequence Pre-training"}
ORGS = ["google-bert", "distilbert", "openai-community", "meta-llama", "TheBloke", "facebook", "openai",
        "sentence-transformers", "jdoe"]

MODELS = [
    dict(id="google-bert/bert-base-uncased", task="fill-mask", licence="Apache-2.0", params=110106428,
         datasets=["bookcorpus", "wikipedia"], paper="1810.04805", library="transformers", downloads=52000000,
         likes=2100, languages=["en"],
         description="Lower-cased English BERT base encoder, trained on books and Wikipedia by filling in hidden "
                     "words (masked language modelling)."),
    dict(id="distilbert/distilbert-base-uncased", task="fill-mask", licence="Apache-2.0", params=66985530,
         datasets=["bookcorpus", "wikipedia"], paper="1910.01108", library="transformers", downloads=12000000,
         likes=700, languages=["en"], lineage=[("fair4ml:fineTunedFrom", "google-bert/bert-base-uncased")],
         description="Compressed student of the BERT base encoder: fewer layers and quicker to run, trained to "
                     "imitate its teacher."),
    dict(id="distilbert/distilbert-base-uncased-finetuned-sst-2-english", task="text-classification",
         licence="Apache-2.0", params=66955010, datasets=["stanfordnlp/sst2"], library="transformers",
         downloads=9000000, likes=800, languages=["en"],
         lineage=[("fair4ml:fineTunedFrom", "distilbert/distilbert-base-uncased")],
         evals=[("accuracy", "accuracy", 0.9106, "glue", "sst2", "validation")],
         description="Sentiment analysis for English sentences (positive or negative): a DistilBERT tuned on SST-2 "
                     "labels."),
    dict(id="openai-community/gpt2", task="text-generation", licence="MIT", params=124439808,
         datasets=["openwebtext"], library="transformers", downloads=11000000, likes=2900, languages=["en"],
         description="Decoder that continues English text token by token, trained without labels on web pages "
                     "gathered from outbound links."),
    dict(id="meta-llama/Llama-2-7b-hf", task="text-generation", licence="llama2", params=6738415616,
         paper="2307.09288", library="transformers", downloads=1200000, likes=2000, languages=["en"],
         description="The smallest base checkpoint (7B) of Meta's second Llama release, stored for the transformers "
                     "library; not chat tuned."),
    dict(id="TheBloke/Llama-2-7B-GGUF", task="text-generation", licence="llama2", library="gguf",
         downloads=90000, likes=1000, lineage=[("mlfdo:quantizedFrom", "meta-llama/Llama-2-7b-hf")],
         description="Meta's Llama 2 7B packed into GGUF files at several bit widths (quantized) for llama.cpp."),
    dict(id="jdoe/llama2-7b-alpaca-lora", task="text-generation", licence=None, library="peft",
         datasets=["tatsu-lab/alpaca"], downloads=120, likes=3,
         lineage=[("mlfdo:adapterOf", "meta-llama/Llama-2-7b-hf")],
         description="LoRA adapter weights that teach Llama 2 7B to follow instructions, trained with the Alpaca "
                     "examples."),
    dict(id="facebook/bart-large-cnn", task="summarization", licence="MIT", params=406290432,
         datasets=["cnn_dailymail"], paper="1910.13461", library="transformers", downloads=3000000, likes=1200,
         languages=["en"], evals=[("rouge", "ROUGE-1", 42.9486, "cnn_dailymail", "3.0.0", "train")],
         description="News summarization: BART large tuned on CNN and Daily Mail stories, it condenses an article into "
                     "a few sentences."),
    dict(id="openai/whisper-tiny", task="automatic-speech-recognition", licence="Apache-2.0", params=37760640,
         paper="2212.04356", library="transformers", downloads=800000, likes=300,
         languages=["en", "fr", "de", "es"],
         evals=[("wer", "Test WER", 7.54, "librispeech_asr", "clean", "test")],
         description="The tiniest Whisper checkpoint: turns speech audio into text (speech recognition) and can "
                     "translate what is said into English."),
    dict(id="sentence-transformers/all-MiniLM-L6-v2", task="sentence-similarity", licence="Apache-2.0",
         params=22713216, library="sentence-transformers", downloads=90000000, likes=3500, languages=["en"],
         description="Turns a sentence or short paragraph into 384 numbers so that texts with similar meaning land "
                     "close together; handy for clustering and semantic search."),
]


def main() -> None:
    lines = ["@prefix fair4ml: <https://w3id.org/fair4ml#> .", "@prefix schema: <https://schema.org/> .",
             "@prefix codemeta: <https://w3id.org/codemeta/> .", "@prefix mlfdo: <https://w3id.org/mlfdo/ns#> .",
             "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .", ""]
    for task, label in TASKS.items():
        lines.append(f"{ref('hf-task', task)} a schema:DefinedTerm ; schema:name {lit(label)} ; "
                     f"schema:identifier {lit(task)} .")
    for ds in DATASETS:
        lines.append(f"{ref('hf-dataset', ds)} a schema:Dataset ; schema:name {lit(ds)} ; "
                     f"schema:identifier {lit(ds)} ; schema:url <https://huggingface.co/datasets/{ds}> .")
    for arxiv, title in PAPERS.items():
        lines.append(f"{ref('arxiv', arxiv)} a schema:ScholarlyArticle ; schema:name {lit(title)} ; "
                     f"schema:identifier {lit('arXiv:' + arxiv)} ; schema:sameAs <https://arxiv.org/abs/{arxiv}> .")
    for org in ORGS:
        lines.append(f"{ref('hf-user', org)} a schema:Organization ; schema:name {lit(org)} ; "
                     f"schema:identifier {lit(org)} .")
    lines.append(f"{ref('licence', 'llama2')} a schema:CreativeWork ; schema:name {lit('Llama 2 Community License')} ;"
                 f" schema:url <https://ai.meta.com/llama/license/> .")
    for m in MODELS:
        s = ref("hf", m["id"])
        p = [f"{s} a fair4ml:MLModel", f"schema:name {lit(m['id'])}", f"schema:identifier {lit(m['id'])}",
             f"schema:alternateName {lit(m['id'].split('/', 1)[1])}",
             f"schema:url <https://huggingface.co/{m['id']}>", f"schema:description {lit(m['description'])}",
             'schema:dateCreated "2023-05-01T10:00:00+00:00"^^xsd:dateTime',
             f"fair4ml:mlTask {ref('hf-task', m['task'])}", f"fair4ml:sharedBy {ref('hf-user', m['id'].split('/')[0])}",
             f"mlfdo:library {lit(m['library'])}", f'mlfdo:downloads "{m["downloads"]}"^^xsd:integer',
             f'mlfdo:likes "{m["likes"]}"^^xsd:integer']
        if m["licence"] == "llama2":
            p.append(f"schema:license {ref('licence', 'llama2')}")
        elif m["licence"]:
            p.append(f"schema:license <https://spdx.org/licenses/{m['licence']}>")
        if m.get("params"):
            p.append(f'mlfdo:parameterCount "{m["params"]}"^^xsd:integer')
        for ds in m.get("datasets", []):
            p.append(f"fair4ml:trainedOn {ref('hf-dataset', ds)}")
        if m.get("paper"):
            p.append(f"codemeta:referencePublication {ref('arxiv', m['paper'])}")
        for lang in m.get("languages", []):
            p.append(f"schema:inLanguage {lit(lang)}")
        for pred, target in m.get("lineage", []):
            p.append(f"{pred} {ref('hf', target)}")
            p.append(f"schema:isBasedOn {ref('hf', target)}")
        for i, (mtype, mname, value, ds, config, split) in enumerate(m.get("evals", [])):
            node = s[:-1] + f"#eval-{i}>"
            p.append(f"fair4ml:hasEvaluation {node}")
            ds_ref = f"; fair4ml:evaluationDataset {ref('hf-dataset', ds)} " if ds in DATASETS else ""
            if ds in DATASETS:
                p.append(f"fair4ml:evaluatedOn {ref('hf-dataset', ds)}")
            lines.append(
                f"{node} a fair4ml:MLModelEvaluation ; fair4ml:evaluatedMLModel {s} ; "
                f"schema:name {lit(f'{mname} on {ds} ({config}, {split})')} ; fair4ml:evaluationMetrics {lit(mname)} "
                f"{ds_ref}; mlfdo:evaluationDatasetName {lit(ds)} ; mlfdo:datasetConfig {lit(config)} ; "
                f"mlfdo:datasetSplit {lit(split)} ; fair4ml:evaluationResults {node[:-1]}-result> .")
            lines.append(f"{node[:-1]}-result> a schema:PropertyValue ; schema:name {lit(mname)} ; "
                         f"schema:propertyID {lit(mtype)} ; schema:value \"{value!r}\"^^xsd:double .")
        lines.append(" ;\n    ".join(p) + " .")
    OUT.write_text("# Generated by fixture.py: a small registry for the chat tests.\n" + "\n".join(lines) + "\n",
                   encoding="utf-8")


if __name__ == "__main__":
    main()
