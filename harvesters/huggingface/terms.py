"""Hub facts the mapping needs: task ids and labels, language codes, tag prefixes, known organisations."""

from __future__ import annotations

__all__ = ["HF_SITE", "TASK_LABELS", "task_label", "LANGUAGE_CODES", "DERIVED_TAG_PREFIXES",
           "KNOWN_ORGANISATIONS", "MIGRATION_CREATED_AT", "LINEAGE_KINDS", "is_task_tag"]

HF_SITE = "https://huggingface.co"

# Task ids and labels as served by the Hub's /api/tasks (2025-01), plus ids older models still carry.
TASK_LABELS: dict[str, str] = {
    "any-to-any": "Any-to-Any", "audio-classification": "Audio Classification",
    "audio-to-audio": "Audio-to-Audio", "audio-text-to-text": "Audio-Text-to-Text",
    "automatic-speech-recognition": "Automatic Speech Recognition", "depth-estimation": "Depth Estimation",
    "document-question-answering": "Document Question Answering", "feature-extraction": "Feature Extraction",
    "fill-mask": "Fill-Mask", "image-classification": "Image Classification",
    "image-feature-extraction": "Image Feature Extraction", "image-segmentation": "Image Segmentation",
    "image-to-image": "Image-to-Image", "image-text-to-text": "Image-Text-to-Text",
    "image-to-text": "Image-to-Text", "keypoint-detection": "Keypoint Detection",
    "mask-generation": "Mask Generation", "object-detection": "Object Detection",
    "video-classification": "Video Classification", "question-answering": "Question Answering",
    "reinforcement-learning": "Reinforcement Learning", "sentence-similarity": "Sentence Similarity",
    "summarization": "Summarization", "table-question-answering": "Table Question Answering",
    "tabular-classification": "Tabular Classification", "tabular-regression": "Tabular Regression",
    "text-classification": "Text Classification", "text-generation": "Text Generation",
    "text-to-image": "Text-to-Image", "text-to-speech": "Text-to-Speech", "text-to-video": "Text-to-Video",
    "token-classification": "Token Classification", "translation": "Translation",
    "unconditional-image-generation": "Unconditional Image Generation",
    "video-text-to-text": "Video-Text-to-Text", "visual-question-answering": "Visual Question Answering",
    "zero-shot-classification": "Zero-Shot Classification",
    "zero-shot-image-classification": "Zero-Shot Image Classification",
    "zero-shot-object-detection": "Zero-Shot Object Detection", "text-to-3d": "Text-to-3D",
    "image-to-3d": "Image-to-3D",
    # older or less common pipeline tags
    "text2text-generation": "Text2Text Generation", "conversational": "Conversational",
    "text-to-audio": "Text-to-Audio", "voice-activity-detection": "Voice Activity Detection",
    "time-series-forecasting": "Time Series Forecasting", "robotics": "Robotics", "graph-ml": "Graph Machine Learning",
    "image-to-video": "Image-to-Video", "video-to-video": "Video-to-Video",
    "visual-document-retrieval": "Visual Document Retrieval", "text-ranking": "Text Ranking",
}

# Tags that are tasks but too generic to read as one when they are not the pipeline tag.
_AMBIGUOUS_TASK_TAGS = frozenset({"conversational", "robotics"})


def task_label(task_id: str) -> str:
    """Return the Hub's label of a task id (a title-cased form for ids it does not list)."""
    return TASK_LABELS.get(task_id) or task_id.replace("-", " ").replace("_", " ").strip().title()


def is_task_tag(tag: str) -> bool:
    """Tell whether a plain tag names a task."""
    return tag in TASK_LABELS and tag not in _AMBIGUOUS_TASK_TAGS


# ISO 639-1 codes: a bare tag with one of these values is a language tag.
LANGUAGE_CODES = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee
el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it
iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my
na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn
so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())

# Tags the Hub derives from card metadata; mapped to their own properties, not keywords.
DERIVED_TAG_PREFIXES = ("license:", "dataset:", "arxiv:", "base_model:", "region:", "doi:")

# The Hub stores this createdAt for every repository that predates creation dates (2022-03-02).
MIGRATION_CREATED_AT = "2022-03-02T23:29:04"

# base_model relation kinds (tags ``base_model:<kind>:<id>`` and card ``base_model_relation``).
LINEAGE_KINDS = ("finetune", "quantized", "adapter", "merge")

# The Hub API does not say whether an account is a user or an organisation; these well-known
# accounts are organisations, every other account is typed as a person (see the mapping doc).
KNOWN_ORGANISATIONS = frozenset(s.lower() for s in """
01-ai AI21Labs AIDC-AI allenai amazon apple BAAI baichuan-inc bigcode bigscience black-forest-labs ByteDance
CohereForAI cohere CompVis Databricks databricks deepseek-ai deepset distilbert EleutherAI espnet facebook
FacebookAI google google-bert google-t5 HuggingFaceH4 HuggingFaceTB HuggingFaceM4 huggingface ibm ibm-granite
intel Intel internlm jinaai LGAI-EXAONE LiquidAI lmsys meta-llama microsoft mistral-community mistralai
mosaicml naver-clova-ix NousResearch nvidia openai openai-community openbmb Qwen runwayml Salesforce
sentence-transformers speechbrain stabilityai THUDM tiiuae TinyLlama unsloth upstage xai-org Zyphra
mlx-community lmstudio-community NexaAI QuantFactory
""".split())
