"""Write bench/relevance/set13.json: the thirteenth judged set, search and chat questions, frozen before any run.

Run from the repository root: python bench/relevance/make_set13.py > bench/relevance/set13.json
Written on 2026-12-07 (15:20-15:28 UTC) as a frozen, untuned check: it was written and committed
before any run of the search or the chat on it, by someone who ran neither, read no search or chat
output, no code under registry/search or registry/chat, neither docs/search.md nor docs/chat.md, no
bench output, no per-question results of any set and no notes other than the brief for this set
while writing it. The questions are put the way a researcher who does not know the records would
ask, each in a wording none of sets 1-12 uses for that item, mostly about items (models, datasets,
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

Judgments follow make_set3.py to make_set12.py, whose helpers are imported: a model satisfies a
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
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_set3 as s3  # noqa: E402
import make_set12  # noqa: E402,F401  (fills make_set3's lists with sets 4 to 12; set 13 starts after them)
from make_set3 import BY_ID, bases, derived, languages, licence, models, tags, task  # noqa: E402
from make_set4 import ids, other, paper, q, speaks, tagged, trained_on  # noqa: E402
from make_set5 import params  # noqa: E402
from make_set7 import between  # noqa: E402

START = len(s3.Q)
GEMMA = {"google/gemma-7b", "google/gemma-7b-it"}

# plain jobs in everyday words, the task's Hub name not in the question
q("We're hiring for five different roles and I dread writing the adverts. Could a model draft the text "
  "for each vacancy?", ids(r"jobdesp"), note="the phi-2 fine-tune for job descriptions")
q("Before every release I have to write down what we will test and how. Has anyone tuned a model to plan "
  "software tests?", ids(r"testplanner"), note="the phi-2 test planner")
q("i'm going to japan for ten days, is there a model that can put together a day-by-day plan for the trip?",
  ids(r"itenar"), note="the DeepSeek-R1 fine-tune named for itineraries")
q("Given the abstract of a clinical trial, could a model say which sentences are background, which are "
  "methods and which are results?", ids(r"rct1m"),
  note="the phi-2 model that labels the sentences of trial abstracts with their heading (tags clinical "
       "trials, pubmed)")
q("We post on Instagram every day. What could write the short blurb that goes with each post?",
  ids(r"social-media-captions"), note="the Llama 2 chat model tuned on social media captions")
q("Our support page lists the same questions again and again. Is there a model tuned to answer "
  "frequently asked questions?", ids(r"faqbot"), note="the phi-2 FAQ bot")
q("Can a model solve maths word problems that are written in Chinese?", ids(r"mathqa.*chinese"),
  note="the two Llama 2 chat models tuned on MathQA in Chinese")
q("what can generate pictures of fancy plated restaurant dishes?", ids(r"fine_dining"),
  note="the Stable Diffusion 2.1 DreamBooth model of fine dining")
q("Could something make images of balloons for a party invitation?", ids(r"balloon"),
  note="the Stable Diffusion 2.1 DreamBooth model of balloons")
q("We recorded interviews in Spanish. Can anything write down what people said?",
  task("automatic-speech-recognition", keep=lambda x: "es" in languages(x)),
  note="the speech recogniser that lists Spanish")
q("Can I give a video generator the outlines of every frame, as an edge map, and have it fill in the rest?",
  ids(r"vctrl.*canny"), ids(r"vctrl"),
  note="the VCtrl models conditioned on Canny edges first; the other VCtrl control models next")
q("I have a spreadsheet of machine sensor readings, each row marked as failed or fine. Could a model "
  "learn to flag the next breakdown?", task("tabular-classification"), note="the tabular classifier")
q("On a hike I photographed plants I don't know. Could I show a photo to a model and chat with it "
  "about what I'm looking at?", task("image-text-to-text"), task("visual-question-answering"),
  note="models that take an image with text and answer in text first; the visual question answerer next")
# broad words: a whole family of tasks, not one narrow filter
q("What do you have for turning content into vectors, or for scoring how close two pieces of content are?",
  task("sentence-similarity", "feature-extraction"), task("zero-shot-image-classification"),
  note="sentence similarity and feature extraction first; the image-text matching model next")
q("Which models change something that already exists, a picture, a recording or a video, instead of "
  "making it from nothing?", task("image-to-image", "audio-to-audio") + ids(r"videopainter|sherryx/star"),
  note="image-to-image, audio-to-audio, the video inpainting and the video super-resolution models")
q("Which models can sort things into categories they were never trained on, whether texts or pictures?",
  task("zero-shot-classification", "zero-shot-image-classification"))
q("Which models write text from something that isn't text: a picture, a video or a recording?",
  task("image-to-text", "video-text-to-text", "automatic-speech-recognition", "audio-text-to-text"),
  task("image-text-to-text", "visual-question-answering", "document-question-answering"),
  note="captioning, video-to-text, speech recognition and audio-to-text first; models that take an "
       "image together with text next")
# adjectives and domains whose tag is a different word (or that only the identifier carries)
q("Anything that knows physics?", models(lambda x: "physics" in tags(x) or "dataset:camel-ai/physics" in tags(x)
                                         or "qphysics" in x["id"].lower()),
  note="tag physics, trained on CAMEL physics, or an identifier that names (quantum) physics")
q("Which models were improved by playing against earlier versions of themselves (self-play fine-tuning)?",
  ids(r"spin"), note="the two SPIN models, on phi-2 and on Gemma 7B")
q("Which models used SimPO, the preference method that needs no reference model?", ids(r"simpo"))
q("Is there a chatbot for pet owners?", ids(r"pet_code"), note="the Korean Gemma 7B model named for pets")
q("Has anyone trained a model on imageboard posts?", models(lambda x: "dataset:v2ray/4chan" in tags(x)
                                                          or "4chan" in x["id"].lower()),
  note="trained on the 4chan data or named after it")
# graph: derivatives, a quantised build, datasets, papers
q("What was derived from LG's EXAONE 3.5 32B Instruct?", derived("LGAI-EXAONE/EXAONE-3.5-32B-Instruct"))
q("Is anything built on Alibaba's I2VGen-XL?", derived("ali-vilab/i2vgen-xl"))
q("Which models start from the 70B Llama distillation of DeepSeek-R1?",
  derived("deepseek-ai/DeepSeek-R1-Distill-Llama-70B"))
q("Is there a compressed 8-bit copy of the base Jais adapted 7B, not the chat model?",
  ["PrunaAI/inceptionai-jais-adapted-7b-QUANTO-int8bit-smashed"], note="the 8-bit Quanto build")
q("Which models learned from DeepMind's programming-competition problems?", trained_on("deepmind/code_contests"))
q("Which models were fine-tuned on TIGER-Lab's MathInstruct?", trained_on("tiger-lab/mathinstruct"))
q("models trained on the Tulu 3 persona data for following instructions?",
  trained_on("allenai/tulu-3-sft-personas-instruction-following"))
q("Which models cite arXiv 2301.00774?", paper("2301.00774"))
q("Is anything in the registry tied to arXiv:2308.06259?", paper("2308.06259"))
q("show me what points to 2108.07732 on arXiv", paper("2108.07732"))
# OpenML object
q("Is there any botany data here, measurements of plants that I could classify?", [],
  task("tabular-classification"),
  note="nothing exact among Hub models: OpenML dataset 61 (iris, tagged Botany, under other) is the "
       "answer; the tabular classifier is closest")
other({("dataset", "61"): 2})
# licence families and commercial use
q("Which models carry the CreativeML OpenRAIL-M licence that came with Stable Diffusion?",
  models(lambda x: licence(x) == "creativeml-openrail-m"))
q("Is anything under BigScience's OpenRAIL-M, the general one rather than BLOOM's?",
  models(lambda x: licence(x) == "bigscience-openrail-m"))
q("Are any models released under the GNU Lesser GPL, version 3?", models(lambda x: licence(x) == "lgpl-3.0"))
q("Could we put Facebook's BART large MNLI zero-shot classifier into a product we sell?",
  ["facebook/bart-large-mnli"], note="licence concept: commercial use allowed (MIT)")
# languages by name
q("Do you have anything that understands Zulu?", speaks("zu"))
q("Which models can handle Azerbaijani?", speaks("az"))
q("swedish?", speaks("sv"))
q("Is there a model that works with Burmese?", speaks("my"))
q("I need something for Belarusian text. What is there?", speaks("be"))
# libraries
q("Which models were made by merging other models with mergekit?", tagged("mergekit", "lazymergekit"),
  tagged("merge"), note="tags mergekit or lazymergekit first; tag merge next")
q("Which models ship their own modelling code, so that I'd have to allow remote code to load them?",
  tagged("custom_code"))
q("Which models can be served with Hugging Face's Text Generation Inference?",
  tagged("text-generation-inference"))
q("Which models were trained with the diffusers training scripts?", tagged("diffusers-training"))
# size
q("What are the tiniest models you have, under 50 million parameters?", between(0, 5e7),
  note="parameter counts recorded in the snapshot")
q("anything with about a billion parameters?", between(9e8, 1.5e9),
  note="parameter counts recorded in the snapshot, 0.9 to 1.5 billion")
q("Which models are close to ten billion parameters?", between(9e9, 1.2e10),
  note="parameter counts recorded in the snapshot, 9 to 12 billion")
# combinations of two constraints
q("Which Chinese-language models are about finance?",
  models(lambda x: languages(x) == {"zh"} and "finance" in tags(x)),
  models(lambda x: "zh" in languages(x) and "finance" in tags(x)),
  note="the Chinese-only finance model first; multilingual models listing Chinese and tagged finance next")
q("Which image classifiers have fewer than 100 million parameters?",
  task("image-classification", keep=lambda x: params(x) is not None and params(x) < 1e8),
  note="parameter counts recorded in the snapshot")
q("Which phi-2 fine-tunes went through DPO?",
  derived("microsoft/phi-2", lambda x: "dpo" in tags(x) or "dpo" in x["id"].lower()),
  note="tag dpo or an identifier that says DPO")
q("Are there Gemma 7B fine-tunes that speak Korean?",
  models(lambda x: bool(GEMMA & set(bases(x))) and "ko" in languages(x)),
  note="derivatives of Gemma 7B or Gemma 7B instruct that list Korean")
q("Which DeepSeek-R1 derivatives work in Portuguese?",
  derived("deepseek-ai/DeepSeek-R1", lambda x: "pt" in languages(x)))
# things the registry does not hold: the closest records are judged
q("Is Llama 2 13B chat in the registry?", ["meta-llama/Llama-2-7b-chat-hf"], ["meta-llama/Llama-2-7b"],
  note="not held: the 7B chat model of Llama 2 is closest, the plain 7B next")
q("Do you have OpenAI's large CLIP, ViT-L/14?", ["openai/clip-vit-base-patch32"],
  note="not held: the base CLIP with 32-pixel patches is closest")
q("I'm looking for Mistral 7B Instruct v0.3. Is it here?", derived("mistralai/Mistral-7B-Instruct-v0.3"),
  ["HuggingFaceH4/zephyr-7b-beta"],
  note="not held (only named as a base): its one fine-tune is closest, Zephyr 7B beta (on Mistral 7B v0.1) next")
# names several records carry
q("What is DeepSeek-V3-bf16?", ids(r"deepseek-v3-bf16"),
  note="ambiguous: two bf16 conversions of DeepSeek-V3 by different accounts")
q("Tell me about phi-2-finetuned-gsm8k.", ids(r"phi-2-finetuned-gsm8k"),
  note="ambiguous: phi-2 fine-tunes on GSM8K of that name under three accounts")
q("what's Llama-2-7B-Chat-GGML?", ids(r"llama-2-7b-chat-ggml$"),
  note="ambiguous: two GGML builds of Llama 2 7B chat by different accounts")

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
