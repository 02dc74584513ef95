"""`mlfdo chat`: ask the registry a question; the answer cites FDO PIDs."""

from __future__ import annotations

import json
import re
import sys

import click

from registry.cli import cli
from registry.cli.common import open_registry

_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\((/fdo/[a-z2-7]+)\)")


def _terminal(text: str, base_url: str) -> str:
    """Return Markdown for a terminal: the first link to an FDO shows its PID, later ones only the name."""
    seen: set[str] = set()

    def sub(m: re.Match) -> str:
        label = re.sub(r"\\(.)", r"\1", m.group(1))
        pid = base_url.rstrip("/") + m.group(2)
        if pid in seen:
            return label
        seen.add(pid)
        return f"{label} <{pid}>"

    return re.sub(r"\\([\[\]*_|\\])", r"\1", _LINK.sub(sub, text))


def _print_answer(answer, base_url: str, streamed: bool) -> None:
    if streamed and not answer.replaced:
        click.echo()
        if answer.table is not None:
            click.echo("\n" + _terminal(answer.table.markdown(), base_url))
    else:
        if streamed:
            click.echo("\n\n[replaced by the registry's facts]")
        click.echo(_terminal(answer.text, base_url))
    if answer.citations:
        click.echo("\nCited FDOs:")
        for c in answer.citations:
            click.echo(f"  {c.name} ({c.kind}) {c.pid}")
    if answer.follow_ups:
        click.echo("\nYou could ask next:")
        for q in answer.follow_ups:
            click.echo(f"  - {q}")
    if answer.filters:
        click.echo("\nSearch filters:")
        for f in answer.filters:
            click.echo(f"  {f.label}: {base_url.rstrip('/')}{f.href}")
    for note in answer.notes:
        click.echo(f"\nNote: {note}", err=True)
    click.echo(f"\n({answer.mode_note} First text after {answer.timings['first_token_ms'] / 1000:.1f} s, "
               f"answer after {answer.timings['total_ms'] / 1000:.1f} s.)", err=True)


def _ask(chat, question: str, conversation: str | None, about: str | None, as_json: bool, stream: bool,
         base_url: str) -> str:
    answer, streamed = None, False
    for kind, payload in chat.events(question, conversation, about, wait=True):
        if kind == "meta" and payload["mode"] != "extractive" and stream and not as_json:
            streamed = True
        elif kind == "token" and streamed:
            click.echo(payload["text"], nl=False)
            sys.stdout.flush()
        elif kind == "done":
            answer = payload
    if as_json:
        click.echo(json.dumps(answer.to_dict(), indent=1, ensure_ascii=False))
    else:
        _print_answer(answer, base_url, streamed)
    return answer.conversation


@cli.command("chat")
@click.argument("question", required=False)
@click.option("--llm", default=None, metavar="MODE",
              help="ollama:<model>, local or extractive (default: MLFDO_LLM, else the local model when installed).")
@click.option("--about", default=None, metavar="ID", help="Ask about this FDO (id, PID or platform:id).")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON answer of POST /api/chat.")
@click.option("--no-stream", is_flag=True, help="Print the answer once it is complete.")
@click.pass_context
def chat_cmd(ctx: click.Context, question: str | None, llm: str | None, about: str | None, as_json: bool,
             no_stream: bool) -> None:
    """Ask the registry a question; the answer names FDOs with their PIDs.

    Without QUESTION, reads one question per line from standard input as one conversation
    ("its licence?" refers to the previous answer).
    """
    from registry.chat import ChatService

    overrides = {"LLM": llm} if llm is not None else {}
    with open_registry(ctx, **overrides) as registry:
        chat = registry.extension("chat", ChatService.from_registry)
        if chat.generator.mode == "local" and not chat.generator.ready() and not as_json:
            click.echo("Loading the local model (the first time takes about a minute)…", err=True)
        if question:
            _ask(chat, question, None, about, as_json, not no_stream, registry.base_url)
            return
        conversation = None
        for line in sys.stdin:
            if line.strip():
                conversation = _ask(chat, line.strip(), conversation, about, as_json, not no_stream,
                                    registry.base_url)
                click.echo()
