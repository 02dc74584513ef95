"""The bundled demo snapshot: real Hub metadata, model cards written by us.

``harvesters/data/hf_snapshot/`` holds ~1,300 real models' structured metadata (ids, tags,
licences, dates, numbers, card YAML) taken from ../shared/realdata/hf, in the Hub API's JSON
shape, and a README for each written by ``write_card``: the real card YAML as front matter,
then short Markdown sections generated from the structured facts. No card prose is copied;
free text others wrote inside the metadata (widget examples, gated-access prompts, chat
templates and generation prompts at any depth, sentences in file names) is dropped. ``build_snapshot`` regenerates the directory:

    python -m harvesters.huggingface.snapshot /path/to/shared/realdata/hf
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import sys
from pathlib import Path

import yaml

from harvesters.huggingface.terms import task_label

__all__ = ["demo_snapshot_dir", "build_snapshot", "write_card", "strip_model", "AUTHOR_TEXT_KEYS"]

SNAPSHOT_DIR = Path(__file__).resolve().parent.parent / "data" / "hf_snapshot"
_DROP_CARD_KEYS = {"widget", "extra_gated_prompt", "extra_gated_description", "extra_gated_heading",
                   "extra_gated_button_content", "extra_gated_fields", "prompt_template"}
_DROP_MODEL_KEYS = {"widgetData", "spaces", "gitalyUid"}
# Text authors wrote for their model's users, dropped wherever it sits (config.processor_config,
# gguf, tokenizer_config, cardData ...): chat templates and generation prompts.
AUTHOR_TEXT_KEYS = frozenset({"chat_template", "instance_prompt", "prompt_template", "system_prompt",
                              "default_system_prompt"})
_MAX_FILENAME_WORDS = 4  # a file name longer than this is text put where a name belongs


def demo_snapshot_dir() -> Path:
    """Return the directory of the bundled demo snapshot (serve it with ``harvesters.huggingface.offline``)."""
    return SNAPSHOT_DIR


def strip_model(model: dict) -> dict:
    """Return a model record without free text written by others and without bulky file lists."""
    out = {k: _without_author_text(v) for k, v in model.items() if k not in _DROP_MODEL_KEYS}
    if isinstance(out.get("cardData"), dict):
        out["cardData"] = {k: v for k, v in out["cardData"].items() if k not in _DROP_CARD_KEYS}
    if isinstance(out.get("siblings"), list):
        out["siblings"] = [{"rfilename": s["rfilename"]} for s in out["siblings"]
                           if isinstance(s, dict) and isinstance(s.get("rfilename"), str)
                           and len(s["rfilename"].split()) <= _MAX_FILENAME_WORDS]
    return out


def _without_author_text(value):
    if isinstance(value, dict):
        return {k: _without_author_text(v) for k, v in value.items() if k not in AUTHOR_TEXT_KEYS}
    if isinstance(value, list):
        return [_without_author_text(v) for v in value]
    return value


def _pick(model_id: str, options: tuple[str, ...]) -> str:
    digest = int(hashlib.sha256(model_id.encode()).hexdigest()[:8], 16)
    return options[digest % len(options)]


def _as_list(value) -> list:
    return [] if value is None else list(value) if isinstance(value, list) else [value]


def _human(n: int) -> str:
    for unit, size in (("B", 10**9), ("M", 10**6), ("K", 10**3)):
        if n >= size:
            return f"{n / size:.1f}{unit}"
    return str(n)


def _usage_snippet(model: dict) -> tuple[str, str]:
    model_id = model["id"]
    library = model.get("library_name") or (model.get("cardData") or {}).get("library_name")
    task = model.get("pipeline_tag")
    if library == "transformers" and task:
        return "python", f'from transformers import pipeline\n\npipe = pipeline("{task}", model="{model_id}")'
    if library == "sentence-transformers":
        return "python", (f'from sentence_transformers import SentenceTransformer\n\n'
                          f'model = SentenceTransformer("{model_id}")\n'
                          'embeddings = model.encode(["first text", "second text"])')
    if library == "diffusers":
        return "python", (f'from diffusers import DiffusionPipeline\n\n'
                          f'pipe = DiffusionPipeline.from_pretrained("{model_id}")')
    if library == "peft":
        return "python", f'from peft import AutoPeftModel\n\nmodel = AutoPeftModel.from_pretrained("{model_id}")'
    return "bash", f"huggingface-cli download {model_id}"


def write_card(model: dict) -> str:
    """Return a README in the HF card format: the real card YAML, then sections written from the facts."""
    model_id = model["id"]
    meta = model.get("cardData") if isinstance(model.get("cardData"), dict) else {}
    tags = [t for t in model.get("tags") or [] if isinstance(t, str)]
    author = model.get("author") or model_id.split("/")[0]
    task = model.get("pipeline_tag") or meta.get("pipeline_tag")
    library = model.get("library_name") or meta.get("library_name")
    bases = [t.split(":", 2) for t in tags if t.startswith("base_model:") and t.count(":") == 2]
    datasets = [str(d) for d in _as_list(meta.get("datasets"))]
    papers = [t[len("arxiv:"):] for t in tags if t.startswith("arxiv:")]
    languages = [str(x) for x in _as_list(meta.get("language"))]
    licence = meta.get("license") or next((t[len("license:"):] for t in tags if t.startswith("license:")), None)
    params = (model.get("safetensors") or {}).get("total") if isinstance(model.get("safetensors"), dict) else None

    parts: list[str] = []
    if meta:
        parts.append("---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) + "---\n")
    name = model_id.split("/")[-1]
    parts.append(f"# {name}\n")
    kind = f"a {task_label(task).lower()} model" if task else "a machine-learning model"
    lineage = ""
    if bases:
        words = {"finetune": "fine-tuned from", "quantized": "a quantized version of", "adapter": "an adapter for",
                 "merge": "merged from"}
        lineage = " It is " + "; ".join(f"{words.get(k, 'derived from')} `{b}`" for _, k, b in bases[:3]) + "."
    built = f" It is distributed for the `{library}` library." if library else ""
    size = f" The weights hold about {_human(params)} parameters." if isinstance(params, int) and params > 0 else ""
    parts.append(f"`{model_id}` is {kind} shared on the Hugging Face Hub by `{author}`.{lineage}{built}{size}\n")
    parts.append("*This card was written by mlfdo from the model's structured metadata for an offline demo; "
                 "it is not the authors' card.*\n")

    description_heading = _pick(model_id, ("Model description", "Model details", "Model summary"))
    facts = []
    config = model.get("config") if isinstance(model.get("config"), dict) else {}
    if config.get("model_type"):
        facts.append(f"- Architecture family: `{config['model_type']}`")
    if languages:
        facts.append(f"- Languages: {', '.join(languages)}")
    if licence:
        facts.append(f"- Licence: `{licence}`")
    if model.get("gated") not in (None, False, "False", "false"):
        facts.append(f"- Access: gated ({model['gated']} approval)")
    if facts:
        parts.append(f"## {description_heading}\n\n" + "\n".join(facts) + "\n")

    if task:
        parts.append(f"## {_pick(model_id, ('Intended uses & limitations', 'Intended use', 'Uses'))}\n\n"
                     f"Meant for {task_label(task).lower()}. Check the licence and the original repository "
                     "before relying on it.\n")
    parts.append(f"## {_pick(model_id, ('Bias, Risks, and Limitations', 'Limitations', 'Risks and limitations'))}\n\n"
                 "The metadata records no evaluation of bias or risks; treat outputs with care.\n")
    if datasets:
        names = ", ".join(f"`{d}`" for d in datasets[:10])
        parts.append(f"## Training data\n\nThe card metadata names: {names}.\n")
    lang, code = _usage_snippet(model)
    parts.append(f"## {_pick(model_id, ('How to use', 'Usage', 'Quick start'))}\n\n```{lang}\n{code}\n```\n")
    rows = _eval_rows(model.get("model-index") or meta.get("model-index"))
    if rows:
        parts.append("## Evaluation results\n\n| Task | Dataset | Metric | Value |\n| --- | --- | --- | --- |\n"
                     + "\n".join(rows[:20]) + "\n")
    co2 = meta.get("co2_eq_emissions")
    amount = co2.get("emissions") if isinstance(co2, dict) else co2
    if isinstance(amount, (int, float)):
        parts.append(f"## Environmental impact\n\nReported training emissions: {amount:g} g CO2eq.\n")
    if papers:
        entries = "\n\n".join(
            f"@misc{{arxiv_{p.replace('.', '_')},\n  eprint = {{{p}}},\n  archivePrefix = {{arXiv}}\n}}"
            for p in papers[:3])
        parts.append(f"## Citation\n\n```bibtex\n{entries}\n```\n")
    return "\n".join(parts)


def _eval_rows(index) -> list[str]:
    rows = []
    for entry in index if isinstance(index, list) else []:
        for result in (entry.get("results") or []) if isinstance(entry, dict) else []:
            if not isinstance(result, dict):
                continue
            task = (result.get("task") or {}).get("type", "") if isinstance(result.get("task"), dict) else ""
            ds = result.get("dataset") if isinstance(result.get("dataset"), dict) else {}
            for metric in result.get("metrics") or []:
                if isinstance(metric, dict):
                    rows.append(f"| {task} | {ds.get('name') or ds.get('type') or ''} | "
                                f"{metric.get('name') or metric.get('type') or ''} | {metric.get('value')} |")
    return rows


def _gzip_text(path: Path) -> io.TextIOWrapper:
    """Open a gzip file for text writing with a fixed header time, so rebuilds are byte-identical."""
    raw = gzip.GzipFile(filename="", mode="wb", fileobj=open(path, "wb"), compresslevel=9, mtime=0)  # noqa: SIM115
    return io.TextIOWrapper(_ClosingGzip(raw), encoding="utf-8")


class _ClosingGzip(io.RawIOBase):
    """A GzipFile wrapper that also closes the file it writes to."""

    def __init__(self, gz: gzip.GzipFile) -> None:
        self.gz = gz

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        return self.gz.write(data)

    def close(self) -> None:
        if not self.closed:
            fileobj = self.gz.fileobj
            self.gz.close()
            if fileobj is not None:
                fileobj.close()
        super().close()


def build_snapshot(realdata_hf: str | Path, out_dir: str | Path = SNAPSHOT_DIR) -> dict:
    """Build the demo snapshot from ../shared/realdata/hf; return its manifest."""
    src, out = Path(realdata_hf), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    models: dict[str, dict] = {}
    with open(src / "lineage" / "hamidah_model_info_reconstructed.jsonl", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            models[record["id"].lower()] = record
    latest: dict[str, tuple[str, dict]] = {}
    for file in sorted((src / "api" / "model_info").glob("*.json")):
        record = json.loads(file.read_text("utf-8"))
        if "/" not in record.get("id", ""):
            continue  # legacy single-segment ids duplicate their canonical repo
        stamp = file.stem.split("__")[-1]
        if record["id"].lower() not in latest or stamp >= latest[record["id"].lower()][0]:
            latest[record["id"].lower()] = (stamp, record)
    for key, (_stamp, record) in latest.items():
        models[key] = record
    redirects = {}
    for entry in json.loads((src / "api" / "redirects_307.json").read_text("utf-8")):
        old = entry["request_uri"].split("/api/models/", 1)[1].split("?")[0]
        new = entry["location"].split("/api/models/", 1)[1].split("?")[0]
        if new.lower() in models:
            redirects[old] = new
    stripped = [strip_model(m) for m in sorted(models.values(), key=lambda m: m["id"].lower())]
    with _gzip_text(out / "models.jsonl.gz") as fh:
        for model in stripped:
            fh.write(json.dumps(model, ensure_ascii=False, sort_keys=True) + "\n")
    n_cards = 0
    with _gzip_text(out / "cards.jsonl.gz") as fh:
        for model in stripped:
            siblings = model.get("siblings")
            has_readme = any(s.get("rfilename") == "README.md" for s in siblings or [])
            if isinstance(siblings, list) and siblings and not has_readme:
                continue  # the real repository has no README: neither does the replay
            fh.write(json.dumps({"id": model["id"], "text": write_card(model)}, ensure_ascii=False) + "\n")
            n_cards += 1
    (out / "redirects.json").write_text(json.dumps(redirects, indent=1, sort_keys=True) + "\n", "utf-8")
    manifest = {
        "models": len(stripped), "cards": n_cards, "redirects": len(redirects),
        "sources": ["realdata/hf/lineage/hamidah_model_info_reconstructed.jsonl (values real, API JSON shape)",
                    "realdata/hf/api/model_info/*.json (raw GET /api/models/{id} bodies, newest per id)",
                    "realdata/hf/api/redirects_307.json (renamed ids)"],
        "cards_note": "README texts are written by mlfdo (harvesters/huggingface/snapshot.py write_card) from "
                      "the structured metadata; the YAML front matter is the real card data. No card prose is copied.",
        "removed": sorted(_DROP_MODEL_KEYS | _DROP_CARD_KEYS | {f"{key} (at any depth)" for key in AUTHOR_TEXT_KEYS}
                          | {"siblings whose file name is a sentence"}),
        "provenance": "see ../shared/realdata/SOURCES.md for the origin and licence of every source file",
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    return manifest


if __name__ == "__main__":
    print(json.dumps(build_snapshot(sys.argv[1] if len(sys.argv) > 1 else "../shared/realdata/hf"), indent=1))
