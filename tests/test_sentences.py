"""Sentence splitting keeps exact character offsets."""

import pytest

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


@pytest.mark.parametrize("text, count", [
    ("They recovered 1.2 billion yuan (about 170 million U.S. dollars) in 2031. The SPP said so.", 2),
    ("The U.N. office and the procuratorate signed 3 agreements.", 1),
    ("Officials met in the U.S. They agreed on two points.", 2),
])
def test_an_initialism_inside_a_sentence_does_not_end_it(text, count):
    assert len(split_sentences(text)) == count
