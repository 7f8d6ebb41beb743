"""The document outline (headline, headings, paragraphs, lists) and the periods that flow down it."""

from __future__ import annotations

import pytest

from conftest import make_document
from graph_builder.periods import document_period, resolve_period, stated_period
from graph_builder.sentences import split_sentences
from graph_builder.structure import HEADING, HEADLINE, LIST_HEADER, LIST_ITEM, PARAGRAPH, blocks_of, outline


def test_blocks_tell_headline_heading_paragraph_and_list_apart():
    text = ("Prosecutors report a busy spring\n\nPart One: Review\n\nThe figures follow. They are final.\n\n"
            "Counts by charge (people charged):\nBurglary: 4,100\nArson: 820\nExtortion: 1,050\n\n"
            "Spokesperson Li:\nWe thank the press.")
    kinds = [(b.kind, text[b.start:b.end].split()[0]) for b in blocks_of(text)]
    assert kinds == [(HEADLINE, "Prosecutors"), (HEADING, "Part"), (PARAGRAPH, "The"), (LIST_HEADER, "Counts"),
                     (LIST_ITEM, "Burglary:"), (LIST_ITEM, "Arson:"), (LIST_ITEM, "Extortion:"),
                     (PARAGRAPH, "Spokesperson"), (PARAGRAPH, "We")]


def test_a_list_item_inherits_its_header_then_the_heading_then_the_headline():
    text = ("Spring figures\n\n(2) Charges laid\n\nBy offence (people charged):\nBurglary: 4,100\nArson: 820")
    placed = outline(text, split_sentences(text))
    item = next(p for p in placed if p.sentence.text.startswith("Arson"))
    assert [s.text for s in item.scopes] == ["By offence (people charged):", "(2) Charges laid", "Spring figures"]


def test_a_later_sentence_of_a_paragraph_inherits_its_opener_and_only_news_has_a_lead():
    text = "In the third quarter courts sat daily. Judges heard 300 appeals.\n\nClerks filed 90 motions."
    sentences = split_sentences(text)
    plain = outline(text, sentences)
    assert [s.text for s in plain[1].scopes] == ["In the third quarter courts sat daily."]
    assert plain[2].scopes == ()
    news = outline(text, sentences, with_lead=True)
    # a lead without a figure ("courts sat daily") goes on into the sentence after it
    assert [s.text for s in news[2].scopes] == ["In the third quarter courts sat daily.", "Judges heard 300 appeals."]


NEWS_2021 = make_document("x", date="2021-05-20", reference_period=None, document_type="news-article")


@pytest.mark.parametrize("text, period", [
    ("Between March and August, courts closed 9,000 files.", "2021-03/2021-08"),
    ("During the March-August period of 2019, clerks filed 40 motions.", "2019-03/2019-08"),
    ("from February 2016 until October 2019 the office took 77 complaints", "2016-02/2019-10"),
    ("in the first eight months of 2020, 510 files were opened", "2020-01/2020-08"),
    ("in the first two quarters of last year, 61 hearings were held", "2020-01/2020-06"),
    ("over the three years to 2019, 4,000 suspects were charged", "2017/2019"),
    ("in past four years the bureau closed 6,300 files", "2017/2020"),
    ("during last three years, 95 clinics were inspected", "2018/2020"),
    ("4,100 suspects charged from Feb-Oct in 2019", "2019-02/2019-10"),
    ("Mar-Aug in 2017 saw 730 hearings", "2017-03/2017-08"),
    ("in the four years ending in May 2020, 12 audits ran", "2016-06/2020-05"),
    ("between 2015 and 2018 the unit handled 320 cases", "2015/2018"),
    ("During 2010-2014 some 6,000 appeals were lodged", "2010/2014"),
    ("Since 2019, 2,400 orders were issued", "2019/2021"),
    ("by the end of 2017 the register held 85,000 names", "2017"),
    ("In the past four years 930 claims were paid", "2017/2020"),
    ("Last year 44 inspectors were hired", "2020"),
    ("so far this year 17 pilots began", "2021"),
])
def test_stated_periods(text, period):
    assert stated_period(text, NEWS_2021, "2021") == period


