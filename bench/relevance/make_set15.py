"""Write bench/relevance/set15.json: the fifteenth judged set, search and chat questions, frozen before any run.

Run from the repository root: python bench/relevance/make_set15.py > bench/relevance/set15.json
Written on 2026-12-07 (21:24-21:31 UTC) as a frozen, untuned check: it was written and committed
before any run of the search or the chat on it, by someone who ran neither, read no search or chat
output, no code under registry/search or registry/chat, neither docs/search.md nor docs/chat.md, no
bench output, no per-question results of any set and no notes other than the brief for this set
while writing it. The questions are put the way a researcher who does not know the records would
ask, each in a wording none of sets 1-14 uses for that item, mostly about items (models, datasets,
papers, licences, languages, libraries, bases) no earlier set names (their question texts were read
only to avoid repeating jobs, names and wordings): plain jobs in everyday words without the task's
Hub name (text, image, audio, video, tabular and multimodal), broad words that name a whole family
of tasks and must not become one narrow filter, adjectives and domains whose tag is a different word
(or that only the identifier carries), graph questions (derivatives of a named base, a quantised
build of a base, models trained on a named dataset, models linked to a paper by arXiv id, one OpenML
object), licence families and commercial use, languages by name, libraries, sizes, combinations of
two constraints, three things the registry does not hold and three names several records carry.
Sentence shapes vary on purpose: questions, requests, casual lower-case ones and a few longer ones
that give some context. All question and note text is written for this set; none is card prose.

Judgments follow make_set3.py to make_set14.py, whose helpers are imported: a model satisfies a
question when the snapshot's structured facts (pipeline task, tags, base models, licence, languages,
library, identifier, and for sizes the parameter count the snapshot records under ``safetensors``)
say it does the job or meets the constraint; the criteria were read from each question's text alone.
2 = what the question is about, 1 = also satisfies it. A question the registry has no answer for
carries a note starting "nothing exact:" or "not held:" and its judged models are the closest
records; a name several records carry has a note starting "ambiguous:". The bench scripts read Hub
models only; where an OpenML object is the answer it is listed under "other" (platform id and PID
with a grade), which they ignore, and the note says so. Frozen: code is measured against it, never
it against the code.
"""
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_set3 as s3  # noqa: E402
import make_set14  # noqa: E402,F401  (fills make_set3's lists with sets 4 to 14; set 15 starts after them)
from make_set3 import BY_ID, bases, derived, languages, licence, models, tags, task  # noqa: E402
from make_set4 import ids, library, other, paper, q, speaks, tagged, trained_on  # noqa: E402
from make_set7 import between  # noqa: E402

START = len(s3.Q)
LLAMA2_CHAT = "meta-llama/Llama-2-7b-chat-hf"
LLAMA2_CHAT_KIN = set(derived(LLAMA2_CHAT))  # its direct fine-tunes


def dpo(x):
    """Tell whether a model's tags or identifier say it went through DPO."""
    return "dpo" in tags(x) or "dpo" in x["id"].lower()


def gpt4_taught(x):
    """Tell whether a model is tagged gpt4, or its identifier or a training set names GPT-4 (not GPT-4o, not 4chan)."""
    return ("gpt4" in tags(x) or re.search(r"gpt-?4(?![oc])", x["id"].lower()) is not None
            or any(t.startswith("dataset:") and re.search(r"gpt-?4(?![oc])", t) for t in tags(x)))


# plain jobs in everyday words, the task's Hub name not in the question
q("A nonprofit I volunteer for follows the bills that go through the US Congress. Could a model write "
  "a short summary of each one for our newsletter?", trained_on("billsum"),
  task("summarization", keep=lambda x: "en" in languages(x)),
  note="the Llama 2 chat fine-tune trained on BillSum (US bills) first; summarisers that list English next")
q("I'm revising for a multiple-choice test of general knowledge that spans dozens of school and "
  "university subjects. Has anyone tuned a model on questions of that kind?", ids(r"mmlu"),
  note="the Llama 2 chat fine-tunes named after MMLU")
