"""The relevance bench scores judged records that are not Hub models (OpenML objects, by PID) in its "+other" figure."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from registry.pid import mint_id, pid_iri

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "search_quality.py"


def load():
    spec = importlib.util.spec_from_file_location("search_quality", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_judged_other_records_count_in_the_second_figure_only():
    bench = load()
    flow = "http://127.0.0.1:8000/fdo/agltekzy3s6is"
    model = pid_iri(bench.BASE, mint_id("hf", "org/tabular"))
    entry = {"relevant": {"org/tabular": 1}, "other": {"openml-flow:4253": {"pid": flow, "grade": 2}}}
    assert bench.judged(entry) == {model: 1}
    assert bench.judged(entry, other=True) == {model: 1, flow: 2}
    ranked = [flow, model]
    assert bench.ndcg(ranked, bench.judged(entry)) < 1.0  # the flow is an unjudged first hit
    assert bench.ndcg(ranked, bench.judged(entry, other=True)) == 1.0
