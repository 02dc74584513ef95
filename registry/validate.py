"""SHACL validation of records against shapes/ with pyrudof, the shapes parsed once.

Each call stages the records' triples over an empty data graph (``begin_staging`` ->
``read_data(merge=True)`` -> ``validate_shacl`` -> ``rollback_staging``), which avoids
reloading a fresh graph per record. ``validate_many`` validates several records per call
and gives each result to the record whose subject is its focus node: the shapes target by
class only, so every focus node is a subject of the record it comes from.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyrudof
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, parse, serialize

from registry.paths import SHAPES_DIR
from registry.vocab import SH

__all__ = ["SHAPES_DIR", "DEFAULT_BATCH_SIZE", "SEVERITIES", "ValidationResult", "ValidationSummary", "Validator"]

DEFAULT_BATCH_SIZE = 50  # records per validate_shacl call in validate_many (see docs/benchmarks.md)
SEVERITIES = ("Violation", "Warning", "Info")
_RANK = {name: i for i, name in enumerate(SEVERITIES)}
_EMPTY_DATA = "# empty data graph: records are staged over it and rolled back\n"


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result: severity, focus node (IRI or ``_:label``), property path and message."""

    severity: str
    focus: str
    path: str | None
    message: str


@dataclass(frozen=True)
class ValidationSummary:
    """The SHACL outcome of one record: conforms means no Violation (warnings allowed)."""

    conforms: bool
    violations: int
    warnings: int
    results: tuple[ValidationResult, ...]

    @classmethod
    def of(cls, results: Iterable[ValidationResult]) -> "ValidationSummary":
        """Return the summary of ``results``: duplicates dropped, sorted by severity, focus, path, message."""
        ordered = tuple(sorted(set(results), key=lambda r: (_RANK.get(r.severity, len(_RANK)), r.focus,
                                                      r.path or "", r.message)))
        violations = sum(r.severity == "Violation" for r in ordered)
        warnings = sum(r.severity == "Warning" for r in ordered)
        return cls(violations == 0, violations, warnings, ordered)


_CONFORMS = ValidationSummary(True, 0, 0, ())


def _shape_files(directory: Path) -> list[Path]:
    files = sorted(directory.glob("*.ttl"))
    if not files:
        raise FileNotFoundError(f"no SHACL shapes (*.ttl) in {directory}")
    return files


def _messages(triples: Iterable[Triple]) -> dict[str, str]:
    """Return each named shape's sh:message (the first one in lexical order when several)."""
    found: dict[str, str] = {}
    for t in triples:
        if t.predicate == SH.message and isinstance(t.subject, NamedNode) and isinstance(t.object, Literal):
            current = found.get(t.subject.value)
            if current is None or t.object.value < current:
                found[t.subject.value] = t.object.value
    return found


def _plain_message(text: str) -> str:
    """Return pyrudof's message without the quotes and language tag of its literal form."""
    text = text.strip()
    if text.startswith('"'):
        end = text.rfind('"')
        if end > 0:
            return text[1:end].replace('\\"', '"').replace("\\\\", "\\")
    return text


def _severity(value: str) -> str:
    name = value.rsplit("#", 1)[-1]
    return name if name in _RANK else "Info"


class _Prepared:
    """One record as N-Triples for pyrudof, with its subjects and blank-node renames."""

    __slots__ = ("text", "subjects", "blank_names")

    def __init__(self, index: int, triples: Sequence[Triple]) -> None:
        self.blank_names: dict[str, str] = {}  # staged label -> the record's own label
        text = serialize(triples, format=RdfFormat.N_TRIPLES).decode("utf-8") if triples else ""
        if "_:" not in text:  # no blank node (a literal holding "_:" only takes the slower path)
            self.text = text
            self.subjects = {t.subject.value for t in triples}
            return
        self.subjects = set()
        lines: list[str] = []
        for t in triples:
            s, o = self._rename(index, t.subject), self._rename(index, t.object)
            self.subjects.add(f"_:{s.value}" if isinstance(s, BlankNode) else s.value)
            lines.append(f"{Triple(s, t.predicate, o)} .\n")
        self.text = "".join(lines)

    @classmethod
    def of_lines(cls, index: int, lines: Sequence[str]) -> "_Prepared":
        """Prepare a record given as the N-Triples lines ``str(triple)`` writes (no final dot).

        The text equals what ``serialize`` gives for the same triples, so pyrudof reads the same
        input either way; with a blank node (or "_:" in a literal) the lines are parsed back.
        """
        text = "".join(f"{line} .\n" for line in lines)
        if "_:" in text:
            return cls(index, [q.triple for q in parse(text, RdfFormat.N_TRIPLES)])
        prepared = cls.__new__(cls)
        prepared.blank_names, prepared.text = {}, text
        prepared.subjects = {line[1:line.index(">")] for line in lines}  # every subject is an IRI here
        return prepared

    def _rename(self, index: int, term):
        if not isinstance(term, BlankNode):
            return term
        staged = BlankNode(f"r{index}x{term.value}")  # blank nodes of two records must not merge
        self.blank_names[f"_:{staged.value}"] = f"_:{term.value}"
        return staged