@pytest.mark.parametrize("text", [
    "Convictions rose 8 percent on 2016.",
    "Filings were 12 percent higher than in 2015.",
    "Appeals fell 3% compared with the same period of 2019.",
    "Hearings were up 14 percent from the previous year.",
    "Fines were four times the level of 2012.",
    "Complaints were 6% below the 2014 level.",
    "Arrests grew 20 percent against the 2011-2015 period.",
])
def test_a_year_only_compared_with_is_not_the_period(text):
    assert stated_period(text, NEWS_2021, "2021") is None


def test_nearer_levels_win_and_a_month_span_takes_the_year_of_the_level_above():
    levels = ["Figures for the April-June period were:", "Quarterly data for 2018"]
    assert resolve_period(levels, NEWS_2021) == "2018-04/2018-06"
    assert resolve_period(["In 2016 it held 40 hearings.", "Quarterly data for 2018"], NEWS_2021) == "2016"
    assert resolve_period(["Clerks filed 90 motions."], NEWS_2021) == "2021"


def test_the_same_period_takes_the_period_stated_before():
    assert resolve_period(["Over the same nine months, 70 people were charged."], NEWS_2021,
                          previous="2020-01/2020-09") == "2020-01/2020-09"


def test_one_quarter_or_the_second_half_of_a_year(extract):
    stats = extract("In the fourth quarter of 2022, offices closed 6,100 cases. During the second half of last "
                    "year, they charged 940 people. In Q1 2024, 51 appeals were lodged.", date="2024-08-01",
                    reference_period=None)
    assert [s.period for s in stats] == ["2022-10/2022-12", "2023-07/2023-12", "2024-01/2024-03"]


@pytest.mark.parametrize("text, period", [
    ("Offices charged 7,700 people in the first half of 2027.", "2027-01/2027-06"),
    ("In the first half of 2025, 530 smugglers were prosecuted.", "2025-01/2025-06"),
    ("Arson charges in 2027 reached 2,100, half of 2025's figure.", "2027"),
])
def test_the_first_half_of_a_year_is_its_period_and_half_of_another_year_a_comparison(extract, text, period):
    (stat,) = extract(text, date="2027-08-01", reference_period=None, document_type="news-article")
    assert stat.period == period


def test_the_span_or_year_a_change_is_measured_against_is_not_the_period(extract):
    stats = extract("In 2023 offices charged 5,200 people with arson, nearly double the number in 2021. Poaching "
                    "charges rose to 830, more than tripling over the past four years.", date="2024-02-01",
                    reference_period=None)
    assert [s.period for s in stats] == ["2023", "2023"]


@pytest.mark.parametrize("text", [
    "Xinhua News Agency, March 14.\nThe office released figures for January to August 2024. It charged 3,100 people.\n\n"
    "A total of 640 people were arrested.",
    "BEIJING, May 2.\nProsecutors reviewed data from January to August 2024 on the day.\n\n"
    "Some 640 people were arrested.",
    "By WANG LI | example.cn | Updated: 2024-09-20 10:02\n\nThe figures for January to August 2024 came out on "
    "Friday.\n\nSome 640 people were arrested.",
])
def test_a_dateline_leads_no_story_the_sentence_after_it_does(text):
    document = make_document(text, document_type="news-article", date="2024-09-20", reference_period=None)
    sentences = split_sentences(text)
    placed = outline(text, sentences, with_lead=True)
    last = placed[-1]
    assert resolve_period([last.sentence.text] + [s.text for s in last.scopes], document) == "2024-01/2024-08"


def test_a_title_line_right_above_its_story_is_a_headline_and_a_colon_line_inside_a_run_heads_a_list():
    text = ("Offices publish yearly casework figures\nThe office released its data on Monday. It covers 2024.\n"
            "Key rates were:\nconviction rate 99.9%;\nadoption rate 95.1%.")
    assert [b.kind for b in blocks_of(text)] == [HEADLINE, PARAGRAPH, LIST_HEADER, LIST_ITEM, LIST_ITEM]
    text = "检察机关发布全年数据\n全年共办理案件12万件。\n主要指标如下:\n有罪判决率99.9%;\n采纳率95.1%。"
    assert [b.kind for b in blocks_of(text)] == [HEADLINE, PARAGRAPH, LIST_HEADER, LIST_ITEM, LIST_ITEM]


