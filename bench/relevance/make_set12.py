"""Write bench/relevance/set12.json: the twelfth judged set, search and chat questions, frozen before any run.

Run from the repository root: python bench/relevance/make_set12.py > bench/relevance/set12.json
Written on 2026-12-07 (12:26-12:28 UTC) as a frozen, untuned check: it was written and committed
before any run of the search or the chat on it, by someone who ran neither, read no search or chat
output, no code under registry/search or registry/chat, neither docs/search.md nor docs/chat.md, no
bench output and no per-question results of any set while writing it. The questions are put the way
a researcher who does not know the records would ask, each in a wording none of sets 1-11 uses for
that item, mostly about items (models, datasets, papers, licences, languages, libraries, bases) no
earlier set names (their question texts were read only to avoid repeating jobs, names and wordings):
plain jobs in everyday words without the task's Hub name (text, image, audio, video, tabular and
multimodal), broad words that name a whole family of tasks and must not become one narrow filter,
adjectives and domains whose tag is a different word (or that only the identifier carries), graph
questions (derivatives of a named base, quantised builds of a base, models trained on a named
dataset, models linked to a paper by arXiv id, one OpenML object), licence families and commercial
use, languages by name, libraries, sizes, combinations of two constraints, three things the registry
does not hold and three names several records carry. Sentence shapes vary on purpose: questions,
requests, casual lower-case ones and a few longer ones that give some context.

Judgments follow make_set3.py to make_set11.py, whose helpers are imported: a model satisfies a
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
import make_set11  # noqa: E402,F401  (fills make_set3's lists with sets 4 to 11; set 12 starts after them)
from make_set3 import BY_ID, COMMERCIAL_OK, bases, derived, languages, licence, models, tags, task  # noqa: E402
from make_set4 import ids, library, other, paper, q, speaks, tagged, trained_on  # noqa: E402
from make_set7 import between  # noqa: E402

START = len(s3.Q)
SD21 = "stabilityai/stable-diffusion-2-1"
INDIAN = {"as", "bn", "gu", "hi", "kn", "ml", "mr", "or", "pa", "ta", "te"}

# plain jobs in everyday words, the task's Hub name not in the question
q("I teach biology. Could a model read a passage from the textbook and come up with exam questions on it?",
  ids(r"question-generation"), note="the Llama 2 chat model tuned to generate educational questions")
q("is there a model that was drilled on adding long numbers, carrying the digits over?", ids(r"arithmetic"),
  note="the Llama 2 chat adapters tuned on arithmetic, with and without carrying")
q("I can't decide between two vacuum cleaners. Is there a model that lays out how two products compare?",
  ids(r"product_comparison"), note="the DeepSeek-R1 fine-tune for comparing products")
q("Our first-year course is an introduction to computers. Has anyone built a teaching assistant for "
  "a course like that?", ids(r"teachingassistant"), note="the Llama 2 teaching assistant for that course")
q("Could something generate photos of a particular pair of basketball sneakers in new settings?",
  ids(r"air_jordan"), note="the Stable Diffusion 2.1 DreamBooth model of Air Jordan shoes")
q("what could make pictures of a soft stuffed toy?", ids(r"plushie"),
  note="the Stable Diffusion 2.1 DreamBooth model of a plushie")
q("I want to say where each object goes in the picture, by drawing boxes, before an image is generated. "
  "Which models let me control the layout like that?", ids(r"box_diffusion|layout_diffusion"),
  note="the box-conditioned and layout-conditioned Stable Diffusion 2.1 fine-tunes")
q("My prompts are written in Chinese. Which model draws a picture straight from them?",
  task("text-to-image", keep=lambda x: "zh" in languages(x)), note="the multilingual adapter for SD3 (Chinese)")
q("Could a model hear a recording and then answer what I ask about it in writing?", task("audio-text-to-text"),
  note="the model that takes audio and text and answers in text")
q("We need an English voice-over for our product videos, generated from the script. What can do that?",
  task("text-to-speech", keep=lambda x: "en" in languages(x)), task("text-to-speech"),
  note="English text-to-speech models first; the other text-to-speech model next")
q("Give a model one sentence describing a scene and get back a few seconds of footage: which ones do that?",
  task("text-to-video"))
q("I'd like a written account of the events in my dashcam recording. Can a model produce that?",
  task("video-text-to-text"), note="the models that read video and write text")
q("From rows of customer records, could something learn which customers are about to cancel?",
  task("tabular-classification"), note="the tabular classifier")
# broad words: a whole family of tasks, not one narrow filter
q("Which models generate images, whether from a prompt, from another image or from nothing at all?",
  task("text-to-image", "image-to-image", "unconditional-image-generation"))
q("Which models turn one piece of text into another: translating, summarising or rewriting it?",
  task("translation", "summarization", "text2text-generation"))
q("What do you have for understanding photos: naming what's in them, finding objects or outlining regions?",
  task("image-classification", "object-detection", "image-segmentation", "zero-shot-image-classification"))
q("show me all the models that deal with sound, whether it goes in or comes out",
  task("automatic-speech-recognition", "audio-classification", "audio-to-audio", "audio-text-to-text",
       "text-to-speech", "text-to-audio"))
# adjectives and domains whose tag is a different word (or that only the identifier carries)
q("Is there a model that knows the law of Texas?", ids(r"texlaw"), note="the DeepSeek-R1 fine-tune on Texas law")
q("Has any model been tuned specifically on sentences that contain negation?", ids(r"negation"),
  note="the Llama 2 chat model tuned on negation")
q("Which models cover many of India's languages at once, not just Hindi?",
  models(lambda x: len(languages(x) & INDIAN) >= 5), models(lambda x: len(languages(x) & INDIAN) >= 3),
  note="models listing five or more Indian languages first; three or four next")
q("Anything that chats in the Arabic dialect spoken in Tunisia?", trained_on("linagora/tunisian_derja_dataset"),
  note="the two Labess models, trained on Tunisian Derja")
q("Which models were aligned with the Kahneman-Tversky objective?", ids(r"kto"),
  note="the Llama 2 7B model trained with KTO")
# graph: derivatives, quantised builds, datasets, papers
q("What has been built on Nous Research's DeepHermes 3 Mistral 24B Preview?",
  derived("NousResearch/DeepHermes-3-Mistral-24B-Preview"))
q("Which models start from the image-to-video CogVideoX 1.5 5B?", derived("THUDM/CogVideoX1.5-5B-I2V"))
q("Were any checkpoints trained further from AmberYifan's Gemma 7B that went through safe RLHF on UltraChat?",
  derived("AmberYifan/Gemma-7b-sft-ultrachat-safeRLHF"))
q("Is there a low-bit copy of the plain Gemma 7B, not the instruct one?",
  ["PrunaAI/google-gemma-7b-HQQ-1bit-smashed"], ["OpenVINO/gemma-7b-fp16-ov"],
  note="the 1-bit HQQ build first; the half-precision OpenVINO export next")
q("Which models learned from NVIDIA's Llama Nemotron post-training data?",
  trained_on("nvidia/llama-nemotron-post-training-dataset"))
q("Which models were trained on EPFL's collection of clinical guidelines?", trained_on("epfl-llm/guidelines"))
q("models fine-tuned on the OpenO1 SFT data?", trained_on("o1-open/openo1-sft"))
q("Which models cite arXiv 2110.14168?", paper("2110.14168"))
q("Is anything in the registry tied to the paper arXiv:2205.11487?", paper("2205.11487"))
q("show me what's linked to 2407.02397 on arXiv", paper("2407.02397"))
# OpenML object
q("Which OpenML task belongs to the mythbusting study?", [], task("tabular-classification"),
  note="nothing exact among Hub models: OpenML task 3 (tagged mythbusting, under other) is the answer; the "
       "tabular classifier is closest")
other({("task", "3"): 2})
# licence families and commercial use
q("Is anything released under the GNU Free Documentation License?", models(lambda x: licence(x) == "gfdl"))
q("Which models carry the OpenRAIL++ licence?", models(lambda x: licence(x) == "openrail++"))
q("Which models are bound by Google's own Gemma licence terms?", models(lambda x: licence(x) == "gemma"))
q("May I build Google's ViT base (patch 16, 224 pixels) image classifier into an app that I sell?",
  ["google/vit-base-patch16-224"], note="licence concept: commercial use allowed (Apache 2.0)")
# languages by name
q("Do you have anything for Assamese?", speaks("as"))
q("Which models can read and write Punjabi?", speaks("pa"))
q("isiXhosa support, anyone?", speaks("xh"))
q("Are there models that know Catalan?", speaks("ca"))
q("I need something that handles Hebrew. What is there?", speaks("he"))
# libraries
q("Which models were trained with Hugging Face's alignment-handbook recipes?", tagged("alignment-handbook"))
q("Which models come with TensorBoard logs of their training?", tagged("tensorboard"))
q("Which models were produced by the Hugging Face Trainer?", tagged("generated_from_trainer"))
q("Which models name plain PyTorch as their library rather than transformers or diffusers?", library("pytorch"))
# size
q("What do you have at roughly 8 billion parameters?", between(7.5e9, 9e9),
  note="parameter counts recorded in the snapshot, 7.5 to 9 billion")
q("Which models are between 100 and 500 billion parameters?", between(1e11, 5e11),
  note="parameter counts recorded in the snapshot")
q("anything around 2 billion parameters?", between(1.5e9, 2.5e9),
  note="parameter counts recorded in the snapshot, 1.5 to 2.5 billion")
# combinations of two constraints
q("Which Stable Diffusion 2.1 fine-tunes are under Apache 2.0?", derived(SD21, lambda x: licence(x) == "apache-2.0"))
q("Our firm sells software in the Gulf. Which Arabic-speaking models may we use commercially?",
  models(lambda x: "ar" in languages(x) and licence(x) in COMMERCIAL_OK), note="licence concept: commercial use allowed")
q("Which phi-2 fine-tunes are about medicine?",
  derived("microsoft/phi-2", lambda x: bool(tags(x) & {"medical", "medicine", "biology"})
          or re.search(r"med|health|clinic", x["id"].lower()) is not None),
  note="tags medical, medicine or biology, or an identifier that names medicine or health")
q("Which DeepSeek-R1 fine-tunes deal with law?",
  derived("deepseek-ai/DeepSeek-R1", lambda x: "legal" in tags(x) or re.search(r"law|legal", x["id"].lower()) is not None),
  note="tag legal or an identifier that names law")
q("Are there summarisers for English text?", task("summarization", keep=lambda x: "en" in languages(x)))
# things the registry does not hold: the closest records are judged
q("Is Qwen2.5 72B Instruct in the registry?", ["beita6969/DeepSeek-R1-Distill-Qwen-32B-Medical"],
  models(lambda x: "qwen" in x["id"].lower()),
  note="not held: the fine-tune of the 32B Qwen distillation of DeepSeek-R1 is closest, other Qwen-based models next")
q("I was hoping to find Google's Gemma 2 9B. Is it here?", ["google/gemma-7b-it"], ["google/gemma-7b-aps-it"],
  note="not held: the first-generation Gemma 7B instruct is closest, Google's other Gemma 7B instruct model next")
q("Can I find Google's original T5 with 11 billion parameters here?", ["google/flan-t5-xxl"],
  ["google-t5/t5-small"], note="not held: the instruction-tuned Flan-T5 XXL (11B) is closest, T5 small next")
# names several records carry
q("What is mhGPT2?", ids(r"mhgpt2"), note="ambiguous: two phi-2 fine-tunes of that name under different accounts")
q("Tell me about sd-laion-art.", ids(r"sd-laion-art"),
  note="ambiguous: three Stable Diffusion 2.1 fine-tunes of that name, under two accounts")
q("what's gemma-7b-openhermes?", ids(r"gemma-7b-openhermes"),
  note="ambiguous: two Gemma 7B fine-tunes of that name by different accounts")

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
