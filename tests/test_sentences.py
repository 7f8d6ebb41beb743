"""Sentence splitting keeps exact character offsets."""

from graph_builder.sentences import split_sentences


def test_offsets_point_at_the_sentence_text():
    text = "First line.\n\nMr. Mao was released. It rose 7. 1% year on year. 中文句子。 End"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "First line.", "Mr. Mao was released.", "It rose 7. 1% year on year.", "中文句子。", "End"]
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text


def test_a_line_break_ends_a_sentence():
    assert [s.text for s in split_sentences("A heading\nThe body.")] == ["A heading", "The body."]
