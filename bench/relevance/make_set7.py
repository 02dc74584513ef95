"""Write bench/relevance/set7.json: the seventh judged set, search and chat questions, frozen before any run.

Run from the repository root: python bench/relevance/make_set7.py > bench/relevance/set7.json
Written on 2026-12-06 (21:46-21:49 UTC) as a frozen, untuned check: it was written and committed
before any run of the search or the chat on it, by someone who ran neither, read no search or chat
output, no code under registry/search or registry/chat and no per-question results of any earlier
set while writing it. The questions are put the way a researcher who does not know the records would
ask, each in a wording none of sets 1-6 uses for that item (their question texts were read only to
avoid repeating jobs, names and constraints): plain jobs in everyday words without the task's Hub
name (text, image, audio, video, tabular and multimodal), broad words that name a whole family of
tasks and must not become one narrow filter, adjectives and domains whose tag is a different word,
graph questions (derivatives of a named base, quantised builds of a base, models trained on a named
dataset, models linked to a paper by arXiv id, two OpenML objects), licence families, languages by
name, libraries, sizes, combinations of two constraints, three things the registry does not hold and
two names several records carry.

Judgments follow make_set3.py, make_set4.py and make_set5.py, whose helpers are imported: a model
satisfies a question when the snapshot's structured facts (pipeline task, tags, base models,
licence, languages, library, identifier, and for sizes the parameter count the snapshot records
under ``safetensors``) say it does the job or meets the constraint; the criteria were read from each
question's text alone. 2 = what the question is about, 1 = also satisfies it. A question the
registry has no answer for carries a note starting "nothing exact:" or "not held:" and its judged
models are the closest records; a name several records carry has a note starting "ambiguous:". The
bench scripts read Hub models only; where an OpenML object is the answer it is listed under "other"
(platform id and PID with a grade), which they ignore, and the note says so. Frozen: code is
measured against it, never it against the code.
"""
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_set3 as s3  # noqa: E402
import make_set6  # noqa: E402,F401  (fills make_set3's lists with sets 4, 5 and 6; set 7 starts after them)
from make_set3 import BY_ID, COMMERCIAL_OK, derived, languages, licence, models, tags, task  # noqa: E402
from make_set4 import ids, library, other, paper, q, speaks, tagged, trained_on  # noqa: E402
from make_set5 import params  # noqa: E402

START = len(s3.Q)
PERMISSIVE = {"apache-2.0", "mit", "afl-3.0", "bsd-2-clause", "bsd-3-clause", "bsl-1.0", "ms-pl", "unlicense",
              "wtfpl", "pddl"}
RAIL = {"openrail", "openrail++", "creativeml-openrail-m", "bigscience-openrail-m", "bigscience-bloom-rail-1.0",
        "bigcode-openrail-m"}
LOW_BIT = r"int4|int8|4bit|8bit|float8|gguf|-q4|awq|gptq"


def between(low, high, keep=lambda x: True):
    """Return the models whose recorded parameter count lies in [low, high)."""
    return models(lambda x: params(x) is not None and low <= params(x) < high and keep(x))


def low_bit(base):
    """Return the derivatives of ``base`` whose identifier says they are stored in fewer bits."""
    return derived(base, lambda x: re.search(LOW_BIT, x["id"].lower()) is not None)


# plain jobs in everyday words, the task's Hub name not in the question
q("Can a model spot messages where someone is being picked on or harassed?", ["Adamastor/bully"])
q("Is there a model that switches my text between upper case, lower case and title case?",
  ["GeorgeWeasley84/convert-case"])
q("Can a model tell me whether two questions people typed are really asking the same thing?",
  trained_on("embedding-data/qqp"), task("sentence-similarity"),
  note="models trained on duplicate-question pairs first; other sentence-similarity models satisfy it")
q("I'm writing a screenplay. Is there a model that helps with scripts?", ["LulSteph/ScriptWriter"],
  ["pretonetworking/Roteirobom"], note="a script-writing model tagged roteiro (Portuguese for script) satisfies it")
q("From a photo of a supermarket shelf, can a model say which product it is?", ["Aoishi19/autotrain-supermarket2"])
q("I want to erase a thing from a photo and have the hole filled in naturally. What can do that?", [],
  task("image-to-image"), note="nothing exact: no object-removal model; the image-to-image models (one tagged "
                                "inpaint) are closest")
