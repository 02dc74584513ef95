"""Transform a Hub model record (API JSON + README text) into FAIR4ML records.

``transform`` returns the model's record followed by stub records for every entity it
references (base models, datasets, the sharing account, tasks, papers, named licences).
The mapping is documented property by property in docs/mappings/huggingface.md. Bad input
never raises: each mapping step runs on its own, and what it cannot use is written to the
model record's ``problems``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from urllib.parse import urljoin

from pyoxigraph import Literal, NamedNode, Triple

from harvesters.huggingface.cards import ParsedCard, parse_card
from harvesters.huggingface.evaluations import map_model_index
from harvesters.huggingface.licences import NOT_A_LICENCE, resolve_licence
from harvesters.huggingface.refs import Stubs, arxiv_id, doi_iri, repo_id
from harvesters.huggingface.terms import (
    DERIVED_TAG_PREFIXES,
    HF_SITE,
    LANGUAGE_CODES,
    LINEAGE_KINDS,
    MIGRATION_CREATED_AT,
    is_task_tag,
)
from harvesters.huggingface.values import (
    as_bool,
    as_int,
    as_list,
    clean_text,
    iso_datetime,
)
from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.vocab import CODEMETA, DCT, FAIR4ML, MLFDO, RDF, SCHEMA, SPDX, XSD

__all__ = ["transform", "model_pid", "CARD_PROPERTIES", "LINEAGE_PROPERTIES", "HARVESTER", "HARVESTER_VERSION"]

HARVESTER = "huggingface"
HARVESTER_VERSION = "0.1.0"  # bump when the mapping changes: it is recorded with every version

# base_model relation kind -> property (fair4ml where FAIR4ML has the term, else mlfdo).
LINEAGE_PROPERTIES = {
    "finetune": FAIR4ML.fineTunedFrom,
    "quantized": MLFDO.quantizedFrom,
    "adapter": MLFDO.adapterOf,
    "merge": MLFDO.mergedFrom,
}

# Card-body section -> property. Together with codeSampleSnippet and citation these are the
# properties only the README can give (used to carry them over when the card is not re-fetched).
_SECTION_PROPERTIES = {
    "description": SCHEMA.description,
    "intended_use": FAIR4ML.intendedUse,
    "out_of_scope": MLFDO.outOfScopeUse,
    "risks": FAIR4ML.modelRisksBiasLimitations,
    "ethics": FAIR4ML.ethicalSocial,
    "usage": FAIR4ML.usageInstructions,
    "training_data": MLFDO.trainingDataDescription,
    "training_procedure": MLFDO.trainingProcedure,
    "environmental": MLFDO.environmentalImpact,
    "legal": FAIR4ML.legal,
}
CARD_PROPERTIES = frozenset(p.value for p in (*_SECTION_PROPERTIES.values(), FAIR4ML.codeSampleSnippet,
                                               SCHEMA.citation, CODEMETA.readme))

_BCP47 = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def model_pid(base_url: str, model_id: str) -> str:
    """Return the PID of a Hub model id."""
    return pid_iri(base_url, mint_id("hf", model_id))


def transform(info: object, card: str | None = None, *, base_url: str, source: SourceInfo | None = None,
              raw: str | None = None) -> list[Record]:
    """Return [model record, *stub records] for one Hub model; [] when ``info`` has no usable id."""
    if not isinstance(info, dict):
        return []
    model_id = info.get("id") if isinstance(info.get("id"), str) else info.get("modelId")
    if not isinstance(model_id, str) or repo_id(model_id) is None:
        return []
    model_id = model_id.strip()
    mapping = _Mapping(info, card, model_id, base_url, source)
    mapping.run()
    if raw is None:
        raw = json.dumps(info, ensure_ascii=False, default=str)
    model = Record(pid=mapping.pid, triples=mapping.triples, kind="model", platform="hf", platform_id=model_id,
                   source=source, raw=raw, problems=mapping.problems)
    return [model, *(r for pid, r in mapping.stubs.records.items() if pid != mapping.pid)]


MAX_TAGS = 2_000  # real models carry at most a few hundred tags
MAX_CARD_DATA_DEPTH = 64  # real card data nests a handful of levels


def _depth(value, limit: int = MAX_CARD_DATA_DEPTH + 1) -> int:
    """Return how deep ``value`` nests, counting no further than ``limit`` (iterative: no recursion limit)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if level >= limit:
            return level
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


