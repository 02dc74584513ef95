"""Write bench/relevance/set2_facts.json: set 2's chat questions judged from structured facts, as set 3 is.

Run from the repository root: python bench/relevance/make_set2_facts.py > bench/relevance/set2_facts.json
Written on 2026-12-06 (issue 11, chat precision) before any chat run on its judgments. Set 2's chat
"satisfies" lists (bench/relevance/unseen.json) were copied from the search judgments of the
matching query, which name a few well-known models: "Which model can turn a recording of someone
talking into text?" lists one speech recogniser where every speech-recognition model satisfies it.
An answer citing another model that does the job was counted as wrong. This file completes those
judgments the way make_set3.py judges set 3: a model satisfies a question when its facts (pipeline
task, tags, base models, licence, languages, identifier) say it does the job / meets the
constraint. The criteria below were read from each question's text alone. The questions are set
2's, unchanged and in the same order; every model of set 2's own list stays judged (graded 2), the
models the facts add are graded 1. Frozen: code is measured against it, never it against the code.
"""
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_set3 import (  # noqa: E402
    BASE, BY_ID, COMMERCIAL_OK, MODELS, bases, derived, languages, licence, models, tags, task)

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from registry.pid import mint_id, pid_iri  # noqa: E402

SET2 = json.loads((Path(__file__).resolve().parent / "unseen.json").read_text(encoding="utf-8"))["chat"]
MEDICAL = r"medic|clinic|health|meditron|medquad|biomed|pubmed|doctor|patient"
CODE = r"cod(e|er|ing)\b|codealpaca|evolcode|programming"
# Hugging Face's own task categories: Computer Vision plus the multimodal tasks that read images; Audio plus
# the multimodal task that reads audio
VISION = ("image-classification", "object-detection", "image-segmentation", "zero-shot-image-classification",
          "image-to-image", "image-to-text", "image-text-to-text", "visual-question-answering",
          "document-question-answering", "image-to-3d", "image-to-video", "text-to-image", "text-to-video",
          "unconditional-image-generation", "video-text-to-text", "depth-estimation", "mask-generation",
          "zero-shot-object-detection", "image-feature-extraction", "video-classification")
AUDIO = ("automatic-speech-recognition", "text-to-speech", "text-to-audio", "audio-to-audio",
         "audio-classification", "voice-activity-detection", "audio-text-to-text")


def words(x):
    """Return the identifier and the tags of a model as one lower-case text (custom_code is no statement)."""
    return " ".join([x["id"].lower()] + sorted(tags(x) - {"custom_code"}))


def says(pattern, x):
    return re.search(pattern, words(x)) is not None


def derived_from(name_part, keep=lambda x: True):
    """Return the models with a base model whose identifier contains ``name_part`` (any size or variant)."""
    return models(lambda x: any(name_part in b.lower() for b in bases(x)) and keep(x))


def does(*names):
    """Return the models whose pipeline task or tags name one of ``names``."""
    return models(lambda x: x.get("pipeline_tag") in names or bool(tags(x) & set(names)))


