"""Write bench/relevance/queries.json: the relevance judgments, derived from the snapshot's metadata.

Run from the repository root: python bench/relevance/make_queries.py > bench/relevance/queries.json
Judgments come from the models' metadata (tasks, licences, languages, base models, names) and
were written before looking at any search run; the script only checks that every id exists
and expands the sets defined by lineage (e.g. every model derived from microsoft/phi-2).
"""
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from registry.pid import mint_id, pid_iri  # noqa: E402

m = [json.loads(l) for l in gzip.open('harvesters/data/hf_snapshot/models.jsonl.gz','rt')]
by = {x['id']: x for x in m}
def cd(x): return x.get('cardData') if isinstance(x.get('cardData'), dict) else {}
def bases(x):
    b = cd(x).get('base_model'); return b if isinstance(b, list) else ([b] if b else [])
def langs(x):
    l = cd(x).get('language'); return l if isinstance(l, list) else ([l] if l else [])
def lic(x):
    l = cd(x).get('license'); return l if isinstance(l, str) else None
def derived(base, extra=lambda x: True):
    return [x['id'] for x in m if base in bases(x) and extra(x)]
def ids(*names): 
    for n in names: assert n in by, n
    return list(names)
Q = []
def q(query, first, also=(), note=""):
    rel = {i: 2 for i in ids(*first)}
    for i in also:
        assert i in by, i
        rel.setdefault(i, 1)
    Q.append({"query": query, "relevant": rel,
              "pids": {pid_iri("http://127.0.0.1:8000", mint_id("hf", i)): g for i, g in rel.items()},
              **({"note": note} if note else {})})

q("speech recognition for English audio", ["jonatasgrosman/wav2vec2-large-xlsr-53-english"])
q("sentence embeddings for semantic search", ["sentence-transformers/all-MiniLM-L6-v2", "sentence-transformers/paraphrase-albert-small-v2"],
  [x['id'] for x in m if x.get('pipeline_tag') == 'sentence-similarity' and x.get('library_name') == 'sentence-transformers'])