q("Is there a model that turns a question in plain words into a small program that can be run against "
  "a knowledge base to fetch the answer?", ids(r"kqa-program"),
  note="the phi-2 fine-tune named for KQA programs (questions compiled into knowledge-base queries)")
q("i read newspapers in german and spanish but never have time for whole articles. anything that writes "
  "a short summary of a news story in those languages?", trained_on("mlsum"),
  note="the Llama 2 chat fine-tune trained on MLSUM, multilingual news summaries")
q("I write to my grandparents in English, but they only read Malayalam. What could translate my "
  "letters for them?", task("translation", keep=lambda x: {"en", "ml"} == languages(x)),
  task("translation", keep=lambda x: "ml" in languages(x)),
  note="the English-Malayalam translator first; the many-to-many translator that lists Malayalam next")
q("I'm training my own Hindi language model from scratch and only need something that splits Hindi "
  "text into tokens. Is there one?", ids(r"hindi-tokenizer"), note="the model named as a Hindi tokenizer")
q("For a children's book about a clever crow I need illustrations of crows. Can a model draw some?",
  ids(r"karasu"), note="the Stable Diffusion 2.1 DreamBooth model named karasu (Japanese for crow)")
q("Could a model produce mountain landscapes for the banner of my hiking blog?", ids(r"mountans"),
  note="the three Stable Diffusion 2.1 DreamBooth models of mountains (identifier spelt mountans)")
q("Can anything read Turkmen text out loud?",
  models(lambda x: x.get("pipeline_tag") in ("text-to-speech", "text-to-audio") and "tk" in languages(x)),
  note="the model that makes audio from text and lists Turkmen")
q("I make short clips for phones held upright. Is there a video generator that follows a person's pose "
  "and gives me that tall portrait format?", ids(r"pose-vertical"), ids(r"pose-horizontal"),
  note="the VCtrl model conditioned on poses in vertical format first; its horizontal twin next")
q("I keep a table of past football matches with each team's recent form, injuries and the result as "
  "win, draw or loss. Could a model learn to call the next result?", task("tabular-classification"),
  note="the tabular classifier")
q("our city's bike-share logs how many bikes get rented every hour. what could predict tomorrow's demand?",
  task("time-series-forecasting"), note="the forecasting models")
q("I'd like to take a photo of what's in my fridge and have a model suggest a dish I could cook from it. "
  "What would do that?", task("image-text-to-text"), task("any-to-any", "visual-question-answering"),
  note="models that take an image with text and answer in text first; any-to-any models and the visual "
       "question answerer next")
# broad words: a whole family of tasks, not one narrow filter
q("What do you have for recognition in the wide sense: recognising spoken words, what a photo shows, or "
  "the names of people and places in a text?",
  task("automatic-speech-recognition", "image-classification", "object-detection", "token-classification"),
  task("audio-classification", "zero-shot-image-classification"),
  note="speech recognition, image classification, object detection and named-entity tagging first; "
       "sound classification and the zero-shot image classifier next")
q("Which models are for spotting and flagging things, say objects in a photo, unsafe pictures, bullying "
  "messages or nonsense text?", task("object-detection") + ids(r"nsfw|self_harm|gibberish|bully"),
  note="object detectors, the NSFW and self-harm image detectors, the gibberish detector and the "
       "bullying classifier")
q("Which models take something apart into its pieces, for example splitting a photo into labelled regions "
  "or a mixed recording into separate voices?", task("image-segmentation", "audio-to-audio"),
  note="the panoptic segmentation model and the speech separation model")
q("Which generators let me steer the output with more than a prompt: an edge map, a pose, a mask, boxes "
  "marking the layout, or a path for something to move along?",
  ids(r"controlnet|vctrl|box_diffusion|layout_diffusion|/tora$"), ids(r"consisid"),
  note="ControlNet, the VCtrl video control models, the box and layout conditioned Stable Diffusion "
       "fine-tunes and the trajectory-guided Tora first; the face-conditioned ConsisID next")
