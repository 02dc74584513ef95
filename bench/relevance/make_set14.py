"""Write bench/relevance/set14.json: the fourteenth judged set, search and chat questions, frozen before any run.

Run from the repository root: python bench/relevance/make_set14.py > bench/relevance/set14.json
Written on 2026-12-07 (18:30-18:41 UTC) as a frozen, untuned check: it was written and committed
before any run of the search or the chat on it, by someone who ran neither, read no search or chat
output, no code under registry/search or registry/chat, neither docs/search.md nor docs/chat.md, no
bench output, no per-question results of any set and no notes other than the brief for this set
while writing it. The questions are put the way a researcher who does not know the records would
ask, each in a wording none of sets 1-13 uses for that item, mostly about items (models, datasets,
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

Judgments follow make_set3.py to make_set13.py, whose helpers are imported: a model satisfies a
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
import make_set13  # noqa: E402,F401  (fills make_set3's lists with sets 4 to 13; set 14 starts after them)
from make_set3 import BY_ID, derived, languages, licence, models, tags, task  # noqa: E402
from make_set4 import ids, other, paper, q, speaks, tagged, trained_on  # noqa: E402
from make_set5 import params  # noqa: E402
from make_set7 import between  # noqa: E402

START = len(s3.Q)

# plain jobs in everyday words, the task's Hub name not in the question
q("People tweet about our brand all day long. Could a model sort those tweets into upbeat ones and "
  "annoyed ones?", ids(r"twittsent") + trained_on("mteb/tweet_sentiment_extraction"),
  ["distilbert/distilbert-base-uncased-finetuned-sst-2-english"],
  note="the Llama 2 chat adapters tuned on tweet sentiment first; the English sentiment classifier next")
q("my team's group chat runs to hundreds of messages a day. anything that can boil a back-and-forth "
  "conversation down to a few lines?", ids(r"dialogsum"), ids(r"meetingbank"),
  note="the Llama 2 chat adapters tuned to summarise dialogues first; the ones tuned on meeting "
       "transcripts next")
q("I write in English but my relatives read Tamil. Is there a model that can put my messages into Tamil?",
  ids(r"english-tamil"), task("translation", keep=lambda x: "ta" in languages(x)),
  note="the model named for English-to-Tamil translation first; the many-to-many translator that "
       "lists Tamil next")
q("Are there models that can say whether Korean movie reviews are favourable or not?", ids(r"nsmc"),
  note="the two Llama 2 adapters named after the Naver movie-review sentiment corpus (nsmc)")
q("My sister breeds French bulldogs and wants pictures of them for her website. Could a model "
  "generate some?", ids(r"frenchbulldog"), note="the two Stable Diffusion 2.1 DreamBooth models of "
                                                 "French bulldogs")
q("I'm designing levels for an indie game and need rough concept art to pitch them. What could "
  "produce that?", ids(r"concept-art"), note="the Stable Diffusion 2.1 concept named for concept art")
q("My grandmother leaves me voice messages in German. Is there something that turns them into text?",
  task("automatic-speech-recognition", keep=lambda x: "de" in languages(x)),
  note="the speech recogniser that lists German")
q("Could something listen to a song and tell me what kind of music it is?",
  task("audio-classification", keep=lambda x: "music" in tags(x)),
  note="audio classifiers tagged music")
q("I'd like to guide a video generator with masks that mark where things are in each frame. Does "
  "anything take masks as its control signal?", ids(r"vctrl.*mask"),
  note="the two VCtrl models conditioned on masks")
q("Could a model answer my questions about what was said in a YouTube video?", ids(r"youtube-question"),
  task("video-text-to-text"),
  note="the Llama 2 chat (GGML) fine-tune named for YouTube question answering first; models that "
       "take a video and answer in text next")
q("I have a spreadsheet of students' marks and attendance with a pass/fail column. Could a model "
  "learn to predict who is going to fail?", task("tabular-classification"), note="the tabular classifier")
q("I measure my blood sugar every few minutes with a sensor. What could forecast the next few hours "
  "from those readings?", task("time-series-forecasting"), note="the forecasting models")
q("On holiday I keep seeing signs in Arabic. Could I photograph one and have a model tell me in "
  "English what it says?", task("image-text-to-text", keep=lambda x: {"ar", "en"} <= languages(x)),
  note="models that take an image with text and list Arabic and English (the Llama 4 Scout family)")
# broad words: a whole family of tasks, not one narrow filter
q("Which models are built to act rather than just talk, for example by learning from rewards, calling "
  "tools, clicking through a website or guiding a robot?",
  task("reinforcement-learning")
  + tagged("function-calling", "tool-calling", "function calling", "agent", "computer-manipulation")
  + ids(r"webshop|robopoint"),
  note="reinforcement learning, tool and function calling, agents, computer control, the web-shop "
       "agent and the robot pointing model")
q("what have you got for things that change over time, like video clips or streams of measurements?",
  task("text-to-video", "image-to-video", "video-text-to-text", "time-series-forecasting"),
  tagged("video-generation", "video super-resolution", "video inpainting", "video-to-3d", "image-to-4d",
         "time-series"),
  note="video generation, video-to-text and forecasting first; other models tagged for video or time "
       "series next")
q("We're making our app usable for people who can't see or hear well. Which models could help, say by "
  "reading text aloud, transcribing speech or describing pictures?",
  task("text-to-speech", "automatic-speech-recognition", "image-to-text"),
  task("image-text-to-text", "visual-question-answering"),
  note="speech synthesis, speech recognition and captioning first; models that answer about an image "
       "next")
q("Which models fill in what is missing, whether that's a hidden word, a hole in a picture or a gap "
  "in a video?", task("fill-mask") + tagged("inpaint", "video inpainting"),
  note="the masked-word model, the image inpainting model and the video inpainting model")
# adjectives and domains whose tag is a different word (or that only the identifier carries)
q("Is there anything that specialises in skin problems?", ids(r"medalpaca_skin"),
  note="the Llama 2 chat fine-tune named for skin (dermatology), one of a series by organ system")
q("Which models have a DOI that I could put in a reference list?",
  models(lambda x: any(t.startswith("doi:") for t in tags(x))), note="tags doi:...")
q("Which models state how much CO2 was emitted while training them?", tagged("co2_eq_emissions"))
q("Anything literary?", tagged("literatue"), note="the only model tagged for literature (tag literatue, sic)")
q("Which models expect their conversations in the ChatML format?", tagged("chatml") + ids(r"chatml"),
  note="tag chatml or an identifier that names ChatML")
# graph: derivatives, a quantised build, datasets, papers
q("What has been fine-tuned from Gemma 3 27B instruct?", derived("google/gemma-3-27b-it"))
q("Has anyone built on Meta's Llama 3.1 8B Instruct?", derived("meta-llama/Llama-3.1-8B-Instruct"))
q("Which models were trained starting from Unsloth's upload of Mistral Small 24B Instruct 2501?",
  derived("unsloth/Mistral-Small-24B-Instruct-2501"))
q("Has anyone made a quantised file of huihui-ai's 411B code-pruned DeepSeek-V3?",
  ["mradermacher/DeepSeek-V3-Pruned-Coder-411B-GGUF"], note="the GGUF build")
q("Which models learned from Hugging Face's FineWeb crawl?", trained_on("huggingfacefw/fineweb"),
  trained_on("huggingfacefw/fineweb-2"), note="FineWeb first; its multilingual successor FineWeb 2 next")
q("models trained with the SystemChat 2.0 conversations?", trained_on("cognitivecomputations/systemchat-2.0"))
q("Is there anything fine-tuned on PKU's SafeRLHF preference data?", trained_on("pku-alignment/pku-saferlhf"))
q("Does any model list arXiv 2109.07958 among its papers?", paper("2109.07958"))
q("I'm reading arXiv 2008.00401. Is there a model that goes with it?", paper("2008.00401"))
q("what's connected to arxiv 2306.05685?", paper("2306.05685"))
# OpenML object
q("A paper I'm reading uses the data of OpenML study 14. Does the registry hold any of it?", [],
  task("tabular-classification"),
  note="nothing exact among Hub models: OpenML dataset 1 (anneal, tagged study_14, under other) is the "
       "answer; the tabular classifier is closest")
other({("dataset", "1"): 2})
# licence families and commercial use
q("Is anything released under the Unlicense?", models(lambda x: licence(x) == "unlicense"))
q("Which models are covered by Meta's Llama 3.1 community licence?", models(lambda x: licence(x) == "llama3.1"))
q("Which models ship with a custom licence of their own rather than one of the standard ones?",
  models(lambda x: licence(x) == "other"), note="licence field other")
q("Can my company use sshleifer's DistilBART CNN summariser (12-6) in a service we charge for?",
  ["sshleifer/distilbart-cnn-12-6"], note="licence concept: commercial use allowed (Apache 2.0)")
# languages by name
q("Is there a model that knows Sanskrit?", speaks("sa"))
q("Which models cover Lithuanian?", speaks("lt"))
q("bulgarian, anyone?", speaks("bg"))
q("I need something that works in Igbo.", speaks("ig"))
q("Do you have models for Odia (Oriya)?", speaks("or"))
# libraries, runtimes and tools
q("Which models were trained on AWS Trainium chips?", tagged("powered by aws trainium"))
q("Has anything been compressed with Intel's NNCF?", tagged("nncf"))
q("Which models were converted with the GGUF-my-repo space?", tagged("gguf-my-repo"), tagged("llama-cpp"),
  note="tag gguf-my-repo first; tag llama-cpp next")
q("Is anything built for NVIDIA's TensorRT?", ids(r"tensorrt"), note="the int4 TensorRT build of DeepSeek-V3")
# size
q("show me models in the 100 to 200 million parameter range", between(1e8, 2e8),
  note="parameter counts recorded in the snapshot")
q("Which models are about three billion parameters?", between(2.5e9, 3.5e9),
  note="parameter counts recorded in the snapshot, 2.5 to 3.5 billion")
q("I have one GPU with 16 GB of memory. Which models are small enough to load in 16-bit, so under "
  "about 8 billion parameters?", between(0, 8e9), note="parameter counts recorded in the snapshot, below 8 billion")
# combinations of two constraints
q("Are there DeepSeek-R1 fine-tunes that speak Persian?",
  derived("deepseek-ai/DeepSeek-R1", lambda x: "fa" in languages(x)))
q("Turkish question answering: is there a model for it?",
  task("question-answering", keep=lambda x: "tr" in languages(x)))
q("Which Gemma 7B fine-tunes were trained with ORPO?",
  derived("google/gemma-7b", lambda x: "-orpo" in x["id"].lower()),
  derived("google/gemma-7b", lambda x: "orpo" in tags(x)),
  note="identifier that says ORPO first; the other derivatives tagged orpo next")
q("Which translation models have fewer than a billion parameters?",
  task("translation", keep=lambda x: params(x) is not None and params(x) < 1e9),
  note="parameter counts recorded in the snapshot")
q("Which DeepSeek-V3 derivatives are MIT-licensed?", derived("deepseek-ai/DeepSeek-V3", lambda x: licence(x) == "mit"))
# things the registry does not hold: the closest records are judged
q("Do you have Google's BERT large, the uncased one?", ["google-bert/bert-base-uncased"],
  ["dbmdz/bert-large-cased-finetuned-conll03-english"],
  note="not held: BERT base uncased is closest, the cased BERT large fine-tuned for named entities next")
q("Is EleutherAI's Pythia here?", ["EleutherAI/gpt-neox-20b"],
  note="not held: EleutherAI's GPT-NeoX-20B, the same lab and architecture, is closest")
q("Is facebook/wav2vec2-base-960h in the registry?", ["jonatasgrosman/wav2vec2-large-xlsr-53-english"],
  ["alefiury/wav2vec2-large-xlsr-53-gender-recognition-librispeech"],
  note="not held: the English wav2vec2 speech recogniser is closest, the wav2vec2 model trained on "
       "LibriSpeech for speaker gender next")
# names several records carry
q("Who made phi-2-role-play, and what is it for?", ids(r"/phi-2-role-play$"),
  note="ambiguous: phi-2 role-play fine-tunes of that name under two accounts")
q("Which model is zephyr-7b-gemma-sft?", ids(r"/zephyr-7b-gemma-sft$"), ids(r"zephyr-7b-gemma-sft-"),
  note="ambiguous: two Gemma 7B SFT models of that name by different accounts; the Masakhane models "
       "whose names extend it next")
q("what's Llama-2-7b-chat-finetune", ids(r"/llama-2-7b-chat-finetune$"), ids(r"/llama-2-7b-chat-finetune-"),
  note="ambiguous: two Llama 2 chat fine-tunes of that name by different accounts; the quantised one "
       "whose name extends it next")

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
