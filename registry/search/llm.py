"""Query understanding by an Ollama LLM (``MLFDO_LLM=ollama:<model>``), same response shape as the rules.

The model is asked for JSON that follows a schema (Ollama's structured output). Its answer is
checked against the index's facet values: a value the index does not hold is dropped, so the
LLM cannot invent filters. It fills what the rules missed and may rephrase the questions; when
Ollama is unreachable or answers nonsense, the rules' result stands.
"""

from __future__ import annotations

import json
import logging
import re

from registry.search.facets import LANGUAGE_NAMES, parse_range, range_label
from registry.search.results import FollowUp, QueryUnderstanding, RecognisedFilter
from registry.search.understand import Vocabulary

__all__ = ["OllamaUnderstander", "RESPONSE_SCHEMA"]

log = logging.getLogger(__name__)

_LIST = {"type": "array", "items": {"type": "string"}}
RESPONSE_SCHEMA = {
    "type": "object",
    "properties": {
        "keywords": {"type": "string"},
        "task": _LIST, "licence": _LIST, "language": _LIST, "library": _LIST, "author": _LIST,
        "base_model": _LIST, "dataset": _LIST,
        "max_parameters": {"type": ["string", "null"]}, "min_parameters": {"type": ["string", "null"]},
        "created_after": {"type": ["string", "null"]}, "created_before": {"type": ["string", "null"]},
        "expansions": _LIST, "questions": _LIST,
    },
    "required": ["keywords"],
}

_PROMPT = """You turn a search query for machine-learning models into search filters.
Answer with JSON only. Use only values from these lists (copy them exactly); leave a list empty when unsure.
tasks: {tasks}
licences: {licences}
libraries: {libraries}
languages (codes): {languages}
For base_model, author and dataset give the name as written in the query (e.g. "llama", "google", "squad").
Sizes like "500M" or "7B"; dates as YYYY or YYYY-MM-DD.
"keywords": the words of the query that describe what the model should do, without the constraints.
"expansions": up to 5 synonyms or related terms. "questions": up to 3 short questions that would narrow the search.

Query: {query}"""


class OllamaUnderstander:
    """Ask an Ollama model to read the query; merge its answer with the rules' answer."""

    def __init__(self, model: str, host: str | None = None, timeout: float = 20.0) -> None:
        import ollama

        self.model = model
        self.client = ollama.Client(host=host, timeout=timeout)

    @classmethod
    def from_setting(cls, value: str, ollama_url: str | None = None) -> "OllamaUnderstander | None":
        """Return an understander for ``ollama:<model>`` (at ``ollama_url``); None for any other setting value."""
        value = (value or "").strip()
        if value.startswith("ollama:") and value[7:].strip():
            return cls(value[7:].strip(), host=ollama_url)
        return None

    def close(self) -> None:
        self.client.close()

    def understand(self, query: str, rules: QueryUnderstanding, vocabulary: Vocabulary) -> QueryUnderstanding | None:
        """Return the merged understanding, or None when the LLM gave nothing usable."""
        vocab = {f: vocabulary(f) for f in ("task", "licence", "library", "language", "author", "base_model", "dataset")}
        prompt = _PROMPT.format(
            tasks=", ".join(sorted(vocab["task"])[:80]), licences=", ".join(sorted(vocab["licence"])[:60]),
            libraries=", ".join(sorted(vocab["library"])[:60]), languages=", ".join(sorted(vocab["language"])[:80]),
            query=query)
        try:
            reply = self.client.chat(model=self.model, messages=[{"role": "user", "content": prompt}],
                                     format=RESPONSE_SCHEMA, options={"temperature": 0})
            data = json.loads(reply.message.content or "{}")
        except Exception as exc:  # unreachable server, unknown model, invalid JSON: keep the rules' answer
            log.warning("LLM query understanding failed (%s); using the rules", exc)
            return None
        if not isinstance(data, dict):
            return None
        return self._merge(query, rules, data, vocab)

    def _merge(self, query: str, rules: QueryUnderstanding, data: dict, vocab: dict) -> QueryUnderstanding:
        recognised = list(rules.recognised)
        have = {r.facet for r in recognised if r.applied}
        for facet in ("task", "licence", "library", "language", "author", "base_model", "dataset"):
            if facet in have:
                continue
            keys = _valid(facet, data.get(facet), vocab[facet])
            if keys:
                label = f"{facet}: " + " or ".join(vocab[facet][k][0] for k in keys[:5])
                recognised.append(RecognisedFilter(facet, keys, label, "(read by the LLM)"))
        for facet, low_key, high_key in (("params", "min_parameters", "max_parameters"),
                                         ("date", "created_after", "created_before")):
            if facet in have:
                continue
            parts = [(">=" + str(data[low_key])) if data.get(low_key) else None,
                     ("<" + str(data[high_key])) if data.get(high_key) else None]
            for value in filter(None, parts):
                try:
                    span = parse_range(facet, value)
                except Exception:
                    continue
                recognised.append(RecognisedFilter(facet, (value,), range_label(facet, *span), "(read by the LLM)"))
        keywords = data.get("keywords") if isinstance(data.get("keywords"), str) else ""
        expansions = tuple(dict.fromkeys([*rules.expansions, *(_strings(data.get("expansions"))[:5])]))
        questions = tuple(FollowUp(q, "", ()) for q in _strings(data.get("questions"))[:3]) or rules.questions
        return QueryUnderstanding(query=query, text=keywords.strip() or rules.text, recognised=tuple(recognised),
                                  suggested=rules.suggested, expansions=expansions, questions=questions,
                                  source=f"ollama:{self.model}", sentence="" if keywords.strip() else rules.sentence,
                                  tags=rules.tags, tagged=rules.tagged)


def _strings(value) -> list[str]:
    return [v.strip() for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


def _valid(facet: str, values, known: dict[str, tuple[str, int]]) -> tuple[str, ...]:
    """Keep values the index holds: exact keys, or names contained in a key (base models, authors, datasets)."""
    lowered = {k.lower(): k for k in known}
    names = {code: name.lower() for code, name in LANGUAGE_NAMES.items()}
    out: list[str] = []
    for value in _strings(values):
        v = value.lower()
        if facet == "language":
            v = next((code for code, name in names.items() if name == v), v)
        if v in lowered:
            out.append(lowered[v])
        elif facet in ("base_model", "author", "dataset") and len(v) >= 3:
            out.extend(k for k in known if re.search(r"(^|[/\-_ ])" + re.escape(v), k.lower()))
    return tuple(dict.fromkeys(out))[:50]
