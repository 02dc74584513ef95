"""Write bench/relevance/set4.json: the fourth judged set, search and chat questions, frozen before tuning.

Run from the repository root: python bench/relevance/make_set4.py > bench/relevance/set4.json
Written on 2026-12-06 (13:40-13:46 UTC) as the untuned check for the end of the day's search and chat
work: it was written and committed before any run of the search or the chat on it, by someone who
read no search or chat output while writing it, and the engineer tuning search on sets 1-3 has not
seen it. The questions are put the way a researcher who does not know the records would ask: plain
jobs, adjectives where the records carry tags, libraries and runtimes, licences ("may I sell it"),
languages, sizes and compression, base-model lineage, training datasets, papers, OpenML objects and
things the registry does not hold. Jobs, names and constraints are mostly ones sets 1-3 do not use
(their questions were read only to avoid repeating them).

Judgments follow make_set3.py, whose helpers are imported: a model satisfies a question when the
snapshot's structured facts (pipeline task, tags, base models, licence, languages, library,
identifier) say it does the job or meets the constraint; the criteria were read from each
question's text alone. 2 = what the question is about, 1 = also satisfies it. A question the
registry has no answer for carries a note starting "nothing exact:" or "not held:" (as in set 3),
and its judged models are the closest records. The bench scripts read Hub models only; where an
OpenML object is the answer it is listed under "other" (platform id and PID with a grade), which
they ignore, and the note says so. Frozen: code is measured against it, never it against the code.
"""
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_set3 as s3  # noqa: E402
from make_set3 import BASE, COMMERCIAL_OK, derived, languages, licence, models, tags, task  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from harvesters.openml.mapping import openml_pid  # noqa: E402

START = len(s3.Q)  # make_set3 fills its own lists on import; set 4's questions are the ones added after


def q(chat, first, also=(), note=""):
    """One question through make_set3's helper (``first`` graded 2, ``also`` 1)."""
    s3.q(chat, list(first), list(also), note=note)


def other(records):
    """Attach judged records that are not Hub models (OpenML kind, id -> grade) to the last question."""
    found = {f"openml-{kind}:{oid}": {"pid": openml_pid(BASE, kind, oid), "grade": g}
             for (kind, oid), g in records.items()}
    s3.Q[-1]["other"] = found
    s3.CHAT[-1]["other"] = found


def said(pattern, x):
    """Tell whether the identifier or a tag of a model matches ``pattern`` (lower case)."""
    return re.search(pattern, " ".join([x["id"].lower()] + sorted(tags(x)))) is not None


def ids(pattern):
    """Return the models whose identifier matches ``pattern`` (lower case)."""
    return models(lambda x: re.search(pattern, x["id"].lower()) is not None)


def tagged(*names):
    """Return the models carrying one of the tags ``names``."""
    return models(lambda x: bool(tags(x) & set(names)))


def library(*names):
    return models(lambda x: x.get("library_name") in names)


def trained_on(*datasets):
    return tagged(*(f"dataset:{d}" for d in datasets))


def paper(arxiv_id):
    return tagged(f"arxiv:{arxiv_id}")


def speaks(code):
    return models(lambda x: code in languages(x))


# plain jobs, the task's name not in the question
q("My photos are blurry. Is there a model that can make them sharper?", tagged("video super-resolution"),
  task("image-to-image"),
  note="nothing exact: no photo sharpener; a video upscaler and image-to-image models are closest")
q("Can a model rebuild the 3D shape of a scene from a video clip?", tagged("video-to-3d", "point-cloud"),
  task("image-to-3d"))
q("I'd like to steer a video generator with a stick-figure pose. Is there something for that?",
  models(lambda x: "video-generation" in tags(x) and "pose" in x["id"].lower()),
  models(lambda x: "video-generation" in tags(x) and x["id"].startswith("PaddleMIX/")),
  note="pose-controlled first; the other control-signal video models satisfy it")
q("Which model makes a video of a person from a prompt while keeping their face the same?", tagged("ipt2v"))
q("What can watch a video clip and tell me what happens in it?", task("video-text-to-text"))
q("Can I talk to a model out loud and get a written reply?", task("audio-text-to-text"), task("any-to-any"))
q("Is there anything that learns by trial and error from rewards?", task("reinforcement-learning"))
q("Which model works on graph data, like networks of nodes and links?", task("graph-ml"))
q("Which models find the themes running through a big pile of documents?", library("bertopic"),
  note="topic modelling: the BERTopic library")
q("Which model can flag pictures that show self-harm?", ids(r"self.?harm"))
q("Is there a model that helps me write Ethereum smart contracts?",
  models(lambda x: said(r"solidity|smart.?contract", x)))
q("I need help with statutes and court procedures. Do you have a legal assistant?", ids(r"\blaw|legal"),
  tagged("legal"))
q("Which model can keep long conversations going while using less memory for its cache?", tagged("kvcache"))
# adjectives where the records carry tags
q("Which models were made by merging other models together?", tagged("merge", "mergekit", "lazymergekit"),
  ids(r"merge"))
q("Show me slimmed-down models that had part of their weights pruned away.", tagged("pruned", "sparse_llama"),
  ids(r"pruned|sparse"))
q("Which models are flagged as containing adult content?", tagged("not-for-all-audiences"))
q("Which chat models are good at role-play and storytelling?", tagged("roleplay"))
q("What climate-related models are there?", tagged("climate"))
q("Which models were distilled from a bigger teacher model?", tagged("distillation"), ids(r"distil"))
# libraries and runtimes
q("Which models can I load with fastai?", library("fastai"), tagged("fastai"))
q("Is anything here built with SpeechBrain?", library("speechbrain"), tagged("speechbrain"))
q("Which models are ready for Intel's OpenVINO runtime?", library("openvino"), tagged("openvino"))
q("Can I run any of these models inside a web browser with JavaScript?", library("transformers.js"),
  tagged("onnx"), note="transformers.js first; ONNX exports can also run in a browser")
