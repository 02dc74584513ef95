"""Search speed: query latency at 10k and 100k FDOs, and index throughput.

Usage: python bench/search_speed.py [--sizes 10000,100000] [--queries 200] [--skip-throughput] [--embedders static,minilm]
                                   [--unique 100000]

Latency: synthetic FDOs (random words from a Zipf vocabulary, facet values, sizes, dates,
downloads; random unit vectors: the dense scan is exact, so its cost does not depend on the
vectors) go straight into the in-memory engine; queries run through ``Searcher.search`` with
each real embedder asked for (static and MiniLM by default, so their ratio comes from one run). "end to end" embeds every query (cache cleared), "engine" repeats the
query with its vector cached (ranking, facets, suggestions, questions, page assembly). Both
report the wall clock and the CPU time of the searching thread (the machine is shared).

Beyond ``--unique`` FDOs (default 100,000) the documents are copies of the first ones with their
own PID, name, description (one extra word), facet lists and keyword vector lists, and their own
random vector: generating a million distinct documents takes longer than the measurement. The
resident memory (RSS) after the build is printed; it understates distinct documents by ~2.5 KB
each, since a copy's keyword vector shares the Python int and float objects of its original
(~48 terms x 52 bytes).

Throughput: the demo snapshot harvested into an in-memory store, then a fresh index built
from it stage by stage: documents from the graph, MiniLM embeddings, Qdrant local-mode writes
(in memory and on disk), engine inserts.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from registry.search.document import IndexDoc  # noqa: E402
from registry.search.facets import LANGUAGE_NAMES  # noqa: E402
from registry.search.text import sparse_vector  # noqa: E402

BASE = "http://127.0.0.1:8000"
TASKS = ["text-generation", "text-classification", "token-classification", "question-answering", "summarization",
         "translation", "fill-mask", "sentence-similarity", "feature-extraction", "text-to-image",
         "image-classification", "object-detection", "automatic-speech-recognition", "text-to-speech",
         "image-to-text", "zero-shot-classification", "image-segmentation", "text2text-generation"]
LICENCES = ["Apache-2.0", "MIT", "CC-BY-4.0", "CC-BY-NC-4.0", "llama2", "llama3", "openrail", "GPL-3.0",
            "BSD-3-Clause", "CC-BY-SA-4.0", "other", "gemma"]
LIBRARIES = ["transformers", "sentence-transformers", "diffusers", "peft", "gguf", "timm", "spacy", "fastai",
             "onnx", "mlx", "keras", "setfit"]
LANGS = [c for c in LANGUAGE_NAMES if c != "multilingual"] + ["multilingual"]
QUERIES = [
    "small Apache-licensed German sentence-embedding model", "fine-tuned from llama", "MIT licensed NER model",
    "summarise news articles in English", "speech recognition from 2023", "text classification for tweets",
    "models under 500M parameters for question answering", "image generation with diffusers",
    "quantized chat model", "translation english to french", "bert", "object detection transformer",
    "multilingual embeddings", "code generation model over 7B parameters", "sentiment analysis reviews",
]


def words(rng: random.Random, vocab: list[str], weights: list[float], n: int) -> str:
    return " ".join(rng.choices(vocab, weights=weights, k=n))


def synthetic_docs(n: int, seed: int = 7) -> list[IndexDoc]:
    """Return ``n`` FDOs with realistic facet spreads and Zipf-distributed description words."""
    rng = random.Random(seed)
    domain = ["model", "text", "fine", "tuned", "classification", "english", "generation", "chat", "image", "llama",
              "bert", "german", "speech", "recognition", "sentiment", "embedding", "translation", "summarization",
              "news", "question", "answering", "detection", "object", "quantized", "multilingual", "code", "reviews",
              "tweets", "diffusion", "transformer", "sentence", "small", "french", "entity", "audio", "parameters"]
    vocab = [w for pair in zip(domain, [f"w{i}" for i in range(len(domain))]) for w in pair] + \
        [f"w{i}" for i in range(len(domain), 5000)]
    weights = [1.0 / (i + 1) ** 0.9 for i in range(len(vocab))]
    authors = [f"org{i}" for i in range(max(10, n // 20))]
    bases = [f"org{i}/base-{i}" for i in range(max(10, n // 50))]
    datasets = [f"dataset-{i}" for i in range(500)]
    docs = []
    for i in range(n):
        author = rng.choice(authors)
        name = f"{author}/{words(rng, vocab, weights, 2).replace(' ', '-')}-{i}"
        facets = {"kind": [("model", "Model")], "platform": [("hf", "Hugging Face")],
                  "task": [(t, t) for t in rng.sample(TASKS, rng.choice([0, 1, 1, 1, 2]))],
                  "licence": [(rng.choice(LICENCES),) * 2] if rng.random() < 0.8 else [],
                  "library": [(rng.choice(LIBRARIES),) * 2] if rng.random() < 0.7 else [],
                  "language": [(c, c) for c in rng.sample(LANGS, rng.choice([0, 1, 1, 2, 3]))],
                  "author": [(author, author)],
                  "base_model": [(rng.choice(bases),) * 2] if rng.random() < 0.3 else [],
                  "dataset": [(d, d) for d in rng.sample(datasets, rng.choice([0, 0, 1, 2]))]}
        facets = {k: v for k, v in facets.items() if v}
        description = words(rng, vocab, weights, rng.randint(15, 80))
        doc = IndexDoc(pid=f"{BASE}/fdo/s{i:012d}", version=1, kind="model", name=name, identifier=name,
                       description=description, facets=facets,
                       params=10 ** rng.uniform(6.5, 11) if rng.random() < 0.7 else None,
                       date=rng.uniform(1.58e9, 1.76e9), downloads=int(rng.paretovariate(1.2)) - 1,
                       exact=[name.lower()])
        doc.sparse = sparse_vector({"name": [name], "description": [description],
                                    "task": [k for k, _ in facets.get("task", [])],
                                    "library": [k for k, _ in facets.get("library", [])]})
        docs.append(doc)
    return docs


def scaled_docs(n: int, unique: int) -> list[IndexDoc]:
    """Return ``n`` FDOs: ``unique`` generated ones, then copies of them under new PIDs and names."""
    docs = synthetic_docs(min(n, unique))
    for i in range(len(docs), n):
        doc = docs[i % unique]
        name = f"{doc.name}-copy{i}"
        copy = replace(doc, pid=f"{BASE}/fdo/s{i:012d}", name=name, identifier=name, exact=[name.lower()],
                       description=f"{doc.description} c{i}", facets={k: list(v) for k, v in doc.facets.items()})
        copy.sparse = (list(doc.sparse[0]), list(doc.sparse[1]))
        docs.append(copy)
    return docs


def rss_mb() -> float:
    """Return the resident memory of this process now, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def random_vectors(n: int, dim: int, seed: int = 11, anchors: np.ndarray | None = None) -> np.ndarray:
    """Return unit vectors: uniform, or scattered around ``anchors`` (cosine ~0.7 to their anchor).

    Scattering them around real embeddings of task names and queries gives queries realistic
    neighbourhoods (hundreds of FDOs above the similarity floor) instead of none.
    """
    gen = np.random.default_rng(seed)
    rows = gen.standard_normal((n, dim)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    if anchors is not None:
        rows = anchors[gen.integers(0, len(anchors), n)] + rows
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"p50 {statistics.median(ordered):6.1f} ms  p95 {p95:6.1f} ms"


def latency(sizes: list[int], n_queries: int, spec: str, unique: int = 100_000) -> None:
    from registry.search.embed import make_embedder
    from registry.search.index import SearchIndex
    from registry.search.persist import QdrantIndex
    from registry.search.searcher import Searcher
    from registry.store import Store

    embedder = make_embedder(spec)
    print(f"\n=== embedder {spec} ({embedder.dim} dimensions)")
    anchors = embedder.embed([t.replace("-", " ") for t in TASKS] + QUERIES)
    rng = random.Random(3)
    for n in sizes:
        started = time.perf_counter()
        docs = scaled_docs(n, unique)
        made = time.perf_counter() - started
        index = SearchIndex(Store.open(None, BASE), embedder, QdrantIndex.open("", None, "bench", embedder.dim))
        started = time.perf_counter()
        for start in range(0, n, 5000):
            index.engine.upsert(docs[start:start + 5000],
                                random_vectors(min(5000, n - start), embedder.dim, start, anchors))
        inserted = time.perf_counter() - started
        del docs
        gc.collect()
        searcher = Searcher(index)
        print(f"\n{n:,} FDOs: generated in {made:.1f}s, engine insert {n / inserted:,.0f} FDOs/s, "
              f"process RSS {rss_mb():,.0f} MB")
        engine = index.engine
        overlaps = []
        for q in embedder.embed(QUERIES + [t.replace("-", " ") + " model" for t in TASKS]):
            exact = set(np.argsort(-(engine.vectors[:engine.size] @ q))[:100].tolist())
            approx = set(np.argsort(-engine.similarities(q))[:100].tolist())
            overlaps.append(len(exact & approx) / 100)
        scan = "reduced first pass + exact re-rank" if engine.basis is not None else "exact scan"
        print(f"  dense: {scan}; recall@100 against the exact scan {statistics.mean(overlaps):.3f} "
              f"(min {min(overlaps):.2f})")
        cases = []
        for i in range(n_queries):
            query = QUERIES[i % len(QUERIES)]
            filters = None
            if i % 3 == 1:
                filters = {"licence": [rng.choice(LICENCES)]}
            elif i % 3 == 2:
                filters = {"task": [rng.choice(TASKS)], "language": [rng.choice(LANGS[:10])]}
            cases.append((query, filters))
        searcher.search("warm up")
        for label, cached in (("end to end (query embedded)", False), ("engine (query vector cached)", True)):
            times, totals, cpu, process = [], [], [], []
            for query, filters in cases:
                if not cached:
                    embedder._cache.clear()
                    searcher._understood.clear()
                else:
                    searcher.search(query, filters)
                t0, c0, p0 = time.perf_counter(), time.thread_time(), time.process_time()
                response = searcher.search(query, filters)
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.thread_time() - c0) * 1000)
                process.append((time.process_time() - p0) * 1000)  # + BLAS and query-embedding threads
                totals.append(response.total)
            print(f"  {label:30s} wall {percentiles(times)}   thread CPU {percentiles(cpu)}   "
                  f"process CPU {percentiles(process)}   "
                  f"(results per query: median {statistics.median(totals):,.0f})")
        for label, filters in (("no filter", None), ("licence filter", {"licence": ["MIT"]}),
                               ("task+language filter", {"task": ["text-classification"], "language": ["de"]})):
            times = []
            for query in QUERIES:
                searcher.search(query, filters)
                t0 = time.perf_counter()
                searcher.search(query, filters)
                times.append((time.perf_counter() - t0) * 1000)
            print(f"    engine, {label:24s} {percentiles(times)}")
        print(f"  process RSS after the queries {rss_mb():,.0f} MB, load average {load_average()}")
        index.persisted.close()


