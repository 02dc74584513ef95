"""Hugging Face Hub datasets as full Dataset FDOs, from ``GET /api/datasets/{id}``.

``harvest_datasets`` fetches the ids given, else every Hub dataset the registry references
that is still a stub, with the same client and politeness as models. A dataset the Hub does
not have keeps its stub, which records the problem. The mapping is documented in
docs/mappings/huggingface-datasets.md.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone

import httpx2
from huggingface_hub.errors import GatedRepoError, HfHubHTTPError, OfflineModeIsEnabled, RepositoryNotFoundError
from pyoxigraph import Literal, NamedNode, Triple

from harvesters.huggingface.extract import HubClient, _short
from harvesters.huggingface.licences import resolve_licence
from harvesters.huggingface.refs import Stubs, arxiv_id, repo_id
from harvesters.huggingface.terms import HF_SITE
from harvesters.huggingface.transform import HARVESTER, HARVESTER_VERSION
from harvesters.huggingface.values import as_int, as_list, clean_text, iso_datetime
from harvesters.run import DEFAULT_BATCH, Failed, Harvested, HarvestSummary, Progress, problem_stub, run_harvest
from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.store.platforms import stub_ids
from registry.vocab import CODEMETA, FAIR4ML, MLFDO, RDF, SCHEMA, SPDX, XSD

__all__ = ["harvest_datasets", "transform_dataset", "dataset_pid", "CROISSANT_TAGS"]

CROISSANT_TAGS = frozenset({"croissant", "library:mlcroissant"})
_DERIVED = ("task_categories:", "task_ids:", "language:", "license:", "size_categories:", "arxiv:", "doi:",
            "region:", "modality:", "format:", "library:")


def dataset_pid(base_url: str, dataset_id: str) -> str:
    """Return the PID of a Hub dataset (the same one a model's reference stub gets)."""
    return pid_iri(base_url, mint_id("hf-dataset", dataset_id))


def transform_dataset(info: object, *, base_url: str, source: SourceInfo | None = None,
                      raw: str | None = None) -> list[Record]:
    """Return [dataset record, *stubs] for one Hub dataset JSON; [] when it has no usable id."""
    if not isinstance(info, dict) or repo_id(info.get("id"), kind="dataset") is None:
        return []
    dataset_id = info["id"].strip()
    pid = dataset_pid(base_url, dataset_id)
    node = NamedNode(pid)
    stubs = Stubs(base_url, source)
    triples: list[Triple] = []
    problems: list[str] = []
    card = info.get("cardData") if isinstance(info.get("cardData"), dict) else {}
    if info.get("cardData") is not None and not card:
        problems.append(f"cardData is a {type(info.get('cardData')).__name__}, not a mapping; ignored")
    tags = [t for t in as_list(info.get("tags")) if isinstance(t, str)]

    def add(predicate: NamedNode, obj) -> None:
        triples.append(Triple(node, predicate, obj))

    def tagged(prefix: str) -> list[str]:
        return [t[len(prefix):] for t in tags if t.startswith(prefix) and len(t) > len(prefix)]

    add(RDF.type, SCHEMA.Dataset)
    pretty = card.get("pretty_name")
    add(SCHEMA.name, Literal(clean_text(pretty) if isinstance(pretty, str) and pretty.strip() else dataset_id))
    add(SCHEMA.identifier, Literal(dataset_id))
    add(SCHEMA.url, NamedNode(f"{HF_SITE}/datasets/{dataset_id}"))
    if isinstance(info.get("sha"), str) and info["sha"].strip():
        add(SCHEMA.version, Literal(info["sha"].strip()))
    description = info.get("description")
    if isinstance(description, str) and description.strip():
        add(SCHEMA.description, Literal(clean_text(description)))
    for key, prop in (("createdAt", SCHEMA.dateCreated), ("lastModified", SCHEMA.dateModified)):
        try:
            text = iso_datetime(info.get(key)) if info.get(key) is not None else None
        except ValueError:
            problems.append(f"{key} {info.get(key)!r} is not a date-time")
            text = None
        if text:
            add(prop, Literal(text, datatype=XSD.dateTime))
    licences = [*as_list(card.get("license")), *tagged("license:")]
    done: set[str] = set()
    for value in licences:
        lic = resolve_licence(value, name=card.get("license_name"), link=card.get("license_link"))
        if lic.problem and lic.problem not in problems:
            problems.append(lic.problem)
        key = lic.spdx or lic.key
        if key and key not in done:
            done.add(key)
            add(SCHEMA.license, SPDX.term(lic.spdx) if lic.spdx else stubs.licence(lic.key, lic.name or lic.key, None))
    for task in dict.fromkeys([*as_list(card.get("task_categories")), *tagged("task_categories:")]):
        if isinstance(task, str) and task.strip():
            add(FAIR4ML.mlTask, stubs.task(task.strip()))
    for language in dict.fromkeys([*as_list(card.get("language")), *tagged("language:")]):
        if isinstance(language, str) and language.strip():
            add(SCHEMA.inLanguage, Literal(language.strip()))
    for size in dict.fromkeys([*as_list(card.get("size_categories")), *tagged("size_categories:")]):
        if isinstance(size, str) and size.strip():
            add(MLFDO.sizeCategory, Literal(size.strip()))
    for value in tagged("arxiv:"):
        paper, problem = arxiv_id(value)
        if problem:
            problems.append(problem)
        if paper:
            add(CODEMETA.referencePublication, stubs.paper(paper))
    for tag in dict.fromkeys(tags):
        if not tag.startswith(_DERIVED):
            add(SCHEMA.keywords, Literal(tag))
    author = info.get("author") if isinstance(info.get("author"), str) else dataset_id.split("/")[0]
    if "/" in dataset_id and repo_id(author):
        add(FAIR4ML.sharedBy, stubs.account(author))
    if CROISSANT_TAGS & set(tags):
        add(MLFDO.croissant, NamedNode(f"{HF_SITE}/api/datasets/{dataset_id}/croissant"))
    for key, prop in (("downloads", MLFDO.downloads), ("likes", MLFDO.likes)):
        count = as_int(info.get(key))
        if count is not None and count >= 0:
            add(prop, Literal(str(count), datatype=XSD.integer))
    if raw is None:
        raw = json.dumps(info, ensure_ascii=False, default=str)
    record = Record(pid=pid, triples=triples, kind="dataset", platform="hf-dataset", platform_id=dataset_id,
                    source=source, raw=raw, problems=problems)
    return [record, *(r for p, r in stubs.records.items() if p != pid)]


def _items(client: HubClient, ids: list[str], base_url: str) -> Iterator[Harvested | Failed]:
    for dataset_id in ids:
        started = datetime.now(timezone.utc)
        url = f"{client.endpoint}/api/datasets/{dataset_id}"
        source = SourceInfo(HARVESTER, HARVESTER_VERSION, url=url, started=started)
        try:
            info, response = client.get_json(url, None, "dataset")
        except (RepositoryNotFoundError, GatedRepoError) as exc:
            stubs = Stubs(base_url, source)
            stubs.dataset(dataset_id)
            stub = next(iter(stubs.records.values()))
            yield Harvested(dataset_id, [problem_stub(stub, f"the Hub has no dataset {dataset_id!r} ({_short(exc)})")])
            continue
        except (HfHubHTTPError, OfflineModeIsEnabled, httpx2.HTTPError, OSError, ValueError) as exc:
            yield Failed(dataset_id, f"fetching failed: {_short(exc)}", "hf-dataset")
            continue
        sha = info.get("sha") if isinstance(info, dict) else None
        source = SourceInfo(HARVESTER, HARVESTER_VERSION, url=url, etag=sha if isinstance(sha, str) else None,
                            started=started, ended=datetime.now(timezone.utc))
        records = transform_dataset(info, base_url=base_url, source=source, raw=response.text)
        if not records:
            yield Failed(dataset_id, "the Hub answer is not a dataset record", "hf-dataset", raw=response.text,
                         fetched=True)
        else:
            yield Harvested(dataset_id, records)


def harvest_datasets(store, *, base_url: str, endpoint: str | None = None, ids: Iterable[str] | None = None,
                     limit: int | None = None, client: HubClient | None = None, progress: Progress | None = None,
                     batch_size: int = DEFAULT_BATCH) -> HarvestSummary:
    """Harvest Hub datasets: ``ids``, else every referenced dataset stub without a recorded problem."""
    started = time.perf_counter()
    client = client or HubClient(endpoint)
    wanted = [i.strip() for i in (ids or []) if i and i.strip()]
    if not wanted:
        wanted = [dataset_id for dataset_id, problem in stub_ids(store, "hf-dataset") if not problem]
    if limit is not None:
        wanted = wanted[:limit]
    before = Counter(client.calls)
    summary = run_harvest(store, _items(client, wanted, base_url), total=len(wanted), progress=progress,
                          batch_size=batch_size, requests=lambda: dict(Counter(client.calls) - before))
    summary.seconds = time.perf_counter() - started
    return summary
