"""Extraction rules for statistics: measure, unit, crime type, year-on-year change, period, lists."""

from decimal import Decimal

import pytest


def by_value(statistics):
    return {s.value: s for s in statistics}


def test_coordinated_list_with_respectively(extract):
    stats = by_value(extract(
        "We punished telecommunications fraud, prosecuting 51,000 people for telecommunications network fraud "
        "crimes, 147,000 people for assisting information network crimes, and 19,000 people for online gambling "
        "crimes, increases of 66.9%, 13%, and 5.3% year-on-year respectively."))
    assert set(stats) == {51000, 147000, 19000}
    assert all(s.measure == "people-prosecuted" and s.unit == "people" for s in stats.values())
    assert stats[51000].crime_type == "telecom-network-fraud"
    assert stats[147000].crime_type == "assisting-information-network-crime"
    assert stats[19000].crime_type == "online-gambling"
    assert [stats[v].year_on_year for v in (51000, 147000, 19000)] == [Decimal("66.9"), 13, Decimal("5.3")]


def test_two_measures_in_one_sentence_with_respectively(extract):
    stats = by_value(extract("Throughout the year, arrest was approved for 726,000 suspects and 1,688,000 people "
                             "were prosecuted, up 47.1% and 17.3% year on year respectively."))
    assert stats[726000].measure == "arrests-approved" and stats[726000].year_on_year == Decimal("47.1")
    assert stats[1688000].measure == "people-prosecuted" and stats[1688000].year_on_year == Decimal("17.3")


def test_decreases_are_negative(extract):
    stats = by_value(extract("413 persons were investigated and punished, a decrease of 13.1% year-on-year, and of "
                             "these, 78 persons were pursued for criminal liability, a decrease of 20.4% year-on-year."))
    assert stats[413].year_on_year == Decimal("-13.1")
    assert stats[78].year_on_year == Decimal("-20.4")
    stats = by_value(extract("3,831 people were prosecuted for the crime of environmental pollution, down 11.3% year on year."))
    assert stats[3831].year_on_year == Decimal("-11.3") and stats[3831].crime_type == "environmental-pollution"


def test_decisions_not_to_arrest_or_prosecute(extract):
    stats = by_value(extract("Decisions were made not to approve the arrest of 210,000 people and not to prosecute "
                             "54,000 people in accordance with the law, up 51.1% and 10.4% year on year respectively."))
    assert stats[210000].measure == "decisions-not-to-arrest"
    assert stats[54000].measure == "decisions-not-to-prosecute"
    assert stats[54000].year_on_year == Decimal("10.4")


def test_noun_after_the_number_decides_the_measure(extract):
    stats = by_value(extract("The procuratorial organs handled 6,766 public interest litigation cases. "
                             "We issued 39,000 procuratorial suggestions. A total of 258,000 hearings were held."))
    assert stats[6766].measure == "public-interest-litigation-cases" and stats[6766].unit == "cases"
    assert stats[39000].measure == "procuratorial-suggestions"
    assert stats[258000].measure == "hearings-held"


def test_money_and_scale_words(extract):
    stats = extract("We prosecuted 1,082 people and recovered 380 million yuan from arrears of wages.")
    money = [s for s in stats if s.unit == "yuan"]
    assert len(money) == 1 and money[0].value == 380000000 and money[0].measure == "money-recovered"


def test_ordinals_years_and_plans_never_become_statistics(extract):
    stats = extract("The SPP issued its 9th and 10th procuratorial suggestions in 2023. We issued the 11th "
                    "procuratorial suggestion to the Ministry of Civil Affairs. 2024 is a crucial year for the 14th "
                    "Five Year Plan. See Article 12.")
    assert stats == []


def test_phone_and_licence_numbers_never_become_statistics(extract):
    assert extract("Tel:020-817896455\n粤ICP备19140089号 Copyright © 2019 by www.example.com") == []


def test_period_from_the_sentence_else_from_metadata(extract):
    stats = by_value(extract(
        "Procuratorates published their figures.\n\n"
        "From January to November 2023, procuratorial organs nationwide prosecuted 1.502 million people. "
        "Of them, 2,100 were minors.\n\n"
        "More than 105,000 people were charged with online crimes from 2018 to 2019.\n\n"
        "Over the past three years, more than 68,000 people have been prosecuted.\n\n"
        "During the past year 138,000 people were charged.\n\n5,000 people were prosecuted.", date="2021"))
    assert stats[1502000].period == "2023-01/2023-11"
    assert stats[2100].period == "2023-01/2023-11"  # inherited from the paragraph's opening sentence
    assert stats[105000].period == "2018/2019"
    assert stats[68000].period == "2018/2020"
    assert stats[138000].period == "2020"
    assert stats[5000].period == "2023"          # the document's reference period


