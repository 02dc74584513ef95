"""Chat: time to first token and total time per mode, and groundedness on 20 written questions.

Usage:
  python bench/chat.py [--data-dir DIR] [--modes extractive,local,ollama] [--questions FILE] [--out FILE]
                       [--llm-cache DIR] [--ollama-model NAME]

DIR is a data directory holding the demo data (`mlfdo demo --no-serve --data-dir DIR`); when it
holds no model the script harvests the bundled snapshot into it first, and the concept
vocabularies always (as `mlfdo demo` does; unchanged files add no version). Modes:
  extractive  templates over the graph;
  local       SmolLM2-135M-Instruct through transformers (its load time is reported apart);
  ollama      a real Ollama server when OLLAMA_HOST answers and --ollama-model is pulled; otherwise
              the loopback stub of the tests (tests/ollama_stub.py), which replies instantly with a
              sentence built from the first fact: that measures the chat's own overhead around an
              Ollama call, not a model.
For each answer: all cited PIDs exist (store.exists); the expected FDOs are cited and the
expected facts are in the text (answerable questions); or the chat refused (unanswerable ones).
Prints a table per mode; --out writes every answer as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from registry.chat import ChatService  # noqa: E402
from registry.chat.generate import ExtractiveGenerator, OllamaGenerator  # noqa: E402
from registry.service import Registry  # noqa: E402

QUESTIONS = ROOT / "bench" / "chat_questions" / "demo.yaml"
WARM_UP = "What licence does openai-community/gpt2 have?"


def open_demo(data_dir: str) -> Registry:
    registry = Registry.open({"DATA_DIR": data_dir, "SHACL": False, "LLM": "extractive"})
    if not registry.store.pids(kind="model", limit=1, include_stubs=False):
        from harvesters.huggingface.demo import load_demo

        load_demo(registry)
    from harvesters.vocabularies import harvest as harvest_vocabularies

    harvest_vocabularies(registry.store, registry.base_url)  # the concepts, as `mlfdo demo` has them (idempotent)
    return registry


def judge(store, spec: dict, answer) -> dict:
    """Return the checks of one answer against its question's expectations."""
    linked = re.findall(r"\]\((/fdo/[a-z2-7]+)\)", answer.text)
    pids_exist = all(store.exists(store.base_url + path) for path in linked) and \
        all(store.exists(c.pid) for c in answer.citations + answer.sources + answer.closest)
    if not spec["answerable"]:
        ok = pids_exist and not answer.answerable
        return {"pids_exist": pids_exist, "refused": not answer.answerable, "grounded": ok}
    cited = {c.pid for c in answer.citations}
    wanted = [store.resolve(ref) for ref in spec.get("cites", [])]
    cites_ok = all(pid is not None and pid in cited for pid in wanted)
    # precision: of the FDOs the answer cites, how many the question expects (a lower bound: a list
    # answer may rightly cite more than the one or two FDOs the question names)
    precision = (len(cited & set(wanted)), len(cited))
    text = answer.text
    facts_ok = all(any(alt.strip() in text for alt in item.split(" | ")) for item in spec.get("contains", []))
    return {"pids_exist": pids_exist, "cites_expected": cites_ok, "facts_in_text": facts_ok, "precision": precision,
            "refused": not answer.answerable, "grounded": pids_exist and cites_ok and facts_ok and answer.answerable}


def ollama_server(model: str) -> str | None:
    """Return OLLAMA_HOST when a real server answers there with ``model`` pulled, else None."""
    host = os.environ.get("OLLAMA_HOST") or "http://127.0.0.1:11434"
    try:
        with urllib.request.urlopen(host.rstrip("/") + "/api/tags", timeout=2) as r:
            names = {m.get("name", "").split(":")[0] for m in json.load(r).get("models", [])}
    except (OSError, ValueError):
        return None
    return host if model.split(":")[0] in names else None


