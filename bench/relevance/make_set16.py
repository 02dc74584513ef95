"""Write bench/relevance/set16.json: the sixteenth judged set, search and chat questions, frozen before any run.

Run from the repository root: python bench/relevance/make_set16.py > bench/relevance/set16.json
Written on 2026-12-08 (00:11-00:20 UTC) as a frozen, untuned check: it was written and committed
before any run of the search or the chat on it, by someone who ran neither, read no search or chat
output, no code under registry/search or registry/chat, neither docs/search.md nor docs/chat.md nor
docs/benchmarks.md, no bench output, no per-question results of any set and no notes other than the
brief for this set while writing it. The questions are put the way a researcher who does not know
the records would ask, each in a wording none of sets 1-15 uses for that item, mostly about items
(models, datasets, papers, licences, languages, libraries, bases) no earlier set names (their
question texts were read only to avoid repeating jobs, names and wordings): plain jobs in everyday
words without the task's Hub name (text, image, audio, video, tabular and multimodal), broad words
that name a whole family of tasks and must not become one narrow filter, adjectives and domains
whose tag is a different word (or that only the identifier carries), graph questions (derivatives
of a named base, a quantised build of a base, models trained on a named dataset, models linked to a
paper by arXiv id, one OpenML object), licence families and commercial use, languages by name,
libraries, sizes, combinations of two constraints, three things the registry does not hold and
three names several records carry. Sentence shapes vary on purpose: questions, requests, casual
lower-case ones and a few longer ones that give some context. All question and note text is
written for this set; none is card, dataset-description or abstract prose.

Judgments follow make_set3.py to make_set15.py, whose helpers are imported: a model satisfies a
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
import make_set15  # noqa: E402,F401  (fills make_set3's lists with sets 4 to 15; set 16 starts after them)
from make_set3 import BY_ID, derived, languages, licence, models, tags, task  # noqa: E402
from make_set4 import ids, library, other, paper, q, speaks, tagged, trained_on  # noqa: E402
from make_set5 import params  # noqa: E402
from make_set7 import between  # noqa: E402

START = len(s3.Q)
SAFETY_IDS = r"nsfw|self_harm|bully|non-toxic|safe"


def half_precision_named(x):
    """Tell whether an identifier says bf16 or fp16 and the record is not a GGUF file."""
    name = x["id"].lower()
    return re.search(r"bf16|fp16", name) is not None and "gguf" not in name


# plain jobs in everyday words, the task's Hub name not in the question
q("When my pupils write that something is 'always' true, I'd like to show them a case where it isn't. Has "
  "anyone trained a model to come up with counterexamples?", ids(r"counterexample"),
  note="the Llama 2 chat fine-tune named for counterexamples")
q("Our college gets the same questions from students about courses and campus life every term. Has anyone "
  "trained a chatbot for their own university?", tagged("university") + ["sohamslc5/IIITA-Chatbot"],
  ["sohamslc5/new_llama_new"],
  note="the Gemma 7B instruct fine-tune tagged university and the chatbot named for IIITA (an Indian "
       "institute) first; the same author's model trained on the same course data next")
q("I have to pick out the people, places and organisations mentioned in Kazakh news stories. Is anything "
  "trained for that?", trained_on("issai/kaznerd"),
  note="the model trained on KazNERD, Kazakh named entities")
q("A supplier of ours in Bucharest prefers Romanian. What could put my English emails into Romanian?",
  task("translation", keep=lambda x: {"en", "ro"} <= languages(x)),
  task("text2text-generation", keep=lambda x: {"en", "ro"} <= languages(x)),
  note="translators that list English and Romanian first; the text-to-text models that list both next")
q("for our team chat i want a little picture of a hand doing a thumbs-up. can something draw that?",
  ids(r"thumbsup"), note="the Stable Diffusion 2.1 concept named thumbs-up")
q("Our zoo's website needs cheerful pictures of all sorts of animals. What could generate them?",
  ids(r"imagenet_animal"), note="the Stable Diffusion 2.1 DreamBooth model named for ImageNet animals")
q("Before I buy a jacket online I'd like to see how it would look on me. Could a model swap the clothes "
  "in my photo?", ids(r"aiclothchange"),
  note="only the identifier says so: the model named for changing clothes (its record gives text "
       "generation as its task)")
q("Messages on our hotel's answering machine come in English, German and Spanish. What could write them "
  "all down?", task("automatic-speech-recognition", keep=lambda x: {"en", "de", "es"} <= languages(x)),
  note="the speech recogniser that lists English, German and Spanish")
q("The museum wants every exhibit label read out through visitors' phones. What could voice the labels?",
  task("text-to-speech"), task("text-to-audio"),
  note="speech synthesisers first; models that make other audio from text next")
q("I'm storyboarding an advert and would like rough moving footage made straight from my written shot "
  "list. What could do that?", task("text-to-video"),
  models(lambda x: "video-generation" in tags(x) and x.get("pipeline_tag") != "text-to-video"),
  note="models that make video from text first; the other video generators (control-signal ones) next")
q("Our bank keeps a table of past card payments, each marked as fraud or genuine. Could a model learn to "
  "catch the next fraudulent one?", task("tabular-classification"), note="the tabular classifier")
q("We note how many hospital beds are taken each day. Is there something that could project occupancy "
  "for next week?", task("time-series-forecasting"), note="the forecasting models")
q("I scanned pages of an old school textbook, diagrams and all. Could a model answer my questions about a "
  "page?", task("document-question-answering"), task("image-text-to-text", "visual-question-answering"),
  note="models that answer questions over document images first; models that take an image with text "
       "next")
# broad words: a whole family of tasks, not one narrow filter
q("What do you offer for prediction in the statistical sense, like guessing an outcome from a row of "
  "figures or where a series of numbers goes next?",
  task("tabular-classification", "time-series-forecasting"),
  note="the tabular classifier and the forecasting models")
q("Is there anything for restoring media: making a low-resolution clip sharper, bringing colour back to a "
  "faded photo, or repairing damaged parts of a frame?",
  tagged("video super-resolution", "colorization", "inpaint", "video inpainting"), task("image-to-image"),
  note="the video upscaler, the colourising inpainter and the video inpainter first; other "
       "image-to-image models next")
q("Which models have to do with safety, either by flagging harmful content or by being trained to behave "
  "harmlessly?",
  ids(SAFETY_IDS) + trained_on("pku-alignment/pku-saferlhf", "anthropic/hh-rlhf", "dahoas/full-hh-rlhf"),
  note="the NSFW, self-harm and bullying detectors, the models named for safe or non-toxic training, "
       "and those trained on safety or harmlessness preference data")
q("Which models say where things are, for example by drawing boxes around objects, outlining regions, or "
  "pointing to the spot a robot should reach?",
  task("object-detection", "image-segmentation") + ids(r"robopoint"),
  note="the object detectors, the panoptic segmentation model and the robot pointing model")
# adjectives and domains whose tag is a different word (or that only the identifier carries)
q("Anything for an eye clinic?", ids(r"medalpaca_eye") + ["waleedsheha/eye"],
  note="the Llama 2 chat fine-tune named for the eye, one of a series by organ system, and the detector "
       "tagged medical that is named eye")
q("Is there a model that was deliberately released without any safety alignment?", tagged("unaligned"),
  tagged("uncensored"), note="tag unaligned first; the other models tagged uncensored next")
q("Which models came out of a community fine-tuning sprint?",
  tagged("xlsr-fine-tuning-week", "robust-speech-event"),
  note="the English speech recogniser tagged for the XLSR fine-tuning week and the robust speech event")
q("I need to pull figures out of the tables in research papers. Is there a model for that?",
  tagged("table data parsing", "table understanding"),
  note="the materials-science chat model tagged for table data parsing and table understanding")
q("I'd rather avoid squeezed copies. Which big checkpoints here are kept at half precision, 16 bits a "
  "weight?", models(half_precision_named),
  models(lambda x: "bf16" in tags(x) and not half_precision_named(x) and "gguf" not in x["id"].lower()),
  note="identifiers that say bf16 or fp16 (GGUF files aside) first; other records tagged bf16 next")
# graph: derivatives, a quantised build, datasets, papers
q("Has anyone built on Microsoft's OmniParser v2.0?", derived("microsoft/OmniParser-v2.0"))
q("which models were fine-tuned from plain roberta-base?", derived("FacebookAI/roberta-base"))
q("What was trained on top of IntervitensInc's ChatML version of Mistral Small 24B Instruct 2501?",
  derived("IntervitensInc/Mistral-Small-24B-Instruct-2501-chatml"))
q("LG's EXAONE Deep 32B won't fit on my MacBook. Has anyone shrunk it to three bits per weight?",
  ids(r"exaone-deep-32b.*3bit"), note="the two 3-bit MLX builds")
q("Which checkpoints were preference-tuned on silviasapora's noisy version of the 7k DPO mix?",
  trained_on("silviasapora/dpo_7k_noisy_10"))
q("Is there a model trained on the commercial-use edition of Open-Platypus?",
  trained_on("kyujinpy/open-platypus-commercial"))
q("Anything fine-tuned on Hugging Face's No Robots instructions?", trained_on("huggingfaceh4/no_robots"))
q("Which records cite arXiv 2107.03374?", paper("2107.03374"))
q("I'm following up arXiv 2412.11376. Is there a model that implements it?", paper("2412.11376"))
q("2503.20429 on arxiv: any model tied to it?", paper("2503.20429"))
# OpenML object
q("I'm testing a classifier that takes sparse input. Is there any data here stored in a sparse format?",
  [], task("tabular-classification"),
  note="nothing exact among Hub models: OpenML datasets 395 (re1.wc, news word counts) and 4136 (Dexter), "
       "both in sparse ARFF, are the answer, under other; the tabular classifier is closest")
other({("dataset", "395"): 2, ("dataset", "4136"): 2})
# licence families and commercial use
q("Which models fall under the Llama 3.3 community licence?", models(lambda x: licence(x) == "llama3.3"))
q("Is anything released under a weak copyleft licence, where only changes to the licensed files must be "
  "shared (the LGPL, the MPL and the like)?",
  models(lambda x: licence(x) in ("lgpl-3.0", "mpl-2.0", "ms-pl")),
  note="LGPL 3.0, MPL 2.0 and the Microsoft Public License")
q("My start-up wants to answer questions over spreadsheets with Google's TAPAS base fine-tuned on "
  "WikiTableQuestions, inside a product we sell. Is that allowed?", ["google/tapas-base-finetuned-wtq"],
  note="licence concept: commercial use allowed (Apache 2.0)")
q("Could we sell an app built on mlabonne's gemma-7b-dare merge?", ["mlabonne/gemma-7b-dare"],
  note="licence concept: commercial use not allowed (CC BY-NC 4.0)")
# languages by name
q("Do you have anything that handles Sinhala?", speaks("si"))
q("bashkir?", speaks("ba"))
q("Which models can work with Lingala?", speaks("ln"))
q("I need something for Twi, as spoken in Ghana.", speaks("tw"), [i for i in speaks("ak") if i not in speaks("tw")],
  note="Twi first; the models that list Akan, the language Twi belongs to, next")
q("Is there a model that reads and writes one of the Bihari languages?", speaks("bh"))
# libraries, runtimes and tools
q("Which phi-2 builds still rely on Microsoft's original phi-msft modelling code?", tagged("phi-msft"))
q("Is anything packaged for the GeometryCrafter library?", library("geometry-crafter"),
  note="library geometry-crafter")
q("Which image generators were personalised with DreamBooth?", tagged("dreambooth"))
q("Is any model written for the LLaVA code base?", tagged("llava_llama"),
  note="the robot pointing adapter tagged llava_llama")
# size
q("Which models have between 500 million and a billion parameters?", between(5e8, 1e9),
  note="parameter counts recorded in the snapshot")
q("something in the 130 to 200 billion parameter range?", between(1.3e11, 2e11),
  note="parameter counts recorded in the snapshot")
q("Our server can host a model of roughly 15 to 22 billion parameters. What is there in that band?",
  between(1.5e10, 2.2e10), note="parameter counts recorded in the snapshot")
# combinations of two constraints
q("Are there cut-down test builds of the DeepSeek-V3 design, around a billion parameters?",
  derived("deepseek-ai/DeepSeek-V3", lambda x: "deepseek_v3" in tags(x) and params(x) is not None and params(x) < 2e9),
  note="DeepSeek-V3 derivatives of its architecture (tag deepseek_v3) whose recorded parameter count is "
       "below 2 billion")
q("Has anyone turned GPT-NeoX-20B into a Spanish-speaking chatbot?",
  derived("EleutherAI/gpt-neox-20b", lambda x: "es" in languages(x)))
q("sentence-similarity models under a share-alike licence?",
  task("sentence-similarity", keep=lambda x: (licence(x) or "").startswith("cc-by-sa")))
q("Which DeepSeek-R1 derivatives list Russian?", derived("deepseek-ai/DeepSeek-R1", lambda x: "ru" in languages(x)))
q("Which translators handle Hindi?", task("translation", keep=lambda x: "hi" in languages(x)))
# things the registry does not hold: the closest records are judged
q("Is DeepSeek-Coder-V2 here?", ["huihui-ai/DeepSeek-V3-Pruned-Coder-411B", "huihui-ai/DeepSeek-R1-Pruned-Coder-411B"],
  ids(r"pruned-coder-411b.*gguf"),
  note="not held: the DeepSeek-V3 and R1 builds pruned for coding are closest, their GGUF files next")
q("Do you have facebook/bart-large-cnn?", ["sshleifer/distilbart-cnn-12-6"],
  ["facebook/bart-large-mnli", "facebook/bart-base"],
  note="not held: the distilled BART summariser trained on CNN/DailyMail is closest, Facebook's other BART "
       "records next")
q("Could a model tell from a photo whether a mushroom I picked is safe to eat?",
  ["google/vit-base-patch16-224", "openai/clip-vit-base-patch32"], ["victorwkey/vit-food101"],
  note="nothing exact: no mushroom classifier; the general ImageNet classifier and the zero-shot CLIP model "
       "are closest, the food classifier next")
# names several records carry
q("DeepSeek-R1-bf16: whose upload is it?", ids(r"/deepseek-r1-bf16$"),
  note="ambiguous: two bf16 copies of DeepSeek-R1 of that name by different accounts")
q("what's dogbooth2", ids(r"/dogbooth2$"),
  note="ambiguous: two Stable Diffusion 2.1 DreamBooth models of that name by different accounts")
q("Tell me about lora-llama-2-7b-food-order-understanding.", ids(r"/lora-llama-2-7b-food-order-understanding$"),
  note="ambiguous: two Llama 2 chat adapters of that name by different accounts")

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
