"""The Hub tag a library, framework or format named in a question is read as, from the library concepts.

The Hub shows the frameworks a model ships weights for (jax, tf, pytorch), the formats it comes in (gguf, coreml)
and the tools it was made with (trl, mergekit) as tags, often not as its library. A library concept of
`registry/ontology/vocabularies/libraries.ttl` (the file the vocabulary harvester makes concept FDOs of) says so
with `mlfdo:hubTag`; its names (notation, `skos:prefLabel`, `skos:altLabel`) are the words a question calls it by.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pyoxigraph import RdfFormat, parse

from registry.paths import ONTOLOGY_DIR
from registry.search.text import tokens
from registry.vocab import MLFDO, SKOS

__all__ = ["LIBRARIES_FILE", "library_tags", "tags_of"]

LIBRARIES_FILE = ONTOLOGY_DIR / "vocabularies" / "libraries.ttl"
_NAMES = (SKOS.notation.value, SKOS.prefLabel.value, SKOS.altLabel.value)


@lru_cache(maxsize=1)
def library_tags() -> dict[str, str]:
    """Return name -> Hub tag for every name of a library concept carrying a Hub tag in the shipped vocabulary."""
    return tags_of(LIBRARIES_FILE)


def tags_of(path: Path) -> dict[str, str]:
    """Return name -> Hub tag for the library concepts of the Turtle file ``path``.

    A name is keyed as written in small letters ("llama.cpp", "pruna-ai") and as its words joined ("llamacpp",
    "prunaai": how a question's words are looked up). A name two concepts share ("LoRA" for both PEFT and LoRA) is
    the one's whose tag it holds ("lora").
    """
    names: dict[str, list[str]] = {}
    tags: dict[str, str] = {}
    for t in parse(path.read_bytes(), format=RdfFormat.TURTLE):
        if t.predicate == MLFDO.hubTag:
            tags.setdefault(t.subject.value, t.object.value)
        elif t.predicate.value in _NAMES:
            names.setdefault(t.subject.value, []).append(t.object.value)
    out: dict[str, str] = {}
    for concept, tag in tags.items():
        for name in names.get(concept, ()):
            for key in dict.fromkeys((name.lower(), "".join(tokens(name)))):
                if key and (key not in out or (tag in key and out[key] not in key)):
                    out[key] = tag
    return out