FACTS = {  # question -> the models its facts judge as satisfying it; criteria from the question's text
    "Which model can turn a recording of someone talking into text?": does("automatic-speech-recognition"),
    "I need something that reads text aloud. What do you have?": does("text-to-speech"),
    "Which model writes a description of a photo?":
        does("image-to-text", "image-captioning") + task("image-text-to-text", "visual-question-answering"),
    "Which model tells me whether a review is positive or negative?":
        models(lambda x: x.get("pipeline_tag") in ("text-classification", "zero-shot-classification")
               and says(r"sentiment|sst2|sst-2|imdb|yelp|polarity|review", x)),
    "What can I use to shorten long articles?":
        does("summarization") + models(lambda x: bool(tags(x) & {"dataset:cnn_dailymail", "dataset:xsum"})),
    "Which model picks out people and place names from a text?":
        task("token-classification") + models(lambda x: says(r"\bner\b|conll", x)),
    "Which models draw a picture from a written description?": task("text-to-image"),
    "Can any model animate a still photo?": does("image-to-video"),
    "Which models make a short video clip from a sentence?": does("text-to-video"),
    "Which model guesses a missing word in a sentence?": does("fill-mask"),
    "I want to turn sentences into vectors so I can compare them. Which models do that?":
        does("sentence-similarity", "feature-extraction", "sentence-transformers"),
    "Is there a model that answers questions about a spreadsheet?": does("table-question-answering"),
    "Which model answers questions about a scanned invoice?": does("document-question-answering"),
    "How can I tell whether a text is gibberish?": models(lambda x: says(r"gibberish", x)),
    "Which model sorts texts into categories that I choose at run time, without training?":
        does("zero-shot-classification"),
    "Which model pulls a voice out of a noisy recording?":
        does("audio-to-audio") + models(lambda x: says(r"speech-enhancement|separation|denois", x)),
    "Which model tells whether a speaker is a man or a woman?":
        models(lambda x: x.get("pipeline_tag") == "audio-classification" and says(r"gender", x)),
    "Which models predict the future values of a series of numbers?": does("time-series-forecasting"),
    "Which model labels photos with categories it was never trained on?": does("zero-shot-image-classification"),
    "Which models build a 3D object from a picture?": does("image-to-3d"),
    "Which model reorders search results by relevance?": models(lambda x: says(r"rerank|text-ranking", x)),
    "Which vision models do you hold?": task(*VISION),
    "Which models work with sound?": task(*AUDIO),
    "Do you have a medical chatbot?":
        task("text-generation", "text2text-generation", "image-text-to-text", keep=lambda x: says(MEDICAL, x)),
    "Which fine-tunes of Llama 2 are for medicine?": derived_from("llama-2", lambda x: says(MEDICAL, x)),
    "Which fine-tunes of phi-2 answer medical questions?": derived_from("phi-2", lambda x: says(MEDICAL, x)),
    "Which fine-tunes of microsoft/phi-2 are for writing code?":
        derived("microsoft/phi-2", lambda x: says(CODE, x)),
    "Which fine-tunes of DeepSeek R1 are about health?":
        derived_from("deepseek-r1", lambda x: says(MEDICAL + "|mental", x)),
    # the facts cannot tell an effect from other generated video: every derived model that makes video counts
    "Which fine-tunes of THUDM/CogVideoX-5b make visual effects?":
        derived("THUDM/CogVideoX-5b", lambda x: x.get("pipeline_tag") in ("text-to-video", "image-to-video")),
    "Which Gemma fine-tunes speak Romanian?": derived_from("gemma", lambda x: "ro" in languages(x)),
    "Which text generators can I use in a commercial product?":
        task("text-generation", keep=lambda x: licence(x) in COMMERCIAL_OK),
    "Which assistant models speak Korean?":
        task("text-generation", "image-text-to-text", keep=lambda x: "ko" in languages(x)),
    "Which model translates German into English?":
        models(lambda x: (x.get("pipeline_tag") in ("translation", "text2text-generation") or "translation" in tags(x))
               and {"de", "en"} <= languages(x)) + models(lambda x: says(r"de-en|deu-eng|german-english", x)),
    # nothing states birds: the models that classify sounds are the closest records
    "Do you have a model that recognises birds from their songs?":
        models(lambda x: says(r"\bbirds?\b|birdsong", x)) + task("audio-classification"),
}

Q, CHAT = [], []
for item in SET2:
    listed, facts = item["satisfies"], FACTS[item["q"]]
    for i in listed + facts:
        assert i in BY_ID, i
    rel = {i: 2 for i in listed}
    for i in facts:
        rel.setdefault(i, 1)
    Q.append({"query": item["q"], "relevant": rel, "pids": {pid_iri(BASE, mint_id("hf", i)): g for i, g in rel.items()}})
    CHAT.append({"q": item["q"], "satisfies": sorted(rel), "from": item["from"], "listed": len(listed),
                 "added_from_facts": len(rel) - len(listed)})

if __name__ == "__main__":
    assert len(FACTS) == len(SET2) == len(CHAT) == 34, (len(FACTS), len(SET2))
    assert len(MODELS) == 1350
    json.dump({"about": __doc__.strip().splitlines()[0], "queries": Q, "chat": CHAT}, sys.stdout, indent=1)
