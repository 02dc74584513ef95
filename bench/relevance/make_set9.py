"""Write bench/relevance/set9.json: the ninth judged set, search and chat questions, frozen before any run.

Run from the repository root: python bench/relevance/make_set9.py > bench/relevance/set9.json
Written on 2026-12-07 (03:54-04:00 UTC) as a frozen, untuned check: it was written and committed
before any run of the search or the chat on it, by someone who ran neither, read no search or chat
output, no code under registry/search or registry/chat and no per-question results of any set while
writing it. The questions are put the way a researcher who does not know the records would ask, each
in a wording none of sets 1-8 uses for that item, mostly about items (models, datasets, papers,
licences, languages, libraries, bases) no earlier set names (their question texts were read only to
avoid repeating jobs, names and constraints): plain jobs in everyday words without the task's Hub
name (text, image, audio, video, tabular and multimodal), broad words that name a whole family of
tasks and must not become one narrow filter, adjectives and domains whose tag is a different word (or
that only the identifier carries), graph questions (derivatives of a named base, quantised builds of a
base, models trained on a named dataset, models linked to a paper by arXiv id, one OpenML object),
licence families and commercial use, languages by name, libraries, sizes, combinations of two
constraints, three things the registry does not hold and three names several records carry.

Judgments follow make_set3.py to make_set8.py, whose helpers are imported: a model satisfies a
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
import make_set8  # noqa: E402,F401  (fills make_set3's lists with sets 4 to 8; set 9 starts after them)
from make_set3 import BY_ID, bases, derived, languages, licence, models, tags, task  # noqa: E402
from make_set4 import ids, other, paper, q, speaks, tagged, trained_on  # noqa: E402
from make_set5 import params  # noqa: E402
from make_set7 import between  # noqa: E402

START = len(s3.Q)
LLAMA_2 = {"meta-llama/Llama-2-7b", "meta-llama/Llama-2-7b-chat-hf"}

# plain jobs in everyday words, the task's Hub name not in the question
q("A made-up story about my town is going round on social media. Could a model help me write a correction?",
  ids(r"fake-news"), note="the model tuned to clarify false news stories")
q("I teach a class and want quiz questions drawn up from a reading passage. Can a model do that?",
  ids(r"question-generation"), note="the model tuned to generate questions for education")
q("Can a model boil a scientific paper down to a single sentence?", trained_on("scitldr"),
  note="the model trained on one-sentence summaries of papers")
q("Our city hall has piles of letters and reports in Dutch. Could a model sort them by kind of document?",
  ids(r"amsterdamdocclassification"), note="the model that classifies a Dutch municipality's documents")
q("I'm moving abroad and have questions about visas and residence permits. Is there a model for that?",
  ids(r"immigration"))
q("Is there a model trained to say how sure it is that its own answer is right?", ids(r"calibration-tuning"))
q("Could a model draw little emoji-style icons for my app?", ids(r"emoji"))
q("Can a model paint in the manner of Tibetan Buddhist scroll paintings?", ids(r"thangka"))
q("I have an old, grainy low-resolution video. Can a model make it sharper and larger?", ids(r"sherryx/star"),
  note="the video super-resolution model")
q("Can a model make a clip in which an everyday object gets sliced open and turns out to be cake?",
  ids(r"cakeify"), task("text-to-video", keep=lambda x: "THUDM/CogVideoX-5b" in bases(x)),
  note="the cake-reveal effect first; the other effect clips built on the same video model satisfy it loosely")
q("My phone is full of voicemails. What could turn them into written notes?", task("automatic-speech-recognition"),
  task("audio-text-to-text"), note="speech recognisers first; the model that takes audio in and answers in text next")
q("I log our building's electricity use every hour. Can a model predict the demand over the next few days?",
  task("time-series-forecasting"), note="nothing exact: no energy model; the forecasting models are closest")
q("Given a photo of a cluttered table, can a model show a robot where to put or pick up things?",
  ids(r"robopoint"), note="the model that points to places in an image for a robot")
# broad words: a whole family of tasks, not one narrow filter
q("Which models make new media, pictures, clips or sound, rather than text?",
  task("text-to-image", "unconditional-image-generation", "text-to-video", "image-to-video", "text-to-audio",
       "text-to-speech"), task("image-to-image", "image-to-3d", "any-to-any"),
  note="generating images, video, sound and speech first; editing images, 3D and any-to-any next")
q("Which models take a picture and give back something visual, a new image, a moving clip or a 3D shape?",
  task("image-to-image", "image-to-video", "image-to-3d"), task("image-segmentation"),
  note="picture in, picture, video or 3D out first; the segmenter, whose output is a mask, next")
q("Which models work with numbers and records rather than with language, images or sound?",
  task("tabular-classification", "time-series-forecasting"), task("graph-ml", "reinforcement-learning"),
  note="tables and time series first; graphs and learning from rewards next")
q("Which models pull specific pieces of information out of the material I give them, instead of writing freely?",
  task("token-classification", "question-answering", "table-question-answering", "document-question-answering"),
  task("visual-question-answering"),
  note="tagging spans and extracting answers from text, tables and documents first; answers about pictures next")
# adjectives and domains whose tag is a different word
q("Anything for crypto traders?", models(lambda x: any("crypto" in t for t in tags(x))),
  note="the model trained on cryptocurrency market data")
q("Which models know about mobile networks and telecom standards?", ids(r"teleqna|tele-phi"),
  note="models tuned on telecom questions (TeleQnA) and the telecom challenge model")
q("Which models deal with faith and religious teaching?", ids(r"dawah|spiritgpt"))
q("Which models were trained to be more honest and not make things up?", ids(r"ogamon/.*truth"),
  note="the models tuned for truthfulness")
q("Which polyglot models cover dozens of languages at once?", models(lambda x: len(languages(x)) >= 20),
  speaks("multilingual"), note="models listing twenty or more languages first; models marked multilingual next")
# graph: derivatives, quantised builds, datasets, papers
q("Which video generators were built starting from THUDM's CogVideoX-5b?", derived("THUDM/CogVideoX-5b"))
q("What has been made from Meta's Llama 3.3 70B Instruct?", derived("meta-llama/Llama-3.3-70B-Instruct"))
q("Has anyone fine-tuned the 32B Qwen distillation of DeepSeek-R1?",
  derived("deepseek-ai/DeepSeek-R1-Distill-Qwen-32B"))
q("Can I get LG's EXAONE Deep 32B in a lower-precision form that fits on a laptop?",
  derived("LGAI-EXAONE/EXAONE-Deep-32B", lambda x: re.search(r"\d-?bit|gguf", x["id"].lower()) is not None),
  derived("LGAI-EXAONE/EXAONE-Deep-32B"),
  note="the 3- to 8-bit and GGUF builds first; the other conversions of it next")
q("Is the pruned 411B coder version of DeepSeek-R1 available as a GGUF file?",
  derived("huihui-ai/DeepSeek-R1-Pruned-Coder-411B"), ["huihui-ai/DeepSeek-R1-Pruned-Coder-411B"],
  note="its GGUF builds first; the pruned model itself next")
q("Which models learned from NovaSky's Sky-T1 reasoning data of 17 thousand examples?",
  trained_on("novasky-ai/sky-t1_data_17k"))
q("Which models were tuned on the 110k Chinese reasoning traces distilled from DeepSeek-R1?",
  trained_on("congliu/chinese-deepseek-r1-distill-data-110k"))
q("Which models were fine-tuned on the Guanaco conversations from OpenAssistant?",
  trained_on("timdettmers/openassistant-guanaco"),
  trained_on("mlabonne/guanaco-llama2-1k", "gpjt/openassistant-guanaco-llama2-format"),
  note="the original Guanaco set first; copies reformatted for Llama 2 satisfy it")
q("Which models are tied to arXiv 2412.19437?", paper("2412.19437"))
q("What points to the paper arXiv:2311.16079?", paper("2311.16079"))
# OpenML object
q("Where can I get the Titanic passenger list itself, with who lived and who died?", [],
  task("tabular-classification"),
  note="nothing exact among Hub models: OpenML dataset 40945 (Titanic, under other) is the answer; the tabular "
       "classifier is closest")
other({("dataset", "40945"): 2})
# licence families and commercial use
q("Which models are under the Artistic License?", models(lambda x: licence(x) == "artistic-2.0"))
q("Which models carry BigCode's OpenRAIL-M licence?", models(lambda x: licence(x) == "bigcode-openrail-m"))
q("Is anything released under the WTFPL?", models(lambda x: licence(x) == "wtfpl"))
q("Could my firm ship Microsoft's phi-2 inside a product it charges for?",
  ["microsoft/phi-2"],
  note="licence concept: commercial use allowed (MIT)")
# languages by name
q("Which models work in Marathi?", speaks("mr"))
q("Do you have anything for Gujarati?", speaks("gu"))
q("Is there a model that handles Nepali?", speaks("ne"))
q("Which models know Hungarian?", speaks("hu"))
q("Anything for Afrikaans speakers?", speaks("af"))
# libraries
q("Which models were fine-tuned with Unsloth?", tagged("unsloth"))
q("Which models were trained with the Axolotl fine-tuning tool?", tagged("axolotl"))
q("Which models came out of LLaMA-Factory?", tagged("llama-factory"))
q("Which models ship an ONNX export?", tagged("onnx"))
# size
q("Which models have roughly seven billion parameters?", between(6.5e9, 7.5e9),
  note="parameter counts recorded in the snapshot, 6.5 to 7.5 billion")
q("Which models are truly enormous, above 500 billion parameters?", between(5e11, float("inf")),
  note="parameter counts recorded in the snapshot")
q("Which models have between 50 and 100 million parameters?", between(5e7, 1e8),
  note="parameter counts recorded in the snapshot")
# combinations of two constraints
q("Which text-to-video models can I load with diffusers?",
  task("text-to-video", keep=lambda x: x.get("library_name") == "diffusers"))
q("Which Korean-capable models have fewer than 10 billion parameters?",
  models(lambda x: "ko" in languages(x) and params(x) is not None and params(x) < 1e10),
  note="parameter counts recorded in the snapshot")
q("Which translation models cover Arabic?", task("translation", keep=lambda x: "ar" in languages(x)))
q("Which Apache-licensed text generators can I serve with vLLM?",
  task("text-generation", keep=lambda x: x.get("library_name") == "vllm" and licence(x) == "apache-2.0"))
q("Which text-to-image models take prompts in Chinese?",
  task("text-to-image", keep=lambda x: "zh" in languages(x)))
# things the registry does not hold: the closest records are judged
q("Is Salesforce's BLIP-2 in the registry?", ["Salesforce/blip-image-captioning-base"], task("image-text-to-text"),
  note="not held: Salesforce's first BLIP captioner is closest, the image-and-text chat models next")
q("Do you have LLaVA?", task("image-text-to-text"), tagged("llava_llama"),
  note="not held: the image-and-text chat models are closest, a model built with LLaVA's code next")
q("Can I find Meta's Code Llama here?",
  models(lambda x: bool(set(bases(x)) & LLAMA_2) and ("code" in tags(x) or "code" in x["id"].lower())),
  task("text-generation", keep=lambda x: "code" in tags(x)),
  note="not held: Llama 2 fine-tunes named or tagged for code are closest, other text generators tagged code next")
# names several records carry
q("What is RoGemma?", ids(r"rogemma"), note="ambiguous: three Romanian Gemma 7B instruct models by OpenLLM-Ro")
q("Tell me about dogbooth.", ids(r"dogbooth"),
  note="ambiguous: many people's own DreamBooth fine-tunes of Stable Diffusion 2.1 carry the name")
q("What is medalpaca?", ids(r"medalpaca"),
  note="ambiguous: eleven Llama 2 chat fine-tunes by one author, one per area of medicine, carry the name")

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