@pytest.mark.parametrize("title, date, period", [
    ("Top procurator's work report: arrests fell", "2025-03-09", "2024"),
    ("最高检工作报告发布 批捕人数下降", "2026-03-10", "2025"),
    ("Prosecutors review cases of the year", "2025-03-09", "2025"),      # not about the report
    ("Work report follow-up: the autumn review", "2025-10-02", "2025"),   # long after the reports
])
def test_a_spring_story_on_a_work_report_is_about_the_year_before(title, date, period):
    document = make_document("Figures follow.", date=date, reference_period=None, document_type="news-article",
                             title=title)
    assert document_period(document) == period


@pytest.mark.parametrize("text, language, date, period", [
    ("Since 2023, procuratorates have prosecuted 12,000 people for smuggling.", "en", "2027-03-10", "2023/2026"),
    ("据介绍,2022年以来,检方共起诉走私犯罪1.2万人。", "zh", "2027-02-20", "2022/2026"),
    ("Since 2023, procuratorates have prosecuted 12,000 people for smuggling.", "en", "2027-08-10", "2023/2027"),
    ("2022年以来,检方共起诉走私犯罪1.2万人。", "zh", "2027-09-01", "2022/2027"),
])
def test_since_a_year_runs_to_the_year_before_in_a_story_of_the_first_months(extract, text, language, date, period):
    (stat,) = extract(text, language=language, date=date, reference_period=None, document_type="news-article")
    assert stat.period == period


@pytest.mark.parametrize("text, language, years", [
    ("2021年至2023年,全省起诉盗窃犯罪分别为1200人、1350人和1410人。", "zh", ["2021", "2022", "2023"]),
    ("2019年至2020年,受理审查起诉走私犯罪嫌疑人分别为860人、910人。", "zh", ["2019", "2020"]),
    ("From 2024 to 2026, poaching prosecutions numbered 410, 530 and 620 respectively.", "en", ["2024", "2025", "2026"]),
    ("Between 2021 and 2022, offices charged 75 and 98 people with arson, respectively.", "en", ["2021", "2022"]),
    ("Poaching prosecutions reached 2,000 and 2,400 in 2025 and 2026 respectively.", "en", ["2025", "2026"]),
    ("Offices filed 310, 420 and 515 lawsuits in 2024, 2025 and 2026, respectively.", "en", ["2024", "2025", "2026"]),
])
def test_a_run_said_respectively_over_a_span_of_years_gives_each_figure_its_year(extract, text, language, years):
    stats = extract(text, language=language, date="2027-06-01", reference_period=None, document_type="news-article")
    assert [s.period for s in stats] == years


def test_a_run_as_long_as_the_span_only(extract):
    stats = extract("From 2024 to 2026, offices charged 75 and 98 people with arson, respectively.",
                    date="2027-06-01", reference_period=None, document_type="news-article")
    assert {s.period for s in stats} == {"2024/2026"}


STORY_GOES_ON = [
    ("Prosecutors have stepped up their protection of elderly people, officials said on Tuesday.\n\n"
     "In 2025, procuratorates nationwide charged 8,120 people with pension fraud.\n\n"
     "Another 2,340 people were charged with selling fake health products.", "en", "2025"),
    ("Prosecutors have stepped up their protection of elderly people, officials said on Tuesday.\n\n"
     "From 2022 to 2025, 41,600 people were charged with pension fraud, officials said.\n\n"
     "Courts convicted 39,800 of them.", "en", "2022/2025"),
    ("检察机关持续加强对老年人的司法保护。\n\n新闻发布会介绍,2025年,检察机关起诉养老诈骗犯罪8120人。\n\n"
     "起诉销售伪劣保健品犯罪2340人。", "zh", "2025"),
]


@pytest.mark.parametrize("text, language, period", STORY_GOES_ON)
def test_a_story_paragraph_without_a_period_goes_on_with_the_one_stated_before_it(extract, text, language, period):
    *_, last = extract(text, language=language, date="2026-03-03", reference_period=None, document_type="news-article")
    assert last.period == period


