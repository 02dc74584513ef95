"""Write bench/relevance/unseen.json: the second relevance set, in the words of people who do not know the records.

Run from the repository root: python bench/relevance/make_unseen.py > bench/relevance/unseen.json
The questions describe a job in plain words, use adjectives where records carry tags, vague
modality words, "fine-tunes of X for Y" and licence constraints. Judgments (2 = should come
first, 1 = relevant) come from the snapshot's metadata (tasks, tags, licences, languages, base
models, names) and were written before any search run on these questions; the set is frozen:
the search is tuned against it only by measuring, never by editing it. `chat` lists questions for
bench/chat.py with the models that satisfy each one.
"""
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from registry.pid import mint_id, pid_iri  # noqa: E402

BASE = "http://127.0.0.1:8000"
m = [json.loads(line) for line in gzip.open("harvesters/data/hf_snapshot/models.jsonl.gz", "rt")]
by = {x["id"]: x for x in m}


def cd(x):
    return x.get("cardData") if isinstance(x.get("cardData"), dict) else {}


def bases(x):
    b = cd(x).get("base_model")
    return b if isinstance(b, list) else ([b] if b else [])


def lic(x):
    value = cd(x).get("license")
    return value if isinstance(value, str) else None


def tags(x):
    return {t.lower() for t in x.get("tags", [])}


def derived(base, keep=lambda x: True):
    return [x["id"] for x in m if base in bases(x) and keep(x)]


def task(name, keep=lambda x: True):
    return [x["id"] for x in m if x.get("pipeline_tag") == name and keep(x)]


def popular(x, at_least=1):
    return (x.get("downloads") or 0) >= at_least


Q, CHAT = [], []


def q(query, first, also=(), note="", chat=None):
    for i in list(first) + list(also):
        assert i in by, i
    rel = {i: 2 for i in first}
    for i in also:
        rel.setdefault(i, 1)
    Q.append({"query": query, "relevant": rel,
              "pids": {pid_iri(BASE, mint_id("hf", i)): g for i, g in rel.items()},
              **({"note": note} if note else {})})
    if chat:
        CHAT.append({"q": chat, "satisfies": sorted(rel), "from": query})


# plain-language jobs (the task's Hub name never appears)
q("turn a recording into text", ["jonatasgrosman/wav2vec2-large-xlsr-53-english"],
  chat="Which model can turn a recording of someone talking into text?")
q("read my text out loud", ["hexgrad/Kokoro-82M", "espnet/kan-bayashi_ljspeech_vits"],
  chat="I need something that reads text aloud. What do you have?")
q("write a sentence describing what is in a photo", ["Salesforce/blip-image-captioning-base"],
  chat="Which model writes a description of a photo?")
q("is this product review positive or negative", ["distilbert/distilbert-base-uncased-finetuned-sst-2-english"],
  chat="Which model tells me whether a review is positive or negative?")
q("make a long article shorter", ["sshleifer/distilbart-cnn-12-6"], ["google-t5/t5-small"],
  chat="What can I use to shorten long articles?")
q("find the names of people and places in a document", ["dbmdz/bert-large-cased-finetuned-conll03-english"],
  chat="Which model picks out people and place names from a text?")
q("draw a picture from a description", ["CompVis/stable-diffusion-v1-4", "stabilityai/stable-diffusion-2-1",
                                         "stabilityai/stable-diffusion-3-medium"],
  ["prompthero/openjourney", "WarriorMama777/OrangeMixs"],
  chat="Which models draw a picture from a written description?")
q("animate a still photo", ["stabilityai/stable-video-diffusion-img2vid-xt"],
  chat="Can any model animate a still photo?")
q("make a short clip from a sentence", ["THUDM/CogVideoX-5b"],
  ["BestWishYsh/ConsisID-preview", "finetrainers/pika-dissolve-v0", "finetrainers/crush-smol-v0",
   "finetrainers/cakeify-v0", "Alibaba-Research-Intelligence-Computing/Tora"],
  chat="Which models make a short video clip from a sentence?")
q("guess the missing word in a sentence", ["google-bert/bert-base-uncased"],
  chat="Which model guesses a missing word in a sentence?")
