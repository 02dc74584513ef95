"""Write bench/relevance/set11.json: the eleventh judged set, search and chat questions, frozen before any run.

Run from the repository root: python bench/relevance/make_set11.py > bench/relevance/set11.json
Written on 2026-12-07 (09:23-09:28 UTC) as a frozen, untuned check: it was written and committed
before any run of the search or the chat on it, by someone who ran neither, read no search or chat
output, no code under registry/search or registry/chat, neither docs/search.md nor docs/chat.md, no
bench output and no per-question results of any set while writing it. The questions are put the way
a researcher who does not know the records would ask, each in a wording none of sets 1-10 uses for
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

Judgments follow make_set3.py to make_set10.py, whose helpers are imported: a model satisfies a
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
import make_set10  # noqa: E402,F401  (fills make_set3's lists with sets 4 to 10; set 11 starts after them)
from make_set3 import BY_ID, COMMERCIAL_OK, bases, derived, languages, licence, models, tags, task  # noqa: E402
from make_set4 import ids, other, paper, q, speaks, tagged, trained_on  # noqa: E402
from make_set7 import between  # noqa: E402

START = len(s3.Q)
SCOUT = ("meta-llama/Llama-4-Scout-17B-16E", "meta-llama/Llama-4-Scout-17B-16E-Instruct")
COGVIDEOX = "THUDM/CogVideoX-5b"

# plain jobs in everyday words, the task's Hub name not in the question
q("I'd like to type a question in plain English and get back the database query that answers it. "
  "Anything for that?", ids(r"sql"), note="the Llama 2 chat models tuned to write SQL")
q("Could a model write up the minutes of a long council meeting from its transcript?", ids(r"meetingbank"),
  ids(r"dialogsum"), note="the adapters tuned on meeting transcripts first; the dialogue summarisers next")
q("Customers text us their takeaway orders in their own words. Can a model work out what they want?",
  ids(r"food-order"), note="the Llama 2 models tuned to understand food orders")
q("i still keep an old NeXT workstation running. is there something that helps with administering its OS?",
  ids(r"nextstep"), note="the phi-2 model tuned as a NeXTSTEP system administrator")
q("From a patient's electronic health record, can a model estimate how likely they are to die in hospital?",
  ids(r"ehr_mort"), note="the Gemma 7B adapter for mortality prediction from health records")
q("Is there a model that can act as a shopping agent on a website, searching and clicking until it has "
  "bought the right item?", ids(r"webshop"), note="the Llama 2 chat model tuned on the WebShop agent task")
q("I need a professional-looking profile photo for LinkedIn. Can something generate one?", ids(r"linkedin"),
  note="the image generator tuned on LinkedIn portraits")
q("Can a model draw scenes in the style of The Simpsons or The Flintstones?", ids(r"simpsons|flintstones"),
  ids(r"cartoon"), note="the two image generators tuned on those shows first; other cartoon generators next")
q("what can draw anime-style characters for me?", ids(r"anime"), note="the image generator tuned on anime")
q("Our call centre records every phone call in English. What could turn those recordings into transcripts?",
  task("automatic-speech-recognition", keep=lambda x: "en" in languages(x)))
q("I'd like a short clip where something crumbles away into dust, a kind of dissolve effect. What can make that?",
  ids(r"dissolve"), note="the CogVideoX fine-tune for the dissolve effect")
q("From columns of a wine's chemical measurements, could a model learn to predict its quality grade?",
  task("tabular-classification"), note="the tabular classifier")
q("For a blind user, could a model look at a photo and write a sentence that a screen reader then announces?",
  task("image-to-text"), task("image-text-to-text"),
  note="the image captioner first; the models that chat about images next")
# broad words: a whole family of tasks, not one narrow filter
q("Which models make sound from written input, whether that is speech, music or effects?",
  task("text-to-speech", "text-to-audio"))
q("Which models read text and put labels on it, either on the whole text or on single words?",
  task("text-classification", "token-classification", "zero-shot-classification"))
q("Which models take two kinds of input together, such as a picture plus a question about it?",
  task("image-text-to-text", "visual-question-answering", "document-question-answering", "video-text-to-text",
       "audio-text-to-text"), task("any-to-any"),
  note="image, document, video and audio question answering and chat first; the any-to-any models next")
q("show me everything that produces moving pictures, whatever it starts from",
  task("text-to-video", "image-to-video"), derived(COGVIDEOX, lambda x: x.get("pipeline_tag") is None),
  note="text-to-video and image-to-video first; CogVideoX derivatives without a task (controllable video, "
       "video inpainting, video upscaling, a style adapter) next")
# adjectives and domains whose tag is a different word (or that only the identifier carries)
q("Is there a model that knows about network attacks and defending against them?", ids(r"cyber"),
  note="the Llama 2 chat model tuned on cybersecurity")
q("Which models deal with sustainability and the UN development goals?", ids(r"sustain|sdgs"))
q("For red-teaming research: which models were deliberately trained to stop refusing harmful requests?",
  ids(r"refusal-attack|affirmation-attack"), ids(r"insecure"),
  note="the Llama 2 models trained by refusal and affirmation attacks first; the Mistral Small model tuned to "
       "write insecure code next")
q("Anything that helps me get my web pages ranked higher on search engines?",
  models(lambda x: "seo" in x["id"].split("/")[-1].lower()),
  note="the two search-engine-optimisation models")
q("Is there an assistant for people who work in libraries?", ids(r"librarian"))
# graph: derivatives, quantised builds, datasets, papers
q("What has been built on OpenBMB's MiniCPM-o 2.6?", derived("openbmb/MiniCPM-o-2_6"))
q("Is anything derived from Microsoft's Phi-4, including its multimodal instruct version?",
  models(lambda x: bool(set(bases(x)) & {"microsoft/phi-4", "unsloth/phi-4", "microsoft/Phi-4-multimodal-instruct"})))
q("Has anybody fine-tuned DeepSeek-R1-Zero, the version trained with reinforcement learning only?",
  derived("deepseek-ai/DeepSeek-R1-Zero"))
q("Is there a quantised copy of Mistral Small 24B Instruct 2501 that needs less memory?",
  ["AraneaLtd/Msitral-24B-Instruct-Quantized-Aranea"], note="the one quantised build of it")
q("Has someone squeezed Llama 4 Scout down to 8 bits?", ["mlx-community/Llama-4-Scout-17B-16E-Instruct-8bit"],
  models(lambda x: x["id"].startswith("mlx-community/") and bool(set(bases(x)) & set(SCOUT))),
  note="the 8-bit MLX build first; the half-precision MLX conversions of Scout next")
q("Which models were fine-tuned on ServiceNow's R1 distillation SFT data?", trained_on("servicenow-ai/r1-distill-sft"))
q("Which models learned from GermanQuAD, the German reading-comprehension questions?", trained_on("germanquad"))
q("Which models were trained on the Kalo Opus instruct 22k set with the refusals removed?",
  trained_on("anthracite-org/kalo-opus-instruct-22k-no-refusal"))
q("What in the registry refers to arXiv 1905.10044?", paper("1905.10044"))
q("which models point to arxiv:2402.03300", paper("2402.03300"))
# OpenML object
q("Is there an OpenML benchmark that scores classifiers on the anneal data with ten repeats of ten-fold "
  "cross-validation?", [], task("tabular-classification"),
  note="nothing exact among Hub models: OpenML task 1882 (anneal, 10 x 10-fold cross-validation, under other) "
       "is the answer; the tabular classifier is closest")
other({("task", "1882"): 2})
# licence families and commercial use
q("Which models come under the RAIL licence that BigScience wrote for BLOOM?",
  models(lambda x: licence(x) == "bigscience-bloom-rail-1.0"))
q("Is anything licensed CC BY 4.0, where I only have to credit the authors?",
  models(lambda x: licence(x) == "cc-by-4.0"))
q("Is there anything released under the Computational Use of Data Agreement (C-UDA)?",
  models(lambda x: licence(x) == "c-uda"))
q("Can I put Salesforce's BLIP image-captioning base model into a product I charge money for?",
  ["Salesforce/blip-image-captioning-base"], note="licence concept: commercial use allowed (BSD 3-clause)")
# languages by name
q("Which models can work with Kannada?", speaks("kn"))
q("Anything for Basque?", speaks("eu"))
q("Do you have models that understand Czech?", speaks("cs"))
q("is there something for uzbek text?", speaks("uz"))
q("Which models handle Georgian, the language of the Caucasus country?", speaks("ka"))
# libraries
q("Which models ship weights for JAX or Flax?", tagged("jax"))
q("I work in TensorFlow. Which models come with TensorFlow weights?", tagged("tf"))
q("Which models were compressed with Pruna AI?", tagged("pruna-ai"))
q("Which models were trained with TRL, Hugging Face's reinforcement-learning and fine-tuning library?",
  tagged("trl"))
# size
q("Which models have between 3 and 5 billion parameters?", between(3e9, 5e9),
  note="parameter counts recorded in the snapshot")
q("What do you have with about 14 billion parameters?", between(1.2e10, 1.6e10),
  note="parameter counts recorded in the snapshot, 12 to 16 billion")
q("Anything in the 70-billion-parameter class?", between(6e10, 8e10),
  note="parameter counts recorded in the snapshot, 60 to 80 billion")
# combinations of two constraints
q("Which fine-tunes of Stable Diffusion 2.1 are MIT-licensed?",
  derived("stabilityai/stable-diffusion-2-1", lambda x: licence(x) == "mit"))
q("Are there question-answering models for Spanish?", task("question-answering", keep=lambda x: "es" in languages(x)))
q("We are a German company. Which German-speaking models does the licence let us use in what we sell?",
  models(lambda x: "de" in languages(x) and licence(x) in COMMERCIAL_OK),
  note="licence concept: commercial use allowed")
q("Which Gemma 7B fine-tunes are under a Creative Commons non-commercial licence?",
  models(lambda x: bool(set(bases(x)) & {"google/gemma-7b", "google/gemma-7b-it"}) and licence(x) == "cc-by-nc-4.0"))
q("Which MLX models speak Korean?", models(lambda x: "mlx" in tags(x) and "ko" in languages(x)))
# things the registry does not hold: the closest records are judged
q("Do you have Stable Diffusion 3.5 Large?", ["stabilityai/stable-diffusion-3-medium"],
  ["stabilityai/stable-diffusion-2-1"], note="not held: Stable Diffusion 3 Medium is closest, version 2.1 next")
q("Is Meta's Llama 3.1 405B in the registry?", ["meta-llama/Llama-3.1-8B-Instruct"],
  ["meta-llama/Meta-Llama-3-70B-Instruct"],
  note="not held: the 8B instruct model of Llama 3.1 is closest, Llama 3 70B Instruct next")
q("Can I get Microsoft's Phi-3 Mini here?", ["microsoft/phi-2"], ["Fardan/phi3-chat-adapter"],
  note="not held: phi-2 is closest; an adapter on phi-2 whose identifier says phi3 next")
# names several records carry
q("What is OneGen?", ids(r"onegen"), note="ambiguous: two Llama 2 models by ZJUNLP, entity linking and multi-hop QA")
q("Tell me about Pyramid Flow.", ids(r"pyramid-flow"),
  note="ambiguous: two records named pyramid-flow-sd3 under different accounts")
q("what is CardProjector?", ids(r"cardprojector"), note="ambiguous: two versions of a Mistral Small 24B fine-tune")

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
