"""Write bench/relevance/set3.json: the third judged set, chat questions in users' own words, frozen before tuning.

Run from the repository root: python bench/relevance/make_set3.py > bench/relevance/set3.json
Written on 2026-12-06 (issue 11, chat precision) before any code change it is used to measure, because
set 2 (unseen.json) had been looked at before: set 3 is the set nobody has tuned on. It covers the
failure classes of issue 11 with jobs, names and constraints set 2 does not use: plain-language
jobs, vague modality words, "fine-tunes of X for Y", list questions, licence and language
constraints, names several records carry, and things the registry does not hold (whose judged
models are the closest records, which the answer may cite only as such).

Judgments come from the snapshot's structured facts only (pipeline task, tags, base models,
licence, languages, library, author, identifier), never from a run of the search or the chat:
a model satisfies a question when those facts say it does the job / meets the constraint. Graded
as in set 2 (2 = what the question is about, 1 = also satisfies it); `chat` lists every question
with all the models that satisfy it, in the format `bench/chat.py --unseen` reads. The set is
frozen: code is measured against it, never it against the code.
"""
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from registry.pid import mint_id, pid_iri  # noqa: E402

BASE = "http://127.0.0.1:8000"
MODELS = [json.loads(line) for line in gzip.open("harvesters/data/hf_snapshot/models.jsonl.gz", "rt")]
BY_ID = {x["id"]: x for x in MODELS}
COMMERCIAL_OK = {  # licences whose concept in registry/ontology/vocabularies/licences.ttl says commercial use is allowed
    "apache-2.0", "mit", "afl-3.0", "artistic-2.0", "bsl-1.0", "bsd-2-clause", "bsd-3-clause", "cc-by-4.0",
    "cc-by-sa-4.0", "wtfpl", "gpl-2.0", "lgpl-3.0", "ms-pl", "mpl-2.0", "unlicense", "pddl", "openrail", "openrail++",
    "bigscience-openrail-m", "creativeml-openrail-m", "bigscience-bloom-rail-1.0", "bigcode-openrail-m", "gfdl"}


def card(x):
    return x.get("cardData") if isinstance(x.get("cardData"), dict) else {}


def bases(x):
    b = card(x).get("base_model")
    return b if isinstance(b, list) else ([b] if b else [])


def licence(x):
    value = card(x).get("license")
    return value if isinstance(value, str) else None


def languages(x):
    value = card(x).get("language")
    return set(value) if isinstance(value, list) else ({value} if value else set())


def tags(x):
    return {t.lower() for t in x.get("tags", [])}


def models(keep):
    return [x["id"] for x in MODELS if keep(x)]


def derived(base, keep=lambda x: True):
    return models(lambda x: base in bases(x) and keep(x))


def task(*names, keep=lambda x: True):
    return models(lambda x: x.get("pipeline_tag") in names and keep(x))


Q, CHAT = [], []


def q(chat, first, also=(), note=""):
    """One question: `first` graded 2, `also` graded 1; all of them satisfy the chat question."""
    for i in list(first) + list(also):
        assert i in BY_ID, i
    rel = {i: 2 for i in first}
    for i in also:
        rel.setdefault(i, 1)
    assert rel, chat
    Q.append({"query": chat, "relevant": rel, "pids": {pid_iri(BASE, mint_id("hf", i)): g for i, g in rel.items()},
              **({"note": note} if note else {})})
    CHAT.append({"q": chat, "satisfies": sorted(rel), "from": chat, **({"note": note} if note else {})})


# plain-language jobs (the task's Hub name is not in the question)
q("Which model finds the answer to my question inside a paragraph I paste in?", ["deepset/roberta-base-squad2"],
  task("question-answering"), note="extractive QA first; every model of the question-answering task satisfies it")
q("Is there a model that draws boxes around the objects in a photo?", ["facebook/detr-resnet-50"],
  task("object-detection") + ["facebook/detr-resnet-50-panoptic"])
q("I want to add colour to old black-and-white photos. What can do that?",
  ["jwengr/stable-diffusion-2-gray-inpaint-to-rgb"], note="tag colorization")
q("Which models can answer questions about a picture I upload?", ["dandelin/vilt-b32-finetuned-vqa"],
  task("image-text-to-text", "document-question-answering"))
q("What can make music or sound effects from a text prompt?", task("text-to-audio"))
q("Which model can cut every object out of a photo, pixel by pixel?", ["facebook/detr-resnet-50-panoptic"])
q("Can something predict a category from the rows of my table of numbers?", task("tabular-classification"))
q("Which models look at an image and tell me what it shows with a label?", task("image-classification"),
  task("zero-shot-image-classification"))