q("I build my text pipelines with spaCy. Which spaCy models do you have?", task("token-classification"),
  library("flair"), note="not held: no spaCy models; token classifiers and the Flair NLP library are closest")
q("Which models are built on PaddlePaddle?", library("paddlenlp"), tagged("paddlepaddle", "paddlemix"))
q("Which models can I serve with vLLM?", library("vllm"), tagged("vllm"))
# licences
q("May I use Kokoro in a product I sell?", ["hexgrad/Kokoro-82M"])
q("Which voice synthesisers can I ship in a paid product?",
  task("text-to-speech", keep=lambda x: licence(x) in COMMERCIAL_OK), note="licence concept: commercial use allowed")
q("Which models carry a GNU licence such as the GPL?",
  models(lambda x: licence(x) in ("gpl-2.0", "lgpl-3.0")), models(lambda x: licence(x) == "gfdl"))
q("Which video generators am I allowed to use commercially?",
  task("text-to-video", "image-to-video", keep=lambda x: licence(x) in COMMERCIAL_OK),
  models(lambda x: "video-generation" in tags(x) and licence(x) in COMMERCIAL_OK),
  note="licence concept: commercial use allowed")
q("What licence does Flan-T5 have, and can my company build on it?", ids(r"^google/flan-t5"))
# languages
q("Do you have anything for Turkmen?", speaks("tk"))
q("Which models handle Tamil?", models(lambda x: "ta" in languages(x) and "tamil" in x["id"].lower()), speaks("ta"))
q("Which models understand Vietnamese?", speaks("vi"))
q("I need a model for Kazakh text.", models(lambda x: "kk" in languages(x) and "qaz" in x["id"].lower()),
  speaks("kk"))
q("Which text generators speak Japanese?", task("text-generation", keep=lambda x: "ja" in languages(x)))
# sizes and compression
q("I want a really small speech synthesiser, under 100 million parameters.", ["hexgrad/Kokoro-82M"],
  note="the only text-to-speech model whose identifier states a size under 100M")
q("Which models are squeezed down to one or two bits per weight?", ids(r"(^|[^0-9])[12]-?bit"))
q("Which models have been quantised to 3 bits?", models(lambda x: "3-bit" in tags(x) or "3bit" in x["id"].lower()))
# base-model lineage
q("What has been built on top of Kokoro-82M?", derived("hexgrad/Kokoro-82M"))
q("Which models extend Stable Diffusion 3 Medium?", derived("stabilityai/stable-diffusion-3-medium"))
q("Which models build on Stable Video Diffusion?", derived("stabilityai/stable-video-diffusion-img2vid-xt"))
q("Which DeepSeek-V3 fine-tunes deal with money and finance?",
  derived("deepseek-ai/DeepSeek-V3", lambda x: "finance" in tags(x)))
q("Which compressed versions of the Dutch fietje-2 model are there?", derived("BramVanroy/fietje-2"))
q("Which fine-tunes start from the plain Llama 2 7B, not the chat version?", derived("meta-llama/Llama-2-7b"))
# training datasets
q("Which models learned from the Stanford Alpaca instructions?", trained_on("tatsu-lab/alpaca"))
q("Which models were tuned on UltraFeedback preference pairs?", trained_on("huggingfaceh4/ultrafeedback_binarized"))
q("Which speech models were trained on Mozilla Common Voice recordings?",
  trained_on("common_voice", "mozilla-foundation/common_voice_6_0"))
# papers
q("Which models point to the Direct Preference Optimization paper?", paper("2305.18290"))
q("Which models are linked to the Sentence-BERT paper?", paper("1908.10084"))
q("Which models come with the LoRA paper?", paper("2106.09685"))
q("Which models cite the Vision Transformer paper?", paper("2010.11929"))
# OpenML
q("Do you have a model that predicts who survived the Titanic?", [], task("tabular-classification"),
  note="nothing exact: no model of it; OpenML's Titanic data (under other) and the tabular classifier "
       "are closest")
other({("dataset", "40945"): 1})
q("Is there a scikit-learn pipeline that boosts decision trees?", [], task("tabular-classification"),
  note="nothing exact among Hub models: OpenML flow 4253 (under other) is the answer; the tabular "
       "classifier is closest")
other({("flow", "4253"): 2})
# things the registry does not hold: the closest records are judged
q("Is Google's Gemini available here?", ["google/gemma-7b-it"],
  models(lambda x: x["id"].startswith("google/")
         and x.get("pipeline_tag") in ("text-generation", "text2text-generation")),
  note="not held: Google's open Gemma chat model is closest, Google's other text generators next")
q("Which model can read my handwritten notes?", task("document-question-answering"), task("image-to-text"),
  note="nothing exact: document readers and image-to-text models are closest")
q("Does the registry have Whisper?", task("automatic-speech-recognition"),
  note="not held: the speech recognisers are closest")

Q, CHAT = s3.Q[START:], s3.CHAT[START:]

if __name__ == "__main__":
    assert len(CHAT) == len(Q) >= 40, len(CHAT)
    assert len({e["query"] for e in Q}) == len(Q)
    assert all(e["relevant"] for e in Q) and all(c["satisfies"] for c in CHAT)
    json.dump({"about": __doc__.strip().splitlines()[0], "queries": Q, "chat": CHAT}, sys.stdout, indent=1)
