"""Transform OpenML objects (flows, runs, tasks, datasets; XML parsed by xmltodict) into FAIR4ML records.

``transform`` returns [main record, *records it carries (a flow's sub-flows), *stubs].
Bad input never raises: a missing or ill-typed field is a problem line on the record.
The mapping is documented in docs/mappings/openml.md.
"""

from __future__ import annotations

from dataclasses import replace

from pyoxigraph import Literal, NamedNode

from harvesters.huggingface.refs import arxiv_id
from harvesters.huggingface.values import clean_text
from harvesters.openml.mapping import (
    HARVESTER,
    HARVESTER_VERSION,
    KIND,
    LANGUAGES,
    LICENCES,
    PLATFORMS,
    ROOT,
    SITE,
    TASK_TERMS,
    Mapping,
    OpenMLStubs,
    openml_pid,
    page,
    slug,
)
from harvesters.openml.values import items, number, object_id, text, texts
from harvesters.problems import problem_stub
from registry.record import Record, SourceInfo
from registry.vocab import CODEMETA, FAIR4ML, MLFDO, RDF, SCHEMA, SPDX, XSD

__all__ = ["transform", "missing_stub", "OpenMLStubs", "openml_pid", "page", "KIND", "PLATFORMS", "SITE", "HARVESTER",
           "HARVESTER_VERSION", "TASK_TERMS"]


# ---------------------------------------------------------------------------- flows
class _Flow(Mapping):
    def __init__(self, flow: dict, *args, **kwargs) -> None:
        super().__init__("flow", *args, **kwargs)
        self.flow = flow

    def run(self) -> None:
        self.core(FAIR4ML.MLModel, text(self.flow, "name") or f"OpenML flow {self.id}")
        self.step([self.basics, self.dependencies, self.hyperparameters, self.components, self.uploader,
                   self.tags])

    def basics(self) -> None:
        self.text(SCHEMA.alternateName, text(self.flow, "custom_name"))
        self.text(SCHEMA.version, text(self.flow, "version"))
        external = text(self.flow, "external_version")
        self.text(MLFDO.externalVersion, external)
        self.text(SCHEMA.description, text(self.flow, "description"))
        self.date(SCHEMA.dateCreated, text(self.flow, "upload_date"), "upload_date")
        language = text(self.flow, "language")
        if language and language.lower() in LANGUAGES:
            self.text(SCHEMA.inLanguage, LANGUAGES[language.lower()])
        self.text(MLFDO.library, _library(external))

    def dependencies(self) -> None:
        value = text(self.flow, "dependencies")
        for requirement in dict.fromkeys((value or "").replace(",", "\n").split()):
            self.text(SCHEMA.softwareRequirements, requirement)

    def hyperparameters(self) -> None:
        for parameter in items(self.flow, "parameter"):
            name = text(parameter, "name")
            if not name:
                self.problems.append("a flow parameter has no name; ignored")
                continue
            node = NamedNode(f"{self.pid}#hp-{slug(name)}")
            self.add(MLFDO.hyperparameter, node)
            self.add(RDF.type, SCHEMA.PropertyValue, node)
            self.text(SCHEMA.name, name, node)
            self.text(MLFDO.dataType, text(parameter, "data_type"), node)
            self.text(MLFDO.defaultValue, text(parameter, "default_value"), node)
            self.text(SCHEMA.description, text(parameter, "description"), node)

    def components(self) -> None:
        for component in items(self.flow, "component"):
            sub = component.get("oml:flow") if isinstance(component, dict) else None
            sub_id = object_id(text(sub, "id")) if isinstance(sub, dict) else None
            if sub_id is None:
                self.problems.append("a flow component has no flow id; ignored")
                continue
            child = _Flow(sub, sub_id, self.base_url, self.source, self.stubs)
            child.run()
            child.add(SCHEMA.isPartOf, self.node)
            self.add(SCHEMA.hasPart, child.node)
            role = text(component, "identifier")
            if role:
                node = NamedNode(f"{self.pid}#component-{slug(role)}")
                self.add(MLFDO.component, node)
                self.add(RDF.type, MLFDO.FlowComponent, node)
                self.text(SCHEMA.name, role, node)
                self.add(MLFDO.componentFlow, child.node, node)
            raw = None  # the parent's raw record holds the sub-flow's XML
            source = replace(self.source, url=f"{SITE}/f/{sub_id}") if self.source else None
            self.carried.append(Record(pid=child.pid, triples=child.triples, kind="model", platform="openml",
                                       platform_id=sub_id, source=source, raw=raw, problems=child.problems))
            self.carried.extend(child.carried)

    def uploader(self) -> None:
        user = object_id(text(self.flow, "uploader"))
        if user:
            self.add(FAIR4ML.sharedBy, self.stubs.user(user))

    def tags(self) -> None:
        self.keywords(self.flow)