q("I record my lectures. What could type them up for me?", ["jonatasgrosman/wav2vec2-large-xlsr-53-english"],
  task("automatic-speech-recognition"))
q("Can I ask a health question out loud and get an answer back?",
  ["beita6969/DeepSeek-R1-Distill-Qwen-32B-Medical"], note="the medical model that takes audio in")
q("I'd like a short clip of an object being squashed flat. What can make that?", ["finetrainers/crush-smol-v0"],
  ["finetrainers/cakeify-v0", "finetrainers/pika-dissolve-v0"],
  note="the crushing-effect model first; the other effect clip generators of the same family satisfy it loosely")
q("My spreadsheet has a yes/no column. Can a model learn to fill it in for new rows?",
  task("tabular-classification"))
q("I log how many people visit my shop each day. Can a model project the coming weeks?",
  task("time-series-forecasting"))
q("I want one model that can both describe pictures and draw new ones. What is there?", task("any-to-any"),
  ["MISHANM/deepseek-ai_janus-Pro-7B-fp16", "wnma3mz/Janus-Pro-7B-LM"],
  note="models that take and produce any modality first; other Janus-Pro builds satisfy it")
# broad words: a whole family of tasks, not one narrow filter
q("Anything for working with documents and forms?", task("document-question-answering"),
  task("table-question-answering", "image-to-text"),
  note="questions over scanned documents first; tables and reading text from images next")
q("What could I use to build a search engine over my own documents?",
  task("sentence-similarity", "feature-extraction") + tagged("reranker", "retrieval"),
  library("sentence-transformers"))
q("Which models rewrite one text into another, such as translating or condensing it?",
  task("text2text-generation", "translation", "summarization"))
q("What is there for editing images?", task("image-to-image"), tagged("inpaint", "colorization",
                                                                      "video super-resolution"))
q("Which models understand spoken audio?", task("automatic-speech-recognition", "audio-classification",
                                                "audio-text-to-text"))
q("Which models analyse text rather than write it?",
  task("text-classification", "token-classification", "zero-shot-classification", "question-answering",
       "fill-mask"), task("sentence-similarity", "feature-extraction"),
  note="classifying, tagging, extracting and filling in first; embedding text satisfies it")
# adjectives and domains whose tag is a different word
q("Anything for bankers and investors?", tagged("finance"))
q("Which models would a lawyer reach for?", tagged("legal"))
q("Which models help with biomedical papers and clinical-trial reports?",
  tagged("pubmed", "clinical trials", "scientific literature"))
q("Anything for K-pop fans?", tagged("kpop"))
q("Which models are for interactive fiction?", tagged("adventure"), tagged("roleplay", "roleplaying"),
  note="adventure first; role-play models satisfy it")
q("Which models are sociable, made for small talk?", tagged("social"), tagged("conversation", "chatbot"))
# graph: derivatives, quantised builds, datasets, papers
q("What has been built from DeepSeek's Janus-Pro-7B?", derived("deepseek-ai/Janus-Pro-7B"))
q("Which models derive from Perplexity's R1 1776?", derived("perplexity-ai/r1-1776"))
q("Are there lower-precision builds of the Jais adapted 7B chat model?",
  low_bit("inceptionai/jais-adapted-7b-chat"))
q("Which compressed copies of DeepSeek-V3 can I download?", low_bit("deepseek-ai/DeepSeek-V3"))
q("Do you have phi-2 squeezed into 4 or 8 bits?", low_bit("microsoft/phi-2"))
q("Which models were preference-tuned on the Capybara DPO pairs that Argilla released?",
  trained_on("argilla/distilabel-capybara-dpo-7k-binarized"))
q("Which models learned from the Dolphin R1 data?", trained_on("cognitivecomputations/dolphin-r1"))
q("Which models were trained to sound more like a person, with the human-like DPO data?",
  trained_on("humanllms/human-like-dpo-dataset"))
q("Which models mention arXiv 2009.03300?", paper("2009.03300"))
q("What is linked to arXiv paper 2005.12872?", paper("2005.12872"))
# OpenML objects
q("I want the raw records from a steel annealing process, the data itself rather than a benchmark task on it.",
  [], task("tabular-classification"),
  note="nothing exact among Hub models: OpenML datasets 1 and 2 (anneal, under other) are the answer and the "
       "classification tasks 1 and 1882 over them also satisfy it; the tabular classifier is closest")
