"""Changes are properties of the statistic they qualify (year on year, percentage points, against the
previous period), shares point to their total, and crime types the lexicon lacks come from the text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph_builder.subjects import subject_after, subject_before


def by_value(statistics):
    return {s.value: s for s in statistics}


def test_signed_changes_in_a_list(extract):
    stats = by_value(extract("Counts by offence (people charged):\nBurglary: 4,100 (+12.5%)\nArson: 820 (-3%)\n"
                             "Extortion: 1,050 (+0.4%)"))
    assert set(stats) == {4100, 820, 1050}
    assert [stats[v].year_on_year for v in (4100, 820, 1050)] == [Decimal("12.5"), -3, Decimal("0.4")]
    assert all(s.measure == "people-prosecuted" for s in stats.values())   # the list header's measure


def test_percentage_points_are_a_property_never_a_statistic(extract):
    stats = by_value(extract("The conviction rate reached 97.2%, 1.1 percentage points higher than the year "
                             "before. The dismissal rate slipped 0.6 percentage points to 4.4 percent."))
    assert set(stats) == {Decimal("97.2"), Decimal("4.4")}
    assert stats[Decimal("97.2")].point_change == Decimal("1.1")
    assert stats[Decimal("4.4")].point_change == Decimal("-0.6")
    assert all(s.year_on_year is None for s in stats.values())


def test_a_change_against_the_previous_five_years_is_not_year_on_year(extract):
    stats = by_value(extract("Prosecutors charged 52,000 people with bribery, 9.1 percent more than in the "
                             "previous five years. Inspectors closed 3,300 files and 2,700 audits, a rise of 4% and "
                             "a fall of 2% respectively compared with the 2009-2013 period."))
    assert stats[52000].previous_period_change == Decimal("9.1") and stats[52000].year_on_year is None
    assert stats[3300].previous_period_change == 4 and stats[2700].previous_period_change == -2
    assert Decimal("9.1") not in stats
    stats = by_value(extract("In 2016-2020 the courts handled 41,000 appeals, up 7.5 percent compared with the "
                             "preceding five-year period.", reference_period=None))
    assert stats[41000].previous_period_change == Decimal("7.5") and stats[41000].year_on_year is None
    assert stats[41000].period == "2016/2020"


def test_a_change_whose_figure_is_not_given_is_the_statistic(extract):
    stats = extract("Requests for state compensation dropped by 18.2% year on year.")
    assert len(stats) == 1 and stats[0].value == Decimal("18.2") and stats[0].year_on_year == Decimal("-18.2")


def test_shares_point_to_their_total_and_take_its_crime_type(extract):
    stats = by_value(extract("Courts tried 9,400 people for smuggling, or 3.2 percent of all defendants, and "
                             "heard 610 appeals (1.5 percent)."))
    share = stats[Decimal("3.2")]
    assert share.measure == "share-of-total" and share.share_of is stats[9400]
    assert share.crime_type == stats[9400].crime_type


def test_subjects_after_a_figure_of_people():
    text = "Prosecutors indicted 3,900 suspects for harbouring fugitives, while 410 people were charged with arson."
    first = subject_after(text, text.index("3,900") + 5, len(text))
    assert first.label == "harbouring fugitives" and text[first.start:first.end] == first.label
    second = subject_after(text, text.index("410") + 3, len(text))
    assert second.label == "arson" and second.id == "arson"


def test_subjects_before_a_figure():
    label = "Bid rigging: 1,240 people"
    assert subject_before(label, 0, label.index("1,240")).label == "bid rigging"
    prose = "Prosecutions for forging official seals totalled 780 last year."
    assert subject_before(prose, 0, prose.index("780")).label == "forging official seals"


def test_generic_words_are_not_subjects():
    text = "They charged 900 people, 300 of whom were officials."
    assert subject_after(text, text.index("300") + 3, len(text)) is None
    text = "They charged 600 people with various criminal offences in 2020."
    assert subject_after(text, text.index("600") + 3, len(text)) is None
    text = "They charged 600 people with the help of the police."
    assert subject_after(text, text.index("600") + 3, len(text)) is None


def test_the_narrowest_field_named_in_the_clause(extract):
    stats = extract("Procuratorates handled 3,100 public interest litigation cases concerning production safety.")
    assert stats[0].field == "production-safety"
    stats = extract("In the barrier-free environment field, offices opened 640 public interest cases.")
    assert stats[0].field == "barrier-free-environment"


def test_a_field_the_lexicon_lacks_is_named_by_the_text(extract):
    stats = extract("Offices opened 290 public interest cases in the field of protecting wetlands.")
    assert stats[0].field == "protecting-wetlands" and stats[0].named_field.label == "protecting wetlands"
    stats = extract("They filed 75 public interest lawsuits in the grassland grazing field.")
    assert stats[0].named_field.label == "grassland grazing"


def test_a_paragraph_keeps_its_subject_until_it_names_another_or_all(extract):
    stats = by_value(extract(
        "Prosecutors charged 1,300 people for harbouring fugitives. They also returned 95 of those cases for "
        "supplementary investigation. In total, 88,000 people were prosecuted.\n\nCourts heard 410 appeals."))
    assert stats[1300].crime_type == stats[95].crime_type == "harbouring-fugitives"
    assert stats[88000].crime_type is None and stats[410].crime_type is None


def test_a_statistic_is_labelled_as_a_line_of_data(extract, lexicon):
    from graph_builder.wording import statistic_label

    stats = extract("Between March and August 2022, prosecutors charged 12,400 people with bid rigging, up 8.5% "
                    "year on year.", document_type="news-article", reference_period=None)
    assert statistic_label(stats[0], lexicon) == \
        "12,400 people prosecuted for bid rigging, March–August 2022 (+8.5% year on year)"
    stats = extract("By 2023 the caseload of bribery prosecutions had grown to 3.4 times that of 2019.",
                    reference_period=None)
    multiple = next(s for s in stats if s.unit == "times")
    assert statistic_label(multiple, lexicon).startswith("3.4 times the number of ")


def test_a_measure_the_lexicon_lacks_is_named_by_the_counted_noun_and_its_verb(extract):
    stats = extract("Last spring 4,300 mediation agreements were signed in the valley.")
    assert stats[0].measure == "mediation-agreements-signed" and stats[0].named_measure.label == "mediation agreements signed"
    stats = extract("The office inspected 76 kindergartens in the county.")
    assert stats[0].named_measure.label == "kindergartens inspected"
    assert extract("They spent 12 years on it and 40 people waited.")[0].named_measure is None


def test_a_value_compared_with_is_of_its_own_period_and_takes_no_change(extract):
    stats = by_value(extract("In 2022 prosecutors charged 860 people with poaching, compared with 610 a year "
                             "earlier, an increase of 41 percent.", document_type="news-article", reference_period=None))
    assert stats[860].period == "2022" and stats[860].year_on_year == 41
    assert stats[610].period == "2021" and stats[610].year_on_year is None and stats[610].comparison_base
    stats = by_value(extract("Smuggling cases reached 3,300 in 2023, up from 2,950 in 2019."))
    assert stats[2950].period == "2019" and stats[2950].comparison_base


def test_a_change_never_reaches_past_another_change_or_onto_a_figure_it_cannot_qualify(extract):
    stats = by_value(extract("Compared with last year, hearings were shortened by 2.5 days, appeals fell by 11%, the "
                             "share of remands rose by 1.4 points, and complaints dropped by 6%."))
    assert stats[Decimal("2.5")].year_on_year is None and stats[Decimal("2.5")].point_change is None
    assert stats[11].year_on_year == -11 and stats[Decimal("1.4")].point_change == Decimal("1.4")
    assert stats[6].year_on_year == -6


def test_a_gap_between_two_groups_in_points_is_a_figure(extract):
    stats = by_value(extract("Pleas were accepted in 91.2% of cases, 27 percentage points above the rate for "
                             "cases tried without a plea."))
    assert stats[27].unit == "percentage-points" and stats[Decimal("91.2")].point_change is None


def test_an_increase_by_a_multiple_is_a_year_on_year_change_in_percent(extract):
    stats = extract("Bribery prosecutions increased by 1.5 times from a year earlier.")
    assert stats[0].unit == "times" and stats[0].year_on_year == 150
    stats = extract("Smuggling cases grew by 2 times year on year.")
    assert stats[0].year_on_year == 200


def test_a_paragraph_opening_with_its_topic_gives_its_figures_that_field(extract):
    stats = by_value(extract(
        "Firmly protecting maritime order and fishery resources. Offices filed 430 public interest cases and "
        "charged 1,150 people with illegal fishing.\n\nVigorously improving supervision of community corrections. "
        "Inspectors corrected 2,800 irregularities.\n\nCourts heard 77 appeals in that year."))
    assert stats[430].named_field.label == "maritime order and fishery resources"
    assert stats[1150].field == stats[430].field and stats[1150].crime_type is not None
    assert stats[2800].field == "community-corrections" and stats[2800].named_field is None   # the lexicon's
    assert stats[77].field is None                                 # a paragraph with no topic phrase


def test_sentences_that_only_open_with_a_participle_name_no_topic():
    from graph_builder.subjects import paragraph_topic

    assert paragraph_topic("Speaking at the forum, delegates and scholars agreed.", 0) is None
    assert paragraph_topic("Addressing the plenary, Li said prosecutors would act.", 0) is None
    assert paragraph_topic("Resolutely curbing illegal sand mining in accordance with law.", 0).label == \
        "illegal sand mining"


def test_subjects_written_before_the_figure_in_prose():
    ranked = "Arson ranked first with 3,100 people, and forging official seals came next at 2,450."
    assert subject_before(ranked, 0, ranked.index("2,450")).label == "forging official seals"
    assert subject_before("Smuggling of cultural relics ranked third with 910",
                          0, 47).label == "smuggling of cultural relics"
    long = ("The number of people charged with bribing voters, a practice common in village elections, "
            "climbed to 640.")
    assert subject_before(long, 0, long.index("640")).label == "bribing voters"
    listed = "Defendants accused of hiding, moving or spending stolen funds numbered about 5,200."
    assert subject_before(listed, 0, listed.index("5,200")).label == "hiding, moving or spending stolen funds"


def test_a_subject_named_by_the_text_is_the_lexicons_when_it_names_one(extract):
    stats = by_value(extract("Prosecuted suspects in drug cases, most of them couriers, numbered 8,300 in the province."))
    assert stats[8300].crime_type == "drug-crime" and stats[8300].named_subject is None


def test_officials_and_other_people_described_before_their_subject():
    text = "Auditors referred 212 county officials suspected of embezzling relief funds, and 40 more."
    assert subject_after(text, text.index("212") + 3, len(text)).label == "embezzling relief funds"


def test_a_figure_after_a_share_keeps_the_count_measure(extract):
    stats = by_value(extract("Arrests approved for arson reached 5,100, or 3.1 percent of the total, and "
                             "vandalism came next at 4,400 (2.7 percent)."))
    assert stats[4400].measure == stats[5100].measure == "arrests-approved" and stats[4400].unit == "people"
    assert stats[4400].named_subject.label == "vandalism" or stats[4400].crime_type == "vandalism"
    assert stats[Decimal("2.7")].share_of is stats[4400]


def test_measures_named_by_irregular_and_phrasal_participles(extract):
    stats = extract("About 620 fishing boats were taken off the register. Some 75 informants were paid out.")
    assert [s.named_measure.label for s in stats] == ["fishing boats taken off", "informants paid out"]


def test_fields_of_the_lines_of_procuratorial_supervision(extract):
    stats = extract("Offices corrected 2,300 improper decisions on commutation, parole or temporary execution.")
    assert stats[0].field == "commutation-parole-and-temporary-execution"


@pytest.mark.parametrize("text", ["In administrative prosecution, offices handled 31,000 supervision cases.",
                                  "The province closed 4,700 administrative prosecution cases in the spring."])
def test_administrative_prosecution_is_the_supervision_of_administrative_litigation(extract, text):
    (statistic,) = extract(text)
    assert statistic.field == "administrative-procuratorial-supervision"


def test_an_english_news_headline_naming_one_crime_gives_the_story_its_subject(extract):
    text = ("Money laundering cases climb in border counties\n\nProsecutors in the region charged 640 people last year. "
            "Fines reached 12 million yuan.")
    stats = by_value(extract(text, document_type="news-article", reference_period=None))
    assert stats[640].crime_type == stats[12000000].crime_type == "money-laundering"


def test_a_story_leaves_its_headline_crime_once_it_speaks_of_all_crimes(extract):
    text = ("Smuggling arrests climb in the port\n\nProsecutors in the port approved 410 arrests last year. "
            "Across all crimes, offices prosecuted 52,000 people. Appeals numbered 310.")
    stats = by_value(extract(text, document_type="news-article", reference_period=None))
    assert stats[410].crime_type == "smuggling"
    assert stats[52000].crime_type is None and stats[310].crime_type is None


@pytest.mark.parametrize("text, language", [
    ("最高检:三年来纠正虚假诉讼案1.2万件\n\n三年来,全国检察机关共受理民事执行监督案件8.8万件。提出抗诉4100件。", "zh"),
    ("Prosecutors correct 12,000 false litigation cases\n\nOver three years, offices handled 88,000 cases of civil "
     "procuratorial supervision. They lodged 4,100 protests.", "en"),
])
def test_a_story_leaves_its_headline_crime_for_civil_supervision(extract, text, language):
    stats = extract(text, language=language, date="2031-02-21", document_type="news-article", reference_period=None)
    assert stats[0].crime_type == "false-litigation"
    assert all(s.crime_type is None for s in stats[1:])


@pytest.mark.parametrize("text", [
    "In 2029 offices handled 8,400 cases of smuggling.\n\nAmong them, 1,900 involved frozen meat.",
    "Prosecutors charged 8,400 people with smuggling in 2029.\n\nOf these, 1,900 were foreign nationals.",
])
def test_a_paragraph_opening_among_them_is_about_the_figures_of_the_one_before(extract, text):
    whole, part = extract(text)
    assert whole.crime_type == part.crime_type == "smuggling"


def test_documents_on_a_topic_name_their_field(extract):
    stats = by_value(extract("The county office issued 410 procuratorial suggestions on campus safety. "
                             "It formulated six opinions for protecting wetlands."))
    assert stats[410].named_field.label == "campus safety"
    assert stats[6].named_field.label == "protecting wetlands"


def test_a_figure_takes_the_measure_of_a_figure_before_it_only_in_its_own_clause(extract):
    stats = by_value(extract("Judges attended 95 hearings in the spring; We visited 1,300 villagers in the county. "
                             "The bureau was inviting 14 scholars to lecture."))
    assert stats[95].measure == "hearings-held"
    assert stats[1300].named_measure.label == "villagers visited"
    assert stats[14].named_measure.label == "scholars invited"


def test_a_list_of_crime_types_is_one_combined_subject_that_links_its_members(extract):
    stats = by_value(extract("Prosecutors focused on theft, smuggling and drug crimes, charging 27,000 people."))
    combined = stats[27000].named_subject
    assert combined is not None and combined.label == "theft, smuggling and drug crimes"
    assert "drug-crime" in combined.members and len(combined.members) == 3
    assert stats[27000].crime_type == combined.id
    stats = extract("依法惩治走私、毒品犯罪,起诉8400人。", language="zh", reference_period=None)
    assert stats[0].named_subject.members[-1] == "drug-crime" and len(stats[0].named_subject.members) == 2


def test_a_subject_phrase_is_taken_whole_and_is_narrower_than_the_lexicons_crime_in_it(extract):
    stats = extract("Prosecutors charged 730 people suspected of insurance fraud in the spring.")
    assert stats[0].named_subject.label == "insurance fraud" and stats[0].named_subject.broader == ("fraud",)
    stats = extract("The office indicted 95 defendants for crop insurance fraud respectively.")
    assert stats[0].named_subject.label == "crop insurance fraud"


def test_a_sentence_saying_how_the_figure_before_it_changed_gives_it_that_change(extract):
    stats = by_value(extract("Courts closed 5,300 bribery cases in 2021. This was 12 percent more than a year "
                             "earlier.", reference_period=None))
    assert set(stats) == {5300} and stats[5300].year_on_year == 12
    stats = by_value(extract("Prosecutors charged 2,100 people with smuggling. The figure represents a decline of "
                             "8.5 percent year on year.\n\nIn the next month the rate fell 2 percent."))
    assert stats[2100].year_on_year == Decimal("-8.5") and Decimal("8.5") not in stats
    assert 2 in stats                                # another paragraph: a figure of its own


def test_a_change_named_after_its_percentage_is_a_change(extract):
    stats = by_value(extract("Offices charged 940 people with poaching last year, a 22 percent increase from 2022.",
                             date="2024-02-01", reference_period=None))
    assert set(stats) == {940} and stats[940].year_on_year == 22
    stats = by_value(extract("Courts heard 310 appeals, an 8.5% year-on-year drop."))
    assert stats[310].year_on_year == Decimal("-8.5")
    assert Decimal("4.5") in by_value(extract("The office reported a 4.5 percent growth rate in filings."))


def test_examples_after_such_as_are_no_subject_and_documents_name_their_topic_only_as_the_counted_noun(extract):
    text = "Offices charged 640 people for crimes such as forgery, bribery or smuggling."
    assert subject_after(text, text.index("640") + 3, len(text)) is None
    stats = by_value(extract("Offices drafted rules on detention reviews, and freed 420 suspects."))
    assert stats[420].named_field is None


def test_the_figure_takes_the_measure_stated_before_it_and_a_fold_is_a_multiple(extract):
    stats = by_value(extract("Only 240 poachers were charged in 2019; by 2023 the figure had reached 3,100, a "
                             "roughly 13-fold increase.", reference_period=None))
    assert stats[3100].measure == stats[240].measure == "people-prosecuted"
    assert stats[13].unit == "times"


def test_measures_named_by_any_verb_in_ing_before_the_counted_noun(extract):
    stats = extract("Offices closed the year commending 46 model prosecutors in the east.")
    assert stats[0].named_measure.label == "model prosecutors commended"
    stats = extract("Inspectors spent months including 52 counties in the survey.")
    assert stats[0].named_measure is None


def test_a_lexicon_name_covering_the_subject_phrase_wins(extract):
    stats = extract("Prosecutors charged 410 people for crimes of assisting information network criminal "
                    "activities, down 3 percent.")
    assert stats[0].crime_type == "assisting-information-network-crime" and stats[0].named_subject is None


def test_a_sentence_before_a_colon_is_no_label(extract):
    stats = extract("Smuggling remained a worry: 4,800 people were charged in the port city.")
    assert stats[0].named_subject is None or "remained" not in stats[0].named_subject.label
    assert subject_before("Human trafficking: 310", 0, 19).label == "human trafficking"


def test_a_field_in_the_counted_noun_yields_to_another_field_of_the_clause(extract):
    stats = extract("To protect minors, offices opened 870 public interest litigation cases last spring.")
    assert stats[0].field == "minors"
    stats = extract("Safeguarding personal information, they filed 64 public interest cases with the courts.")
    assert stats[0].field == "personal-information-protection"


def test_a_field_named_before_a_colon_covers_the_figures_after_it(extract):
    stats = extract("Case-handling quality and efficiency rose: acquittals fell by 12.5%, and appeals fell by 8.5%.")
    assert [s.field for s in stats] == ["quality-and-efficiency", "quality-and-efficiency"]
    stats = extract("Criminal enforcement supervision in brief: 4,400 opinions on commutation and parole; 730 inmates were moved.")
    assert stats[0].field == "commutation-parole-and-temporary-execution"     # narrower than the head's field
    assert stats[1].field == "criminal-enforcement-supervision"


def test_a_field_named_earlier_in_the_sentence_when_the_figures_clause_names_none(extract):
    stats = extract("Rules on the need for continued detention were issued, and custody ended for 1,900 suspects.")
    assert stats[0].field == "detention-necessity-review"
    stats = extract("Having studied property penalties, offices issued 3,300 corrective opinions.")
    assert stats[0].field == "property-penalty-enforcement"


def test_a_change_on_the_quarter_or_month_before_is_no_year_on_year_change(extract):
    stats = extract("In the third quarter, 38,700 suspects were charged, 6.1% more than in the previous quarter.",
                    document_type="news-article", date="2021-11-02", reference_period=None)
    assert stats[0].previous_period_change == Decimal("6.1") and stats[0].year_on_year is None
    assert stats[0].period == "2021-07/2021-09"         # the quarter compared with is not its period
    stats = extract("In October, 2,950 people were indicted, down 4.4% from the preceding month.")
    assert stats[0].previous_period_change == Decimal("-4.4") and stats[0].year_on_year is None


def test_suspects_of_various_types_are_of_no_subject(extract):
    stats = extract("Offices approved the arrest of 93,400 suspects of all kinds in the spring.")
    assert stats[0].crime_type is None and stats[0].named_subject is None
    stats = extract("They charged 51,200 people for various types of crimes.")
    assert stats[0].crime_type is None and stats[0].named_subject is None


def test_a_bare_percentage_after_a_list_items_count_is_its_share_and_of_its_subject(extract):
    stats = by_value(extract("Charges by crime: 56,300 people for theft, 12.1%, and 9,800 people for fraud, 2.2%."))
    assert stats[Decimal("12.1")].share_of is stats[56300] and stats[Decimal("12.1")].crime_type == "theft"
    assert stats[Decimal("2.2")].share_of is stats[9800] and stats[Decimal("2.2")].crime_type == "fraud"
    stats = by_value(extract("Arrests: 7,400 suspects for robbery, 5.5%; 3,100 suspects for arson, 2.3%."))
    assert stats[Decimal("5.5")].measure == "share-of-total" and stats[Decimal("5.5")].crime_type == "robbery"


def test_a_subject_written_after_a_figure_stops_at_the_verb(extract):
    stats = extract("The arrest of 6,200 suspects of organised smuggling was approved by the offices.")
    assert stats[0].named_subject.label == "organised smuggling"
    stats = extract("Offices issued 930 suggestions for rectification regarding school canteens.")
    assert stats[0].named_field.label == "school canteens"
    stats = extract("The bureau sent 210 opinions for correction on flood control works.")
    assert stats[0].named_field.label == "flood control works"


def test_a_paragraph_about_a_part_of_the_figures_before_it_takes_their_measure(extract):
    stats = by_value(extract("Courts accepted 8,700 people for review and prosecution in the county.\n\n"
                             "Of these, 1,900 were women and 650 were juveniles."))
    assert stats[1900].measure == stats[650].measure == "prosecution-review-cases"
    stats = by_value(extract("The city charged 3,300 people in 2022.\n\nAmong them, the largest groups included: "
                             "1,100 for theft and 420 for fraud.", reference_period=None))
    assert stats[1100].measure == stats[420].measure == "people-prosecuted"
    assert stats[1100].named_subject is None and stats[1100].crime_type == "theft"


def test_a_reported_remark_on_the_number_before_gives_it_its_change(extract):
    text = ("From January to May 2025, 8,300 people were charged with pension fraud, a spokesman said.\n\n"
            "Li Ming, a spokesman for the office, said that the number is 14.2 percent higher than the figure from "
            "the same time in 2024.")
    stats = extract(text, document_type="news-article", date="2025-06-20", reference_period=None)
    assert [(s.value, s.year_on_year, s.period) for s in stats] == [(8300, Decimal("14.2"), "2025-01/2025-05")]
    text = ("Courts heard 4,400 appeals in 2024.\n\nThe bureau said the figure was 3 percent lower than in the "
            "previous year.")
    stats = extract(text, reference_period=None)
    assert [(s.value, s.year_on_year) for s in stats] == [(4400, -3)]


def test_a_subject_stops_before_a_purpose(extract):
    stats = extract("They charged 2,700 people for loan sharking in order to protect borrowers.")
    assert stats[0].named_subject.label == "loan sharking"
    stats = extract("Offices indicted 610 people for bid rigging in order to keep markets fair.")
    assert stats[0].crime_type == "bid-rigging" or stats[0].named_subject.label == "bid rigging"


def test_a_change_in_the_rate_of_change_is_no_figure_and_no_change_of_one(extract):
    stats = extract("Offices charged 72,400 people, down 8.3% year on year; the rate of decline slowed by 2.6% from "
                    "the first quarter.")
    assert [(s.value, s.year_on_year) for s in stats] == [(72400, Decimal("-8.3"))]
    stats = extract("Courts took 9,050 appeals, up 4.4% year on year; the pace of increase was 1.9 percentage points "
                    "lower than in the spring.")
    assert [(s.value, s.year_on_year) for s in stats] == [(9050, Decimal("4.4"))]


def test_such_people_are_the_people_a_sentence_before_describes(extract):
    stats = extract("The new target was people who rent out their bank cards to scammers. In 2021, 2,300 such "
                    "people were charged.", reference_period=None)
    assert stats[0].named_subject.label == "rent out their bank cards to scammers"
    stats = extract("Officials singled out those who launder money through crypto wallets, such as couriers. "
                    "Some 410 such suspects were indicted.")
    assert stats[0].named_subject.label == "launder money through crypto wallets"


def test_a_sentence_before_a_colon_with_a_verb_labels_no_figure(extract):
    stats = extract("Fraud charges went up sharply: 8,800 people were prosecuted.")
    assert stats[0].named_subject is None or "went" not in stats[0].named_subject.label
    stats = extract("Bribery cases grew again: 1,250 officials were charged.")
    assert stats[0].named_subject is None or "grew" not in stats[0].named_subject.label


def test_a_subject_after_a_figure_in_the_future_or_present_tense(extract):
    stats = extract("In 2026, 7,400 people will be prosecuted for crimes involving loan sharks, the plan says.",
                    reference_period=None)
    assert stats[0].named_subject.label == "loan sharks"
    stats = extract("Each year 350 officials are charged with abuse of office in the province.")
    assert stats[0].crime_type == "abuse-of-power" or stats[0].named_subject.label == "abuse of office"


def test_an_average_annual_increase_is_a_figure_of_its_own(extract):
    stats = by_value(extract("From 2019 to 2023 offices opened 92,000 drug cases, marking an average annual increase "
                             "of 8.8 percent.", reference_period=None))
    assert stats[Decimal("8.8")].measure == "average-annual-growth" and stats[92000].year_on_year is None
    stats = by_value(extract("Bribery charges totalled 14,500, with a yearly average rise of 3.2% since 2020."))
    assert stats[Decimal("3.2")].measure == "average-annual-growth" and stats[14500].year_on_year is None


def test_a_year_written_right_after_a_figure_is_its_period(extract):
    stats = by_value(extract("The detention rate fell from 48.1% in 2019 to 30.2% in 2023.", reference_period=None))
    assert stats[Decimal("48.1")].period == "2019" and stats[Decimal("30.2")].period == "2023"
    stats = by_value(extract("Appeals numbered 3,100 in 2020 and 4,200 in 2024.", reference_period=None))
    assert stats[3100].period == "2020" and stats[4200].period == "2024"


def test_securities_cases_are_about_securities_crimes(extract):
    assert extract("Regulators referred 57 securities cases to prosecutors.")[0].crime_type == "securities-crime"
    assert extract("Offices charged 230 people with securities offences.")[0].crime_type == "securities-crime"


def test_a_paragraph_topic_is_no_field_of_its_totals_for_the_whole_year(extract):
    stats = by_value(extract("Keeping the countryside safe and orderly. Throughout the year, 84,000 people were "
                             "charged. Some 1,200 rural land cases were opened."))
    assert stats[84000].field is None and stats[84000].named_field is None
    assert stats[1200].named_field is not None          # the topic still frames the paragraph's other figures
    stats = by_value(extract("Guarding public order in border towns. For the whole year, offices approved the arrest of "
                             "9,300 suspects."))
    assert stats[9300].field is None and stats[9300].named_field is None


def test_a_run_of_figures_said_respectively_takes_the_measures_named_before_it_in_order(extract):
    stats = by_value(extract("In the county the adoption and non-prosecution rates stood at 97.2% and 11.5%, respectively."))
    assert stats[Decimal("97.2")].measure == "adoption-rate" and stats[Decimal("11.5")].measure == "non-prosecution-rate"
    stats = by_value(extract("The numbers of arrests approved and people indicted were 8,300 and 12,900 respectively."))
    assert stats[8300].measure == "arrests-approved" and stats[12900].measure == "people-prosecuted"


def test_changes_said_respectively_take_the_measures_named_before_them(extract):
    stats = by_value(extract("Arrests approved and charges pressed in the county rose 6.2 percent and 9.4 percent "
                             "year on year, respectively.", reference_period=None))
    assert stats[Decimal("6.2")].measure == "arrests-approved" and stats[Decimal("9.4")].measure == "people-prosecuted"
    stats = by_value(extract("The numbers of people indicted and arrests approved fell by 3.1% and 2.2% year on year, "
                             "respectively."))
    assert stats[Decimal("3.1")].measure == "people-prosecuted" and stats[Decimal("2.2")].measure == "arrests-approved"


@pytest.mark.parametrize("text, change", [
    ("Offices charged 7,700 people with fraud in 2026, 12.5 percent more than during the same period in 2025.", Decimal("12.5")),
    ("Some 640 smugglers were indicted last year, 8 percent fewer than during the same period of the previous year.",
     Decimal("-8")),
])
def test_a_percentage_more_or_fewer_than_during_the_same_period_a_year_before_is_year_on_year(extract, text, change):
    (stat,) = extract(text, date="2027-03-01", reference_period=None, document_type="news-article")
    assert stat.year_on_year == change


@pytest.mark.parametrize("text, value, change", [
    ("The number of people charged with smuggling, 5,100, increased by 1.5 times compared with the same period "
     "of the previous year.", 5100, Decimal("150")),
    ("Arrests approved for poaching rose 2.4 times year on year to 3,300.", 3300, Decimal("240")),
])
def test_an_increase_of_n_times_next_to_a_figure_is_its_change_of_n_hundred_percent(extract, text, value, change):
    (stat,) = extract(text, date="2027-03-01", reference_period=None, document_type="news-article")
    assert (stat.value, stat.year_on_year) == (value, change)


@pytest.mark.parametrize("text, expected", [
    ("今年1至6月共批捕走私犯罪1200件2100人,起诉3400件5600人,人数同比分别上升4.1%和6.3%。",
     {2100: Decimal("4.1"), 5600: Decimal("6.3")}),
    ("前三季度共批捕盗窃犯罪800件950人,起诉1500件1700人,件数同比分别下降2%和3%。",
     {800: Decimal("-2"), 1500: Decimal("-3")}),
])
def test_changes_said_of_the_numbers_of_people_or_of_cases_go_to_those_figures(extract, text, expected):
    stats = extract(text, language="zh", date="2027-10-20", reference_period=None, document_type="news-article")
    assert {s.value: s.year_on_year for s in stats if s.year_on_year is not None} == expected


@pytest.mark.parametrize("text, subject", [
    ("Prosecutors filed indictments in 1,200 cases involving crimes endangering public security.",
     "crimes endangering public security"),
    ("Offices approved arrests in 450 cases of cross-border smuggling crimes.", "cross-border smuggling crimes"),
])
def test_a_figure_of_cases_takes_the_crimes_its_cases_involve(extract, text, subject):
    (stat,) = extract(text)
    assert stat.unit == "cases" and stat.named_subject is not None and stat.named_subject.label == subject


@pytest.mark.parametrize("text, crime_type", [
    ("Some 2,000 people were indicted on charges of bid rigging.", "bid-rigging"),
    ("Some 410 people were charged in connection with poaching.", "poaching"),
])
def test_on_charges_of_and_in_connection_with_name_the_subject(extract, text, crime_type):
    (stat,) = extract(text)
    assert stat.crime_type == crime_type


@pytest.mark.parametrize("text", ["Procuratorates charged 530 officials for acting as protective umbrellas for gangs.",
                                  "Some 75 cadres were prosecuted for posing as police officers."])
def test_a_role_played_is_no_crime_type(extract, text):
    (stat,) = extract(text)
    assert stat.crime_type not in ("acting", "posing")


@pytest.mark.parametrize("text, points", [
    ("The non-arrest rate was 22.5 percent, a year-on-year decrease of 0.9 percentage points.", Decimal("-0.9")),
    ("Its share of cases reached 41 percent, a rise of 2.2 percentage points year on year.", Decimal("2.2")),
])
def test_the_direction_of_a_change_in_points_may_be_named_before_it(extract, text, points):
    (stat,) = [s for s in extract(text) if s.unit == "percent"]
    assert stat.point_change == points


@pytest.mark.parametrize("text", [
    "The non-prosecution rate for minors was 35.1 percent, 5.6 percentage points higher than the overall rate.",
    "Juveniles' non-arrest rate stood at 60 percent, 20 points above the national average.",
])
def test_points_above_the_overall_rate_are_a_gap_not_a_change(extract, text):
    stats = extract(text)
    assert all(s.point_change is None for s in stats)


def test_a_run_of_shares_is_of_the_run_of_counts_before_it_in_order(extract):
    stats = extract("2020年至2022年,受理审查逮捕走私犯罪嫌疑人分别为3768人、5537人、4907人,分别占同期总数的9.5%、11.0%、11.1%。",
                    language="zh", date="2023-06-01", reference_period=None, document_type="news-article")
    shares = [s for s in stats if s.unit == "percent"]
    assert [s.measure for s in shares] == ["share-of-total"] * 3
    assert [s.share_of.value for s in shares] == [3768, 5537, 4907]
    assert [s.period for s in shares] == ["2020", "2021", "2022"]


@pytest.mark.parametrize("text", ["2029年,起诉走私犯罪2100件3300人,分别占起诉总数的1.2%、1.5%。",
                                  "全年批准逮捕毒品犯罪案件3.2万件4.1万人,分别占全部批捕数的15.3%和13.6%。"])
def test_shares_said_respectively_of_cases_and_people_are_of_each(extract, text):
    cases, people, case_share, people_share = extract(text, language="zh", date="2030-03-01")
    assert (cases.unit, people.unit) == ("cases", "people")
    assert case_share.share_of is cases and people_share.share_of is people


@pytest.mark.parametrize("text, language, fields", [
    ("民事检察监督力度持续加大。今年1至6月,提出再审检察建议2300件。\n\n行政检察工作稳步推进。今年1至6月,促进行政争议实质性化解800件。",
     "zh", ["civil-procuratorial-supervision", "administrative-procuratorial-supervision"]),
    ("Public interest litigation kept expanding. Offices filed 8,000 such cases in the year.", "en",
     ["public-interest-litigation"]),
])
def test_a_short_opening_sentence_naming_a_field_gives_its_paragraph_that_field(extract, text, language, fields):
    stats = extract(text, language=language, date="2027-07-20", reference_period=None, document_type="news-article")
    assert [s.field for s in stats] == fields


def test_an_opening_sentence_with_a_figure_is_no_topic_of_its_own(extract):
    stats = extract("民事检察提出抗诉300件。起诉盗窃犯罪1200人。", language="zh")
    assert stats[0].field == "civil-procuratorial-supervision" and stats[1].field is None


@pytest.mark.parametrize("text, change", [
    ("In the third quarter of 2031, procuratorates approved the arrest of 13,000 people, down 12.4 percent quarter on quarter.", -12.4),
    ("Prosecutors charged 3,900 people in the second quarter of 2031, a 5.5 percent increase on a quarter-on-quarter basis.", 5.5),
])
def test_a_quarter_on_quarter_change_is_against_the_period_before_not_year_on_year(extract, text, change):
    (statistic,) = extract(text, date="2031-10-20", reference_period=None, document_type="data-release")
    assert statistic.year_on_year is None and float(statistic.previous_period_change) == change


@pytest.mark.parametrize("text, change", [
    ("Procuratorates charged 6,400 people with money laundering in 2030, an increase of 3.5 times year on year.", 350),
    ("Prosecutions for phone-card trafficking reached 12,900, an increase of 8.2 times.", 820),
])
def test_an_increase_of_n_times_after_a_figure_is_its_change(extract, text, change):
    (statistic,) = extract(text)
    assert float(statistic.year_on_year) == change


def test_an_increase_of_n_times_over_a_named_year_is_a_comparison(extract):
    figure, multiple = extract("Lawsuits rose to 880 in 2031, a rise of 1.2 times over 2029.")
    assert figure.year_on_year is None and multiple.unit == "times"      # a multiple of its own, as 是2029年的2.2倍


@pytest.mark.parametrize("text, crime", [
    ("Procuratorates investigated 4,400 people in 3,100 cases of bribery.", "bribery"),
    ("They charged 800 suspects involved in 350 cases of smuggling.", "smuggling"),
])
def test_people_counted_in_cases_of_a_crime_are_counted_for_that_crime(extract, text, crime):
    people, cases = extract(text)
    assert people.unit == "people" and cases.unit == "cases" and people.crime_type == cases.crime_type == crime


@pytest.mark.parametrize("text, combined", [
    ("Prosecutors charged 2,100 people for offenses including fraud, theft and robbery.", "fraud-theft-robbery"),
    ("Some 640 people were prosecuted for crimes like theft and robbery.", "theft-robbery"),
])
def test_crimes_including_a_list_are_the_combined_category_of_the_list(extract, text, combined):
    (statistic,) = extract(text)
    assert statistic.crime_type == combined


@pytest.mark.parametrize("text, language", [
    ("In 2029 prosecutors approved the arrest of 41,200 people for drug crimes, which accounted for 8.3 percent of "
     "all arrests, down 5.2 percent year on year.", "en"),
    ("In 2029 the courts heard 41,200 cases of fraud, or 8.3 percent of all their cases, down 5.2 percent year on year.", "en"),
    ("起诉电信网络诈骗犯罪4.12万人,占起诉总人数的8.3%,同比下降5.2%。", "zh"),
])
def test_a_change_in_percent_after_a_share_is_the_change_of_the_count_the_share_is_of(extract, text, language):
    count, share = extract(text, language=language, date="2030-05-20", reference_period=None, document_type="news-article")
    assert share.share_of is count and share.year_on_year is None and float(count.year_on_year) == -5.2


@pytest.mark.parametrize("text, yoy", [
    ("In 2029, offices filed 8,300 civil protests, up 51.2% from 2025.", None),
    ("In 2029, prosecutors charged 6,100 people with poaching, 12 percent more than in 2024.", None),
    ("In 2029, offices filed 8,300 civil protests, up 5.2% from 2028.", 5.2),
])
def test_a_change_against_a_year_it_names_is_year_on_year_only_against_the_year_before(extract, text, yoy):
    (statistic,) = extract(text, date="2030-03-01", reference_period=None, document_type="news-article")
    assert statistic.period == "2029"
    assert (statistic.year_on_year is None) if yoy is None else float(statistic.year_on_year) == yoy


@pytest.mark.parametrize("text", ["In 2029 prosecutors charged 1,122 people with copyright infringement, up 1.9 times.",
                                  "Courts heard 1,122 appeals in 2029, having risen 1.9 times."])
def test_up_n_times_after_a_figure_is_its_change(extract, text):
    (statistic,) = extract(text, date="2030-03-01", reference_period=None, document_type="news-article")
    assert statistic.value == 1122 and float(statistic.year_on_year) == 190


@pytest.mark.parametrize("text, label", [
    ("Prosecutors charged 2,400 people for dumping building waste into rivers such as the Huai.",
     "dumping building waste into rivers"),
    ("The city charged 310 people for withholding migrant workers' pay with over 20 million yuan unpaid.",
     "withholding migrant workers' pay"),
])
def test_a_charge_the_text_names_ends_before_its_examples_or_amounts(extract, text, label):
    statistic = extract(text)[0]
    assert statistic.named_subject is not None and statistic.named_subject.label == label


@pytest.mark.parametrize("text, crime", [
    ("In 2029, 212 people, most of them engineers, were prosecuted for trade secret infringement.",
     "trade-secret-infringement"),
    ("Some 90 suspects, mainly from one village, were charged with smuggling.", "smuggling"),
])
def test_an_aside_after_the_people_counted_does_not_hide_their_charge(extract, text, crime):
    statistic = extract(text)[0]
    assert statistic.crime_type == crime


@pytest.mark.parametrize("text, language", [
    ("In 2029 prosecutors charged 2,100 and 3,400 people with smuggling and fraud, respectively.", "en"),
    ("全年起诉走私、诈骗犯罪分别为2100人、3400人。", "zh"),
])
def test_a_run_said_respectively_is_of_each_crime_of_its_list_in_order(extract, text, language):
    first, second = extract(text, language=language, date="2030-03-01")
    assert (first.crime_type, second.crime_type) == ("smuggling", "fraud")


@pytest.mark.parametrize("text", [
    "Offices charged 3,100 people with intellectual property crimes and trade secret infringement.",
    "Courts tried 220 people for intellectual property crimes or copyright infringement.",
])
def test_a_list_of_a_crime_and_its_own_kinds_is_that_crime(extract, text):
    (statistic,) = extract(text)
    assert statistic.named_subject is None and statistic.crime_type == "intellectual-property-crime"


def test_civil_and_administrative_cases_under_public_interest_litigation_are_its_kinds(extract):
    kinds = ("civil-public-interest-litigation-cases", "administrative-public-interest-litigation-cases")
    for text in ("In 2029 offices filed 61,000 public interest litigation cases.\n\nAmong them, 8,800 civil cases were "
                 "filed, and 52,000 administrative cases were opened.",
                 "Public interest litigation kept growing in 2029, with 61,000 cases filed. Of these, 8,800 were civil "
                 "cases and 52,000 administrative cases."):
        stats = by_value(extract(text))
        assert (stats[8800].measure, stats[52000].measure) == kinds, text