# ---------------------------------------------------------------------------- runs
class _Run(Mapping):
    def __init__(self, run: dict, *args, **kwargs) -> None:
        super().__init__("run", *args, **kwargs)
        self.data = run

    def run(self) -> None:
        flow_name = text(self.data, "flow_name")
        task = text(self.data, "task_id")
        name = f"OpenML run {self.id}" + (f": {flow_name}" if flow_name else "") + (f" on task {task}" if task else "")
        self.core(FAIR4ML.MLModelEvaluation, name)
        self.step([self.links, self.metrics, self.parameters, self.uploader, self.tags])

    def links(self) -> None:
        flow = self.reference("flow", text(self.data, "flow_id"), text(self.data, "flow_name"))
        if flow is None:
            self.problems.append("the run names no flow")
        else:
            self.add(FAIR4ML.evaluatedMLModel, flow)
        task = self.reference("task", text(self.data, "task_id"))
        if task is not None:
            self.add(MLFDO.evaluationTaskOf, task)
        self.text(MLFDO.evaluationTask, text(self.data, "task_type"))
        for dataset in items(self.data.get("oml:input_data"), "dataset"):
            node = self.reference("dataset", text(dataset, "did"), text(dataset, "name"))
            if node is not None:
                self.add(FAIR4ML.evaluationDataset, node)
        self.date(SCHEMA.dateCreated, text(self.data, "upload_time"), "upload_time")

    def metrics(self) -> None:
        output = self.data.get("oml:output_data")
        seen: set[str] = set()
        for evaluation in items(output, "evaluation"):
            if not isinstance(evaluation, dict) or "@fold" in evaluation or "@repeat" in evaluation:
                continue  # per-fold values are left out; the aggregate is kept
            name = text(evaluation, "name")
            value = number(text(evaluation, "value"))
            if not name or value is None or name in seen:
                continue
            seen.add(name)
            node = NamedNode(f"{self.pid}#metric-{slug(name)}")
            self.text(FAIR4ML.evaluationMetrics, name)
            self.add(FAIR4ML.evaluationResults, node)
            self.add(RDF.type, SCHEMA.PropertyValue, node)
            self.text(SCHEMA.name, name, node)
            self.text(SCHEMA.propertyID, name, node)
            self.add(SCHEMA.value, Literal(repr(value), datatype=XSD.double), node)
        if not seen:
            self.problems.append("the run reports no aggregate evaluation")

    def parameters(self) -> None:
        for n, setting in enumerate(items(self.data, "parameter_setting")):
            name = text(setting, "name")
            if not name:
                continue
            component = text(setting, "component")
            node = NamedNode(f"{self.pid}#setting-{slug((component or '') + ':' + name)}")
            self.add(MLFDO.parameterSetting, node)
            self.add(RDF.type, SCHEMA.PropertyValue, node)
            self.text(SCHEMA.name, name, node)
            self.add(SCHEMA.value, Literal(clean_text(text(setting, "value") or "")), node)
            if component:
                self.text(MLFDO.componentFlowId, component, node)

    def uploader(self) -> None:
        user = object_id(text(self.data, "uploader"))
        if user:
            self.add(SCHEMA.creator, self.stubs.user(user, text(self.data, "uploader_name")))

    def tags(self) -> None:
        self.keywords(self.data)


# ---------------------------------------------------------------------------- tasks
class _Task(Mapping):
    def __init__(self, task: dict, *args, **kwargs) -> None:
        super().__init__("task", *args, **kwargs)
        self.data = task

    def inputs(self) -> dict[str, dict]:
        found = {}
        for entry in items(self.data, "input"):
            if isinstance(entry, dict) and entry.get("@name"):
                found[entry["@name"]] = entry
        return found

    def run(self) -> None:
        task_type = text(self.data, "task_type")
        self.core(MLFDO.Task, f"OpenML task {self.id}" + (f": {task_type}" if task_type else ""))
        self.step([self.task_type, self.source_data, self.procedure, self.measures, self.tags])

    def task_type(self) -> None:
        task_type = text(self.data, "task_type")
        self.text(MLFDO.taskType, task_type)
        if task_type in TASK_TERMS:
            self.add(FAIR4ML.mlTask, self.stubs.task(TASK_TERMS[task_type]))

    def source_data(self) -> None:
        data = (self.inputs().get("source_data") or {}).get("oml:data_set")
        if not isinstance(data, dict):
            self.problems.append("the task has no source data")
            return
        node = self.reference("dataset", text(data, "data_set_id"))
        if node is not None:
            self.add(MLFDO.taskDataset, node)
        self.text(MLFDO.targetFeature, text(data, "target_feature"))

    def procedure(self) -> None:
        procedure = (self.inputs().get("estimation_procedure") or {}).get("oml:estimation_procedure")
        if not isinstance(procedure, dict):
            return
        kind = text(procedure, "type")
        params = {p.get("@name"): text(p) for p in items(procedure, "parameter") if isinstance(p, dict)}
        details = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in params.items() if k and v)
        if kind:
            self.text(MLFDO.estimationProcedure, kind + (f" ({details})" if details else ""))

    def measures(self) -> None:
        measures = (self.inputs().get("evaluation_measures") or {}).get("oml:evaluation_measures")
        for measure in texts(measures, "evaluation_measure"):
            self.text(MLFDO.evaluationMeasure, measure)

    def tags(self) -> None:
        self.keywords(self.data)


