"""Every setting and every CLI command is documented."""

from __future__ import annotations

from pathlib import Path

from registry.cli import cli
from registry.settings import SETTINGS

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_every_setting_is_documented():
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    missing = [s.env for s in SETTINGS if f"`{s.env}`" not in text]
    assert missing == []


def test_every_cli_command_is_documented():
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = [name for name in cli.commands if f"## mlfdo {name}" not in text]
    assert missing == []


def test_every_cli_command_has_help():
    assert all(cmd.help for cmd in cli.commands.values())