def throughput(specs: list[str]) -> None:
    from bench.search_quality import load_demo
    from registry.search.document import build_docs, indexed_versions
    from registry.search.embed import make_embedder
    from registry.search.engine import MemoryEngine
    from registry.search.persist import QdrantIndex
    from registry.store import Store

    store = Store.open(None, BASE)
    started = time.perf_counter()
    load_demo(store)
    from harvesters.vocabularies import harvest as harvest_vocabularies

    harvest_vocabularies(store, BASE)  # the concepts a model's document carries (``document.read_concepts``)
    print(f"\nthroughput: demo snapshot and vocabularies harvested in {time.perf_counter() - started:.1f}s")
    items = sorted(indexed_versions(store).values())
    t0 = time.perf_counter()
    docs = build_docs(store, items)
    t_docs = time.perf_counter() - t0
    sample = docs[:512]
    print(f"  documents from the graph: {len(docs) / t_docs:,.0f} FDOs/s ({len(docs)} FDOs)")
    words_per_text = statistics.mean(len(d.embed_text.split()) for d in sample)
    for spec in specs:
        embedder = make_embedder(spec)
        embedder.embed(["warm up"])
        t0 = time.perf_counter()
        vectors = embedder.embed([d.embed_text for d in sample])
        t_embed = time.perf_counter() - t0
        print(f"  {spec} embeddings: {len(sample) / t_embed:,.1f} texts/s ({words_per_text:.0f} words per text)")
        per_fdo = t_docs / len(docs) + t_embed / len(sample)
        print(f"  {spec}: documents + embeddings ~{1 / per_fdo:,.1f} FDOs/s")
        print(f"  {spec}: full index build (mlfdo index: documents, embeddings, Qdrant on disk, engine) "
              f"{index_build(store, spec):,.1f} FDOs/s")
    vectors_all = np.concatenate([vectors, random_vectors(len(docs) - len(sample), embedder.dim)])
    for where in ("memory", "disk"):
        directory = None if where == "memory" else Path(tempfile.mkdtemp(prefix="mlfdo-qdrant-"))
        persisted = QdrantIndex.open("", directory, "bench", embedder.dim)
        t0 = time.perf_counter()
        persisted.upsert(docs, vectors_all)
        print(f"  Qdrant local mode writes ({where}): {len(docs) / (time.perf_counter() - t0):,.0f} FDOs/s")
        if directory is not None:
            persisted.close()
            t0 = time.perf_counter()
            persisted = QdrantIndex.open("", directory, "bench", embedder.dim)
            engine = MemoryEngine(embedder.dim)
            for batch, rows in persisted.load():
                engine.upsert(batch, rows)
            print(f"  reopen from disk into the engine: {time.perf_counter() - t0:.2f}s for {len(engine)} FDOs")
        persisted.close()
    engine = MemoryEngine(embedder.dim)
    t0 = time.perf_counter()
    engine.upsert(docs, vectors_all)
    print(f"  engine inserts: {len(docs) / (time.perf_counter() - t0):,.0f} FDOs/s")


def index_build(store, spec: str) -> float:
    """Return FDOs/s of a first sync of a fresh on-disk index over ``store`` (what `mlfdo index` does)."""
    from registry.search.embed import make_embedder
    from registry.search.index import SearchIndex
    from registry.search.persist import QdrantIndex

    embedder = make_embedder(spec)
    directory = Path(tempfile.mkdtemp(prefix="mlfdo-index-"))
    index = SearchIndex(store, embedder, QdrantIndex.open("", directory, embedder.slug, embedder.dim))
    report = index.sync()
    index.persisted.close()
    return report.indexed / report.seconds


def load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=150)
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--embedders", default="static,minilm", help="embedders to compare, in one run")
    parser.add_argument("--unique", type=int, default=100_000, help="distinct generated FDOs; more are copies")
    args = parser.parse_args()
    specs = [s for s in args.embedders.split(",") if s]
    print(f"load average before: {load_average()} (2 cores)")
    for spec in specs:
        latency([int(s) for s in args.sizes.split(",") if s], args.queries, spec, args.unique)
    print(f"load average after latency runs: {load_average()}")
    if not args.skip_throughput:
        throughput(specs)


if __name__ == "__main__":
    main()