# ---------------------------------------------------------------------------- datasets
class _Dataset(Mapping):
    def __init__(self, dataset: dict, *args, **kwargs) -> None:
        super().__init__("dataset", *args, **kwargs)
        self.data = dataset

    def run(self) -> None:
        self.core(SCHEMA.Dataset, text(self.data, "name") or f"OpenML dataset {self.id}")
        self.step([self.basics, self.creators, self.licence, self.citation, self.tags])

    def basics(self) -> None:
        self.text(SCHEMA.version, text(self.data, "version"))
        self.text(SCHEMA.description, text(self.data, "description"))
        self.text(SCHEMA.encodingFormat, text(self.data, "format"))
        self.text(MLFDO.defaultTargetAttribute, text(self.data, "default_target_attribute"))
        self.date(SCHEMA.dateCreated, text(self.data, "upload_date"), "upload_date")
        self.text(SCHEMA.temporalCoverage, text(self.data, "collection_date"))
        language = text(self.data, "language")
        if language:
            code = LANGUAGES.get(language.lower())
            if code:
                self.text(SCHEMA.inLanguage, code)
            else:
                self.problems.append(f"language {language!r} has no known code; left out")
        original = text(self.data, "original_data_url")
        if original:
            if original.startswith(("http://", "https://")) and " " not in original:
                self.add(MLFDO.originalUrl, NamedNode(original))
            else:
                self.problems.append(f"original_data_url {original!r} is not a URL")

    def creators(self) -> None:
        for name in texts(self.data, "creator"):
            key = name.strip()
            node = self.stubs._stub("openml-creator", key, "person", lambda key=key: [
                (RDF.type, SCHEMA.Person), (SCHEMA.name, Literal(clean_text(key))),
                (SCHEMA.identifier, Literal(clean_text(key))), (SCHEMA.url, page("dataset", self.id)),
            ])
            self.add(SCHEMA.creator, node)

    def licence(self) -> None:
        licence = text(self.data, "licence")
        if not licence:
            return
        spdx = LICENCES.get(licence.lower())
        if spdx:
            self.add(SCHEMA.license, SPDX.term(spdx))
        else:
            self.add(SCHEMA.license, self.stubs.licence(f"openml:{licence}", licence, None))
            self.problems.append(f"licence {licence!r} is not an SPDX licence; kept as a named licence")

    def citation(self) -> None:
        for value in (text(self.data, "paper_url"), text(self.data, "citation")):
            if not value:
                continue
            arxiv, _ = arxiv_id(value) if "arxiv" in value.lower() else (None, None)
            doi = value.split("doi.org/", 1)[1].strip() if "doi.org/" in value else None
            if arxiv:
                self.add(CODEMETA.referencePublication, self.stubs.paper(arxiv))
            elif doi:
                self.add(CODEMETA.referencePublication, self.stubs.doi_paper(doi))
            elif value.startswith(("http://", "https://")) and " " not in value:
                self.add(SCHEMA.citation, NamedNode(value))
            else:
                self.text(SCHEMA.citation, value)

    def tags(self) -> None:
        self.keywords(self.data)


_MAPPINGS = {"flow": _Flow, "run": _Run, "task": _Task, "dataset": _Dataset}


def transform(kind: str, data: object, object_id_: str, *, base_url: str, source: SourceInfo | None = None,
              raw: str | None = None) -> list[Record]:
    """Return [record, *carried records, *stubs] for one OpenML object; [] when ``data`` is not one."""
    root = data.get(ROOT[kind]) if isinstance(data, dict) else None
    if not isinstance(root, dict):
        return []
    mapping = _MAPPINGS[kind](root, object_id_, base_url, source)
    mapping.run()
    return mapping.records(raw)


def missing_stub(kind: str, object_id_: str, problem: str, *, base_url: str,
                 source: SourceInfo | None = None, name: str | None = None) -> Record:
    """Return the stub of an object OpenML does not have, with the problem recorded.

    ``name`` is what the record referencing it called it (a run names its flow and data set): the stub replaces
    the referencing record's stub, and keeps that name, so the object stays findable by it.
    """
    stubs = OpenMLStubs(base_url, source)
    stubs.openml(kind, object_id_, name)
    return problem_stub(next(iter(stubs.records.values())), problem)


def _library(external_version: str | None) -> str | None:
    """Return the machine-learning library of an external version ("openml==0.10,sklearn==0.21" -> sklearn)."""
    names = [part.replace("==", "_").split("_")[0].strip() for part in (external_version or "").split(",")]
    names = [n for n in names if n]
    return next((n for n in names if n.lower() != "openml"), names[0] if names else None)