def test_a_comparison_year_is_not_carried_and_a_report_paragraph_falls_back_to_its_year(extract):
    story = ("Prosecutors have stepped up their protection of elderly people.\n\n"
             "Procuratorates charged 8,120 people with pension fraud, up from 5,900 in 2023.\n\n"
             "Another 2,340 people were charged with selling fake health products.")
    *_, last = extract(story, date="2026-08-03", reference_period=None, document_type="news-article")
    assert last.period == "2026"
    report = ("Over the past five years, procuratorates charged 41,600 people with pension fraud.\n\n"
              "Procuratorates charged 2,340 people with selling fake health products.")
    *_, last = extract(report, date="2026-03-08", reference_period=None, document_type="work-report")
    assert last.period == "2025"


@pytest.mark.parametrize("sentence", [
    "Procuratorates charged 8,120 people with pension fraud, compared with 5,900 in 2023.",
    "The share of suspects held in custody was 31.5 percent, down from 61.2 percent in 2021.",
])
def test_the_year_of_a_figure_compared_with_is_not_the_period_of_the_sentence(extract, sentence):
    first, base = extract(sentence, date="2026-08-03", reference_period=None, document_type="news-article")
    assert first.period == "2026" and base.comparison_base and base.period in ("2023", "2021")


@pytest.mark.parametrize("dateline", ["China News Service, March 2nd.", "Xinhua News Agency, July 23rd."])
def test_a_dateline_with_an_ordinal_day_does_not_take_the_place_of_the_lead(extract, dateline):
    text = (f"Prosecutors publish their figures\n\n{dateline} The procuratorate released its data for "
            "January to June 2031 on Monday.\n\nProcuratorates prosecuted 4,410 people for smuggling.")
    (statistic,) = extract(text, date="2031-07-23", reference_period=None, document_type="news-article")
    assert statistic.period == "2031-01/2031-06"


@pytest.mark.parametrize("text, period", [
    ("From 2027 to September this year, 63,000 juveniles were prosecuted.", "2027-01/2031-09"),
    ("Between 2028 and the end of June 2031, prosecutors charged 45,000 people with telecom fraud.", "2028-01/2031-06"),
    ("Prosecutions for robbery fell 1.1 percent year-on-year to 8,300, the first decline in the past three years.", "2031"),
    ("Drug prosecutions dropped to 41,000 in 2030, falling for the first time in five years.", "2030"),
    ("Between February 2027 and late May this year, 7,700 officials were placed under investigation.", "2027-02/2031-05"),
    ("From June 2029 to the end of August this year, courts heard 3,120 appeals lodged by procuratorates.", "2029-06/2031-08"),
    ("In 2029 and 2030, offices handled about 22,000 cases of non-litigation enforcement.", "2029/2030"),
    ("During both 2028 and 2029 prosecutors charged 5,400 people with poaching.", "2028/2029"),
])
def test_years_up_to_a_month_are_one_span_and_a_record_in_years_is_no_period(extract, text, period):
    (statistic,) = extract(text, date="2031-10-18", reference_period=None, document_type="news-article")
    assert statistic.period == period


@pytest.mark.parametrize("text, language, period", [
    ("Over 5,000 charged with drug crimes\n\nBEIJING, March 3 -- In 2030, procuratorates across the country charged "
     "more than 5,000 people with drug crimes, the top procuratorate said.", "en", "2030"),
    ("最高检:三年共起诉毒品犯罪1.5万人\n\n2028年至2030年,全国检察机关共起诉毒品犯罪1.5万人。", "zh", "2028/2030"),
])
def test_a_headline_figure_takes_the_period_of_the_lead_below_it(extract, text, language, period):
    headline, lead = extract(text, language=language, date="2031-03-03", reference_period=None, document_type="news-article")
    assert headline.period == lead.period == period


@pytest.mark.parametrize("text, language, date, period", [
    ("自2014年10月开展专项行动以来,共追回外逃人员1200人。", "zh", "2018-03-10", "2014-10/2017-12"),
    ("Since October 2027, prosecutors have charged 3,400 people in the campaign.", "en", "2031-07-18", "2027-10/2031-07"),
])
def test_since_a_month_runs_from_that_month(extract, text, language, date, period):
    *_, last = extract(text, language=language, date=date, reference_period=None, document_type="news-article")
    assert last.period == period