def test_up_about_percent_is_a_year_on_year_change(extract):
    stats = extract("More than 105,000 people were charged with online crimes, up about 95 percent year-on-year.")
    assert len(stats) == 1 and stats[0].year_on_year == 95 and stats[0].qualifier == "more than"
    assert stats[0].measure == "people-prosecuted" and stats[0].crime_type == "cybercrime"


def test_numbers_joined_by_and_share_their_noun(extract):
    stats = by_value(extract("We prosecuted 348 and 580 people for duty crimes in the financial and medical fields "
                             "respectively."))
    assert stats[348].measure == stats[580].measure == "people-prosecuted"
    assert stats[348].crime_type == stats[580].crime_type == "duty-crime"
    assert stats[348].unit == stats[580].unit == "people"


@pytest.mark.parametrize("text, language", [
    ("Courts nationwide concluded 8,200 smuggling cases in 2026, the Supreme People's Court said.", "en"),
    ("The Supreme People's Court's work report showed that 8,200 smuggling cases were concluded.", "en"),
    ("最高法工作报告指出,全国法院审结毒品犯罪案件4.1万件。", "zh"),
    ("最高人民法院介绍,各级法院去年审结走私犯罪案件3100件。", "zh"),
])
def test_the_agency_a_sentence_names_as_its_source_reports_its_figures(extract, text, language):
    stats = extract(text, language=language)
    assert stats and {s.reported_by for s in stats} == {"supreme-peoples-court"}


def test_reporting_agency_from_according_to(extract):
    stats = extract("According to the Supreme People's Court, 1,000 people were prosecuted.")
    assert stats[0].reported_by == "supreme-peoples-court"
    assert extract("1,000 people were prosecuted.")[0].reported_by == "supreme-peoples-procuratorate"


def test_comparison_with_last_year_after_the_percentage(extract):
    stats = extract("Procuratorates prosecuted 5,000 people for drug crimes, 12.5 percent fewer than last year.")
    assert len(stats) == 1
    assert stats[0].year_on_year == Decimal("-12.5") and stats[0].crime_type == "drug-crime"


def test_year_in_the_sentence_but_not_a_compared_year(extract):
    stats = by_value(extract("The SPP said that 39,000 people suspected of money laundering were indicted in 2022, "
                             "almost 19 times the number in 2017.\n\n5,000 people were prosecuted during the outbreak of "
                             "SARS, as many as in 2003."))
    assert stats[39000].period == "2022" and stats[39000].measure == "people-prosecuted"
    assert stats[5000].period == "2023"


def test_work_report_figures_default_to_the_year_it_reviews(extract):
    stats = extract("Procuratorates charged 230,000 people with telecom fraud.", date="2023-03-07", reference_period=None)
    assert stats[0].period == "2022" and stats[0].measure == "people-prosecuted"
    news = extract("Procuratorates charged 230,000 people with telecom fraud.", date="2023-03-07",
                   reference_period=None, document_type="news-article")
    assert news[0].period == "2023"


def test_a_campaign_named_next_to_a_figure_gives_its_crime_type(extract):
    stats = extract("We thoroughly advanced the normalization of the action against gang crimes and organized crimes, "
                    "prosecuting 15,000 people.")
    assert stats[0].crime_type == "organized-crime" and stats[0].measure == "people-prosecuted"


def test_a_change_written_before_the_value_it_reached(extract):
    stats = extract("The number of people prosecuted for telecom fraud rose 52.4 percent to 40,000 in 2021.")
    assert len(stats) == 1 and stats[0].value == 40000 and stats[0].year_on_year == Decimal("52.4")
    assert stats[0].measure == "people-prosecuted" and stats[0].unit == "people"
    assert stats[0].period == "2021" and stats[0].crime_type == "telecom-network-fraud"


def test_decided_to_prosecute_and_acquittals(extract):
    stats = by_value(extract("Procuratorates approved the arrest of 345,000 suspects and decided to prosecute 768,000 "
                             "people. Courts concluded 2,300 cases, and 45 people were acquitted."))
    assert stats[345000].measure == "arrests-approved"
    assert stats[768000].measure == "people-prosecuted"
    assert stats[45].measure == "people-acquitted"


def test_parts_of_a_year(extract):
    stats = by_value(extract(
        "In the first half of this year, procuratorates prosecuted 768,000 people. "
        "In the first three quarters of 2023, 1,200 people were charged. "
        "From January to September, 56,000 people were prosecuted.", date="2024-07-20", document_type="news-article"))
    assert stats[768000].period == "2024-01/2024-06"
    assert stats[1200].period == "2023-01/2023-09"
    assert stats[56000].period == "2024-01/2024-09"