q("turn sentences into vectors to compare them", ["sentence-transformers/all-MiniLM-L6-v2",
                                                   "sentence-transformers/paraphrase-albert-small-v2"],
  ["FrancescoPeriti/TRoTR-distiluse-base-multilingual-cased-v1",
   "DimaSK1/distiluse-base-multilingual-cased-v1-for-find-population", "iammbrn/alsatix_similarity_model",
   "winderfeld/cc-uffs-ppc-distiluse-base-multilingual-cased-v1-finetuned", "truongcongminh/AI_captone1",
   "facebook/bart-base"],
  chat="I want to turn sentences into vectors so I can compare them. Which models do that?")
q("ask questions about a spreadsheet", ["google/tapas-base-finetuned-wtq"],
  chat="Is there a model that answers questions about a spreadsheet?")
q("answer questions about a scanned invoice", ["naver-clova-ix/donut-base-finetuned-docvqa"],
  chat="Which model answers questions about a scanned invoice?")
q("tell whether a text is meaningless gibberish", ["trancoso-cc/gibberish-detector"],
  chat="How can I tell whether a text is gibberish?")
q("sort texts into categories I choose at run time", ["facebook/bart-large-mnli"],
  chat="Which model sorts texts into categories that I choose at run time, without training?")
q("pull one voice out of a noisy mixture", ["speechbrain/sepformer-wham"],
  chat="Which model pulls a voice out of a noisy recording?")
q("is the speaker a man or a woman", ["alefiury/wav2vec2-large-xlsr-53-gender-recognition-librispeech"],
  chat="Which model tells whether a speaker is a man or a woman?")
q("predict future values of a sales series", ["ChengsenWang/ChatTime-1-7B-Chat", "ChengsenWang/ChatTime-1-7B-Base"],
  chat="Which models predict the future values of a series of numbers?")
q("label a photo with categories it was never trained on", ["openai/clip-vit-base-patch32"],
  chat="Which model labels photos with categories it was never trained on?")
q("build a 3D object from a picture", ["Yuyang-z/genxd"], ["TencentARC/GeometryCrafter"],
  chat="Which models build a 3D object from a picture?")
q("which photo is which food or which game", ["victorwkey/vit-food101", "victorwkey/vit-videogames"],
  ["google/vit-base-patch16-224"])
q("put a search engine's results in a better order", ["jhu-clsp/rank1-mistral-2501-24b"],
  chat="Which model reorders search results by relevance?")
# vague modality words (no single task)
q("vision models", ["google/vit-base-patch16-224", "facebook/detr-resnet-50", "openai/clip-vit-base-patch32"],
  ["facebook/detr-resnet-50-panoptic", "Falconsai/nsfw_image_detection", "Salesforce/blip-image-captioning-base",
   "dandelin/vilt-b32-finetuned-vqa", "naver-clova-ix/donut-base-finetuned-docvqa"],
  note="any image task", chat="Which vision models do you hold?")
q("models that work with sound", ["jonatasgrosman/wav2vec2-large-xlsr-53-english",
                                   "alefiury/wav2vec2-large-xlsr-53-gender-recognition-librispeech",
                                   "speechbrain/sepformer-wham"],
  ["hexgrad/Kokoro-82M", "espnet/kan-bayashi_ljspeech_vits"],
  chat="Which models work with sound?")
q("video generation", ["THUDM/CogVideoX-5b", "stabilityai/stable-video-diffusion-img2vid-xt"],
  ["BestWishYsh/ConsisID-preview", "finetrainers/pika-dissolve-v0", "finetrainers/crush-smol-v0",
   "finetrainers/cakeify-v0", "Alibaba-Research-Intelligence-Computing/Tora"])
# adjectives against tags, topics against names
q("medical chatbot", ["ThisIs-Developer/Llama-2-GGML-Medical-Chatbot", "epfl-llm/meditron-7b"],
  ["RecurvAI/Recurv-Medical-Deepseek-R1", "prsdm/phi-2-medquad", "smagt/meditron-7b-instruct",
   "malhajar/phi-2-meditron", "beita6969/DeepSeek-R1-Distill-Qwen-32B-Medical", "TachyHealthResearch/Llama2-7B-Medical-Finetune_V2"],
  chat="Do you have a medical chatbot?")
