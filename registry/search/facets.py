"""Facets of the search: what each one reads from the graph, how values are labelled and filtered.

Term facets hold discrete values (a key that filters and a label that people read); range
facets hold one number per FDO (parameter count, creation date) and are counted in buckets.
Within one facet the selected values are OR-ed; different facets are AND-ed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone

from registry.errors import BadRequest
from registry.vocab import CODEMETA, FAIR4ML, MLFDO, SCHEMA

__all__ = ["FacetDef", "FACETS", "TERM_FACETS", "RANGE_FACETS", "FACET_NAMES", "facet_name",
           "parse_range", "range_label", "PARAM_BUCKETS", "bucket_of", "year_bounds", "LANGUAGE_NAMES",
           "language_label", "PLATFORM_LABELS", "KIND_LABELS", "STATED_LABELS", "kind_label", "format_count", "parse_count"]


@dataclass(frozen=True)
class FacetDef:
    """One facet: its name in URLs and filters, its label, and the properties it reads."""

    name: str
    label: str
    predicates: tuple[str, ...] = ()
    range: bool = False


FACETS: tuple[FacetDef, ...] = (
    FacetDef("kind", "Kind"),
    FacetDef("task", "Task", (FAIR4ML.mlTask.value,)),
    FacetDef("licence", "Licence", (SCHEMA.license.value,)),
    FacetDef("library", "Library", (MLFDO.library.value,)),
    FacetDef("language", "Language", (SCHEMA.inLanguage.value,)),
    FacetDef("author", "Author", (FAIR4ML.sharedBy.value, SCHEMA.author.value)),
    FacetDef("base_model", "Base model", (FAIR4ML.fineTunedFrom.value, MLFDO.quantizedFrom.value,
                                           MLFDO.adapterOf.value, MLFDO.mergedFrom.value, SCHEMA.isBasedOn.value)),
    FacetDef("dataset", "Training dataset", (FAIR4ML.trainedOn.value,)),
    FacetDef("paper", "Paper", (CODEMETA.referencePublication.value,)),
    FacetDef("platform", "Platform"),
    FacetDef("states", "States"),
    FacetDef("params", "Parameters", (MLFDO.parameterCount.value,), range=True),
    FacetDef("date", "Created", (SCHEMA.dateCreated.value, SCHEMA.dateModified.value), range=True),
)
TERM_FACETS = tuple(f.name for f in FACETS if not f.range)
RANGE_FACETS = tuple(f.name for f in FACETS if f.range)
FACET_NAMES = tuple(f.name for f in FACETS)
_ALIASES = {"license": "licence", "licenses": "licence", "licences": "licence", "tasks": "task",
            "languages": "language", "lang": "language", "libraries": "library", "authors": "author",
            "organisation": "author", "organization": "author", "base": "base_model", "base-model": "base_model",
            "datasets": "dataset", "training_dataset": "dataset", "papers": "paper", "publication": "paper", "parameters": "params", "size": "params",
            "created": "date", "year": "date", "type": "kind",
            "has": "states", "stated": "states", "fields": "states"}


def facet_name(name: str) -> str | None:
    """Return the canonical facet name for ``name`` (aliases such as ``license`` accepted), or None."""
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    return key if key in FACET_NAMES else None


# ---------------------------------------------------------------- counts and ranges
_UNITS = {"": 1.0, "k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "mn": 1e6,
          "mio": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9, "mrd": 1e9, "t": 1e12, "trillion": 1e12}
_COUNT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-z]*)\s*$", re.I)


def parse_count(text: str) -> float | None:
    """Return the number in ``500M``, ``1.5B``, ``7 billion`` or ``1000``, or None."""
    m = _COUNT.match(text)
    if not m or m.group(2).lower() not in _UNITS:
        return None
    return float(m.group(1).replace(",", ".")) * _UNITS[m.group(2).lower()]


def format_count(value: float) -> str:
    """Return ``value`` as people write parameter counts: 110M, 1.5B, 7B."""
    for unit, size in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if value >= size:
            text = f"{value / size:.2f}".rstrip("0").rstrip(".")
            return f"{text}{unit}"
    return f"{value:g}"


# Parameter-count buckets: (key, low inclusive, high exclusive).
PARAM_BUCKETS: tuple[tuple[str, float, float], ...] = (
    ("<100M", 0.0, 1e8),
    ("100M-1B", 1e8, 1e9),
    ("1B-10B", 1e9, 1e10),
    (">=10B", 1e10, math.inf),
)


def bucket_of(value: float) -> str | None:
    """Return the parameter bucket key of a count."""
    for key, low, high in PARAM_BUCKETS:
        if low <= value < high:
            return key
    return None


def year_bounds(year: int) -> tuple[float, float]:
    """Return [start, end) of a calendar year as POSIX timestamps."""
    return (datetime(year, 1, 1, tzinfo=timezone.utc).timestamp(),
            datetime(year + 1, 1, 1, tzinfo=timezone.utc).timestamp())


def _date_point(text: str, end: bool) -> float:
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        start, stop = year_bounds(int(text))
        return stop if end else start
    if re.fullmatch(r"\d{4}-\d{2}", text):
        y, m = int(text[:4]), int(text[5:])
        if end:
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return datetime(y, m, 1, tzinfo=timezone.utc).timestamp()
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise BadRequest(f"{text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.timestamp() + (86400 if end and len(text) == 10 else 0)


def _count_point(text: str) -> float:
    value = parse_count(text)
    if value is None:
        raise BadRequest(f"{text!r} is not a parameter count (use e.g. 500M, 1.5B, 7B)")
    return value


def parse_range(facet: str, value: str) -> tuple[float, float]:
    """Return [low, high) for a range filter value.

    Accepted: a bucket key (``100M-1B``, ``2024``), ``<500M``, ``<=1B``, ``>1B``, ``>=2023``,
    ``100M-1B``, ``2023-2024``, ``2024-06``. Raises BadRequest for anything else.
    """
    text = value.strip()
    if facet == "params":
        start = end = _count_point
        end_incl = lambda t: _count_point(t) + 1.0  # noqa: E731 - counts are integers
    else:
        start, end = (lambda t: _date_point(t, False)), (lambda t: _date_point(t, True))
        end_incl = end
    m = re.fullmatch(r"(<=|>=|<|>|≤|≥)\s*(.+)", text)
    if m:
        op, rest = m.groups()
        if op == "<":
            return -math.inf, start(rest)
        if op in ("<=", "≤"):
            return -math.inf, end_incl(rest)
        if op == ">":
            return end_incl(rest), math.inf
        return start(rest), math.inf
    if facet == "date":
        if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
            return start(text), end(text)
        sep = re.fullmatch(r"(\d{4}(?:-\d{2}){0,2})\s*(?:\.\.|–|/|-)\s*(\d{4}(?:-\d{2}){0,2})", text)
        if sep:
            return start(sep.group(1)), end(sep.group(2))
        raise BadRequest(f"{value!r} is not a date range (use e.g. 2024, 2023-2024, >=2023-06)")
    sep = re.fullmatch(r"(.+?)\s*(?:-|–|\.\.)\s*(.+)", text)
    if sep:
        return start(sep.group(1)), end(sep.group(2))
    exact = _count_point(text)
    return exact * 0.85, exact * 1.15


def range_label(facet: str, low: float, high: float) -> str:
    """Return a readable label for a range filter."""
    if facet == "params":
        if low <= 0 or low == -math.inf:
            return f"under {format_count(high)} parameters"
        if high == math.inf:
            return f"{format_count(low)} parameters or more"
        return f"{format_count(low)} to {format_count(high)} parameters"
    start = datetime.fromtimestamp(low, timezone.utc) if low != -math.inf else None
    end = datetime.fromtimestamp(high - 1, timezone.utc) if high != math.inf else None
    if start and end and start.year == end.year and start.month == 1 and end.month == 12:
        return f"created in {start.year}"
    if start and not end:
        return f"created since {start:%Y-%m-%d}"
    if end and not start:
        return f"created before {datetime.fromtimestamp(high, timezone.utc):%Y-%m-%d}"
    return f"created {start:%Y-%m-%d} to {end:%Y-%m-%d}"


# ---------------------------------------------------------------- labels
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "nb": "Norwegian Bokmål",
    "fi": "Finnish", "pl": "Polish", "cs": "Czech", "sk": "Slovak", "hu": "Hungarian", "ro": "Romanian",
    "bg": "Bulgarian", "el": "Greek", "ru": "Russian", "uk": "Ukrainian", "tr": "Turkish", "ar": "Arabic",
    "he": "Hebrew", "fa": "Persian", "hi": "Hindi", "bn": "Bengali", "ur": "Urdu", "ta": "Tamil",
    "te": "Telugu", "mr": "Marathi", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "vi": "Vietnamese",
    "th": "Thai", "id": "Indonesian", "ms": "Malay", "sw": "Swahili", "ca": "Catalan", "eu": "Basque",
    "gl": "Galician", "hr": "Croatian", "sr": "Serbian", "sl": "Slovenian", "et": "Estonian", "lv": "Latvian",
    "lt": "Lithuanian", "ga": "Irish", "cy": "Welsh", "is": "Icelandic", "af": "Afrikaans", "am": "Amharic",
    "yo": "Yoruba", "ha": "Hausa", "zu": "Zulu", "yue": "Cantonese", "multilingual": "Multilingual",
    "mul": "Multilingual",  # BCP-47's code for many languages: the Hub harvester writes the tag multilingual so
}


def language_label(code: str) -> str:
    """Return the English name of a BCP-47 code (its primary subtag), else the code."""
    return LANGUAGE_NAMES.get(code.lower()) or LANGUAGE_NAMES.get(code.split("-")[0].lower()) or code


PLATFORM_LABELS = {"hf": "Hugging Face", "openml": "OpenML", "arxiv": "arXiv", "hf-dataset": "Hugging Face",
                   "openml-dataset": "OpenML", "openml-run": "OpenML", "openml-task": "OpenML"}
# what a record states, for the ``states`` facet: the fields a data steward asks about ("which models have a DOI?")
STATED_LABELS = {"doi": "a DOI", "paper": "a paper", "emissions": "training emissions (CO2)",
                 "base_model": "a base model", "dataset": "training data", "evaluation": "evaluation results",
                 "licence": "a licence", "custom_licence": "a custom licence", "no_licence": "no licence",
                 "card": "a model card"}
KIND_LABELS = {"model": "Model", "dataset": "Dataset", "paper": "Paper", "task": "Task", "evaluation": "Evaluation"}
# what a platform calls its records, where that is not the registry's kind (an OpenML flow is a model, a run an
# evaluation): results say it, so that a flow is not taken for a trained model
_PLATFORM_NOUNS = {"openml": "flow", "openml-run": "run (evaluation)", "openml-task": "task",
                   "openml-dataset": "dataset"}


def kind_label(kind: str, platform: str = "") -> str:
    """Return what a result is, for people: its platform and kind ("Hugging Face model", "OpenML task")."""
    noun = _PLATFORM_NOUNS.get(platform) or KIND_LABELS.get(kind, kind).lower()
    where = PLATFORM_LABELS.get(platform, "")
    return f"{where} {noun}" if where else noun.capitalize()
