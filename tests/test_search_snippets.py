"""Snippets: plain text from Markdown, the best matching field, matched words highlighted and escaped."""

from __future__ import annotations

from registry.search.snippets import best_snippet, highlight, matched_words, plain_text


def test_plain_text_drops_markdown_syntax_but_keeps_words():
    text = plain_text("# Title\n\n- Architecture family: `llama`\n- **Bold** [link](http://x.org)\n\n```\ncode()\n```")
    assert "`" not in text and "**" not in text and "#" not in text and "](" not in text and "code()" not in text
    assert "llama" in text and "Bold" in text and "link" in text


def test_best_snippet_prefers_the_sentence_with_the_query_words():
    description = "A general model. It transcribes **English** speech into text. Trained on books."
    assert best_snippet("english speech", description) == "It transcribes English speech into text."


def test_best_snippet_falls_back_to_another_field_when_it_matches_better():
    assert best_snippet("fill mask", "A model card without much to say.", ("Task: Fill Mask",)) == "Task: Fill Mask"


def test_highlight_escapes_html_and_marks_matched_words():
    html = str(highlight("<b>Speech</b> recognition & speeches", matched_words("<b>Speech</b> recognition", "speech")))
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert "<mark>Speech</mark>" in html