# adjectives and domains whose tag is a different word (or that only the identifier carries)
q("My work is in cardiology. Does any model specialise in it?", ids(r"circulatory"),
  note="the Llama 2 chat fine-tune named for the circulatory system, one of a series by organ system")
q("Which models learned from answers written by GPT-4?", models(gpt4_taught), ids(r"gpt-?4o"),
  note="tag gpt4, or an identifier or training set that names GPT-4, first; the models named for "
       "GPT-4o data next")
q("Which models are billed as ones that reason things through before they reply?",
  models(lambda x: "reasoning" in tags(x) or "reasoning" in x["id"].lower()),
  note="tag reasoning or an identifier that says reasoning")
q("anything that can take in an enormous input, something like a million tokens of context?",
  tagged("1m"), note="the only model tagged 1m")
q("Which image generators were tuned on people's choices between pairs of pictures, so that what they "
  "draw is closer to what people prefer?",
  ids(r"sd-21-dpo") + trained_on("yuvalkirstain/pickapic_v2"),
  note="the Stable Diffusion 2.1 DPO adapter and the SimPO adapter trained on Pick-a-Pic preferences")
# graph: derivatives, a quantised build, datasets, papers
q("show me everything derived from jais-adapted-7b-chat", derived("inceptionai/jais-adapted-7b-chat"))
q("Which models were built directly on Mistral's own Small 24B Instruct release of January 2025?",
  derived("mistralai/Mistral-Small-24B-Instruct-2501"))
q("has anyone fine-tuned llama 4 scout instruct?", derived("meta-llama/Llama-4-Scout-17B-16E-Instruct"))
q("Is there a 6-bit copy of LG's EXAONE Deep 32B?", ids(r"exaone-deep-32b.*6bit"),
  note="the two 6-bit MLX builds")
q("Is anything trained on LIMA, the thousand hand-picked instruction examples?", trained_on("gair/lima"))
q("Which models learned from Anthropic's helpful-and-harmless preference data (HH-RLHF), in its original "
  "form or repackaged?", trained_on("anthropic/hh-rlhf", "dahoas/full-hh-rlhf"),
  note="Anthropic's set and Dahoas's full copy of it")
q("Has anyone preference-tuned a model on the Orca DPO pairs, either the original set or Argilla's "
  "re-scored version?", trained_on("huggingfaceh4/orca_dpo_pairs", "argilla/distilabel-intel-orca-dpo-pairs"))
q("Which models list arXiv 2406.19803?", paper("2406.19803"))
q("Anything in the registry that goes with arXiv 2403.09629?", paper("2403.09629"))
q("papers: is 2403.13372 linked to any model here?", paper("2403.13372"))
# OpenML object
q("Do you hold any datasets that come from the UCI machine learning repository?", [],
  task("tabular-classification"),
  note="nothing exact among Hub models: OpenML datasets 2 (anneal, tagged uci) and 4136 (Dexter, from the "
       "UCI archive) are the answer, and 61 (iris, citing UCI's policy) satisfies it, all under other; the "
       "tabular classifier is closest")
other({("dataset", "2"): 2, ("dataset", "4136"): 2, ("dataset", "61"): 1})
# licence families and commercial use
q("Which models admit that their licence is unknown?", models(lambda x: licence(x) == "unknown"),
  note="licence field unknown")
q("Is anything released under Meta's Llama 3.2 community licence?", models(lambda x: licence(x) == "llama3.2"))
q("Which models use plain OpenRAIL, not one of its -M or ++ variants?", models(lambda x: licence(x) == "openrail"))
q("We'd like to put the ESPnet VITS voice trained on LJSpeech into an audiobook app we sell. Does its "
  "licence allow that?", ["espnet/kan-bayashi_ljspeech_vits"],
  note="licence concept: commercial use allowed (CC BY 4.0, with credit)")
