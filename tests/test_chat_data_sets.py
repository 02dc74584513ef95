""""Has anyone tuned a model on <a data set, described>?" puts forward the models trained on it: the chat reads the
question with the search's reader, whose data set concepts (``datasets.ttl``) stand for the models trained on them."""

from __future__ import annotations

import pytest

from tests.factories import dataset_record, model_doing, model_pid, registry_holding, task_record

TRAINED = {
    "acme/tiny-solver": ("text-generation", "openai/gsm8k"),
    "acme/law-digest": ("summarization", "billsum"),
    "acme/voice-lj": ("text-to-speech", "ljspeech"),
    "acme/swahili-chat": ("text-generation", "masakhane/african-ultrachat"),
}


@pytest.fixture(scope="module")
def registry():
    records = [task_record(task) for task in {t for t, _ in TRAINED.values()}]
    records += [model_doing(name, task, datasets=(data,), downloads=5, description="A fine-tuned model.")
                for name, (task, data) in TRAINED.items()]
    records += [dataset_record(data) for _, data in TRAINED.values()]
    decoys = {"text-generation": "HuggingFaceH4/ultrachat_200k", "summarization": "xsum", "text-to-speech": "common_voice"}
    records += [model_doing(f"acme/{task}-{i}", task, downloads=100000 + i, description="A fine-tuned model.",
                            datasets=(data,) if i % 2 else ()) for task, data in decoys.items() for i in range(4)]
    records += [dataset_record(data) for data in decoys.values()]
    yield from registry_holding(records)


@pytest.mark.parametrize("question, name", [
    ("Has anyone tuned a model on school maths word problems?", "acme/tiny-solver"),
    ("Has anybody trained something on summaries of legislation?", "acme/law-digest"),
    ("Is there a voice trained on one speaker reading books?", "acme/voice-lj"),
    ("Did anyone fine-tune a chatbot on conversations translated into African languages?", "acme/swahili-chat"),
])
def test_a_question_whether_anyone_tuned_on_described_data_puts_its_models_forward(chat, question, name):
    answer = chat.ask(question)
    assert model_pid(name) in {c.pid for c in answer.answers}, answer.text
