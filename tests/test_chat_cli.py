"""`mlfdo chat` on an on-disk registry: one question, JSON output, a conversation on standard input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from registry.cli import cli
from registry.pid import mint_id
from tests.data.chat.fixture import BASE, OUT

GPT2_PID = f"{BASE}/fdo/{mint_id('hf', 'openai-community/gpt2')}"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("chat-cli")
    result = run(directory, "ingest", str(OUT))
    assert result.exit_code == 0, result.output
    return directory


def run(data_dir, *args, input=None):
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), "--base-url", BASE, *args], input=input,
                              env={"MLFDO_QDRANT_URL": "", "MLFDO_EMBEDDER": "static",
                                   "MLFDO_LLM": "extractive"},
                              catch_exceptions=False)


def test_chat_cli_answers_with_pids(data_dir):
    result = run(data_dir, "chat", "What licence does openai-community/gpt2 have?")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"openai-community/gpt2 <{GPT2_PID}> is released under MIT.")
    assert f"openai-community/gpt2 (model) {GPT2_PID}" in result.stdout
    assert f"{BASE}/search?" in result.stdout
    assert "no language model" in result.stderr


def test_chat_cli_json(data_dir):
    result = run(data_dir, "chat", "Tell me about GPT-5", "--json")
    body = json.loads(result.stdout)
    assert body["answerable"] is False and body["mode"] == "extractive"
    assert body["closest"][0]["pid"] == GPT2_PID


def test_chat_cli_conversation_on_stdin(data_dir):
    result = run(data_dir, "chat", input="How many parameters does whisper-tiny have?\nAnd its licence?\n")
    assert result.exit_code == 0, result.output
    assert "37.8M parameters" in result.stdout
    assert "is released under Apache-2.0." in result.stdout


def test_chat_cli_about_and_unknown_fdo(data_dir):
    ok = run(data_dir, "chat", "What was it trained on?", "--about", "hf:openai-community/gpt2")
    assert "was trained on openwebtext" in ok.stdout
    bad = run(data_dir, "chat", "What was it trained on?", "--about", "hf:acme/nothing")
    assert bad.exit_code == 2 and "no FDO" in bad.stderr


def test_chat_cli_rejects_unknown_llm_mode(data_dir):
    result = run(data_dir, "chat", "hello", "--llm", "gpt-cloud")
    assert result.exit_code == 2 and "MLFDO_LLM" in result.stderr
