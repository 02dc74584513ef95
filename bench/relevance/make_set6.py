"""Write bench/relevance/set6.json: the sixth judged set, search and chat questions, frozen before any run.

Run from the repository root: python bench/relevance/make_set6.py > bench/relevance/set6.json
Written on 2026-12-06 (19:20-19:24 UTC) as a frozen, untuned check: it was written and committed
before any run of the search or the chat on it, by someone who ran neither, read no search or chat
output, no code under registry/search or registry/chat and no per-question results of set 5 while
writing it. The questions are put the way a researcher who does not know the records would ask,
each in a wording none of sets 1-5 uses for that item (their question texts were read only to avoid
repeating jobs, names and constraints): plain jobs in everyday words without the task's Hub name
(text, image, audio, video, tabular and multimodal), broad words that name a whole family of tasks
and must not become one narrow filter, adjectives and domains whose tag is a different word, graph
questions (fine-tunes of a named base for a topic, derivatives of a base, models trained on a named
dataset, models linked to a paper by arXiv id, three OpenML objects), licence families, languages by
name, libraries, sizes, combinations of two constraints, four things the registry does not hold and
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
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_set3 as s3  # noqa: E402
import make_set5  # noqa: E402,F401  (fills make_set3's lists with sets 4 and 5; set 6 starts after them)
from make_set3 import BY_ID, COMMERCIAL_OK, derived, languages, licence, models, tags, task  # noqa: E402
from make_set4 import ids, library, other, paper, q, speaks, tagged, trained_on  # noqa: E402
from make_set5 import params  # noqa: E402

START = len(s3.Q)
COPYLEFT = {"gpl-2.0", "cc-by-sa-4.0", "gfdl"}  # strong copyleft / share-alike
WEAK_COPYLEFT = {"lgpl-3.0", "mpl-2.0"}


def sized(limit, keep=lambda x: True):
    """Return the models whose recorded parameter count is below ``limit``."""
    return models(lambda x: params(x) is not None and params(x) < limit and keep(x))


# plain jobs in everyday words, the task's Hub name not in the question
q("Can a model tell me whether one statement follows from another or contradicts it?",
  ["facebook/bart-large-mnli"], trained_on("multi_nli", "esnli"),
  note="the natural-language-inference model first; other models trained on inference pairs satisfy it")
q("I have screenshots of phone apps. Is there a model that sums up what a screen shows?",
  ["hazemOmrann14/llama2-7b-screen2words"], note="trained on Rico screen2words")
q("Can I make a video where an object moves along a path that I draw?",
  ["Alibaba-Research-Intelligence-Computing/Tora"])
q("What can listen to a short clip and say what kind of sound it is?", task("audio-classification"))
q("I want help writing Python functions. Which model is built for programming?",
  ids(r"expertcoder|-coder|evolcode|codealpaca|technical-debt-code"),
  trained_on("nvidia/opencodereasoning", "opencoder-llm/opc-sft-stage1") + tagged("code"),
  note="models named for code first; models trained on code data or tagged code satisfy it")
q("Which model writes captions for my Instagram posts?", ["Waterfront/Llama-2-7b-chat-hf-social-media-captions-10k"])
q("My kid needs help with maths homework, worked step by step. What model could do that?",
  tagged("math") + trained_on("open-r1/openr1-math-220k", "huggingfacetb/finemath", "tiger-lab/mathinstruct",
                              "openai/gsm8k", "gsm8k") + ids(r"gsm8k|mathqa|maths-|_math_"))
q("Which model can look at a photo of a dish and name the food?", ["victorwkey/vit-food101"],
  task("image-classification"), note="the food classifier first; other image classifiers satisfy it loosely")
q("I'd like pictures of my own dog in new scenes, learned from a handful of my photos. What can do that?",
  tagged("dreambooth"), note="DreamBooth personalises a text-to-image model from a few photos")
q("Is there a model that explains what a word means in the sentence I give it?",
  ["FrancescoPeriti/Llama2Dictionary"])
q("From a table of customer details, can a model predict who will cancel their subscription?",
  task("tabular-classification"),
  note="nothing exact: no churn model; the tabular classifier is closest")
q("Can a model draft a job advert for a position I'm hiring for?", ids(r"jobdesp"))
# broad words: a whole family of tasks, not one narrow filter
q("What do you have that works with video?", task("text-to-video", "image-to-video", "video-text-to-text"),
  tagged("video-generation", "video", "video inpainting", "video super-resolution"))
q("Anything to do with 3D?", task("image-to-3d"), tagged("video-to-3d", "point-cloud"))
q("What is there for tabular data?", task("tabular-classification", "tabular-regression"),
  task("time-series-forecasting"), note="table rows first; forecasting over tables of readings satisfies it")
q("Do you have embedding models?", task("sentence-similarity", "feature-extraction"),
  library("sentence-transformers"))
q("Which models take an image as their input?",
  task("image-classification", "object-detection", "image-segmentation", "image-to-text", "image-to-image",
       "image-to-3d", "image-to-video", "zero-shot-image-classification", "image-text-to-text",
       "visual-question-answering", "document-question-answering"), task("any-to-any"))
q("Which models produce audio as their output?", task("text-to-speech", "text-to-audio", "audio-to-audio"),
  task("any-to-any"))
# adjectives and domains whose tag is a different word
q("Which models are meant for chemical questions?", tagged("chemistry"))
q("Anything musical?", tagged("music"))
q("Which models would a physicist find useful?", tagged("physics"))
q("Is there a model for historical topics?", tagged("history"))
q("Which artistic models are there?", tagged("art"))
q("Which models are aimed at retail and selling things?", tagged("commerce"))
# graph: fine-tunes of a named base for a topic, derivatives, datasets, papers
q("Which phi-2 fine-tunes are aimed at science and mathematics?",
  derived("microsoft/phi-2", lambda x: bool(tags(x) & {"physics", "math", "chemistry", "biology"})),
  derived("microsoft/phi-2", lambda x: bool(tags(x) & {"dataset:openai/gsm8k", "dataset:gsm8k"})
          or "gsm8k" in x["id"].lower()))
q("Which of the models built on DeepSeek-R1 are meant for Chinese?",
  derived("deepseek-ai/DeepSeek-R1", lambda x: "zh" in languages(x)),
  derived("deepseek-ai/DeepSeek-R1", lambda x: "dataset:congliu/chinese-deepseek-r1-distill-data-110k" in tags(x)),
  note="Chinese-language derivatives first; derivatives trained on Chinese reasoning data satisfy it")
q("Has anyone adapted Gemma 7B instruct to Japanese?", derived("google/gemma-7b-it", lambda x: "ja" in languages(x)),
  derived("google/gemma-7b", lambda x: "ja" in languages(x)))
q("Which Llama-2-7b-chat fine-tunes were trained to be safer or less toxic?",
  derived("meta-llama/Llama-2-7b-chat-hf", lambda x: any(w in x["id"].lower() for w in ("safe", "toxic"))))
q("What has been made from EleutherAI's 20-billion-parameter NeoX model?", derived("EleutherAI/gpt-neox-20b"))
q("Which models started from the multilingual DistilUSE sentence encoder?",
  derived("sentence-transformers/distiluse-base-multilingual-cased-v1"))
q("Which image classifiers were fine-tuned from Falconsai's NSFW detector?",
  derived("Falconsai/nsfw_image_detection"))
q("Which models used Argilla's 7k DPO mix for preference training?", trained_on("argilla/dpo-mix-7k"))
q("Which models were trained on Meta's Natural Reasoning questions?", trained_on("facebook/natural_reasoning"))
q("Which models reference arXiv 2204.05149?", paper("2204.05149"))
q("What in the registry links to arXiv:2103.00020?", paper("2103.00020"))
# OpenML objects
q("Is there a benchmark of news documents, stored as word counts and labelled by topic?", [],
  task("text-classification"),
  note="nothing exact among Hub models: OpenML dataset 395 (re1.wc, under other) is the answer and dataset "
       "4136 (Dexter, sparse document features) also satisfies it; text classifiers are closest")
other({("dataset", "395"): 2, ("dataset", "4136"): 1})
q("Do you have the Dexter data, with its very many sparse text features?", [], task("text-classification"),
  note="nothing exact among Hub models: OpenML dataset 4136 (under other) is the answer; text classifiers are "
       "closest")
other({("dataset", "4136"): 2})
q("Which OpenML task evaluates classifiers on dataset 3 with 10-fold cross-validation?", [],
  task("tabular-classification"),
  note="nothing exact among Hub models: OpenML task 3 (under other) is the answer; the tabular classifier is "
       "closest")
other({("task", "3"): 2})
# licence families
q("Which models carry a copyleft licence?", models(lambda x: licence(x) in COPYLEFT),
  models(lambda x: licence(x) in WEAK_COPYLEFT), note="share-alike first; weak copyleft (LGPL, MPL) next")
q("Which models are for non-commercial research only?", models(lambda x: licence(x) in ("cc-by-nc-4.0",
                                                                                          "cc-by-nc-nd-4.0")),
  models(lambda x: licence(x) == "c-uda"))
q("Which models fall under one of Meta's Llama 3 community licences?",
  models(lambda x: licence(x) in ("llama3", "llama3.1", "llama3.2", "llama3.3")))
# languages by name
q("Which models can work in Thai?", speaks("th"))
q("Anything that handles Dutch?", speaks("nl"))
q("Do you hold models for Bengali?", speaks("bn"))
# libraries and runtimes
q("Which models load with AllenNLP?", library("allennlp"), tagged("allennlp"))
q("Do you have any fastText models?", library("fasttext"), tagged("fasttext"))
# size
q("Which models have fewer than one billion parameters?", sized(1e9), note="parameter counts recorded in the snapshot")
# combinations of two constraints
q("Which translators may I use in a commercial product?",
  task("translation", keep=lambda x: licence(x) in COMMERCIAL_OK), note="licence concept: commercial use allowed")
q("I need to answer questions over German text. What do you have?", trained_on("germanquad"),
  task("question-answering", keep=lambda x: "de" in languages(x)),
  note="models trained on GermanQuAD first")
q("Is there an image classifier under 100 million parameters?",
  task("image-classification", keep=lambda x: params(x) is not None and params(x) < 1e8),
  note="parameter counts recorded in the snapshot")
q("Which Arabic models are under Apache 2.0?", models(lambda x: "ar" in languages(x) and licence(x) == "apache-2.0"))
q("Which text-to-image models use an OpenRAIL licence?",
  task("text-to-image", keep=lambda x: "openrail" in (licence(x) or "")))
q("Which Chinese-speaking models are smaller than 10 billion parameters?",
  sized(10e9, lambda x: "zh" in languages(x)), note="parameter counts recorded in the snapshot")
q("Which sentence-similarity models can I load with the sentence-transformers library?",
  task("sentence-similarity", keep=lambda x: x.get("library_name") == "sentence-transformers"))
# things the registry does not hold: the closest records are judged
q("Do you have Meta's Segment Anything model?", task("image-segmentation"), task("object-detection"),
  note="not held: the panoptic segmentation model is closest, object detectors next")
q("Is there a protein-structure predictor like AlphaFold?", ["DongkiKim/Mol-Llama-2-7b-chat"], tagged("biology"),
  note="not held: a molecule-aware chat model is closest, models tagged biology next")
q("Which model estimates house prices from a table of features?", task("tabular-classification"),
  task("time-series-forecasting"), note="nothing exact: no tabular regressor; the tabular classifier is closest")
q("Is OpenAI's Sora in the registry?", task("text-to-video"), task("image-to-video"),
  note="not held: the text-to-video models are closest")
# names several records carry
q("Tell me about Zephyr.", ["HuggingFaceH4/zephyr-7b-beta", "HuggingFaceH4/zephyr-orpo-141b-A35b-v0.1"], ids(r"zephyr"),
  note="ambiguous: several records carry the name; Hugging Face H4's own Zephyr models first")
q("What is Phi?", ["microsoft/phi-2"], ids(r"(^|/)phi-?2"),
  note="ambiguous: Microsoft's phi-2 is the Phi model held; its builds and fine-tunes next")

Q, CHAT = s3.Q[START:], s3.CHAT[START:]

if __name__ == "__main__":
    assert len(CHAT) == len(Q) == 60, len(CHAT)
    earlier = {e["query"] for e in s3.Q[:START]}
    assert len({e["query"] for e in Q}) == len(Q) and not earlier & {e["query"] for e in Q}
    assert all(e["relevant"] for e in Q) and all(c["satisfies"] for c in CHAT)
    assert all(i in BY_ID for e in Q for i in e["relevant"])
    json.dump({"about": __doc__.strip().splitlines()[0], "queries": Q, "chat": CHAT}, sys.stdout, indent=1)