# vague modality words
q("Which multimodal models do you have?", task("image-text-to-text", "visual-question-answering", "any-to-any"),
  task("image-to-text", "document-question-answering", "video-text-to-text", "audio-text-to-text",
       "zero-shot-image-classification"), note="text with images, video or audio")
q("Do you have any speech models?", task("automatic-speech-recognition", "text-to-speech"),
  task("audio-to-audio") + ["alefiury/wav2vec2-large-xlsr-53-gender-recognition-librispeech"])
q("Which NLP models sort texts into classes?", task("text-classification", "zero-shot-classification"))
q("Show me some generative art models.", task("text-to-image"),
  task("unconditional-image-generation", "image-to-image"))
# fine-tunes of X for Y
q("Which fine-tunes of Stable Diffusion 2.1 draw cats?", ["briannlongzhao/cat_dreambooth", "ShuhongZheng/cat_sd21"])
q("Which Stable Diffusion 2.1 fine-tunes paint like famous artists?",
  ["briannlongzhao/picasso_dreambooth", "briannlongzhao/van_gogh_dreambooth"],
  derived("stabilityai/stable-diffusion-2-1", lambda x: "dataset:fantasyfish/laion-art" in tags(x)))
q("Which fine-tunes of gemma-7b were trained for African languages?",
  derived("google/gemma-7b", lambda x: x["id"].startswith("masakhane/")))
q("Which Gemma 7B fine-tunes write code?", ["klcsp/gemma7b-fft-coding-11-v1", "klcsp/gemma7b-gpt4o_1k_coding-fft"])
q("Which fine-tunes of the Jais chat model are about farming?",
  derived("inceptionai/jais-adapted-7b-chat", lambda x: x["id"].startswith("Solshine/")))
q("Which EXAONE-Deep-32B variants come as GGUF for llama.cpp?", ["BlackBeenie/EXAONE-Deep-32B-Q4_K_M-GGUF"])
q("Which meditron-7b fine-tunes were trained with DPO?",
  derived("epfl-llm/meditron-7b", lambda x: "dpo" in x["id"].lower()))
q("Which Llama 2 chat fine-tunes solve maths word problems?",
  derived("meta-llama/Llama-2-7b-chat-hf", lambda x: "dataset:openai/gsm8k" in tags(x)),
  derived("meta-llama/Llama-2-7b-chat-hf", lambda x: "code_math" in x["id"]))
# list questions
q("List the models Facebook published.", models(lambda x: x["id"].startswith("facebook/")))
q("Which models were trained on SQuAD?",
  models(lambda x: tags(x) & {"dataset:squad", "dataset:squad_v2", "dataset:rajpurkar/squad"}))
q("List every translation model you hold.", task("translation"))
# licence and language constraints
q("Which image generators can I use commercially?",
  task("text-to-image", keep=lambda x: licence(x) in COMMERCIAL_OK), note="licence concept: commercial use allowed")
q("Which question-answering models are under the MIT licence?",
  task("question-answering", keep=lambda x: licence(x) == "mit"))
q("Are there text generators that speak French?", task("text-generation", keep=lambda x: "fr" in languages(x)))
q("Which models understand Hindi?", models(lambda x: "hi" in languages(x)))
q("I need a summariser under Apache 2.0.", task("summarization", keep=lambda x: licence(x) == "apache-2.0"))
# names several records carry
q("What is Janus-Pro-7B for?", ["wnma3mz/Janus-Pro-7B"], note="deepseek-ai/Janus-Pro-7B is only a stub here")
q("What licence does Llama-4-Scout-17B-16E-Instruct have?", ["meta-llama/Llama-4-Scout-17B-16E-Instruct"],
  ["unsloth/Llama-4-Scout-17B-16E-Instruct"])
q("Tell me about Mistral-Small-24B-Base-2501.", ["mistralai/Mistral-Small-24B-Base-2501"],
  ["unsloth/Mistral-Small-24B-Base-2501", "Erland/Mistral-Small-24B-Base-2501"])
# things the registry does not hold: the closest records are judged
q("Do you have a model that forecasts the weather?", task("time-series-forecasting"),
  note="nothing exact: forecasting models are closest")
q("Is GPT-4 in the registry?", ["openai-community/gpt2"], note="not held: OpenAI's text generator is closest")
q("Which model detects tumours in brain MRI scans?", ["yurman/mri-sd-v21-oasis", "waleedsheha/eye"],
  note="nothing exact: an MRI image model and a medical detector are closest")

if __name__ == "__main__":
    assert len(CHAT) >= 25, len(CHAT)
    json.dump({"about": __doc__.strip().splitlines()[0], "queries": Q, "chat": CHAT}, sys.stdout, indent=1)
