"""Write bench/relevance/set5.json: the fifth judged set, search and chat questions, frozen before tuning.

Run from the repository root: python bench/relevance/make_set5.py > bench/relevance/set5.json
Written on 2026-12-06 (16:42-16:46 UTC) as the untuned check for the search and chat work going on
at the same time: it was written and committed before any run of the search or the chat on it, by
someone who ran neither, read no search or chat output and no code under registry/search or
registry/chat while writing it. The questions are put the way a researcher who does not know the
records would ask. About a third need links followed in the graph: models linked to a named paper
(by arXiv id or by title), models trained on a named dataset, derivatives of a named base model
(text, image, audio and video bases, including uncensored and quantised builds) and OpenML
objects (tasks, a dataset, a run and a flow of the bundled OpenML snapshot). The rest are plain
jobs, adjectives where the records carry tags, libraries and runtimes, licences, languages,
sizes and four things the registry does not hold. Jobs, names and constraints are ones sets 1-4 do
not use (their questions were read only to avoid repeating them).

Judgments follow make_set3.py and make_set4.py, whose helpers are imported: a model satisfies a
question when the snapshot's structured facts (pipeline task, tags, base models, licence,
languages, library, identifier, and for sizes the parameter count the snapshot records under
``safetensors``) say it does the job or meets the constraint; the criteria were read from each
question's text alone. 2 = what the question is about, 1 = also satisfies it. A question the
registry has no answer for carries a note starting "nothing exact:" or "not held:" (as in sets 3
and 4), and its judged models are the closest records. The bench scripts read Hub models only;
where an OpenML object is the answer it is listed under "other" (platform id and PID with a
grade), which they ignore, and the note says so. Frozen: code is measured against it, never it
against the code.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_set3 as s3  # noqa: E402
import make_set4  # noqa: E402,F401  (fills make_set3's lists with set 4's questions; set 5 starts after them)
from make_set3 import COMMERCIAL_OK, derived, languages, licence, models, tags, task  # noqa: E402
from make_set4 import ids, library, other, paper, q, speaks, tagged, trained_on  # noqa: E402

START = len(s3.Q)


def params(x):
    """Return the parameter count the snapshot records for a model (None when it has none)."""
    s = x.get("safetensors")
    return s.get("total") if isinstance(s, dict) else None


# papers (by arXiv id or by title)
q("Which models refer to the ORPO paper, the one on preference optimisation without a reference model?",
  paper("2403.07691"))
q("Which models cite the study that quantifies the carbon emissions of machine learning?", paper("1910.09700"))
q("What is linked to the Llama 2 paper, arXiv 2307.09288?", paper("2307.09288"))
q("Which models point to the latent diffusion paper that Stable Diffusion came from?", paper("2112.10752"))
q("Which models come with the DeepSeek-R1 paper (arXiv 2501.12948)?", paper("2501.12948"))
# training datasets
q("Which models were fine-tuned on the Awesome ChatGPT Prompts collection?",
  trained_on("fka/awesome-chatgpt-prompts"), trained_on("gopipasala/fka-awesome-chatgpt-prompts"),
  note="a copy of the same prompts satisfies it")
q("Which models learned from the OpenThoughts-114k reasoning traces?", trained_on("open-thoughts/openthoughts-114k"),
  trained_on("pjmixers-dev/open-thoughts_openthoughts-114k-customsharegpt"),
  note="a reformatted copy of the same traces satisfies it")
q("Which models were trained on GSM8K, the grade-school maths word problems?", trained_on("openai/gsm8k", "gsm8k"))
q("Is there a model that learned from the LibriSpeech audiobook recordings?", trained_on("librispeech_asr"))
q("Which models were tuned on FreedomIntelligence's medical reasoning data (medical-o1)?",
  trained_on("freedomintelligence/medical-o1-reasoning-sft"), trained_on("reedmayhew/medical-o1-reasoning-sft-jsonl"),
  note="a JSONL copy of the same data satisfies it")
# base-model lineage: text, image, audio and video bases
q("What has been derived from the Llama 4 Scout base model?", derived("meta-llama/Llama-4-Scout-17B-16E"),
  derived("meta-llama/Llama-4-Scout-17B-16E-Instruct"),
  note="direct derivatives first; derivatives of its Instruct version are derived from it too")
q("Are there uncensored (abliterated) versions of Mistral Small 24B Instruct?",
  derived("mistralai/Mistral-Small-24B-Instruct-2501", lambda x: "abliterated" in tags(x))
  + derived("huihui-ai/Mistral-Small-24B-Instruct-2501-abliterated"),
  derived("arcee-ai/Arcee-Blitz", lambda x: "abliterated" in tags(x)),
  note="an abliterated build of Arcee-Blitz, itself a fine-tune of it, satisfies it")
q("Is there a fine-tune of Mixtral 8x22B?", derived("mistral-community/Mixtral-8x22B-v0.1"))
q("What has been built on the Stable Diffusion 2 inpainting model?", derived("stabilityai/stable-diffusion-2-inpainting"))
q("Which speech models are built on StyleTTS 2?", derived("yl4579/StyleTTS2-LJSpeech"),
  note="Kokoro-82M; its own derivatives are not speech models")
q("Which audio models were fine-tuned from wav2vec2 XLS-R 300M?", derived("facebook/wav2vec2-xls-r-300m"))
q("Is anything here derived from Tencent's HunyuanVideo?", derived("tencent/HunyuanVideo"))
q("Is there a GGUF build of BLOOM that I can run with llama.cpp?", derived("bigscience/bloom"))
# OpenML objects
q("Which OpenML tasks ask to predict the class in the steel annealing data?", [], task("tabular-classification"),
  note="nothing exact among Hub models: OpenML tasks 1 and 1882 (under other) are the answer, on datasets 1 "
       "and 2 (anneal); the tabular classifier is closest")
other({("task", "1"): 2, ("task", "1882"): 2})
q("Is Fisher's iris flower data in the registry?", [], task("tabular-classification"),
  note="nothing exact among Hub models: OpenML dataset 61 (under other) is the answer; the tabular "
       "classifier is closest")
other({("dataset", "61"): 2})
q("Has anyone recorded how a Bayesian network classifier did on the optdigits handwritten digits?", [],
  task("tabular-classification"),
  note="nothing exact among Hub models: OpenML run 100 (Weka BayesNet K2 on optdigits, under other) is the "
       "answer; the tabular classifier is closest")
other({("run", "100"): 2})
q("Do you have a plain scikit-learn decision tree classifier?", [], task("tabular-classification"),
  note="nothing exact among Hub models: OpenML flow 4262 (under other) is the answer, and the flows that "
       "contain it (4261 boosts it, 4253 searches over that pipeline) also satisfy it; the tabular "
       "classifier is closest")
other({("flow", "4262"): 2, ("flow", "4261"): 1, ("flow", "4253"): 1})
# plain jobs, the task's name not in the question
q("Is there a model that can operate a computer or call tools and functions for me?",
  tagged("function-calling", "tool-calling", "function calling", "computer-manipulation"), tagged("agent"))
q("Which model links the names mentioned in a text to entries in a knowledge base?", tagged("entity linking"))
q("I need a model that answers questions by retrieving from several documents in turn. What is there?",
  tagged("multihoprag", "hotpotqa", "2wiki"), tagged("rag"))
q("Can a model draw pixel-art sprites for a 2D game?", tagged("sprites"))
q("Is there a model that makes product photos for an online shop?", tagged("product shoot", "ecom"))
q("Can a model remove something from a video and fill in the gap?", tagged("video inpainting"))
q("Which language model can talk about 3D objects stored as neural radiance fields?", tagged("nerfllm"))
q("Which models help materials scientists, for example with crystal structures?",
  tagged("crystal structure generation", "cif understanding", "materials science", "material science"))
q("Which models make images without being given any prompt?", task("unconditional-image-generation"))
q("Is there a model that helps a doctor take a patient's medical history?", tagged("anamnesis"))
q("Which model helps decide how to manage crops on a farm?", tagged("crop-optimization", "crop"), tagged("agriculture"))
# adjectives where the records carry tags
q("Which models use a mixture-of-experts design?", tagged("moe", "mixture of experts", "mixtral"))
q("Which models are light adapters (LoRA or PEFT) rather than full weights?", tagged("lora", "peft"))
q("Which models were trained with reinforcement learning from human feedback?", tagged("rlhf"), ids(r"rlhf"))
q("Which models were trained with GRPO?", tagged("grpo"), paper("2402.03300"),
  note="GRPO first; models citing the paper that introduced it satisfy it")
q("Show me models for biology and the life sciences.", tagged("biology"))
q("Which models are meant for teaching and students?", tagged("education", "university"),
  ids(r"teaching|_edu_|edu_model"))
# libraries and runtimes
q("Which models can I run on an iPhone with Core ML?", tagged("coreml"))
q("Is anything ready for TensorFlow Lite on a phone?", tagged("tflite"))
q("Which models can I load from Rust?", tagged("rust"))
q("Which models come from the ESPnet speech toolkit?", library("espnet"), tagged("espnet"))
# licences
q("Which models are public domain or under a licence with no conditions at all?",
  models(lambda x: licence(x) in ("unlicense", "pddl")), models(lambda x: licence(x) == "wtfpl"))
q("Which models forbid derivative works?", models(lambda x: licence(x) == "cc-by-nc-nd-4.0"))
q("Which models come under a BSD licence?", models(lambda x: licence(x) in ("bsd-2-clause", "bsd-3-clause")))
q("May my company use Llama 3 70B Instruct in its product?", ["meta-llama/Meta-Llama-3-70B-Instruct"])
q("Which sentence-embedding models may I use commercially?",
  task("sentence-similarity", keep=lambda x: licence(x) in COMMERCIAL_OK), note="licence concept: commercial use allowed")
# languages
q("Do you have anything that handles Swahili?", speaks("sw"))
q("Which models work with Urdu?", speaks("ur"))
q("Which chat models speak Indonesian?", models(lambda x: "id" in languages(x) and "conversational" in tags(x)),
  speaks("id"))
q("I need a model for Persian.", speaks("fa"))
q("Is there a model for Yoruba?", speaks("yo"))
# sizes
q("Which models have more than 100 billion parameters?", models(lambda x: (params(x) or 0) > 100e9),
  note="parameter counts recorded in the snapshot")
q("I want a text generator under 2 billion parameters.",
  task("text-generation", keep=lambda x: params(x) is not None and params(x) < 2e9),
  note="parameter counts recorded in the snapshot")
q("Which models are stored in 8-bit?", tagged("8-bit", "int8"), ids(r"int8|8-?bit"))
# things the registry does not hold: the closest records are judged
q("Do you have Stable Diffusion XL?", ["stabilityai/stable-diffusion-2-1", "stabilityai/stable-diffusion-3-medium"],
  note="not held: the other Stable Diffusion versions are closest")
q("Is Anthropic's Claude in the registry?", trained_on("simplescaling/s1k-claude-3-7-sonnet"),
  note="not held: models trained on answers written by Claude are closest")
q("Is there a model that turns sign-language video into text?", task("video-text-to-text"),
  note="nothing exact: the models that describe video in text are closest")
q("Which model spots plant diseases in photos of leaves?", task("image-classification"),
  ["jcantu217/gemma-2-7b-invasive-plant-chatbot"],
  note="nothing exact: image classifiers are closest, then a chatbot about invasive plants")

Q, CHAT = s3.Q[START:], s3.CHAT[START:]

if __name__ == "__main__":
    assert len(CHAT) == len(Q) >= 50, len(CHAT)
    earlier = {e["query"] for e in s3.Q[:START]}
    assert len({e["query"] for e in Q}) == len(Q) and not earlier & {e["query"] for e in Q}
    assert all(e["relevant"] for e in Q) and all(c["satisfies"] for c in CHAT)
    json.dump({"about": __doc__.strip().splitlines()[0], "queries": Q, "chat": CHAT}, sys.stdout, indent=1)
