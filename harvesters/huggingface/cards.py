"""Parse a Hugging Face model card (README.md): YAML front matter and Markdown sections.

Sections are found from the card's heading structure (markdown-it tokens, so headings inside
code blocks do not count), matched against the HF card template headings and their common
variants. A section's text includes its sub-sections. Template placeholders and HTML comments
are dropped, so an untouched template section counts as absent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from markdown_it import MarkdownIt

__all__ = ["ParsedCard", "parse_card", "split_front_matter", "load_card_yaml", "SECTION_KEYS",
           "MAX_CARD_BYTES", "MAX_SECTION_CHARS",
           "MAX_YAML_NODES", "MAX_YAML_DEPTH"]

MAX_CARD_BYTES = 1_000_000  # larger READMEs are not parsed (the Hub itself truncates its preview)
MAX_SECTION_CHARS = 20_000
MAX_YAML_NODES = 200_000  # values a card's front matter may expand to through aliases
MAX_YAML_DEPTH = 64  # nesting a card's front matter may have (real cards stay under 10)

try:  # the C loader is ~10x faster when PyYAML was built with libyaml
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)^---[ \t]*$\n?", re.S | re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PLACEHOLDERS = re.compile(
    r"\[More Information Needed\]|More information needed\.?|\[optional\]|\(optional\)|\[TODO[^\]]*\]",
    re.I,
)
_HEADING_JUNK = re.compile(r"[^a-z0-9&+\- ]+")
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+")
_SPACES = re.compile(r"\s+")
# Sentences of the HF model card template that say nothing about the model itself.
_BOILERPLATE = re.compile(
    r"^\s*(?:This is the model card of a .{0,4}transformers model that has been pushed on the Hub"
    r"|This modelcard aims to be a base template for new models"
    r"|Use the code below to get started with the model"
    r"|Users \(both direct and downstream\) should be made aware of the risks"
    r"|Carbon emissions can be estimated using the \[Machine Learning Impact calculator\])",
    re.I,
)
_LABEL_ONLY = re.compile(r"^\s*(?:[-*+]\s*)?(?:\*\*|__)[^*_]+(?:\*\*|__)\s*:?\s*$")

# key -> (exact headings in order of preference, substrings accepted when nothing exact matched)
_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "description": (("model description", "model details", "model summary", "description", "model overview",
                     "overview", "introduction", "about", "about the model", "summary", "model information"), ()),
    "intended_use": (("intended use", "intended uses", "intended uses & limitations",
                      "intended uses and limitations", "intended use cases", "primary intended uses",
                      "direct use", "uses", "use cases", "usage scope"), ("intended use",)),
    "out_of_scope": (("out-of-scope use", "out-of-scope uses", "out of scope use", "out-of-scope",
                      "misuse and out-of-scope use", "misuse malicious use and out-of-scope use"),
                     ("out-of-scope", "out of scope")),
    "risks": (("bias risks and limitations", "risks and limitations", "limitations and bias",
               "limitations and biases", "bias and limitations", "limitations", "known limitations", "bias",
               "biases", "risks"), ("limitation", "bias", "risk")),
    "ethics": (("ethical considerations", "ethics", "ethical considerations and limitations", "ethics and safety"),
               ("ethic",)),
    "usage": (("how to use", "how to get started with the model", "usage", "quick start", "quickstart",
               "getting started", "example usage", "use with transformers", "pipeline usage", "inference",
               "how to run locally", "sample code", "code example"),
              ("how to use", "usage", "get started", "getting started", "quick start", "quickstart")),
    "training_data": (("training data", "training dataset", "training datasets", "training and evaluation data",
                       "datasets", "dataset"), ("training data",)),
    "training_procedure": (("training procedure", "training details", "training", "training hyperparameters",
                            "training info"), ("training procedure",)),
    "environmental": (("environmental impact", "carbon emissions", "co2 emissions", "carbon footprint"),
                      ("environmental", "carbon", "co2")),
    "citation": (("citation", "citations", "citation information", "bibtex", "cite", "citing", "how to cite",
                  "reference", "references", "bibtex entry and citation info"), ("citation", "cite", "bibtex")),
    "legal": (("license", "licence", "licensing", "license and terms", "credits & license", "legal"),
              ("license", "licence")),
}
SECTION_KEYS = tuple(_RULES)
_EXACT = {h: key for key, (exact, _) in _RULES.items() for h in exact}

_MD = MarkdownIt("commonmark")
# Only the block structure matters (headings, fences); inline parsing would double the cost.
_MD.core.ruler.disable(["inline", "text_join"])


@dataclass
class ParsedCard:
    """What a card says: its YAML metadata (when it has some) and its recognised sections."""

    metadata: dict | None = None
    sections: dict[str, str] = field(default_factory=dict)
    code_sample: str | None = None
    citation: str | None = None
    problems: list[str] = field(default_factory=list)


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Return (YAML text or None, Markdown body) of a card."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end():]


def _expanded_size(root: yaml.Node) -> tuple[int, int]:
    """Return (nodes once aliases are expanded, deepest nesting) of a composed YAML document, without expanding it."""
    sizes: dict[int, tuple[int, int]] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:  # iterative post-order: a 1,000-level document must not exhaust the Python stack
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        children = ([c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode)
                    else list(node.value) if isinstance(node, yaml.SequenceNode) else [])
        if not done:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        total = 1 + sum(sizes[id(c)][0] for c in children)
        depth = 1 + max((sizes[id(c)][1] for c in children), default=0)
        sizes[id(node)] = (min(total, 10**12), depth)
    return sizes[id(root)]


def load_card_yaml(yaml_text: str) -> tuple[dict | None, str | None]:
    """Parse front-matter YAML; return (mapping or None, problem or None). Never raises.

    A document that would expand to more than MAX_YAML_NODES values through its aliases (an
    "alias bomb") or nests deeper than MAX_YAML_DEPTH is refused before it is built.
    """
    loader = _Loader(yaml_text)
    try:
        root = loader.get_single_node()
        if root is not None:
            size, depth = _expanded_size(root)
            if size > MAX_YAML_NODES:
                return None, f"card YAML expands to {size:,} values through its aliases (limit {MAX_YAML_NODES:,}); not read"
            if depth > MAX_YAML_DEPTH:
                return None, f"card YAML nests {depth} levels deep (limit {MAX_YAML_DEPTH}); not read"
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return None, f"card YAML does not parse: {first}"
    except RecursionError:
        return None, "card YAML nests too deeply to read"
    finally:
        loader.dispose()
    if data is None:
        return None, None
    if not isinstance(data, dict):
        return None, f"card YAML is a {type(data).__name__}, not a mapping"
    return data, None


def normalise_heading(text: str) -> str:
    """Return a heading reduced to lower-case words for matching ("2. 🔧 How to Use" -> "how to use")."""
    text = text.lower().replace("’", "'")
    text = _PLACEHOLDERS.sub(" ", text)
    text = _HEADING_JUNK.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return _NUMBERING.sub("", text).strip(" -")


def _clean(text: str) -> str:
    text = _COMMENT.sub("", text)
    text = _PLACEHOLDERS.sub("", text)
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:  # drop template labels left without a value; collapse runs of blank lines
        if _LABEL_ONLY.match(line) or _BOILERPLATE.match(line):
            continue
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _meaningful(text: str) -> bool:
    """Tell whether text has content besides headings."""
    return any(re.search(r"\w", line) for line in text.splitlines() if not line.lstrip().startswith("#"))


def parse_card(text: str, *, parse_yaml: bool = True) -> ParsedCard:
    """Parse a card's text. Never raises: what cannot be read is reported in ``problems``."""
    card = ParsedCard()
    if "\x00" in text:
        card.problems.append("card is binary (NUL bytes); not parsed")
        return card
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    yaml_text, body = split_front_matter(text)
    if yaml_text is not None and parse_yaml:
        card.metadata, problem = load_card_yaml(yaml_text)
        if problem:
            card.problems.append(problem)
    try:
        _sections(body, card)
    except Exception as exc:  # markdown-it is robust; this guards against the unforeseen
        card.problems.append(f"card Markdown could not be parsed: {type(exc).__name__}: {exc}")
    return card


