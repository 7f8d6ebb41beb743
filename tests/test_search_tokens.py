"""How texts and queries are cut into words for full-text search, in English and in Chinese, and what the
index finds with them (an index written from a handful of entries)."""

from __future__ import annotations

import hashlib

import pytest

from graph_builder.search_index import NAMES, QUOTE, TEXT, Entry, Label, write_index
from graph_builder.search_tokens import NoWords, characters, column_text, match_expression, terms
from service.search import SearchIndex, SearchTimeout, snippet


def words(text: str) -> list[str]:
    return [token.text for token in terms(text)]


def test_english_words_are_folded_to_lower_case_and_numbers_lose_their_thousands_separators():
    assert words("Prosecuted 2,971 people for Money-Laundering (14.9%)") == [
        "prosecuted", "2971", "people", "for", "money", "laundering", "14", "9"]


def test_a_run_of_chinese_characters_becomes_its_overlapping_pairs():
    assert words("反洗钱法") == ["反洗", "洗钱", "钱法"]
    assert words("起诉洗钱犯罪2971人") == ["起诉", "诉洗", "洗钱", "钱犯", "犯罪", "2971", "人"]


def test_a_lone_chinese_character_is_a_word_of_its_own():
    assert words("共 5 人") == ["共", "5", "人"]


def test_every_chinese_character_is_also_a_word_of_the_characters_column():
    assert [token.text for token in characters("反洗钱 law")] == ["反", "洗", "钱"]


def test_traditional_characters_and_full_width_digits_are_read_as_simplified_and_ascii():
    assert words("洗錢２０２３") == ["洗钱", "2023"]


def test_every_word_keeps_its_offsets_in_the_original_text():
    text = "In 2023, 洗钱犯罪 fell"
    for token in terms(text) + characters(text):
        assert token.start < token.end
    assert [text[t.start:t.end] for t in terms(text)] == ["In", "2023", "洗钱", "钱犯", "犯罪", "fell"]


def test_a_query_part_is_a_phrase_and_every_part_must_occur():
    assert match_expression("money laundering") == 'terms : "money" AND terms : "laundering"'
    assert match_expression("money-laundering") == 'terms : "money laundering"'
    assert match_expression("洗钱") == 'terms : "洗钱"'
    assert match_expression("洗钱罪 2,971") == 'terms : "洗钱 钱罪" AND terms : "2971"'


def test_a_query_of_one_chinese_character_looks_among_single_characters():
    assert match_expression(" 钱 ") == 'characters : "钱"'


@pytest.mark.parametrize("query", ["", "   ", "!!! ?", "— · …"])
def test_a_query_without_words_is_refused(query):
    with pytest.raises(NoWords):
        match_expression(query)


def test_quotes_and_operators_in_a_query_are_words_never_syntax():
    assert match_expression('"money" OR NEAR(') == 'terms : "money" AND terms : "or" AND terms : "near"'


ENTRIES = [
    Entry(NAMES, "id/crime-type/money-laundering", "en", "", "money laundering · laundering money"),
    Entry(NAMES, "id/crime-type/money-laundering", "zh", "", "洗钱 · 洗钱犯罪 · 洗钱罪"),
    Entry(NAMES, "id/policy/anti-money-laundering-law", "zh", "", "中华人民共和国反洗钱法"),
    Entry(QUOTE, "id/statistic/1", "en", "id/document/report#char=10,60",
          "prosecuting 2,971 people for money laundering crimes, a year-on-year increase of 14.9%"),
    Entry(TEXT, "id/document/report", "en", "", "The procuratorates prosecuted people who laundered money."),
    Entry(TEXT, "id/document/news", "zh", "", "检察机关起诉盗窃犯罪嫌疑人"),
]
LABELS = [Label("id/crime-type/money-laundering", "http://www.w3.org/2004/02/skos/core#prefLabel", "洗钱", "zh")]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "search.sqlite"
    write_index(path, sorted(ENTRIES, key=Entry.place), LABELS)
    return SearchIndex(path)


def resources(index: SearchIndex, query: str) -> list[str]:
    return [hit.resource for hit in index.search(query, 10, 0, 2.0).hits]


def test_an_english_query_finds_names_quotes_and_texts_in_every_inflection(index):
    found = resources(index, "money laundering")
    assert found[0] == "id/crime-type/money-laundering"
    assert set(found) == {"id/crime-type/money-laundering", "id/statistic/1", "id/document/report"}


def test_two_chinese_characters_find_the_words_that_contain_them(index):
    assert resources(index, "洗钱") == ["id/crime-type/money-laundering", "id/policy/anti-money-laundering-law"]
    assert resources(index, "洗錢") == resources(index, "洗钱")
    assert resources(index, "盗窃") == ["id/document/news"]
    assert resources(index, "钱法") == ["id/policy/anti-money-laundering-law"]


def test_one_chinese_character_finds_every_text_that_holds_it(index):
    assert set(resources(index, "罪")) == {"id/crime-type/money-laundering", "id/document/news"}


def test_the_snippet_marks_the_words_that_matched(index):
    hit, = index.search("2971 laundering", 10, 0, 2.0).hits
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["2,971", "laundering"]
    assert hit.evidence == "id/document/report#char=10,60" and hit.document == "id/document/report"
    chinese, = index.search("洗钱罪", 10, 0, 2.0).hits
    assert [chinese.snippet[s:e] for s, e in chinese.highlights] == ["洗钱罪"]
    assert chinese.labels == [("http://www.w3.org/2004/02/skos/core#prefLabel", "洗钱", "zh")]


def test_words_that_matched_next_to_each_other_are_marked_as_one(index):
    hit = index.search("laundering money", 10, 0, 2.0).hits[0]
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["money laundering", "laundering money"]


def test_paging_gives_the_total_and_the_hits_after_the_offset(index):
    everything = index.search("money", 10, 0, 2.0)
    second = index.search("money", 1, 1, 2.0)
    assert second.total == everything.total == 3
    assert [hit.resource for hit in second.hits] == [everything.hits[1].resource]


def test_a_search_past_its_time_limit_is_stopped(tmp_path):
    many = [Entry(TEXT, f"id/document/{n:05d}", "en", "", f"people prosecuted in case {n} for fraud") for n in range(5000)]
    write_index(tmp_path / "search.sqlite", many, [])
    with pytest.raises(SearchTimeout):
        SearchIndex(tmp_path / "search.sqlite").search("people prosecuted", 10, 0, 0.0)


def test_a_long_text_is_cut_around_its_first_match():
    text = "word " * 100 + "laundering " + "word " * 100
    start = text.index("laundering")
    piece, spans = snippet(text, [(start, start + 10)])
    assert piece.startswith("…") and piece.endswith("…") and len(piece) < 260
    assert [piece[s:e] for s, e in spans] == ["laundering"]


def test_the_same_entries_give_the_same_bytes(tmp_path):
    digests = set()
    for name in ("a.sqlite", "b.sqlite"):
        write_index(tmp_path / name, sorted(ENTRIES, key=Entry.place), LABELS)
        digests.add(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert len(digests) == 1


def test_the_indexed_column_holds_one_word_per_token():
    text = "2,971 people · 洗钱罪"
    assert column_text(terms(text)).split(" ") == [t.text for t in terms(text)]