@pytest.mark.parametrize("text, language", [
    ("From July 2027 to September 2029, procuratorates handled public interest cases.\n\n"
     "Since 2027, they have filed 3,100 lawsuits.", "en"),
    ("2027年7月至2029年9月,检察机关持续开展公益诉讼工作。\n\n2027年以来,共提起公益诉讼3100件。", "zh"),
])
def test_since_a_year_within_a_span_of_months_starting_that_year_is_that_span(extract, text, language):
    (statistic,) = extract(text, language=language, date="2029-10-24", reference_period=None, document_type="news-article")
    assert statistic.period == "2027-07/2029-09"


@pytest.mark.parametrize("text, periods", [
    ("The bureau prosecuted 410 people in 2028 and 530 in 2029.", ["2028", "2029"]),
    ("Offices filed 1,320 lawsuits in 2030, up from 990 lawsuits in 2029.", ["2030", "2029"]),
])
def test_the_year_written_after_a_figure_and_its_noun_is_its_own(extract, text, periods):
    statistics = extract(text, date="2031-10-18", reference_period=None, document_type="news-article")
    assert [s.period for s in statistics] == periods


@pytest.mark.parametrize("text", [
    "From 2027 to 2029, prosecutors lodged 9,400 protests, up 12.5 percent over the previous period.",
    "From 2027 to 2029, courts concluded 6,200 cases of protest, rising 12.5 percent from the number in 2024-2026.",
    "Over the past three years prosecutors filed 9,400 protests, an increase of 12.5 percent compared with the period "
    "from 2024 to 2026.",
])
def test_a_change_against_an_earlier_span_is_no_year_on_year_change_and_that_span_no_period(extract, text):
    (statistic,) = extract(text, date="2030-05-20", reference_period=None, document_type="news-article")
    assert statistic.period == "2027/2029" and statistic.year_on_year is None
    assert float(statistic.previous_period_change) == 12.5


@pytest.mark.parametrize("text, language", [
    ("检察机关五年起诉逾500万人\n\n成绩如何,数字最有说服力。2026年至2030年,全国检察机关共提起公诉510万人。其中,起诉职务犯罪12万人。", "zh"),
    ("Prosecutors charge over 5 million in five years\n\nThe numbers tell the story. From 2026 to 2030, procuratorates "
     "prosecuted 5.1 million people. Of them, 120,000 were charged with duty crimes.", "en"),
])
def test_an_opening_line_without_a_figure_does_not_lead_the_story(extract, text, language):
    statistics = extract(text, language=language, date="2031-06-08", reference_period=None, document_type="news-article")
    assert len(statistics) == 3 and {s.period for s in statistics} == {"2026/2030"}


@pytest.mark.parametrize("text, language, period", [
    ("From January to June 2031, courts heard 5,000 cases. Since March 2031, prosecutors have charged 800 people.",
     "en", "2031-03/2031-06"),
    ("2031年1月至6月,全国法院审结案件5000件。自今年3月1日新规施行以来,共起诉800人。", "zh", "2031-03/2031-06"),
])
def test_since_a_month_inside_a_span_of_months_ends_with_the_span(extract, text, language, period):
    later = extract(text, language=language, date="2031-07-25", reference_period=None, document_type="news-article")[-1]
    assert later.period == period


@pytest.mark.parametrize("text", [
    "The non-arrest rate fell from 54.9% in 2026 to 26.7% in 2030. The rate of non-prosecution rose from 7.7% to 26.3%.",
    "Pretrial detention fell from 54.9 percent in 2026 to 26.7 percent in 2030, and the share of pleas rose from 7.7 "
    "percent to 26.3 percent.",
    "1. Pretrial detention fell from 54.9% in 2026 to 26.7% in 2030.\n\n2. The plea rate rose from 7.7% to 26.3%.",
])
def test_a_change_from_one_figure_to_another_takes_the_years_of_the_change_before_it(extract, text):
    statistics = extract(text, date="2031-03-08", reference_period=None, document_type="news-article")
    assert [(float(s.value), s.period) for s in statistics] == [(54.9, "2026"), (26.7, "2030"), (7.7, "2026"), (26.3, "2030")]