def _sections(body: str, card: ParsedCard) -> None:
    tokens = _MD.parse(body)
    lines = body.split("\n")
    headings: list[tuple[int, str, int, int]] = []  # level, normalised text, first line, body start line
    fences: list[tuple[str, str, int]] = []  # info, content, line
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.map:
            inline = tokens[i + 1].content if i + 1 < len(tokens) else ""
            headings.append((int(tok.tag[1]), normalise_heading(inline), tok.map[0], tok.map[1]))
        elif tok.type == "fence" and tok.map:
            fences.append((tok.info.strip().lower(), tok.content, tok.map[0]))

    spans: list[tuple[str, int, int]] = []  # heading, start, end (sub-sections included)
    for n, (level, name, _first, start) in enumerate(headings):
        end = len(lines)
        for level2, _name2, first2, _start2 in headings[n + 1:]:
            if level2 <= level:
                end = first2
                break
        spans.append((name, start, end))

    chosen: dict[str, tuple[int, int]] = {}
    for key, (exact, contains) in _RULES.items():
        best: tuple[int, int, int] | None = None  # rank, start, end
        for name, start, end in spans:
            if name in exact:
                rank = exact.index(name)
            elif name not in _EXACT and any(c in name for c in contains):
                rank = len(exact)
            else:
                continue
            text = _clean("\n".join(lines[start:end]))
            if not _meaningful(text):
                continue
            if best is None or rank < best[0]:
                best = (rank, start, end)
        if best is not None:
            chosen[key] = (best[1], best[2])

    for key, (start, end) in chosen.items():
        text = _clean("\n".join(lines[start:end]))
        if len(text) > MAX_SECTION_CHARS:
            card.problems.append(f"card section {key!r} is {len(text)} characters; kept the first {MAX_SECTION_CHARS}")
            text = text[:MAX_SECTION_CHARS]
        card.sections[key] = text

    if "description" not in card.sections:
        preamble = _preamble(lines, headings)
        if preamble:
            card.sections["description"] = preamble

    usage = chosen.get("usage")
    for info, content, line in fences:
        if usage and usage[0] <= line < usage[1] and content.strip():
            card.code_sample = content.strip()
            break
    if card.code_sample is None:
        for info, content, _line in fences:
            if info.split(" ")[0] in ("python", "py") and content.strip():
                card.code_sample = content.strip()
                break

    cite = chosen.get("citation")
    for info, content, line in fences:
        in_section = cite is not None and cite[0] <= line < cite[1]
        if content.strip() and (in_section or info.split(" ")[0] in ("bibtex", "bib")
                                or content.lstrip().startswith("@")) and (in_section or "@" in content):
            card.citation = content.strip()
            break
    if card.citation is None and "citation" in card.sections:
        card.citation = card.sections["citation"]


def _preamble(lines: list[str], headings: list[tuple[int, str, int, int]]) -> str | None:
    """Return the text before the first section heading (after an optional title), if any."""
    start = 0
    end = len(lines)
    if headings:
        first = headings[0]
        if first[0] == 1:
            start = first[3]
            end = headings[1][2] if len(headings) > 1 else len(lines)
        else:
            end = first[2]
    text = _clean("\n".join(lines[start:end]))
    # keep prose only: the first paragraphs, not badges or tables
    paragraphs = [p for p in text.split("\n\n") if _meaningful(p) and not p.lstrip().startswith(("|", "<", "!["))]
    text = "\n\n".join(paragraphs[:3]).strip()
    return text[:MAX_SECTION_CHARS] if len(text) >= 20 else None