def run_mode(registry: Registry, mode: str, questions: list[dict], args) -> tuple[list[dict], dict]:
    extra: dict = {}
    stub = None
    if mode == "extractive":
        generator = ExtractiveGenerator()
    elif mode == "local":
        from registry.chat.local import LocalGenerator

        generator = LocalGenerator(cache_dir=args.llm_cache)
        started = time.perf_counter()
        generator.load()
        extra["load_s"] = round(time.perf_counter() - started, 1)
        extra["loaded_from"] = generator.loaded_from
    else:
        host = ollama_server(args.ollama_model)
        if host is None:
            sys.path.insert(0, str(ROOT / "tests"))
            from ollama_stub import OllamaStub

            stub = OllamaStub(models=(args.ollama_model,)).start()
            host = stub.url
            extra["server"] = "loopback stub (tests/ollama_stub.py)"
        else:
            extra["server"] = host
        generator = OllamaGenerator(args.ollama_model, host=host)
    chat = ChatService(registry, generator=generator)
    chat.ask(WARM_UP)  # opens the search index and the name index; not timed
    chat.names.lookup(WARM_UP)  # builds the chat's name index (names a search does not resolve fall back to it)
    rows = []
    for spec in questions:
        answer = chat.ask(spec["q"])
        checks = judge(registry.store, spec, answer)
        rows.append({"question": spec["q"], "answerable_expected": spec["answerable"], "mode": answer.mode,
                     "replaced": answer.replaced, "first_token_ms": answer.timings["first_token_ms"],
                     "total_ms": answer.timings["total_ms"], "retrieval_ms": answer.timings["retrieval_ms"],
                     **checks, "answer": answer.text, "notes": answer.notes})
        print(f"  [{mode}] {'ok ' if checks['grounded'] else 'BAD'} {answer.timings['total_ms'] / 1000:6.2f} s "
              f"{answer.mode:10} {spec['q']}", file=sys.stderr)
    chat.close()
    if stub is not None:
        stub.stop()
    return rows, extra


def run_unseen(registry: Registry, path: str, out: str | None = None) -> None:
    """Ask the chat questions of a relevance file (bench/relevance/unseen.json) in extractive mode and print
    how many cited models satisfy each question (its judged models), whether every cited PID exists, latency.

    Counts: the models the answer puts forward (``Answer.answers``: what it lists or is about; the rule
    the target is measured by), the records it names as the closest it found, not as answers
    (``Answer.closest``: a refusal's, or those of "fine-tunes of X for Y" when none shows Y), both
    together, and every model it links (also the context: the X of "fine-tunes of X for Y", a base
    model named in a fact); and how many questions got at least one model put forward. A last line
    counts the OpenML objects too: those a question judges under ``other`` (platform id -> {pid,
    grade}) satisfy it, and every OpenML object put forward or named as closest (flow, run, task,
    dataset) is counted. A file
    without a ``chat`` list (bench/relevance/queries.json) is asked its search queries, their relevant
    models as judgments. ``out`` writes every answer (its text, the models put forward and named as closest,
    each with whether it satisfies the question) as JSON.
    """
    from registry.pid import mint_id, pid_iri

    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    items = spec.get("chat") or [{"q": e["query"], "satisfies": sorted(e["relevant"])} for e in spec["queries"]]
    chat = ChatService(registry, generator=ExtractiveGenerator())
    chat.ask(WARM_UP)
    chat.names.lookup(WARM_UP)  # builds the chat's name index (names a search does not resolve fall back to it)
    counts = {"offered": [0, 0], "closest": [0, 0], "linked": [0, 0], "offered+other": [0, 0], "closest+other": [0, 0]}
    exist = answered = 0
    times = []
    rows = []
    for item in items:
        answer = chat.ask(item["q"])
        good = {pid_iri(registry.base_url, mint_id("hf", i)) for i in item["satisfies"]}
        good_other = good | {o["pid"] for o in item.get("other", {}).values()}
        shown = []
        linked_pids = {c.pid for c in answer.citations}
        closest = [c for c in answer.closest if c.pid in linked_pids]  # those the text names
        for rule, cites in (("offered", answer.answers), ("closest", closest), ("linked", answer.citations)):
            cited = [c.pid for c in cites if registry.store.kind(c.pid) == "model"]
            ok = sum(pid in good for pid in cited)
            counts[rule][0] += ok
            counts[rule][1] += len(cited)
            shown.append(f"{ok}/{len(cited)}")
        # the same rule, the records that are not Hub models counted too: every OpenML object put forward
        # (a flow is a model; a run, task or dataset is one when the question is judged so)
        for rule, cites in (("offered+other", answer.answers), ("closest+other", closest)):
            found = [c.pid for c in cites if registry.store.kind(c.pid) == "model" or _openml(registry, c.pid)]
            counts[rule][0] += sum(pid in good_other for pid in found)
            counts[rule][1] += len(found)
        answered += bool(answer.answers)
        linked = re.findall(r"\]\((/fdo/[a-z2-7]+)\)", answer.text)
        exist += all(registry.store.exists(registry.base_url + p) for p in linked) and \
            all(registry.store.exists(c.pid) for c in answer.citations + answer.closest)
        times.append(answer.timings["total_ms"])
        rows.append({"question": item["q"], "answerable": answer.answerable, "total_ms": answer.timings["total_ms"],
                     "put_forward": [{"name": c.name, "satisfies": c.pid in good} for c in answer.answers],
                     "closest": [{"name": c.name, "satisfies": c.pid in good} for c in closest],
                     "answer": answer.text})
        print(f"  {shown[0]:>5} (closest {shown[1]:>5}, linked {shown[2]:>5}) {answer.timings['total_ms']:7.1f} ms  "
              f"{item['q']}", file=sys.stderr)
    chat.close()
    if out:
        Path(out).write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    times.sort()

    def share(rule: str) -> str:
        ok, n = counts[rule]
        return f"{ok}/{n} ({ok / max(1, n):.0%})"

    both = [counts["offered"][i] + counts["closest"][i] for i in (0, 1)]
    print(f"{len(items)} questions: models put forward that satisfy the question {share('offered')}, "
          f"in {answered}/{len(items)} answers; named as closest {share('closest')}; put forward or closest "
          f"{both[0]}/{both[1]} ({both[0] / max(1, both[1]):.0%}); every model linked {share('linked')}; "
          f"answers whose cited PIDs all exist {exist}/{len(items)}; "
          f"total p50 {statistics.median(times):.1f} ms, p95 {times[int(round(0.95 * (len(times) - 1)))]:.1f} ms")
    print(f"with the OpenML objects (judged under \"other\", and every one put forward or named counted): put forward "
          f"that satisfy {share('offered+other')}; named as closest {share('closest+other')}")


