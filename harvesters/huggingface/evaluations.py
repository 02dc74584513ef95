"""Map a card's ``model-index`` (Papers-with-Code format) to FAIR4ML evaluation nodes.

One ``fair4ml:MLModelEvaluation`` per reported metric, owned by the model as
``{pid}#eval-{hash}``; the hash covers task, dataset (type, name, config, split) and metric
(type, name, config), not the value, so a changed score keeps its node and a version diff
shows the value change. The value sits on a ``schema:PropertyValue`` node ``...-result``.
"""

from __future__ import annotations

import hashlib
import json
import math

from pyoxigraph import Literal, NamedNode, Triple

from harvesters.huggingface.refs import Stubs, repo_id
from harvesters.huggingface.values import clean_text
from registry.vocab import FAIR4ML, MLFDO, RDF, SCHEMA, XSD

__all__ = ["map_model_index"]

_NOT_A_DATASET = frozenset({"", "unknown", "none", "null", "custom", "other", "private"})


def _str(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return clean_text(value.strip())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _double(value: float) -> Literal:
    if math.isnan(value):
        lexical = "NaN"
    elif math.isinf(value):
        lexical = "INF" if value > 0 else "-INF"
    else:
        lexical = repr(float(value))
    return Literal(lexical, datatype=XSD.double)


def _value(value: object, problems: list[str], label: str) -> Literal | None:
    if isinstance(value, bool):
        return Literal(str(value).lower(), datatype=XSD.boolean)
    if isinstance(value, (int, float)):
        return _double(float(value))
    if isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            return _double(float(text.rstrip("%"))) if not text.endswith("%") else Literal(clean_text(text))
        except ValueError:
            return Literal(clean_text(text))
    if value is None:
        problems.append(f"model-index metric {label!r} has no value")
        return None
    problems.append(f"model-index metric {label!r} has a {type(value).__name__} value; kept as JSON text")
    return Literal(clean_text(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)))


def map_model_index(model_index: object, pid: str, stubs: Stubs, problems: list[str]) -> list[Triple]:
    """Return the evaluation triples of a model; problems are appended, never raised."""
    if model_index is None:
        return []
    if not isinstance(model_index, list):
        problems.append(f"model-index is a {type(model_index).__name__}, not a list; ignored")
        return []
    model = NamedNode(pid)
    triples: list[Triple] = []
    seen: set[str] = set()
    for entry in model_index:
        if not isinstance(entry, dict):
            problems.append("model-index entry is not a mapping; ignored")
            continue
        results = entry.get("results")
        if results is None:
            continue
        if not isinstance(results, list):
            problems.append("model-index results is not a list; ignored")
            continue
        for result in results:
            if not isinstance(result, dict):
                problems.append("model-index result is not a mapping; ignored")
                continue
            triples.extend(_result(result, model, pid, stubs, problems, seen))
    return triples


def _result(result: dict, model: NamedNode, pid: str, stubs: Stubs, problems: list[str], seen: set[str]):
    task = result.get("task") if isinstance(result.get("task"), dict) else {}
    dataset = result.get("dataset") if isinstance(result.get("dataset"), dict) else {}
    metrics = result.get("metrics")
    if not isinstance(metrics, list):
        problems.append("model-index result without a metrics list; ignored")
        return
    task_type = _str(task.get("type"))
    ds_type, ds_name = _str(dataset.get("type")), _str(dataset.get("name"))
    ds_config, ds_split = _str(dataset.get("config")), _str(dataset.get("split"))
    ds_id = repo_id(ds_type, kind="dataset") if ds_type and ds_type.lower() not in _NOT_A_DATASET else None
    ds_node = stubs.dataset(ds_id) if ds_id else None
    if ds_node is not None:
        yield Triple(model, FAIR4ML.evaluatedOn, ds_node)
    ds_label = ds_name or ds_type or "an unnamed dataset"
    details = ", ".join(x for x in (ds_config, ds_split) if x)
    if details:
        ds_label = f"{ds_label} ({details})"
    source = result.get("source") if isinstance(result.get("source"), dict) else {}
    source_url = _str(source.get("url"))
    for metric in metrics:
        if not isinstance(metric, dict):
            problems.append("model-index metric is not a mapping; ignored")
            continue
        m_type, m_name, m_config = _str(metric.get("type")), _str(metric.get("name")), _str(metric.get("config"))
        label = m_name or m_type
        if label is None:
            problems.append("model-index metric without type or name; ignored")
            continue
        key = json.dumps([task_type, ds_type, ds_name, ds_config, ds_split, m_type, m_name, m_config])
        digest = hashlib.sha256(key.encode()).hexdigest()[:12]
        name, n = digest, 1
        while name in seen:  # the same metric reported twice: keep both
            n += 1
            name = f"{digest}-{n}"
        seen.add(name)
        node = NamedNode(f"{pid}#eval-{name}")
        value_node = NamedNode(f"{pid}#eval-{name}-result")
        yield Triple(model, FAIR4ML.hasEvaluation, node)
        yield Triple(node, RDF.type, FAIR4ML.MLModelEvaluation)
        yield Triple(node, FAIR4ML.evaluatedMLModel, model)
        yield Triple(node, SCHEMA.name, Literal(f"{label} on {ds_label}"))
        yield Triple(node, FAIR4ML.evaluationMetrics, Literal(label))
        if task_type:
            yield Triple(node, MLFDO.evaluationTask, Literal(task_type))
        if ds_node is not None:
            yield Triple(node, FAIR4ML.evaluationDataset, ds_node)
        if ds_name or ds_type:
            yield Triple(node, MLFDO.evaluationDatasetName, Literal(ds_name or ds_type))
        if ds_config:
            yield Triple(node, MLFDO.datasetConfig, Literal(ds_config))
        if ds_split:
            yield Triple(node, MLFDO.datasetSplit, Literal(ds_split))
        if isinstance(metric.get("verified"), bool):
            yield Triple(node, MLFDO.verified, Literal(str(metric["verified"]).lower(), datatype=XSD.boolean))
        if source_url and source_url.startswith(("http://", "https://")):
            try:
                yield Triple(node, SCHEMA.url, NamedNode(source_url))
            except ValueError:
                problems.append(f"model-index source url {source_url!r} is not an IRI")
        value = _value(metric.get("value"), problems, label)
        yield Triple(node, FAIR4ML.evaluationResults, value_node)
        yield Triple(value_node, RDF.type, SCHEMA.PropertyValue)
        yield Triple(value_node, SCHEMA.name, Literal(label))
        if m_type:
            yield Triple(value_node, SCHEMA.propertyID, Literal(m_type))
        if value is not None:
            yield Triple(value_node, SCHEMA.value, value)