other({("dataset", "1"): 2, ("dataset", "2"): 2, ("task", "1"): 1, ("task", "1882"): 1})
q("Has anyone recorded a randomised hyper-parameter search over a scikit-learn pipeline?", [],
  task("tabular-classification"),
  note="nothing exact among Hub models: OpenML flow 4253 (under other) is the answer; the tabular classifier is "
       "closest")
other({("flow", "4253"): 2})
# licence families
q("Which models are under a permissive open-source licence?", models(lambda x: licence(x) in PERMISSIVE),
  models(lambda x: licence(x) in ("artistic-2.0", "cc-by-4.0")),
  note="permissive licences first; Artistic 2.0 and CC BY next")
q("Which models come under Google's Gemma terms?", models(lambda x: licence(x) == "gemma"))
q("Which models use a Creative Commons licence?", models(lambda x: (licence(x) or "").startswith("cc-")))
q("Which models come with restrictions on how they may be used, written into the licence?",
  models(lambda x: licence(x) in RAIL),
  models(lambda x: licence(x) in ("llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "gemma")),
  note="the responsible-AI (RAIL) licences first; the Llama and Gemma licences, which carry use policies, next")
# languages by name
q("Is there anything that works in Tagalog?", speaks("tl"))
q("Which models handle Malayalam?", speaks("ml"))
q("Do you have models for Amharic?", speaks("am"))
q("Anything for Polish?", speaks("pl"))
# libraries
q("Which models run with the Flair NLP library?", library("flair"), tagged("flair"))
q("Is there anything built with Keras?", library("keras"), tagged("keras"))
q("Which models come from Meta's fairseq toolkit?", library("fairseq"), tagged("fairseq"))
# size
q("Which models have between one and three billion parameters?", between(1e9, 3e9),
  note="parameter counts recorded in the snapshot")
q("Which models are between 30 and 100 billion parameters?", between(30e9, 100e9),
  note="parameter counts recorded in the snapshot")
q("Do you have anything really tiny, under 50 million parameters?", between(0, 5e7),
  note="parameter counts recorded in the snapshot")
# combinations of two constraints
q("Which Korean-speaking models may I use in a commercial product?",
  models(lambda x: "ko" in languages(x) and licence(x) in COMMERCIAL_OK),
  note="licence concept: commercial use allowed")
q("Which image classifiers are Apache-licensed?",
  task("image-classification", keep=lambda x: licence(x) == "apache-2.0"))
q("Which text generators speak Spanish?", task("text-generation", keep=lambda x: "es" in languages(x)))
q("Which question-answering models were fine-tuned from phi-2?",
  derived("microsoft/phi-2", lambda x: x.get("pipeline_tag") == "question-answering"))
q("Which models for German are under the MIT licence?", models(lambda x: "de" in languages(x) and licence(x) == "mit"))
# things the registry does not hold: the closest records are judged
q("Do you have YOLO for real-time object detection?", task("object-detection"), task("image-segmentation"),
  note="not held: the DETR detectors are closest, the segmentation model next")
q("Is Midjourney in the registry?", task("text-to-image"), note="not held: the text-to-image models are closest")
q("Do you have ElevenLabs' voice model?", task("text-to-speech"),
  note="not held: the text-to-speech models are closest")
# names several records carry
q("Tell me about Gemma.", ["google/gemma-7b-it", "google/gemma-7b-aps-it"], ids(r"gemma"),
  note="ambiguous: Google's own Gemma records first; the many builds and fine-tunes named gemma next")
q("What is Hermes?", ids(r"deephermes"), ids(r"openhermes"),
  note="ambiguous: the DeepHermes build first; fine-tunes named after the OpenHermes data next")

Q, CHAT = s3.Q[START:], s3.CHAT[START:]

if __name__ == "__main__":
    for e in Q:
        if len(e["relevant"]) < 1:
            print("warning: no judged model:", e["query"], file=sys.stderr)
    assert len(CHAT) == len(Q) == 60, len(CHAT)
    earlier = {e["query"] for e in s3.Q[:START]}
    assert len({e["query"] for e in Q}) == len(Q) and not earlier & {e["query"] for e in Q}
    assert all(e["relevant"] for e in Q) and all(c["satisfies"] for c in CHAT)
    assert all(i in BY_ID for e in Q for i in e["relevant"])
    json.dump({"about": __doc__.strip().splitlines()[0], "queries": Q, "chat": CHAT}, sys.stdout, indent=1)
