"""Model-card parsing: front matter, headings and their variants, placeholders, broken input."""

from __future__ import annotations

import pytest

from harvesters.huggingface.cards import MAX_SECTION_CHARS, normalise_heading, parse_card, split_front_matter

CARD = """---
license: mit
language: [en, fr]
---

# tiny-model

A compact encoder for short texts, written for these tests.

## Intended uses & limitations

Classify short product reviews.

### Out-of-Scope Use

Medical or legal decisions.

## Bias, Risks, and Limitations

Trained on English reviews only; other domains may fail.

## How to use

Install the library first.

```python
from transformers import pipeline
pipe = pipeline("text-classification", model="org/tiny-model")
```

## Training data

One thousand reviews.

## Environmental impact

About 12 g CO2eq.

## Citation

```bibtex
@misc{tiny2025, title={Tiny}}
```

## License

MIT, see LICENSE.
"""


def test_card_sections_map_to_keys():
    card = parse_card(CARD)
    assert card.metadata == {"license": "mit", "language": ["en", "fr"]}
    assert card.sections["description"].startswith("A compact encoder")
    assert card.sections["intended_use"].startswith("Classify short product reviews.")
    assert card.sections["out_of_scope"] == "Medical or legal decisions."
    assert card.sections["risks"].startswith("Trained on English reviews only")
    assert "Install the library first." in card.sections["usage"]
    assert card.sections["training_data"] == "One thousand reviews."
    assert card.sections["environmental"] == "About 12 g CO2eq."
    assert card.sections["legal"] == "MIT, see LICENSE."
    assert card.code_sample.startswith("from transformers import pipeline")
    assert card.citation == "@misc{tiny2025, title={Tiny}}"
    assert card.problems == []


@pytest.mark.parametrize("heading, expected", [
    ("2. 🔧 How to Use", "how to use"),
    ("Citation [optional]", "citation"),
    ("Bias, Risks, and Limitations", "bias risks and limitations"),
    ("Intended uses & limitations", "intended uses & limitations"),
    ("**Usage** (Sentence-Transformers)", "usage sentence-transformers"),
])
def test_headings_are_normalised(heading, expected):
    assert normalise_heading(heading) == expected


def test_heading_variants_are_recognised():
    text = ("# m\n\n## Quick start\n\nRun it.\n\n## Limitations and bias\n\nSmall data.\n\n"
            "## Usage (Sentence-Transformers)\n\nIgnored: quick start is preferred.\n\n"
            "## Ethical Considerations\n\nNone known.\n")
    card = parse_card(text)
    assert card.sections["usage"] == "Run it."
    assert card.sections["risks"] == "Small data."
    assert card.sections["ethics"] == "None known."


def test_untouched_template_sections_count_as_absent():
    text = ("---\nlicense: mit\n---\n# Model Card for Model ID\n\n<!-- Provide a quick summary -->\n\n"
            "## Model Details\n\n### Model Description\n\n- **Developed by:** [More Information Needed]\n"
            "- **License:** [More Information Needed]\n\n## Uses\n\n### Direct Use\n\n[More Information Needed]\n\n"
            "## How to Get Started with the Model\n\nUse the code below to get started with the model.\n\n"
            "[More Information Needed]\n\n## Citation [optional]\n\n**BibTeX:**\n\n[More Information Needed]\n")
    card = parse_card(text)
    assert card.sections == {}
    assert card.code_sample is None and card.citation is None


def test_card_without_yaml_still_gives_sections():
    card = parse_card("# plain\n\nNo metadata block at all in this card.\n\n## Usage\n\nCall it.\n")
    assert card.metadata is None
    assert card.sections["usage"] == "Call it."
    assert card.problems == []


def test_unparseable_yaml_is_a_problem_and_the_body_is_still_read():
    card = parse_card("---\nlicense: [mit\nlanguage: en\n---\n# x\n\n## Usage\n\nCall it.\n")
    assert card.metadata is None
    assert card.problems and card.problems[0].startswith("card YAML does not parse")
    assert card.sections["usage"] == "Call it."


def test_yaml_that_is_not_a_mapping_is_a_problem():
    card = parse_card("---\n- a\n- b\n---\nbody text that is long enough to be a description\n")
    assert card.problems == ["card YAML is a list, not a mapping"]


def test_windows_line_breaks_are_handled():
    card = parse_card("---\r\nlicense: mit\r\n---\r\n# t\r\n\r\n## Usage\r\n\r\nCall it.\r\n")
    assert card.metadata == {"license": "mit"}
    assert card.sections["usage"] == "Call it."


def test_headings_inside_code_blocks_do_not_start_sections():
    card = parse_card("# m\n\n## Usage\n\n```bash\n# pip install accelerate\npip install x\n```\n")
    assert "pip install x" in card.sections["usage"]
    assert card.code_sample == "# pip install accelerate\npip install x"


def test_binary_card_is_not_parsed():
    card = parse_card("---\nlicense: mit\n---\n\x00\x01binary")
    assert card.metadata is None and card.sections == {}
    assert card.problems == ["card is binary (NUL bytes); not parsed"]


def test_very_long_sections_are_cut_and_reported():
    card = parse_card("# m\n\n## Usage\n\n" + "word " * (MAX_SECTION_CHARS // 2))
    assert len(card.sections["usage"]) == MAX_SECTION_CHARS
    assert any("kept the first" in p for p in card.problems)


def test_front_matter_split_needs_the_opening_line():
    assert split_front_matter("---\na: 1\n---\nbody") == ("a: 1\n", "body")
    assert split_front_matter("text\n---\na: 1\n---\n") == (None, "text\n---\na: 1\n---\n")
    assert split_front_matter("---\nnever closed\n") == (None, "---\nnever closed\n")