class Validator:
    """Validate records against SHACL shapes with pyrudof; the shapes are parsed once."""

    def __init__(self, shapes: str, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        """Load ``shapes`` (Turtle text). Raises ValueError when the shapes do not parse."""
        try:
            shape_triples = [q.triple for q in parse(shapes, RdfFormat.TURTLE)]
        except SyntaxError as exc:
            raise ValueError(f"SHACL shapes do not parse: {exc}") from None
        self.batch_size = max(1, batch_size)
        self.shapes = shapes  # kept so that a validator process can load the same shapes (registry/shacl_process.py)
        self._messages = _messages(shape_triples)
        self._lock = threading.Lock()
        self._rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        # N-Triples of the merged shapes: blank node labels of different files cannot clash
        self._rudof.read_shacl("".join(f"{t} .\n" for t in shape_triples), format=pyrudof.ShaclFormat.NTriples)
        self._rudof.read_data(_EMPTY_DATA, format=pyrudof.RDFFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict)

    @classmethod
    def from_files(cls, paths: Iterable[str | Path], batch_size: int = DEFAULT_BATCH_SIZE) -> "Validator":
        """Return a validator for the shapes in ``paths`` (Turtle files), merged."""
        files = [Path(p) for p in paths]
        graph: list[Triple] = []
        for path in files:
            try:
                graph.extend(q.triple for q in parse(path=path, format=RdfFormat.TURTLE, rename_blank_nodes=True))
            except SyntaxError as exc:
                raise ValueError(f"{path}: SHACL shapes do not parse: {exc}") from None
        return cls("".join(f"{t} .\n" for t in graph), batch_size=batch_size)

    @classmethod
    def from_dir(cls, directory: str | Path = SHAPES_DIR, batch_size: int = DEFAULT_BATCH_SIZE) -> "Validator":
        """Return a validator for every ``*.ttl`` in ``directory``."""
        return cls.from_files(_shape_files(Path(directory)), batch_size=batch_size)

    @classmethod
    def default(cls) -> "Validator":
        """Return a validator for the project's shapes/ directory."""
        return cls.from_dir(SHAPES_DIR)

    def validate(self, triples: Sequence[Triple]) -> ValidationSummary:
        """Validate one record's triples."""
        return self.validate_many([triples])[0]

    def validate_many(self, records: Sequence[Sequence[Triple]]) -> list[ValidationSummary]:
        """Validate records, several per pyrudof call; return one summary per record, in order."""
        return self._summaries([_Prepared(i, triples) for i, triples in enumerate(records)])

    def validate_lines(self, records: Sequence[Sequence[str]]) -> list[ValidationSummary]:
        """Validate records given as N-Triples lines (``str(triple)``, no final dot); as ``validate_many`` does.

        The store keeps these lines for every prepared record, so it need not serialise its triples again.
        """
        return self._summaries([_Prepared.of_lines(i, lines) for i, lines in enumerate(records)])

    def _summaries(self, prepared: list[_Prepared]) -> list[ValidationSummary]:
        summaries: list[ValidationSummary] = [_CONFORMS] * len(prepared)
        for batch in self._batches(prepared):
            for index, summary in self._run(batch, prepared).items():
                summaries[index] = summary
        return summaries

    def _batches(self, prepared: list[_Prepared]) -> Iterator[list[int]]:
        """Yield runs of record indexes in which no two records share a subject."""
        batch: list[int] = []
        seen: set[str] = set()
        for index, record in enumerate(prepared):
            if not record.text:
                continue
            if batch and (len(batch) >= self.batch_size or not seen.isdisjoint(record.subjects)):
                yield batch
                batch, seen = [], set()
            batch.append(index)
            seen |= record.subjects
        if batch:
            yield batch

    def _run(self, batch: list[int], prepared: list[_Prepared]) -> dict[int, ValidationSummary]:
        owner = {s: i for i in batch for s in prepared[i].subjects}
        try:
            entries = self._report("".join(prepared[i].text for i in batch))
        except pyrudof.RudofError as exc:
            if len(batch) > 1:
                return self._one_by_one(batch, prepared)
            i = batch[0]
            focus = min(prepared[i].subjects)  # the PID sorts before its {pid}#... nodes
            failed = ValidationResult("Violation", prepared[i].blank_names.get(focus, focus), None,
                                      f"SHACL validation could not run: {exc}")
            return {i: ValidationSummary.of([failed])}
        if len(batch) > 1 and any(entry.focus_node not in owner for entry in entries):
            return self._one_by_one(batch, prepared)  # a focus node no record owns (a custom target)
        found: dict[int, list[ValidationResult]] = {i: [] for i in batch}
        for entry in entries:
            focus = entry.focus_node
            index = owner.get(focus, batch[0])
            shape = entry.source_shape
            message = self._messages.get(shape) if shape else None
            found[index].append(ValidationResult(
                _severity(entry.severity), prepared[index].blank_names.get(focus, focus),
                entry.path or None, message or _plain_message(entry.message or "") or entry.constraint_component,
            ))
        return {i: ValidationSummary.of(results) for i, results in found.items()}

    def _one_by_one(self, batch: list[int], prepared: list[_Prepared]) -> dict[int, ValidationSummary]:
        out: dict[int, ValidationSummary] = {}
        for i in batch:
            out.update(self._run([i], prepared))
        return out

    def _report(self, text: str) -> list:
        with self._lock:
            rudof = self._rudof
            rudof.begin_staging()
            try:
                rudof.read_data(text, format=pyrudof.RDFFormat.NTriples, merge=True,
                                reader_mode=pyrudof.ReaderMode.Strict)
                return list(rudof.validate_shacl())
            finally:
                rudof.rollback_staging()
