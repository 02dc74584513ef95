"""Time the search paths session 12 added (a family's kin, a bare name beside an account, a base's copies, a described
base) on bench/search_speed.py's synthetic index plus 5,000 derivatives of one base and a medalpaca account.

Usage (from the repository root): PYTHONPATH=$PWD python bench/search_paths.py SIZE OUT.json [profile]
Each search runs three times with every per-generation cache cleared; the median thread CPU is written to OUT.json
(results in docs/benchmarks.md, "Search latency after session 12").
"""
import cProfile, json, pstats, sys, time, os, random
sys.path.insert(0, os.getcwd())
from dataclasses import replace
from bench.search_speed import QUERIES, TASKS, random_vectors, scaled_docs, BASE
from registry.search.embed import make_embedder
from registry.search.index import SearchIndex
from registry.search.persist import QdrantIndex
from registry.search.searcher import Searcher
from registry.search.text import sparse_vector
from registry.store import Store

size = int(sys.argv[1]); out = sys.argv[2]; prof = len(sys.argv) > 3
embedder = make_embedder("static")
anchors = embedder.embed([t.replace("-", " ") for t in TASKS] + QUERIES)
docs = scaled_docs(size, 100_000)
rng = random.Random(5)
big = "meta-llama/Llama-3.1-8B"
fmt = ["GGUF", "Q4_K_M-GGUF", "bf16", "AWQ", "mlx-4bit", "Instruct-German", "chat-7B", "Chat-7B-German", "fp8"]
for i in range(0, size, 20):  # 5% derive from one big base; a third of them named after it
    d = docs[i]
    d.facets["base_model"] = [(big, big)]
    if i % 60 == 0:
        owner = d.name.split("/")[0]
        name = f"{owner}/Llama-3.1-8B-{fmt[(i // 60) % len(fmt)]}"
        d.name = d.identifier = name; d.exact = [name.lower()]
        d.sparse = sparse_vector({"name": [name], "description": [d.description],
                                  "task": [k for k, _ in d.facets.get("task", [])], "library": []})
extra = []
for j, (kind, name) in enumerate([("dataset", "medalpaca/medical_meadow_wikidoc"), ("dataset", "medalpaca/medical_meadow_flashcards")]
                                 + [("model", f"someone{k}/medalpaca_{k}-7b") for k in range(11)]):
    d = replace(docs[j], pid=f"{BASE}/fdo/x{j:06d}", kind=kind, name=name, identifier=name, exact=[name.lower()],
                facets={"kind": [(kind, kind)], "author": [(name.split('/')[0],) * 2], "task": [("text-generation",) * 2]})
    d.sparse = sparse_vector({"name": [name], "description": [d.description], "task": ["text-generation"], "library": []})
    extra.append(d)
docs += extra
n = len(docs)
index = SearchIndex(Store.open(None, BASE), embedder, QdrantIndex.open("", None, "bench", embedder.dim))
for start in range(0, n, 5000):
    index.engine.upsert(docs[start:start + 5000], random_vectors(min(5000, n - start), embedder.dim, start, anchors))
del docs
s = Searcher(index)
s.search("warm up")
cases = [
    ("Do you have LLaVA?", None), ("Is there a Code Llama model?", None), ("Google's Gemini", None),
    ("What is medalpaca?", None), ("medalpaca", None),
    ("the 7B chat version of Llama-3.1-8B", None), ("the chat 7B German version of Llama 3.1 8B", None),
    ("fine-tunes of Llama-3.1-8B in German", None), ("German models fine-tuned from Llama-3.1-8B", None),
    ("Llama-3.1-8B in GGUF", None), ("derivatives of Llama-3.1-8B for summarization", None),
    ("models based on Llama-3.1-8B", {"language": ["de"]}),
    ("bert", None), ("quantized chat model", None),
]
res = {}
for q, f in cases:
    times = []; cpu = []
    for rep in range(3):
        embedder._cache.clear(); s._understood.clear(); s._kin_masks.clear(); getattr(s, '_copy_masks', {}).clear()
        if hasattr(s, "_carried_cache"): s._carried_cache.clear()
        t = time.perf_counter(); c = time.thread_time(); r = s.search(q, f); times.append((time.perf_counter() - t) * 1000); cpu.append((time.thread_time() - c) * 1000)
    d = r.to_dict() if hasattr(r, "to_dict") else r
    try:
        d = json.loads(json.dumps(d, default=lambda o: getattr(o, "__dict__", str(o))))
    except Exception as e:
        d = str(d)
    if isinstance(d, dict): d.pop("took_ms", None)
    res[f"{q} {f}"] = d
    print(f"wall min {min(times):6.1f} max {max(times):6.1f}  cpu min {min(cpu):6.1f} med {sorted(cpu)[1]:6.1f} ms  {q!r} {f}", flush=True)
    if prof and q.startswith(('fine-tunes', 'Is there a Code')):
        embedder._cache.clear(); s._understood.clear(); s._kin_masks.clear(); getattr(s, '_copy_masks', {}).clear()
        pr = cProfile.Profile(); pr.enable(); s.search(q, f); pr.disable()
        pstats.Stats(pr).sort_stats("tottime").print_stats(18)
json.dump(res, open(out, "w"), default=str)