# languages by name
q("Do you have anything that works in Wolof?", speaks("wo"))
q("galician support?", speaks("gl"))
q("Which models can handle Pashto?", speaks("ps"))
q("I'm working with texts in Kinyarwanda. Is there a model for that language?", speaks("rw"))
q("Anything for Croatian?", speaks("hr"))
# libraries, runtimes and tools
q("Which models were converted to MLX with the mlx-my-repo space?", tagged("mlx-my-repo"))
q("Is there anything prepared for Neural Magic's nm-vllm?", tagged("nm-vllm"), note="the pruned phi-2 tagged nm-vllm")
q("Which models come as a single checkpoint file for diffusion tools rather than as a diffusers folder?",
  library("diffusion-single-file"), note="library diffusion-single-file")
q("Which models can I explore with exBERT, the tool that visualises attention?", tagged("exbert"))
# size
q("Which models sit between 40 and 60 billion parameters?", between(4e10, 6e10),
  note="parameter counts recorded in the snapshot")
q("what do you have at roughly a hundred billion parameters?", between(9e10, 1.2e11),
  note="parameter counts recorded in the snapshot, 90 to 120 billion")
q("I've got a CPU-only server and want something between 250 and 450 million parameters. What fits?",
  between(2.5e8, 4.5e8), note="parameter counts recorded in the snapshot")
# combinations of two constraints
q("Which text classifiers work with Portuguese?", task("text-classification", keep=lambda x: "pt" in languages(x)))
q("Which fine-tunes of Llama 2 7B chat were trained with DPO?", derived(LLAMA2_CHAT, dpo),
  models(lambda x: bool(LLAMA2_CHAT_KIN & set(bases(x))) and dpo(x)),
  note="direct derivatives whose tags or identifier say DPO first; DPO checkpoints trained further from "
       "one of its fine-tunes next")
q("Which Gemma 7B fine-tunes used contrastive preference optimisation (CPO)?",
  derived("google/gemma-7b", lambda x: "cpo" in x["id"].lower()), note="identifier that says CPO")
q("Are there MIT-licensed image classifiers?", task("image-classification", keep=lambda x: licence(x) == "mit"))
q("Is there a model for questions about Italian law?",
  models(lambda x: "legal" in tags(x) and "it" in languages(x)),
  note="the model tagged legal that lists Italian (named for Italian civil procedure)")
# things the registry does not hold: the closest records are judged
q("Do you have DeepSeek-V2?", ["deepseek-ai/DeepSeek-V3"], note="not held: its successor DeepSeek-V3 is closest")
q("Is Microsoft's phi-1.5 available?", ["microsoft/phi-2"], ["csdhall/phi-1_5-finetuned-gsm8k"],
  note="not held: its successor phi-2 is closest; the GSM8K fine-tune named after phi-1.5 (whose record "
       "gives phi-2 as its base) next")
q("I mark student essays. Is there a model that tells me whether one essay copies another?",
  task("sentence-similarity"),
  note="nothing exact: no plagiarism detector; the sentence-similarity models are closest")
# names several records carry
q("meditron-7b-finetuned: who made it, and what is it?", ids(r"/meditron-7b-finetuned$"),
  note="ambiguous: two fine-tunes of that name by different accounts, one on meditron-7b and one on "
       "Llama 2 7B")
q("I saw Mistral-Small-24B-Instruct-2501-abliterated mentioned somewhere. Which model is that?",
  ids(r"/mistral-small-24b-instruct-2501-abliterated$"),
  note="ambiguous: two abliterated Mistral Small 24B Instruct builds of that name by different accounts")
q("what's dog_dreambooth", ids(r"/dog_dreambooth$"), ids(r"dogs1_dreambooth|imagenet_dog_dreambooth"),
  note="ambiguous: two Stable Diffusion 2.1 DreamBooth dog models of that name by different accounts; the "
       "ones whose names extend it next")

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
    sizes = sorted(len(e["relevant"]) for e in Q)
    print(f"{len(Q)} queries, {len(CHAT)} chat questions, judged per question min {sizes[0]} "
          f"median {sizes[len(sizes) // 2]} max {sizes[-1]}", file=sys.stderr)
    json.dump({"about": __doc__.strip().splitlines()[0], "queries": Q, "chat": CHAT}, sys.stdout, indent=1)
