"""Number finding and normalisation, and telling quantities from years, dates, ordinals and ids."""

from decimal import Decimal

import pytest

from graph_builder.numbers import find_numbers, parse_number


@pytest.mark.parametrize("text, value", [
    ("1.502 million", Decimal(1502000)), ("726,000", Decimal(726000)), ("380 million", Decimal(380000000)),
    ("1.8 billion", Decimal(1800000000)), ("36000", Decimal(36000)), ("99.8", Decimal("99.8")),
    ("7. 1", Decimal("7.1")), ("five", Decimal(5)), ("4.253 million", Decimal(4253000)),
])
def test_parse_number_normalises(text, value):
    assert parse_number(text) == value


def only(text):
    numbers = find_numbers(text)
    assert len(numbers) == 1, numbers
    return numbers[0]


@pytest.mark.parametrize("text, unit, value", [
    ("rose 99.8% in all", "percent", Decimal("99.8")),
    ("up 36.2 percent year on year", "percent", Decimal("36.2")),
    ("up 7. 1% year on year", "percent", Decimal("7.1")),
    ("which was 2.7 times higher", "times", Decimal("2.7")),
    ("recovered 380 million yuan from arrears", "yuan", Decimal(380000000)),
    ("towering 36 percentage points above", "percentage-points", Decimal(36)),
    ("about five times as many", "times", Decimal(5)),
    ("losses of RMB 3.2 billion", "yuan", Decimal(3200000000)),
    ("worth $449 million abroad", "us-dollars", Decimal(449000000)),
])
def test_units_written_after_the_number(text, unit, value):
    number = only(text)
    assert number.is_quantity and number.unit_suffix == unit and number.value == value


@pytest.mark.parametrize("text, kind", [
    ("we issued the 11th procuratorial suggestion", "ordinal"),
    ("In 2023, under the strong leadership", "year"),
    ("In 2027 prosecutors in the city charged many people with theft", "year"),
    ("during 2031 courts nationwide heard more cases", "year"),
    ("delivered on March 8 in Beijing", "date"),
    ("accepted the case on Dec 14. Later", "date"),
    ("Updated: 2024-02-01", "date"),
    ("Article 37 of the law", "section number"),
    ("京公网安备 11010502032503号", "identifier"),
    ("Tel:020-817896455", "identifier"),
    ("crimes related to COVID-19 rose", "identifier"),
    ("happened more than 20 years ago", "duration"),
    ("responded to within 7 days", "duration"),
    ("the Two Establishments", "small number in words"),
    ('the province rolled out the "15 Measures" on fraud', "part of a name"),
    ("under the “8 Guidelines for Juvenile Cases”, offices", "part of a name"),
])
def test_non_statistic_numbers_are_classified(text, kind):
    assert only(text).kind == kind


def test_five_year_plan_is_no_quantity():
    numbers = find_numbers("the goals of the 14th Five Year Plan")
    assert numbers[0].kind == "ordinal" and not any(n.is_quantity for n in numbers)


def test_change_in_days_is_a_quantity():
    assert only("the average time decreased by 4.8 days").is_quantity


def test_qualifier_is_kept():
    assert only("more than 138,000 people were charged").qualifier == "more than"


@pytest.mark.parametrize("text, kind", [
    ("the 5G network", "identifier"),
    ("a 3D model", "identifier"),
])
def test_numbers_glued_to_letters_are_names(text, kind):
    assert find_numbers(text)[0].kind == kind


def test_times_of_day_are_no_quantities():
    assert [n.kind for n in find_numbers("the meeting opened at 10:30 in Beijing")] == ["time of day", "time of day"]


@pytest.mark.parametrize("text", [
    "For enquiries ring (021) 6438 7700 on weekdays.",
    "Write to us or phone +86 10 8888 1234 any time.",
    "Complaints go to the 12345 government service hotline.",
    "Witnesses may dial 110 or use the app.",
    "The help desk, hotline 96000, is open at night.",
])
def test_telephone_and_service_numbers_are_not_quantities(text):
    assert not [n for n in find_numbers(text) if n.is_quantity]


def test_a_count_next_to_the_word_call_is_still_a_count_when_it_has_a_unit():
    numbers = [n for n in find_numbers("Calls rose 12% while 3,400 callers were helped.") if n.is_quantity]
    assert [n.value for n in numbers] == [12, 3400]


