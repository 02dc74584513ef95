"""A language few models state, asked beside one most state ("signs in Arabic ... tell me in English", "from English
into Tamil"), is what the question asks for, as if named alone: the models stating it come first; the common one only
ranks up (``Searcher._boost_score``, ``rare_of``)."""

from __future__ import annotations

import pytest

from tests.factories import BASE, concepts_searcher, model_doing, model_pid

READS = "Describes a picture."


@pytest.fixture(scope="module")
def searcher():
    records = [
        model_doing("acme/picture-reader-ar", "image-text-to-text", languages=("ar", "en"), downloads=20,
                    description=READS),
        model_doing("acme/picture-reader-th", "image-text-to-text", languages=("th", "en"), downloads=20,
                    description=READS),
        model_doing("acme/en-ta-translator", "translation", languages=("en", "ta"), downloads=20,
                    description="Turns text into another language."),
        model_doing("acme/greek-reader", "question-answering", languages=("el", "en"), downloads=20,
                    description="Finds answers in a passage."),
        # English ones whose names hold the question's loose words, and popular English ones
        model_doing("acme/one-hot-layout", "text-to-image", languages=("en",), downloads=5000, description=READS),
        model_doing("acme/keep-seeing-detector", "image-classification", languages=("en",), downloads=5000,
                    description="Flags a picture."),
        model_doing("acme/menu-says-tell", "image-text-to-text", languages=("en",), downloads=90000,
                    description=READS),
        model_doing("acme/english-messages-translator", "translation", languages=("en",), downloads=90000,
                    description="Turns messages into another language."),
        model_doing("acme/documents-questions-answering", "question-answering", languages=("en",), downloads=90000,
                    description="Finds answers to questions in documents."),
        *[model_doing(f"acme/english-{i}", "text-classification", languages=("en",), description="Sorts text.")
          for i in range(120)],
    ]
    yield from concepts_searcher(records)


@pytest.mark.parametrize("query, name", [
    ("On a trip I keep seeing signs in Arabic. Can a model read one and tell me in English what it says?",
     "acme/picture-reader-ar"),
    ("I photograph menus written in Thai; which model can explain one to me in English?", "acme/picture-reader-th"),
    ("Which model can put my English messages into Tamil?", "acme/en-ta-translator"),
    ("answer questions in English about Greek documents", "acme/greek-reader"),
])
def test_the_model_stating_the_rare_language_of_a_pair_comes_first(searcher, query, name):
    assert searcher.search(query).results[0].pid == model_pid(name, BASE)


def test_the_common_language_still_ranks_up_those_stating_it(searcher):
    # the English picture reader states English, not Thai: after the Thai one, before models stating neither
    ranked = [h.pid for h in searcher.search("a model for Thai and English pictures", per_page=50).results]
    assert ranked.index(model_pid("acme/picture-reader-th", BASE)) < ranked.index(model_pid("acme/menu-says-tell", BASE))
