"""Write bench/relevance/set8.json: the eighth judged set, search and chat questions, frozen before any run.

Run from the repository root: python bench/relevance/make_set8.py > bench/relevance/set8.json
Written on 2026-12-07 (00:58-01:03 UTC) as a frozen, untuned check: it was written and committed
before any run of the search or the chat on it, by someone who ran neither, read no search or chat
output, no code under registry/search or registry/chat and no per-question results of any earlier
set while writing it. The questions are put the way a researcher who does not know the records would
ask, each in a wording none of sets 1-7 uses for that item (their question texts were read only to
avoid repeating jobs, names and constraints): plain jobs in everyday words without the task's Hub
name (text, image, audio, video, tabular and multimodal), broad words that name a whole family of
tasks and must not become one narrow filter, adjectives and domains whose tag is a different word (or
that only the identifier carries), graph questions (derivatives of a named base, quantised builds of a
base, models trained on a named dataset, models linked to a paper by arXiv id, one OpenML object),
licence families and commercial use, languages by name, libraries, sizes, combinations of two
constraints, three things the registry does not hold and two names several records carry.

Judgments follow make_set3.py to make_set7.py, whose helpers are imported: a model satisfies a
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
import make_set7  # noqa: E402,F401  (fills make_set3's lists with sets 4 to 7; set 8 starts after them)
from make_set3 import BY_ID, COMMERCIAL_OK, derived, languages, licence, models, tags, task  # noqa: E402
from make_set4 import ids, library, other, paper, q, speaks, tagged, trained_on  # noqa: E402
from make_set5 import params  # noqa: E402
from make_set7 import between, low_bit  # noqa: E402

START = len(s3.Q)

# plain jobs in everyday words, the task's Hub name not in the question
q("Can a model point out the spots in source code where a programmer admits to a quick hack they meant to fix "
  "later?", ["NamCyan/phi-2-technical-debt-code-tesoro"])
q("I keep a diary of my spending. Could a model file each entry under a budget heading?",
  ["BSE-NLP/Venzuela_PersonalFinance_Classifier"],
  task("text-classification", keep=lambda x: "finance" in tags(x)),
  note="the personal-finance classifier first; other text classifiers tagged finance satisfy it")
q("I have sentences in the Otomi language. Can something put them into Spanish?",
  ["alexpineda97/traductor_otoesp"])
q("From one still picture, can a model build a 3D scene that also changes over time?", ["Yuyang-z/genxd"],
  task("image-to-3d"), note="the 3D-and-4D generator first; other picture-to-3D models satisfy it")
q("I have a rough line sketch. What can paint a finished picture that keeps to its outlines?",
  ids(r"controlnet"), note="the ControlNet records, which condition an image generator on edges or sketches")
q("Which model could narrate my e-book so I can listen to it as an audiobook?", task("text-to-speech"),
  derived("hexgrad/Kokoro-82M"), note="voice generators first; builds on the Kokoro voice model satisfy it")
q("Can a model make a clip that looks like plasticine stop-motion, in the Wallace and Gromit style?",
  ["Cseti/CogVideoX-LoRA-Wallace_and_Gromit"])
q("Given a table of loan applicants' figures, can a model guess who will pay back?",
  task("tabular-classification"),
  note="nothing exact: no credit-scoring model; the tabular classifier (tagged finance) is closest")
q("I need made-up user profiles for testing a product. Can a model invent people with backgrounds and habits?",
  ["danlou/persona-generator-llama-2-7b-qlora-merged"])
q("Is there a model tuned to come up with memorable one-line quotations?",
  ["vineetsharma/qlora-gpt-neox-20b-english_quotes"])
q("Which model could help a dental practice, for example by sorting patient messages?", ids(r"dentist"),
  note="the model named for dentists (a text classifier)")
q("Can I paste a screenshot of a chart into a chat and talk it through with a model?",
  task("image-text-to-text"), task("visual-question-answering"),
  note="chat models that take an image with the text first; the visual question answerer satisfies it")
q("Is there a model that reviews a draft answer, says what is wrong with it and then writes a better one?",
  ids(r"wadhma/(critique|refine)"), note="the critique and refine models")
# broad words: a whole family of tasks, not one narrow filter
q("What do you have that works out what a picture contains, rather than making pictures?",
  task("image-classification", "object-detection", "image-segmentation", "zero-shot-image-classification",
       "image-to-text", "visual-question-answering"),
  task("image-text-to-text", "document-question-answering"),
  note="labelling, locating, segmenting, captioning and answering about images first; image chat and document "
       "reading next")
q("Anything that answers questions, whatever form the source material takes?",
  task("question-answering", "table-question-answering", "document-question-answering",
       "visual-question-answering"), task("video-text-to-text", "audio-text-to-text"),
  note="answering from text, tables, documents and pictures first; video and audio question answering next")
q("Which models put things into categories, whether text, images, sound or table rows?",
  task("text-classification", "image-classification", "audio-classification", "zero-shot-classification",
       "tabular-classification", "zero-shot-image-classification"), task("token-classification"),
  note="every kind of classification first; labelling single words satisfies it")
q("Which models carry content from one medium into another, such as words into pictures or speech into text?",
  task("text-to-image", "image-to-text", "text-to-speech", "automatic-speech-recognition", "text-to-video",
       "image-to-video", "text-to-audio", "image-to-3d"),
  task("image-text-to-text", "visual-question-answering", "video-text-to-text", "audio-text-to-text",
       "any-to-any", "document-question-answering"),
  note="one-way conversions between media first; models that take two media in satisfy it")
# adjectives and domains whose tag is a different word
q("Which models were taught on artificially generated training examples?", tagged("synthetic data"))
q("Which models can reply in a strict machine-readable format that my program parses?", tagged("json mode"),
  tagged("function calling", "function-calling", "tool-calling"),
  note="the JSON-mode model first; models for function or tool calls satisfy it")
q("Is there a model that judges whether two passages are on the same subject?",
  tagged("topic-relatedness", "semantic-relatedness"), task("sentence-similarity"),
  note="the topic-relatedness model first; other sentence-similarity models satisfy it")
q("Anything culinary, for recipes and the kitchen?", ids(r"cooking"))
q("Which models know about workplace comfort and office furniture?", tagged("ergonomie+au+travail",
                                                                             "mobilier+de+bureau"))
# graph: derivatives, quantised builds, datasets, papers
q("Has anyone built something on top of xAI's Grok-1?", derived("xai-org/grok-1"))
q("What descends from Arcee's Blitz model?", derived("arcee-ai/Arcee-Blitz"))
q("Which models start from the instruction-tuned Gemma 7B rather than the base one?",
  derived("google/gemma-7b-it"))
q("Can I get DeepSeek-R1 as a GGUF or other low-bit file?", low_bit("deepseek-ai/DeepSeek-R1"))
q("Is there a quantised file of Gemma 7B instruct for llama.cpp?", low_bit("google/gemma-7b-it"))
q("Which models learned from the OpenR1 maths set of 220 thousand problems?",
  trained_on("open-r1/openr1-math-220k"))
q("Which models were fine-tuned on the Deita 10k instruction selection?",
  trained_on("huggingfaceh4/deita-10k-v0-sft"))
q("Which models used the small s1K set of hard reasoning questions?", trained_on("simplescaling/s1k"))
q("Which models were taught maths with the FineMath web pages?", trained_on("huggingfacetb/finemath"))
q("Which models cite arXiv 1910.13461?", paper("1910.13461"))
q("What refers to the paper arXiv:2406.18266?", paper("2406.18266"))
# OpenML object
q("Are there any experiment results recorded with a Weka classifier?", [], task("tabular-classification"),
  note="nothing exact among Hub models: OpenML run 100 (a Weka Bayesian network, under other) is the answer; the "
       "tabular classifier is closest")
other({("run", "100"): 2})
# licence families and commercial use
q("Which models fall under the Llama 2 community licence?", models(lambda x: licence(x) == "llama2"))
q("Which models could a start-up build into a paid app without licence trouble?",
  models(lambda x: licence(x) in COMMERCIAL_OK), note="licence concept: commercial use allowed")
q("Which models use the Academic Free License?", models(lambda x: licence(x) == "afl-3.0"))
q("Is anything released under the Microsoft Public License?", models(lambda x: licence(x) == "ms-pl"))
# languages by name
q("Which models can deal with Russian?", speaks("ru"))
q("Is there something for Italian speakers?", speaks("it"))
q("Do you hold anything in Telugu?", speaks("te"))
q("Which models know Turkish?", speaks("tr"))
q("Anything that handles Ukrainian?", speaks("uk"))
# libraries
q("Which models were made with the Asteroid toolkit?", library("asteroid"), tagged("asteroid"))
q("Is there anything trained with SetFit, the few-shot sentence-transformer method?", library("setfit"),
  tagged("setfit"))
q("Which models come from NVIDIA's Megatron-LM framework?", library("megatron-lm"), tagged("megatron-lm"))
q("Which models load through Hugging Face's diffusers pipelines?", library("diffusers"), tagged("diffusers"))
# size
q("Which models are in the 5 to 10 billion parameter range?", between(5e9, 1e10),
  note="parameter counts recorded in the snapshot")
q("Which models sit between 10 and 30 billion parameters?", between(1e10, 3e10),
  note="parameter counts recorded in the snapshot")
q("Which models have a few hundred million parameters, between 100 million and one billion?",
  between(1e8, 1e9), note="parameter counts recorded in the snapshot")
# combinations of two constraints
q("Which Russian models sort texts into classes?",
  task("text-classification", keep=lambda x: "ru" in languages(x)))
q("Which MIT-licensed text generators have fewer than 3 billion parameters?",
  task("text-generation", keep=lambda x: licence(x) == "mit" and params(x) is not None and params(x) < 3e9),
  note="parameter counts recorded in the snapshot")
q("Which question-answering models understand Hindi?",
  task("question-answering", keep=lambda x: "hi" in languages(x)))
q("Is there a voice model that reads Urdu aloud?", task("text-to-speech", keep=lambda x: "ur" in languages(x)),
  task("text-to-speech"), note="the Urdu voice generator first; other text-to-speech models are closest")
q("Which fine-tunes of Llama 2 7B chat are MIT-licensed?",
  derived("meta-llama/Llama-2-7b-chat-hf", lambda x: licence(x) == "mit"))
# things the registry does not hold: the closest records are judged
q("Do you have Mistral's Codestral?", task("text-generation", keep=lambda x: "code" in tags(x)),
  note="not held: the text generators tagged code are closest")
q("Is Meta's MusicGen here?", task("text-to-audio"), tagged("music"),
  note="not held: the text-to-audio models are closest, models tagged music next")
q("Can I find Qwen2-VL in the registry?", task("image-text-to-text"), task("visual-question-answering"),
  note="not held: the image-and-text chat models are closest, the visual question answerer next")
# names several records carry
q("What is Meditron?", ["epfl-llm/meditron-7b"], ids(r"meditron"),
  note="ambiguous: EPFL's own Meditron 7B first; the many fine-tunes and builds named meditron next")
q("Tell me about Mullein.", ids(r"mullein"), note="ambiguous: three Mullein models, each a Mistral Small build")

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
