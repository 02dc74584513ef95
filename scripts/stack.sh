#!/usr/bin/env bash
# The docker-compose topology as local processes: scripts/stack.sh up|down [options] (see `mlfdo stack --help`).
set -eu
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
exec "$PY" -m registry stack "$@"
