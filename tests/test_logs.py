"""Structured logs: MLFDO_LOG_FORMAT=json writes one JSON object per line."""

from __future__ import annotations

import io
import json
import logging

import pytest

from registry.logs import configure_logging


@pytest.fixture
def restore_loggers():
    saved = {name: (list(logging.getLogger(name).handlers), logging.getLogger(name).level)
             for name in ("registry", "harvesters", "workers")}
    yield
    for name, (handlers, level) in saved.items():
        logger = logging.getLogger(name)
        logger.handlers[:] = handlers
        logger.setLevel(level)


def test_json_log_lines_carry_level_logger_message_and_extra_fields(restore_loggers):
    handler = configure_logging("json")
    handler.setStream(stream := io.StringIO())
    logging.getLogger("registry.store").warning("batch of %d written", 200, extra={"pids": 200})
    try:
        raise ValueError("bad record")
    except ValueError:
        logging.getLogger("harvesters.hf").exception("record failed")
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert (first["level"], first["logger"], first["message"], first["pids"]) == \
           ("WARNING", "registry.store", "batch of 200 written", 200)
    assert first["time"].endswith("+00:00")
    assert second["logger"] == "harvesters.hf" and "ValueError: bad record" in second["exception"]


def test_text_log_lines_are_not_json(restore_loggers):
    handler = configure_logging("text")
    handler.setStream(stream := io.StringIO())
    logging.getLogger("workers.tasks").info("harvest started")
    line = stream.getvalue().strip()
    assert line.endswith("INFO workers.tasks: harvest started")
    with pytest.raises(json.JSONDecodeError):
        json.loads(line)


def test_unknown_log_format_is_refused():
    with pytest.raises(ValueError, match="MLFDO_LOG_FORMAT"):
        configure_logging("xml")