class _Mapping:
    """The state of one model's transform: its triples, its stubs, its problems."""

    def __init__(self, info: dict, card_text: str | None, model_id: str, base_url: str,
                 source: SourceInfo | None) -> None:
        self.info = info
        self.card_text = card_text
        self.model_id = model_id
        self.pid = model_pid(base_url, model_id)
        self.node = NamedNode(self.pid)
        self.stubs = Stubs(base_url, source)
        self.triples: list[Triple] = []
        self.problems: list[str] = []
        self.card = ParsedCard()
        self.meta: dict = {}
        self.tags: list[str] = [t for t in as_list(info.get("tags")) if isinstance(t, str)]
        if len(self.tags) > MAX_TAGS:
            self.problems.append(f"{len(self.tags):,} tags; kept the first {MAX_TAGS:,}")
            self.tags = self.tags[:MAX_TAGS]

    def add(self, predicate: NamedNode, obj) -> None:
        self.triples.append(Triple(self.node, predicate, obj))

    def text(self, predicate: NamedNode, value: str) -> None:
        self.add(predicate, Literal(clean_text(value)))

    def run(self) -> None:
        steps: list[Callable[[], None]] = [
            self.core, self.card_and_metadata, self.dates, self.keywords, self.licences, self.tasks,
            self.shared_by, self.datasets, self.lineage, self.evaluations, self.papers, self.languages,
            self.emissions, self.access, self.technical, self.counters, self.sections,
        ]
        for step in steps:
            try:
                step()
            except Exception as exc:  # one bad field must not lose the rest of the record
                self.problems.append(f"{step.__name__}: {type(exc).__name__}: {exc}")

    def tag_values(self, prefix: str) -> Iterator[str]:
        for tag in self.tags:
            if tag.startswith(prefix) and len(tag) > len(prefix):
                yield tag[len(prefix):]

    # ------------------------------------------------------------------ steps
    def core(self) -> None:
        self.add(RDF.type, FAIR4ML.MLModel)
        self.text(SCHEMA.name, self.model_id)
        self.text(SCHEMA.identifier, self.model_id)
        self.add(SCHEMA.url, NamedNode(f"{HF_SITE}/{self.model_id}"))
        if "/" in self.model_id:
            self.text(SCHEMA.alternateName, self.model_id.split("/", 1)[1])
        sha = self.info.get("sha")
        if isinstance(sha, str) and sha.strip():
            self.text(SCHEMA.version, sha.strip())

    def card_and_metadata(self) -> None:
        card_data = self.info.get("cardData", self.info.get("card_data"))
        if self.card_text is not None:
            self.card = parse_card(self.card_text, parse_yaml=not isinstance(card_data, dict))
            self.problems.extend(self.card.problems)
            self.add(CODEMETA.readme, NamedNode(f"{HF_SITE}/{self.model_id}/blob/main/README.md"))
        if isinstance(card_data, dict) and _depth(card_data) > MAX_CARD_DATA_DEPTH:
            self.problems.append(f"cardData nests deeper than {MAX_CARD_DATA_DEPTH} levels; ignored")
        elif isinstance(card_data, dict):
            self.meta = card_data
        elif self.card.metadata is not None:
            self.meta = self.card.metadata
            self.problems.append("cardData missing from the API record; card metadata read from the README's YAML")
        elif card_data is not None:
            self.problems.append(f"cardData is a {type(card_data).__name__}, not a mapping; ignored")
        model_name = self.meta.get("model_name")
        if isinstance(model_name, str) and model_name.strip() and model_name.strip() != self.model_id:
            self.text(SCHEMA.alternateName, model_name.strip())

    def dates(self) -> None:
        for key, prop in (("createdAt", SCHEMA.dateCreated), ("lastModified", SCHEMA.dateModified)):
            value = self.info.get(key, self.info.get("created_at" if key == "createdAt" else "last_modified"))
            if value is None:
                continue
            try:
                text = iso_datetime(value)
            except ValueError:
                self.problems.append(f"{key} {value!r} is not a date-time")
                continue
            if text is None:
                continue
            if key == "createdAt" and text.startswith(MIGRATION_CREATED_AT):
                # the Hub's placeholder for repositories older than its creation dates
                self.problems.append("createdAt is the Hub's 2022-03-02 migration date, not the creation date; "
                                     "dateCreated left out")
                continue
            self.add(prop, Literal(text, datatype=XSD.dateTime))

    def keywords(self) -> None:
        seen = set()
        for tag in self.tags:
            tag = tag.strip()
            if not tag or tag.startswith(DERIVED_TAG_PREFIXES) or tag in LANGUAGE_CODES or tag in seen:
                continue
            seen.add(tag)
            self.text(SCHEMA.keywords, tag)

    def licences(self) -> None:
        name = self.meta.get("license_name", self.meta.get("licence_name"))
        link = self.meta.get("license_link", self.meta.get("licence_link"))
        values = [*as_list(self.meta.get("license")), *as_list(self.meta.get("licence")),
                  *self.tag_values("license:")]
        done: set[str] = set()
        done_names: set[str] = set()
        quiet: list[str] = []  # "not stated" matters only when no other value states a licence
        for value in values:
            lic = resolve_licence(value, name=name, link=link)
            platform_name = value.strip().lower() if isinstance(value, str) else ""
            if platform_name and not lic.spdx and platform_name not in NOT_A_LICENCE \
                    and platform_name not in done_names:
                # the Hub's own word for a licence with no SPDX id ("other": terms of the model's own, whatever
                # license_name says) is kept beside the IRI: "which models have a custom licence?" reads it
                done_names.add(platform_name)
                self.add(MLFDO.licenseName, Literal(platform_name))
            if lic.problem and lic.problem not in self.problems and lic.problem not in quiet:
                (quiet if lic.problem.startswith("licence is not stated") else self.problems).append(lic.problem)
            if lic.spdx:
                if lic.spdx not in done:
                    done.add(lic.spdx)
                    self.add(SCHEMA.license, SPDX.term(lic.spdx))
            elif lic.key and lic.key not in done:
                done.add(lic.key)
                url = None
                if lic.url:
                    url = urljoin(f"{HF_SITE}/{self.model_id}/blob/main/", lic.url.strip())
                    if not url.startswith(("http://", "https://")) or any(c in url for c in ' <>"{}|\\^`'):
                        self.problems.append(f"license_link {lic.url!r} is not a usable URL")
                        url = None
                self.add(SCHEMA.license, self.stubs.licence(lic.key, lic.name or lic.key, url))
        if not done:
            self.problems.extend(quiet)

    def tasks(self) -> None:
        tasks: list[str] = []
        pipeline = self.info.get("pipeline_tag") or self.meta.get("pipeline_tag")
        if isinstance(pipeline, str) and pipeline.strip():
            tasks.append(pipeline.strip())
        tasks.extend(t for t in self.tags if is_task_tag(t))
        for task in dict.fromkeys(tasks):
            self.add(FAIR4ML.mlTask, self.stubs.task(task))

    def shared_by(self) -> None:
        author = self.info.get("author")
        if not isinstance(author, str) or not author.strip():
            author = self.model_id.split("/", 1)[0] if "/" in self.model_id else None
        if author and repo_id(author.strip()):
            self.add(FAIR4ML.sharedBy, self.stubs.account(author.strip()))

    def datasets(self) -> None:
        values = [*as_list(self.meta.get("datasets")), *self.tag_values("dataset:")]
        for value in values:
            ds = repo_id(value, kind="dataset")
            if ds is None:
                self.problems.append(f"dataset reference {value!r} is not a Hub dataset id; not linked")
                continue
            self.add(FAIR4ML.trainedOn, self.stubs.dataset(ds))

    def lineage(self) -> None:
        kinds: dict[str, set[str]] = {}
        order: list[str] = []

        def note(raw: object, kind: str | None) -> None:
            base = repo_id(raw)
            if base is None:
                self.problems.append(f"base_model {raw!r} is not a Hub model id; not linked")
                return
            if base.lower() == self.model_id.lower():
                self.problems.append("base_model names the model itself; not linked")
                return
            key = base.lower()
            if key not in kinds:
                kinds[key] = set()
                order.append(base)
            if kind:
                kinds[key].add(kind)

        relation = self.meta.get("base_model_relation")
        relation = relation.strip().lower() if isinstance(relation, str) else None
        if relation and relation not in LINEAGE_KINDS:
            self.problems.append(f"base_model_relation {relation!r} is not one of {', '.join(LINEAGE_KINDS)}")
            relation = None
        tagged = list(self.tag_values("base_model:"))
        # The Hub derives base_model tags from the card, resolving renamed ids and adding the
        # relation kind: they win when present; the card's list is used when there are none.
        for rest in tagged:
            kind, sep, target = rest.partition(":")
            if sep and kind in LINEAGE_KINDS:
                note(target, kind)
            else:
                note(rest, relation)
        card = as_list(self.meta.get("base_model"))
        if len(card) > len(order):  # order: the distinct bases the tags name (a base is tagged with and without kind)
            # the Hub tags one base of a card that lists several (tencent/HunyuanVideo and
            # stable-video-diffusion: only the second is tagged); the others would be lost. A card
            # listing no more bases than the tags is one the tags resolve (a renamed id): tags alone.
            for base in card:
                note(base, relation)
        for base in order:
            target = self.stubs.model(base)
            self.add(SCHEMA.isBasedOn, target)
            for kind in sorted(kinds[base.lower()]):
                self.add(LINEAGE_PROPERTIES[kind], target)
        newer = self.meta.get("new_version")
        if isinstance(newer, str) and repo_id(newer) and repo_id(newer).lower() != self.model_id.lower():
            self.add(DCT.isReplacedBy, self.stubs.model(repo_id(newer)))

    def evaluations(self) -> None:
        index = self.info["model-index"] if "model-index" in self.info else self.meta.get("model-index")
        self.triples.extend(map_model_index(index, self.pid, self.stubs, self.problems))

    def papers(self) -> None:
        values = [*self.tag_values("arxiv:"), *as_list(self.meta.get("arxiv")), *as_list(self.meta.get("paper"))]
        for value in values:
            arxiv, problem = arxiv_id(value)
            if problem:
                self.problems.append(problem)
            if arxiv:
                self.add(CODEMETA.referencePublication, self.stubs.paper(arxiv))
        for doi in self.tag_values("doi:"):
            # DOIs the Hub mints (10.57967/hf/...) identify the repository itself
            prop = SCHEMA.sameAs if doi.startswith("10.57967/hf/") else SCHEMA.citation
            self.add(prop, NamedNode(doi_iri(doi)))

    def languages(self) -> None:
        values = as_list(self.meta.get("language"))
        if not values:
            values = [t for t in self.tags if t in LANGUAGE_CODES]
        for value in values:
            if value is False:  # YAML 1.1 reads Norwegian "no" as false
                value = "no"
            if not isinstance(value, str) or not value.strip():
                self.problems.append(f"language {value!r} is not a language code")
                continue
            code = value.strip()
            if code.lower() == "code":  # the Hub's tag for programming languages, not a natural language
                continue
            if code.lower() == "multilingual":
                code = "mul"
            if not _BCP47.match(code):
                self.problems.append(f"language {value!r} is not a BCP-47 code")
                continue
            self.text(SCHEMA.inLanguage, code)

    def emissions(self) -> None:
        co2 = self.meta.get("co2_eq_emissions")
        if co2 is None:
            return
        details: list[str] = []
        if isinstance(co2, dict):
            amount = co2.get("emissions")
            for key in ("training_type", "geographical_location", "hardware_used"):
                if isinstance(co2.get(key), (str, int, float)) and str(co2[key]).strip():
                    details.append(str(co2[key]).strip())
            if isinstance(co2.get("source"), str) and co2["source"].strip():
                details.append(f"source: {co2['source'].strip()}")
        else:
            amount = co2
        grams = None
        if isinstance(amount, (int, float)) and not isinstance(amount, bool):
            grams = float(amount)
        elif isinstance(amount, str):
            try:
                grams = float(amount.strip())
            except ValueError:
                self.problems.append(f"co2_eq_emissions {amount!r} is not a number of grams")
        if grams is None:
            if not isinstance(amount, str):
                self.problems.append(f"co2_eq_emissions has no usable amount ({amount!r})")
            return
        text = f"{grams:g} g CO2eq" + (f" ({'; '.join(details)})" if details else "")
        self.text(FAIR4ML.hasCO2eEmissions, text)
        self.add(MLFDO.co2eEmissionsGrams, Literal(repr(grams), datatype=XSD.double))

    def access(self) -> None:
        gated = self.info.get("gated")
        if gated is not None:
            flag = as_bool(gated)
            mode = None
            if flag is None and isinstance(gated, str):  # "auto" / "manual": gated, with that approval mode
                flag, mode = True, gated.strip().lower()
            if flag is None:
                self.problems.append(f"gated {gated!r} is neither a boolean nor an approval mode")
            else:
                self.add(MLFDO.gated, Literal(str(flag).lower(), datatype=XSD.boolean))
                if mode:
                    self.text(MLFDO.gatingMode, mode)
                if flag:
                    how = f" (approval: {mode})" if mode else ""
                    self.text(SCHEMA.conditionsOfAccess,
                              f"Gated on the Hugging Face Hub: users must accept the repository's conditions{how}.")
        for key, prop in (("private", MLFDO.private), ("disabled", MLFDO.disabled)):
            if key in self.info and self.info[key] is not None:
                flag = as_bool(self.info[key])
                if flag is None:
                    self.problems.append(f"{key} {self.info[key]!r} is not a boolean")
                else:
                    self.add(prop, Literal(str(flag).lower(), datatype=XSD.boolean))

    def technical(self) -> None:
        for key in ("safetensors", "gguf"):
            block = self.info.get(key)
            total = as_int(block.get("total")) if isinstance(block, dict) else None
            if total is not None and total > 0:
                self.add(MLFDO.parameterCount, Literal(str(total), datatype=XSD.integer))
                break
        library = self.info.get("library_name") or self.meta.get("library_name")
        if isinstance(library, str) and library.strip():
            self.text(MLFDO.library, library.strip())
        config = self.info.get("config")
        if isinstance(config, dict):
            category = config.get("model_type")
            if not (isinstance(category, str) and category.strip()):
                archs = config.get("architectures")
                category = archs[0] if isinstance(archs, list) and archs and isinstance(archs[0], str) else None
            if category:
                self.text(FAIR4ML.modelCategory, category.strip())

    def counters(self) -> None:
        for key, prop in (("downloads", MLFDO.downloads), ("likes", MLFDO.likes),
                          ("downloadsAllTime", MLFDO.downloadsAllTime)):
            value = as_int(self.info.get(key))
            if value is not None and value >= 0:
                self.add(prop, Literal(str(value), datatype=XSD.integer))

    def sections(self) -> None:
        for key, prop in _SECTION_PROPERTIES.items():
            text = self.card.sections.get(key)
            if text:
                self.text(prop, text)
        if self.card.code_sample:
            self.text(FAIR4ML.codeSampleSnippet, self.card.code_sample)
        if self.card.citation:
            self.text(SCHEMA.citation, self.card.citation)