q("small Apache-licensed English sentence embedding model", ["sentence-transformers/all-MiniLM-L6-v2", "sentence-transformers/paraphrase-albert-small-v2"])
q("detect NSFW images", ["Falconsai/nsfw_image_detection", "aharley2/elephant-nsfw-detector", "perrytheplatypus/falconsai-finetuned-nsfw-detect"], ["hanad/self_harm_detection"])
q("sentiment analysis of English sentences", ["distilbert/distilbert-base-uncased-finetuned-sst-2-english"])
q("summarize news articles", ["sshleifer/distilbart-cnn-12-6"], ["shubhamnagane/news"])
q("named entity recognition in English text", ["dbmdz/bert-large-cased-finetuned-conll03-english"])
q("extractive question answering trained on SQuAD", ["deepset/roberta-base-squad2"])
q("object detection with a transformer", ["facebook/detr-resnet-50"], ["facebook/detr-resnet-50-panoptic"])
q("panoptic image segmentation", ["facebook/detr-resnet-50-panoptic"])
q("generate captions for images", ["Salesforce/blip-image-captioning-base"])
q("answer questions about an image", ["dandelin/vilt-b32-finetuned-vqa"])
q("answer questions about tables", ["google/tapas-base-finetuned-wtq"])
q("question answering on scanned documents", ["naver-clova-ix/donut-base-finetuned-docvqa"])
q("classify text into labels without training data", ["facebook/bart-large-mnli"])
q("zero-shot image classification with CLIP", ["openai/clip-vit-base-patch32"])
q("text to speech English voice", ["hexgrad/Kokoro-82M", "espnet/kan-bayashi_ljspeech_vits"])
q("separate speech from background noise", ["speechbrain/sepformer-wham"])
q("generate a video from a text prompt", ["THUDM/CogVideoX-5b"], [x['id'] for x in m if x.get('pipeline_tag') == 'text-to-video' and x.get('downloads', 0) > 0])
q("turn an image into a short video", ["stabilityai/stable-video-diffusion-img2vid-xt"])
q("stable diffusion text to image", ["CompVis/stable-diffusion-v1-4", "stabilityai/stable-diffusion-2-1", "stabilityai/stable-diffusion-3-medium"], ["prompthero/openjourney", "WarriorMama777/OrangeMixs"])
q("fine-tuned from phi-2", [], derived("microsoft/phi-2"))
q("Llama 2 models for medical questions", ["epfl-llm/meditron-7b", "ThisIs-Developer/Llama-2-GGML-Medical-Chatbot"], ["Sci-fi-vy/Meditron-7b-finetuned", "pucpr-br/Clinical-BR-LlaMA-2-7B"])
q("Llama 4 Scout multimodal instruct model", ["meta-llama/Llama-4-Scout-17B-16E-Instruct"], ["meta-llama/Llama-4-Scout-17B-16E", "unsloth/Llama-4-Scout-17B-16E-Instruct", "mlx-community/Llama-4-Scout-17B-16E-Instruct-8bit", "Undi95/meta-llama_Llama-4-Scout-17B-16E-Instruct"])
q("gpt2", ["openai-community/gpt2"])
q("bert base uncased", ["google-bert/bert-base-uncased"])
q("translate between many languages", ["facebook/mbart-large-50-many-to-many-mmt"], ["google-t5/t5-small", "google/flan-t5-large", "google/flan-t5-xxl"])
q("instruction tuned T5", ["google/flan-t5-large", "google/flan-t5-xxl"])
q("chat model fine-tuned from Mistral 7B", ["HuggingFaceH4/zephyr-7b-beta"])
q("Gemma instruction tuned model", ["google/gemma-7b-it"], ["google/gemma-7b-aps-it", "masakhane/zephyr-7b-gemma-sft-african-ultrachat-200k", "matrixportal/gemma-7b-it-GGUF"])
q("DeepSeek R1 quantized to FP4", ["nvidia/DeepSeek-R1-FP4"])
q("Korean reasoning model", ["LGAI-EXAONE/EXAONE-Deep-32B"], [x['id'] for x in m if 'LGAI-EXAONE/EXAONE-Deep-32B' in bases(x)])
q("Cantonese language model", ["hon9kon9ize/Cantonese-Llama-2-7B-preview20240903"])
q("Arabic chat model", ["linagora/Labess-7b-chat-16bit"])
q("Portuguese clinical language model", ["pucpr-br/Clinical-BR-LlaMA-2-7B"])
q("time series forecasting with a language model", ["ChengsenWang/ChatTime-1-7B-Chat", "ChengsenWang/ChatTime-1-7B-Base"])
q("models for Apple MLX", ["mlx-community/phi-2", "mlx-community/meta-llama-Llama-4-Scout-17B-16E-fp16", "mlx-community/meta-llama-Llama-4-Scout-17B-16E-bf16"], [x['id'] for x in m if x['id'].startswith('mlx-community/')])
q("recognise the speaker's gender from voice", ["alefiury/wav2vec2-large-xlsr-53-gender-recognition-librispeech"])
q("large multilingual open language model from BigScience", ["bigscience/bloom"])
q("20B parameter GPT-NeoX", ["EleutherAI/gpt-neox-20b"])
q("generate dialogue responses for a chatbot", ["microsoft/DialoGPT-small"])
q("Llama 3 8B instruct", ["meta-llama/Meta-Llama-3-8B-Instruct"], ["meta-llama/Llama-3.1-8B-Instruct"])
q("MIT licensed text generation model from Microsoft", ["microsoft/phi-2"], ["microsoft/DialoGPT-small"])
q("image classification vision transformer", ["google/vit-base-patch16-224"], ["victorwkey/vit-food101", "victorwkey/vit-videogames"])
q("Mistral Small 24B fine-tunes under Apache 2.0", [], [x['id'] for x in m if any('Mistral-Small-24B' in b for b in bases(x)) and lic(x) == 'apache-2.0'])
print(json.dumps({"about": "Relevance judgments for bench/search_quality.py over the demo snapshot (harvesters/data/hf_snapshot). "
  "Each query lists Hub model ids with a grade: 2 = should come first, 1 = relevant. The PID of a model is "
  "{base}/fdo/{mint_id('hf', id)}; the PIDs under the default base are in 'pids'. Judged from the models' metadata "
  "(tasks, licences, languages, base models, names), not from any search run.", "queries": Q}, indent=1))