q("clinical language model in Portuguese", ["pucpr-br/Clinical-BR-LlaMA-2-7B"])
q("mathematical reasoning", ["Lmprato/Euclid-Phi2-Merged", "BoccheseGiacomo/phi-2-finetuned-gsm8k-gb",
                              "Vivian12300/llama-2-7b-chat-hf-mathqa"],
  ["ShreySharma07/maths-llama-qlora", "CharlesLi/llama_2_cot_simplest_code_math_4_full", "csdhall/phi-2-finetuned-gsm8k"])
q("coding assistant", ["TitleOS/CodePhi2"], ["AlekseyKorshuk/evol-codealpaca-v1-sft-4e-5", "kavinduc/devops-mastermind",
                                             "huihui-ai/DeepSeek-R1-Pruned-Coder-411B", "huihui-ai/DeepSeek-V3-Pruned-Coder-411B"])
q("uncensored chat model", ["huihui-ai/Arcee-Blitz-abliterated", "venkycs/Mistral-Small-24B-Instruct-2501-Abliterated",
                            "mlx-community/Mistral-Small-24B-Instruct-2501-abliterated"])
q("chemistry and molecules assistant", ["DongkiKim/Mol-Llama-2-7b-chat"])
# fine-tunes of X for Y
q("fine-tunes of Llama 2 for medicine", ["epfl-llm/meditron-7b", "TachyHealthResearch/Llama2-7B-Medical-Finetune_V2"],
  ["Sci-fi-vy/Meditron-7b-finetuned", "pucpr-br/Clinical-BR-LlaMA-2-7B"],
  chat="Which fine-tunes of Llama 2 are for medicine?")
q("phi-2 fine-tuned for medical questions", ["prsdm/phi-2-medquad", "malhajar/phi-2-meditron"],
  ["SaborDay/Phi2_RCT1M-ft-heading", "StanfordAIMI/GREEN-Phi2"],
  chat="Which fine-tunes of phi-2 answer medical questions?")
q("phi-2 fine-tunes for writing code", ["TitleOS/CodePhi2", "AlekseyKorshuk/evol-codealpaca-v1-sft-4e-5"],
  ["AlekseyKorshuk/evol-codealpaca-pairwise-sharegpt-test", "kavinduc/devops-mastermind"],
  chat="Which fine-tunes of microsoft/phi-2 are for writing code?")
q("DeepSeek R1 fine-tunes for health", ["RecurvAI/Recurv-Medical-Deepseek-R1", "beita6969/DeepSeek-R1-Distill-Qwen-32B-Medical",
                                          "andong90/DeepSeek-R1-Distill-Qwen-7B-student-mental-health-json"],
  ["kuazi/deepseek-r1-medical-test"],
  chat="Which fine-tunes of DeepSeek R1 are about health?")
q("CogVideoX fine-tunes for visual effects", ["finetrainers/pika-dissolve-v0", "finetrainers/crush-smol-v0",
                                               "finetrainers/cakeify-v0"], ["BestWishYsh/ConsisID-preview"],
  chat="Which fine-tunes of THUDM/CogVideoX-5b make visual effects?")
q("Gemma fine-tunes that speak Romanian", ["OpenLLM-Ro/RoGemma-7b-Instruct-2024-06-28",
                                            "OpenLLM-Ro/RoGemma-7b-Instruct-2025-04-23"], ["OpenLLM-Ro/RoGemma-7b-Instruct-DPO"],
  chat="Which Gemma fine-tunes speak Romanian?")
q("Mistral Small fine-tunes that reason in Chinese", ["ubitus/Mistral-24B-Reasoning-zhTW"],
  ["allura-org/Mistral-Small-Sisyphus-24b-2503", "allura-org/Mistral-Small-24b-Sertraline-0304"])
q("variants of the nsfw detector retrained for other pictures", ["victorwkey/vit-food101", "victorwkey/vit-videogames",
                                                                   "hanad/self_harm_detection"],
  ["perrytheplatypus/falconsai-finetuned-nsfw-detect", "aharley2/elephant-nsfw-detector", "Aoishi19/autotrain-supermarket2",
   "huyhuy12302/output"])
