"""The question reader's lineage (session 12): a model described by the words before "version of X", a base model
named inside the description of a data set, a data set's source, and a copy asked for in fewer bits after the name."""

from __future__ import annotations

import pytest

from registry.search.understand import Understander

R1 = ["deepseek-ai/DeepSeek-R1", "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B", "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
      "deepseek-ai/DeepSeek-R1-Distill-Llama-70B", "huihui-ai/DeepSeek-R1-Pruned-Coder-411B",
      "acme/DeepSeek-R1-Distill-Qwen-32B-Medical"]


def reader(**facets: list[str]) -> Understander:
    """Return an Understander over an index holding these facet values (one FDO each)."""
    vocab = {facet: {key: (key, 1) for key in keys} for facet, keys in facets.items()}
    return Understander(lambda facet: vocab.get(facet, {}))


def read(query: str, facet: str, **facets: list[str]) -> list[tuple[tuple[str, ...], str]]:
    u = reader(**facets).understand(query)
    return [(r.values, r.mode) for r in u.recognised if r.facet == facet]


# ------------------------------------------------------------ one model described by the words before "version of X"
@pytest.mark.parametrize("query, key", [
    ("Has anyone fine-tuned the 32B Qwen distillation of DeepSeek-R1?", "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B"),
    ("Is the pruned 411B coder version of DeepSeek-R1 available as a GGUF file?",
     "huihui-ai/DeepSeek-R1-Pruned-Coder-411B"),
])
def test_the_words_before_version_of_a_name_select_the_held_model_carrying_them_all(query, key):
    assert read(query, "base_model", base_model=R1) == [((key,), "filter")]


@pytest.mark.parametrize("query", ["Which uncensored versions of DeepSeek-R1 exist?",  # many asked for, not one
                                   "Has anyone fine-tuned the 13B Qwen distillation of DeepSeek-R1?"])  # none holds 13B
def test_a_plural_or_unmatched_description_leaves_the_name_itself(query):
    assert [v for v, _ in read(query, "base_model", base_model=R1)] == [("deepseek-ai/DeepSeek-R1",)]


# ------------------------------------------------------------ a base model inside the description of a data set
DATA = ["Congliu/Chinese-DeepSeek-R1-Distill-data-110k", "acme/alpaca"]


def test_a_model_the_named_data_was_distilled_from_is_no_base_model_of_the_models_asked_for():
    query = "Which models were tuned on the 110k Chinese reasoning traces distilled from DeepSeek-R1?"
    assert read(query, "base_model", base_model=R1, dataset=DATA) == []
    assert [v for v, _ in read(query, "dataset", base_model=R1, dataset=DATA)] == [(DATA[0],)]


def test_a_base_model_in_a_clause_of_its_own_after_the_data_stays():
    query = "Which models were trained on the alpaca data and distilled from DeepSeek-R1?"
    assert ["deepseek-ai/DeepSeek-R1" in v for v, _ in read(query, "base_model", base_model=R1, dataset=DATA)] == [True]


# ------------------------------------------------------------ a data set's source said after its name
GUANACO = ["timdettmers/openassistant-guanaco", "gpjt/openassistant-guanaco-llama2-format",
           "mlabonne/guanaco-llama2-1k", "OpenAssistant/oasst1"]


def test_a_source_after_a_loose_data_set_name_selects_the_set_named_by_both():
    query = "Which models were fine-tuned on the Guanaco conversations from OpenAssistant?"
    assert [v for v, _ in read(query, "dataset", dataset=GUANACO)] == [("timdettmers/openassistant-guanaco",)]
    # a source no set of that name carries leaves every set the name read
    query = "Which models were fine-tuned on the Guanaco conversations from Stanford?"
    assert [len(v) for v, _ in read(query, "dataset", dataset=GUANACO)] == [3]


# ------------------------------------------------------------ a copy in fewer bits asked for after the name
EXAONE = ["LGAI-EXAONE/EXAONE-Deep-32B", "LGAI-EXAONE/EXAONE-Deep-7.8B"]


def test_a_name_followed_by_in_a_lower_precision_form_reads_its_quantised_copies():
    u = reader(base_model=EXAONE).understand(
        "Can I get LG's EXAONE Deep 32B in a lower-precision form that fits on a laptop?")
    assert [r.values for r in u.recognised if r.facet == "base_model"] == [("LGAI-EXAONE/EXAONE-Deep-32B",)]
    assert "quantized" in u.text.split()


def test_a_name_offered_as_a_format_file_is_read_as_its_base():
    u = reader(base_model=["microsoft/phi-2"]).understand("Is phi-2 available as a GGUF file?")
    assert [r.values for r in u.recognised if r.facet == "base_model"] == [("microsoft/phi-2",)]


# ------------------------------------------------------------ a long text is read for its first few relations
@pytest.mark.parametrize("phrase", ["the 32B Qwen distillation of DeepSeek-R1 ", "the pruned version of DeepSeek-R1 "])
def test_a_ten_kilobyte_question_of_relations_reads_a_few_names_not_one_per_relation(phrase, monkeypatch):
    # each relation reads the name after it up to the end of the text: one read per relation of a 10 kB question
    # took a second (quadratic); the links are read for their first MAX_LINKS only, and so is the lineage now
    from registry.search import understand
    u = reader(base_model=R1)
    calls = []
    original = u._linked_name
    monkeypatch.setattr(u, "_linked_name", lambda *a, **k: calls.append(a[1]) or original(*a, **k))
    u.understand((phrase * (10000 // len(phrase) + 1))[:10000])
    assert len(calls) <= 3 * understand.MAX_LINKS