@pytest.mark.parametrize("text, kind", [
    ("Offenders aged 14 to 16 may be tried.", "age"),
    ("Children under the age of 12 are exempt.", "age"),
    ("Suspects 16 years of age or older were charged.", "age"),
    ("Under Criminal Law Amendment (12), bribe-givers face more.", "section number"),
    ("The plan has the following parts: (2) training of staff.", "list marker"),
    ("The guideline sets out 27 concrete requirements for prosecutors.", "count of provisions"),
    ("The new rules contain 42 articles in six chapters.", "count of provisions"),
    ("The top 5 charges were theft, fraud, drunk driving, assault and gambling.", "rank"),
    ("Among the top 20 offences, bribery rose fastest.", "rank"),
])
def test_numbers_that_are_not_counts(text, kind):
    assert [n.kind for n in find_numbers(text) if n.kind != "quantity"][:1] == [kind]


def test_counts_of_documents_and_people_stay_quantities():
    assert [n.is_quantity for n in find_numbers("They issued 27 guidelines and trained 1,400 prosecutors aged under 35.")] \
        [:2] == [True, True]


@pytest.mark.parametrize("text, value", [
    ("The office reviewed six disputed rulings last month.", 6),
    ("Inspectors visited eight detention facilities.", 8),
    ("Pilots ran in three provinces and two cities.", 3),
    ("Suspects were returned from thirty-one countries.", 31),
])
def test_numbers_in_words_that_count_what_was_done(text, value):
    assert [n.value for n in find_numbers(text) if n.is_quantity][:1] == [value]


@pytest.mark.parametrize("text", [
    "It upheld the two basic principles of the system.",
    "Prosecutors perform four main duties.",
    "Ten years ago the office opened.",
    "It was one of three pilot schemes in the plan.",
])
def test_numbers_in_words_that_describe_are_not_counts(text):
    assert not [n for n in find_numbers(text) if n.is_quantity]


@pytest.mark.parametrize("text", ["主要罪名依次为：1.盗窃；2.诈骗；3.抢劫。", "The charges were: 1) theft; 2) fraud."])
def test_numbered_list_markers_are_not_counts(text):
    assert not [n for n in find_numbers(text) if n.is_quantity]


def test_number_words_counting_institutions_or_opening_a_sentence_with_a_count():
    from graph_builder.numbers import find_numbers

    text = "Inspectors went through the files of six prisons. Twelve senior prosecutors were seconded."
    kinds = {n.text: n.kind for n in find_numbers(text)}
    assert kinds["six"] == "quantity" and kinds["Twelve"] == "quantity"
    assert {n.text: n.kind for n in find_numbers("Twelve years later it closed.")}["Twelve"] != "quantity"


def test_news_agency_scales_and_dollar_amounts():
    from graph_builder.numbers import find_numbers

    found = {n.text: n for n in find_numbers("Courts heard 2.34 mln cases and fined firms 1.1 bln yuan "
                                             "(about 150 million U.S. dollars).")}
    assert found["2.34 mln"].value == 2340000 and found["1.1 bln yuan"].value == 1100000000
    assert found["150 million U.S. dollars"].unit_suffix == "us-dollars"
    assert found["150 million U.S. dollars"].value == 150000000


@pytest.mark.parametrize("text, value", [
    ("After review, 2306417 people were charged in all.", 2306417),
    ("Offices accepted 1157208 cases for review last year.", 1157208),
])
def test_a_long_run_of_digits_that_counts_people_or_cases_is_a_count(text, value):
    assert [n.value for n in find_numbers(text) if n.is_quantity] == [value]


def test_a_long_run_of_digits_without_a_counted_noun_stays_an_identifier():
    assert not [n for n in find_numbers("Report leads on 65558888 or by mail.") if n.is_quantity]


@pytest.mark.parametrize("text, qualifier", [
    ("the application rate exceeded 85 percent", "more than"),
    ("with arrests topping 3,000 in the county", "more than"),
    ("a rate surpassing 92% for the first time", "more than"),
    ("some 40 cases", "some"),
])
def test_a_verb_of_exceeding_before_a_number_is_the_qualifier_more_than(text, qualifier):
    (number,) = find_numbers(text)
    assert number.qualifier == qualifier


@pytest.mark.parametrize("text, kind", [
    ("Pupils of Tianjin No. 8 Middle School joined the class.", "part of a name"),
    ("Prosecutors visited No 43 Primary School in the county.", "part of a name"),
    ("Of the 9 newly added offences in the amendment, fraud was the most common.", "count of provisions"),
    ("Most cases concerned the 14 new crimes added by the revised law.", "count of provisions"),
])
def test_a_numbered_name_or_a_count_of_new_provisions_is_no_quantity(text, kind):
    (number,) = [n for n in find_numbers(text) if n.kind != "year"]
    assert number.kind == kind