# licence constraints in plain words
q("text generator I can ship in a commercial product", ["openai-community/gpt2", "microsoft/phi-2", "EleutherAI/gpt-neox-20b"],
  ["HuggingFaceH4/zephyr-7b-beta", "mistralai/Mistral-Small-24B-Base-2501", "microsoft/DialoGPT-small"],
  note="permissive licence (MIT, Apache)", chat="Which text generators can I use in a commercial product?")
q("image classifier with a permissive licence", ["google/vit-base-patch16-224", "Falconsai/nsfw_image_detection"],
  ["aharley2/elephant-nsfw-detector", "hanad/self_harm_detection", "victorwkey/vit-food101", "victorwkey/vit-videogames"])
q("non-commercial research-only language models", ["OpenLLM-Ro/RoGemma-7b-Instruct-2024-06-28", "abideen/gemma-7b-openhermes"],
  ["OpenLLM-Ro/RoGemma-7b-Instruct-2025-04-23", "OpenLLM-Ro/RoGemma-7b-Instruct-DPO", "QueryloopAI/gemma-7b-openhermes"],
  note="cc-by-nc licences")
q("share-alike licensed models", ["hon9kon9ize/Cantonese-Llama-2-7B-preview20240903", "FrancescoPeriti/Llama2Dictionary",
                                  "FrancescoPeriti/TRoTR-distiluse-base-multilingual-cased-v1"],
  ["AlexandreCezar/SaudeMental", "Owen14gjqwertkeyboard/LibrarianAI"], note="copyleft: cc-by-sa, gpl, lgpl")
q("image generator under a responsible AI licence", ["CompVis/stable-diffusion-v1-4", "stabilityai/stable-diffusion-2-1"],
  ["prompthero/openjourney", "WarriorMama777/OrangeMixs"], note="OpenRAIL family")
# languages and platforms in plain words
q("assistant that speaks Korean", ["LGAI-EXAONE/EXAONE-Deep-32B"],
  ["mlx-community/EXAONE-Deep-32B-4bit", "BlackBeenie/EXAONE-Deep-32B-Q4_K_M-GGUF", "seojeongsoo/AI_Pet_code"],
  chat="Which assistant models speak Korean?")
q("chatbot for Tunisian Arabic", ["linagora/Labess-7b-chat-16bit"])
q("language model for Hong Kong speakers", ["hon9kon9ize/Cantonese-Llama-2-7B-preview20240903"])
q("translate German into English", ["google-t5/t5-small", "facebook/mbart-large-50-many-to-many-mmt"],
  ["google/flan-t5-large", "google/flan-t5-xxl"], chat="Which model translates German into English?")
q("run a model on my MacBook", ["mlx-community/phi-2", "mlx-community/EXAONE-Deep-32B-4bit"],
  ["mlx-community/Llama-4-Scout-17B-16E-Instruct-8bit", "mlx-community/meta-llama-Llama-4-Scout-17B-16E-fp16",
   "wnma3mz/Janus-Pro-7B", "mlx-community/Mistral-Small-24B-Instruct-2501-bf16"], note="Apple MLX")
q("llama chat compressed to run on a CPU", ["TheBloke/Llama-2-7B-Chat-GGML"],
  ["ThisIs-Developer/Llama-2-GGML-Medical-Chatbot", "BlackBeenie/EXAONE-Deep-32B-Q4_K_M-GGUF", "matrixportal/gemma-7b-it-GGUF"])
# questions about things the registry does not hold (closest records judged)
q("recognise birds from their songs", ["alefiury/wav2vec2-large-xlsr-53-gender-recognition-librispeech"],
  ["jonatasgrosman/wav2vec2-large-xlsr-53-english"], note="nothing exact: audio classification is closest",
  chat="Do you have a model that recognises birds from their songs?")

if __name__ == "__main__":
    assert len(Q) >= 40, len(Q)
    json.dump({"about": __doc__.strip().splitlines()[0] + " Frozen before tuning; see the script's docstring.",
               "queries": Q, "chat": CHAT}, sys.stdout, indent=1)
