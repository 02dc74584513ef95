"""Write bench/relevance/set10.json: the tenth judged set, search and chat questions, frozen before any run.

Run from the repository root: python bench/relevance/make_set10.py > bench/relevance/set10.json
Written on 2026-12-07 (06:35-06:39 UTC) as a frozen, untuned check: it was written and committed
before any run of the search or the chat on it, by someone who ran neither, read no search or chat
output, no code under registry/search or registry/chat, neither docs/search.md nor docs/chat.md, no
bench output and no per-question results of any set while writing it. The questions are put the way
a researcher who does not know the records would ask, each in a wording none of sets 1-9 uses for
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

Judgments follow make_set3.py to make_set9.py, whose helpers are imported: a model satisfies a
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
import make_set9  # noqa: E402,F401  (fills make_set3's lists with sets 4 to 9; set 10 starts after them)
from make_set3 import BY_ID, COMMERCIAL_OK, bases, derived, languages, licence, models, tags, task  # noqa: E402
from make_set4 import ids, library, other, paper, q, speaks, tagged, trained_on  # noqa: E402
from make_set7 import between  # noqa: E402

START = len(s3.Q)
LLAMA_2_CHAT = "meta-llama/Llama-2-7b-chat-hf"
SHRUNK = r"ggml|gguf|8-?bit|4-?bit|int4|int8|awq|gptq|quant"

# plain jobs in everyday words, the task's Hub name not in the question
q("I get hundreds of CVs for every opening. Is there a model that can go through them for me?",
  ids(r"resume"), note="the resume analyser")
q("can a model tell me when a piece of text is just keyboard mashing and not real words?", ids(r"gibberish"),
  note="the gibberish detector")
q("Could something suggest catchy names for the videos I post on my channel?", ids(r"youtube-title"),
  note="the video title generator")
q("Some weed I've never seen is spreading in my garden in Texas. Is there a chatbot that knows about "
  "plant species that don't belong here?", ids(r"invasive-plant"),
  note="the chatbot tuned on questions about invasive plants in the USA")
q("Has anyone trained a model to answer in the voice of a former US president, from his interviews?",
  ids(r"trump"), note="the Llama 2 chat model tuned on interview transcripts")
q("My search engine returns fifty hits per query. What could put the best-fitting ones at the top?",
  tagged("reranker"), note="the reranking model")
q("I have a table of sales figures and want to type a question and get the cell that answers it. Possible?",
  task("table-question-answering"))
q("Could a model dream up kanji characters that don't exist but look convincing?", ids(r"kanji"),
  note="the image generator tuned on Japanese kanji")
q("We need more brain scan images to train a classifier, but patient data is scarce. Can a model make "
  "synthetic ones?", ids(r"mri-sd"), note="the image generator tuned on brain MRI (OASIS)")
q("From a voice recording, can a model guess whether the speaker is a man or a woman?", ids(r"gender-recognition"),
  task("audio-classification"), note="the speaker gender classifier first; other sound classifiers next")
q("Two people talk over each other in my recording. Is there something that pulls their voices apart "
  "into separate tracks?", ids(r"sepformer"), note="the speech separation model")
q("I have a still photo of a waterfall and would like it to move, like a short clip. What can do that?",
  task("image-to-video"), ids(r"i2v"),
  note="image-to-video models first; the controllable video models whose identifier says I2V next")
q("Given a scan of an invoice, can I ask a model what the total due is?", task("document-question-answering"),
  note="models that answer questions about document images")
# broad words: a whole family of tasks, not one narrow filter
q("What do you have that looks at a picture and answers in words?",
  task("image-to-text", "image-text-to-text", "visual-question-answering", "document-question-answering"),
  task("video-text-to-text"),
  note="captioning, image chat and question answering over pictures and documents first; video-to-text next")
q("Which models label pieces of their input, single words in a sentence or regions in a photo, rather than "
  "the whole thing?", task("token-classification", "object-detection", "image-segmentation"))
q("Which models take a sound recording as input, whatever they then do with it?",
  task("automatic-speech-recognition", "audio-classification", "audio-to-audio", "audio-text-to-text"))
q("list the models that go from a written prompt to something you look at, still or moving",
  task("text-to-image", "text-to-video"), task("any-to-any"),
  note="text-to-image and text-to-video first; the any-to-any models that also draw next")
# adjectives and domains whose tag is a different word (or that only the identifier carries)
q("Anything for gamers?", ids(r"videogames|genshin"), ids(r"crossyroadgame"),
  note="the video-game screenshot classifier and the model named after a game first; a model whose "
       "identifier names a browser game next")
q("Is there a model that knows its way around DevOps, CI pipelines and deployment?", ids(r"devops"))
q("Which models are meant for emotional support or mental wellbeing?", ids(r"emotional|mental"))
q("Has anyone trained a model on corporate e-mail with the personal details scrubbed out?", ids(r"enron"),
  note="the Llama 2 model trained on the scrubbed Enron mails")
q("Which models write Traditional Chinese the way it is used in Taiwan?", tagged("traditional-chinese"),
  note="the reasoning model tuned for Taiwanese Mandarin (zh-TW)")
# graph: derivatives, quantised builds, datasets, papers
q("What has been fine-tuned or merged from Mistral's Small 24B base checkpoint of January 2025?",
  derived("mistralai/Mistral-Small-24B-Base-2501"))
q("Which checkpoints were trained further from tsavage68's chat_600STEPS_1e8rate_SFT?",
  derived("tsavage68/chat_600STEPS_1e8rate_SFT"))
q("Is there anything built on the March 2025 update of DeepSeek-V3 (V3-0324)?",
  derived("deepseek-ai/DeepSeek-V3-0324"))
q("I'd like Stable Diffusion 2.1 in an 8-bit OpenVINO build for my Intel CPU. Does one exist?",
  ["labaispeak/stable-diffusion-2-1-openvino-int8"], ["piimaila/stable-diffusion-2-1-openvino"],
  note="the 8-bit OpenVINO build first; the full-precision OpenVINO export next")
q("Are there 4-bit, 8-bit or GGML builds of Llama 2 7B chat?",
  derived(LLAMA_2_CHAT, lambda x: re.search(SHRUNK, x["id"].lower() + " " + " ".join(sorted(tags(x)))) is not None)
  + ["TheBloke/Llama-2-7B-Chat-GGML", "vicky4s4s/Llama-2-7B-Chat-GGML"],
  ["ThisIs-Developer/Llama-2-GGML-Medical-Chatbot"],
  note="quantised builds and fine-tunes of it first (identifier or tags say so); a medical chatbot built on a "
       "GGML build next")
q("Which models were tuned on the 200k UltraChat dialogues?", trained_on("huggingfaceh4/ultrachat_200k"))
q("Show me models fine-tuned on the Dolly 15k instructions.", trained_on("philschmid/dolly-15k-oai-style"))
q("Which image generators learned from the LAION art subset?", trained_on("fantasyfish/laion-art"))
q("Which models come with arXiv 2210.11416?", paper("2210.11416"))
q("anything linked to arXiv paper 2410.05954?", paper("2410.05954"))
# OpenML object
q("Is there a recorded scikit-learn setup that shrinks the features with a truncated SVD before it classifies?",
  [], task("tabular-classification"),
  note="nothing exact among Hub models: OpenML flow 4253 (a scikit-learn pipeline with truncated SVD, under "
       "other) is the answer; the tabular classifier is closest")
other({("flow", "4253"): 2})
# licence families and commercial use
q("Which models are released under the Mozilla Public License?", models(lambda x: licence(x) == "mpl-2.0"))
q("Is anything under the Boost Software License?", models(lambda x: licence(x) == "bsl-1.0"))
q("Which models are share-alike, so that anything I derive must carry the same licence?",
  models(lambda x: licence(x) == "cc-by-sa-4.0"), note="CC BY-SA 4.0")
q("Our start-up wants to run EleutherAI's GPT-NeoX-20B behind a paid API. Does its licence allow that?",
  ["EleutherAI/gpt-neox-20b"], note="licence concept: commercial use allowed (Apache 2.0)")
# languages by name
q("Is there anything that speaks Cantonese?", speaks("yue"))
q("Which models can handle Romanian?", speaks("ro"))
q("finnish models?", speaks("fi"))
q("Do you have something for Mongolian?", speaks("mn"))
q("Which models cover Khmer, the language of Cambodia?", speaks("km"))
# libraries
q("Which models were built with BERTopic?", library("bertopic"))
q("I'm on an Apple-silicon Mac. Which models come converted for MLX?", tagged("mlx"))
q("Which models were trained through Hugging Face AutoTrain?", tagged("autotrain"))
q("Which models can I serve with Text Embeddings Inference?", tagged("text-embeddings-inference"))
# size
q("Which models are in the 24-billion-parameter class?", between(2.2e10, 2.6e10),
  note="parameter counts recorded in the snapshot, 22 to 26 billion")
q("What do you have at around 32 billion parameters?", between(3e10, 4e10),
  note="parameter counts recorded in the snapshot, 30 to 40 billion")
q("Which models have between 200 and 500 million parameters?", between(2e8, 5e8),
  note="parameter counts recorded in the snapshot")
# combinations of two constraints
q("Which text generators can write Portuguese?", task("text-generation", keep=lambda x: "pt" in languages(x)))
q("Are there text-to-image models under Apache 2.0?", task("text-to-image", keep=lambda x: licence(x) == "apache-2.0"))
q("Which question-answering models were fine-tuned from Llama 2 7B chat?",
  task("question-answering", keep=lambda x: LLAMA_2_CHAT in bases(x)))
q("We'd like a Hindi model for a product we sell. Which ones does the licence permit?",
  models(lambda x: "hi" in languages(x) and licence(x) in COMMERCIAL_OK),
  note="licence concept: commercial use allowed")
q("Which text classifiers run on fastai or Flair?",
  task("text-classification", keep=lambda x: x.get("library_name") in ("fastai", "flair")))
# things the registry does not hold: the closest records are judged
q("Do you have Stable Diffusion 1.5?", ["CompVis/stable-diffusion-v1-4"], ["stabilityai/stable-diffusion-2-1"],
  note="not held: version 1.4 is closest, version 2.1 next")
q("Is OpenAI's DALL-E 3 available here?", task("text-to-image", keep=lambda x: not bases(x)), task("text-to-image"),
  note="not held: the general text-to-image models that start from no base are closest, their fine-tunes next")
q("I'm looking for Mixtral 8x7B. Is it here?", models(lambda x: "mixtral" in tags(x)),
  tagged("mixture of experts", "moe"),
  note="not held: the fine-tune of Mixtral 8x22B is closest, other mixture-of-experts models next")
# names several records carry
q("What is LLaMat?", ids(r"llamat"), note="ambiguous: three Llama 2 models for materials science by one group")
q("Tell me about VCtrl.", ids(r"vctrl"),
  note="ambiguous: seven controllable video models by PaddleMIX (edges, masks and poses)")
q("what is ChatTime?", ids(r"chattime"), note="ambiguous: the base and the chat version of a time-series model")

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