def _openml(registry: Registry, pid: str) -> bool:
    """Tell whether ``pid`` is an OpenML object (flow, run, task or dataset)."""
    known = registry.store.platform_id(pid)
    return bool(known) and known[0].startswith("openml")


def summarise(mode: str, rows: list[dict], extra: dict) -> dict:
    def pct(values, q):
        values = sorted(values)
        return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]

    answerable = [r for r in rows if r["answerable_expected"]]
    refusable = [r for r in rows if not r["answerable_expected"]]
    generated = [r for r in answerable if r["mode"] == mode or r["replaced"]]
    ttft = [r["first_token_ms"] for r in rows]
    total = [r["total_ms"] for r in rows]
    return {
        "mode": mode, **extra,
        "first_token_ms_p50": round(statistics.median(ttft), 1), "first_token_ms_p95": round(pct(ttft, 0.95), 1),
        "total_ms_p50": round(statistics.median(total), 1), "total_ms_p95": round(pct(total, 0.95), 1),
        "cited_pids_exist": f"{sum(r['pids_exist'] for r in rows)}/{len(rows)}",
        "grounded_answers": f"{sum(r['grounded'] for r in answerable)}/{len(answerable)}",
        "refusals_where_no_answer": f"{sum(r['refused'] for r in refusable)}/{len(refusable)}",
        "false_refusals": f"{sum(r['refused'] for r in answerable)}/{len(answerable)}",
        "cited_expected": f"{sum(r['precision'][0] for r in answerable)}/{sum(r['precision'][1] for r in answerable)}",
        "model_text_kept": f"{sum(1 for r in generated if not r['replaced'])}/{len(generated)}"
        if mode != "extractive" else "-",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=os.environ.get("MLFDO_DATA_DIR", "./mlfdo-data"))
    parser.add_argument("--modes", default="extractive,local,ollama")
    parser.add_argument("--questions", default=str(QUESTIONS))
    parser.add_argument("--out", default=None, help="write every answer and check as JSON (with --unseen: every "
                                                    "answer, the models put forward and named as closest)")
    parser.add_argument("--llm-cache", default=None, help="cache of the dequantised local model (default ~/.cache/mlfdo)")
    parser.add_argument("--ollama-model", default="llama3.2")
    parser.add_argument("--unseen", default=None,
                        help="instead: ask the chat questions of this relevance file (bench/relevance/unseen.json, "
                             "set3.json; queries.json: its search queries)")
    args = parser.parse_args()
    if args.unseen:
        registry = open_demo(args.data_dir)
        try:
            run_unseen(registry, args.unseen, args.out)
        finally:
            registry.close()
        return
    questions = yaml.safe_load(Path(args.questions).read_text(encoding="utf-8"))["questions"]
    registry = open_demo(args.data_dir)
    results, summaries = {}, []
    try:
        for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
            rows, extra = run_mode(registry, mode, questions, args)
            results[mode] = rows
            summaries.append(summarise(mode, rows, extra))
    finally:
        registry.close()
    keys = ["mode", "first_token_ms_p50", "first_token_ms_p95", "total_ms_p50", "total_ms_p95", "cited_pids_exist",
            "grounded_answers", "refusals_where_no_answer", "false_refusals", "cited_expected", "model_text_kept"]
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for s in summaries:
        print("| " + " | ".join(str(s.get(k, "")) for k in keys) + " |")
    for s in summaries:
        rest = {k: v for k, v in s.items() if k not in keys}
        if rest:
            print(f"{s['mode']}: {json.dumps(rest)}")
    if args.out:
        Path(args.out).write_text(json.dumps({"summaries": summaries, "answers": results}, indent=1,
                                             ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
