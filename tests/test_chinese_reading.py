"""Chinese texts are read by the same pipeline with Chinese surface rules: the reading form (simplified
characters, ASCII digits and punctuation, same offsets), periods, measures, changes and charges. Every
sentence here is written for the test."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph_builder.chinese_script import reading_form


def zh(extract, text: str, date: str = "2022-08-10", reference_period: str | None = None,
       document_type: str = "news-article"):
    return {s.value: s for s in extract(text, language="zh", date=date, reference_period=reference_period,
                                        document_type=document_type)}


def news_zh(extract, text: str, date: str) -> list:
    """The statistics of a Chinese news story dated ``date`` that states no reference period."""
    return extract(text, language="zh", date=date, reference_period=None, document_type="news-article")


def test_the_reading_form_keeps_every_offset():
    original = "２０２１年起訴５.２萬人，同比下降１.３％；檢察機關"
    reading = reading_form(original)
    assert reading == "2021年起诉5.2万人,同比下降1.3%;检察机关" and len(reading) == len(original)


def test_traditional_script_reads_as_simplified(extract):
    stats = zh(extract, "今年1至6月，全省檢察機關批准逮捕犯罪嫌疑人3.6萬人，同比上升4.2%。")
    figure = stats[36000]
    assert figure.measure == "arrests-approved" and figure.year_on_year == Decimal("4.2")
    assert figure.period == "2022-01/2022-06"


@pytest.mark.parametrize("text, period", [
    ("2021年1至8月,某省检察机关起诉各类犯罪嫌疑人2.2万人。", "2021-01/2021-08"),
    ("前两个季度,某市检察机关起诉410人。", "2022-01/2022-06"),
    ("三年来,全市检察机关共起诉1.9万人。", "2019/2021"),
    ("2017年以来,某区检察院共提起公诉860人。", "2017/2022"),
    ("去年,某县检察院批准逮捕320人。", "2021"),
    ("2016年至2020年,检察机关共起诉走私犯罪1.1万人。", "2016/2020"),
])
def test_periods_written_in_chinese(extract, text, period):
    assert next(iter(zh(extract, text).values())).period == period


def test_a_year_only_compared_with_is_not_the_period(extract):
    stats = zh(extract, "全市起诉网络赌博犯罪1200人,比2019年增加300余人。")
    assert stats[1200].period == "2022" and 300 not in stats


def test_the_same_months_a_year_before(extract):
    stats = zh(extract, "1至5月,检察机关追缴赃款8.1亿元。去年同期,追缴金额为6.4亿元。")
    assert stats[810000000].period == "2022-01/2022-05"
    assert stats[640000000].period == "2021-01/2021-05"


@pytest.mark.parametrize("measure, text", [
    ("decisions-not-to-arrest", "对轻微犯罪不批准逮捕2100人。"),
    ("arrests-approved", "某市检察院决定逮捕870人。"),
    ("decisions-not-to-prosecute", "依法决定不起诉1500人。"),
    ("people-prosecuted", "全年提起公诉4.4万人。"),
    ("conditional-non-prosecution", "对涉罪未成年人附条件不起诉560人。"),
    ("civil-actions-supported", "为农民工支持起诉3200件。"),
    ("prosecution-review-cases", "共受理审查起诉5.8万人。"),
    ("public-interest-lawsuits-filed", "依法提起公益诉讼450件。"),
    ("non-prosecution-rate", "不起诉率为21.3%。"),
    ("guilty-plea-cases", "适用认罪认罚从宽制度办结4.7万人。"),
    ("guilty-plea-rate", "认罪认罚从宽制度适用率为90.2%。"),
    ("adoption-rate", "量刑建议法院采纳率为95.1%。"),
    ("administrative-disputes-resolved", "推动化解行政争议620件。"),
    ("cases-listed-for-supervision", "对重大毒品案件挂牌督办31件。"),
    ("typical-cases-released", "联合发布典型案例15件。"),
    ("deputies-suggestions-handled", "办结人大代表建议46件。"),
    ("cases-supervised-by-peoples-supervisors", "人民监督员参与监督案件2900件。"),
    ("arrest-review-cases", "受理审查逮捕1.2万人。"),
    ("decisions-not-to-arrest", "依法不捕4100人。"),
    ("prosecutions-approved-after-limitation", "依法对58起陈年命案核准追诉。"),
    ("average-annual-growth", "五年间起诉人数年均增长8.4%。"),
    ("additional-arrests", "审查中发现漏犯,依法追捕640人。"),
    ("additional-prosecutions", "对移送起诉时遗漏的同案犯追诉1200人。"),
    ("judgments-revised-or-remanded", "法院已改判和发回重审730件。"),
    ("people-returned-to-prison", "对不符合监外执行条件的罪犯督促收监执行410人。"),
    ("safety-hazards-rectified", "推动整改校园安全隐患2700处。"),
    ("supervision-applications-not-supported", "依法不支持监督申请8800件并释法说理。"),
    ("suspected-criminal-cases-transferred-by-administrative-organs", "监督行政执法机关移送涉嫌犯罪案件930件。"),
    ("suspects-subject-to-confiscation-of-illegal-gains", "对9名外逃人员申请没收违法所得。"),
    ("detention-facilities-inspected", "对16个看守所开展巡回检察。"),
    ("provincial-level-regions", "在11个省区市开展试点。"),
    ("provincial-level-regions", "试点已扩大到17个省级行政区。"),
    ("provincial-level-regions", "在9个省(区、市)推开这项改革。"),
    ("additional-arrests", "经审查纠正漏捕870人。"),
    ("additional-prosecutions", "监督纠正漏诉1500人。"),
    ("money-returned-to-victims", "追赃后向受骗群众返还2.7亿元。"),
    ("money-returned-to-victims", "上半年这一返还金额为1.6亿元。"),
    ("victims", "其中老年被害人4200人。"),
    ("prosecution-review-cases", "受理移送审查起诉3.2万人。"),
    ("victims", "涉案受害人1.9万人。"),
    ("legal-education-sessions", "深入校园开展法治讲座5600场。"),
    ("people-reached", "活动覆盖师生300余万人次。"),
    ("people-reached", "节目受众达1.2亿人次。"),
    ("accounts-and-phone-cards-cleared", "配合有关部门清理涉诈银行卡12万张。"),
    ("support-rate", "行政公益诉讼起诉案件法院支持率为98.2%。"),
    ("correction-rate", "全省监狱检察纠正率达到96.2%。"),
    ("correction-rate", "当年纠正率为89.4%,保持稳定。"),
    ("people-convicted", "法院对其中5.2万人作出有罪判决。"),
    ("people-convicted", "经审理判决有罪的被告人共8100人。"),
    ("criminal-records-sealed", "依法封存未成年人犯罪记录1.1万人。"),
    ("early-intervention-cases", "对重大命案提前介入引导侦查1900件。"),
    ("early-intervention-cases", "全年提前介入各类案件2.6万件。"),
    ("people-given-judicial-relief", "全年共救助困难被害人2310人。"),
    ("people-sentenced", "其中被判处五年有期徒刑以上刑罚的有3400人。"),
    ("retrial-procuratorial-suggestions", "对民事生效裁判提出再审检察建议2600件。"),
    ("retrial-procuratorial-suggestions", "发出再审检察建议1.1万件,法院采纳率为80%。"),
    ("people-sentenced", "被告人中有210人被判处无期徒刑或死刑。"),
    ("people-given-judicial-relief", "对因案致贫的870人开展救助。"),
    ("criminal-records-sealed", "对轻罪犯罪记录封存3400人。"),
    ("adoption-rate", "二审法院采纳检察机关抗诉意见率为76.5%。"),
])
def test_measures_written_in_chinese(extract, measure, text):
    assert next(iter(zh(extract, text).values())).measure == measure


def test_changes_written_in_chinese(extract):
    stats = zh(extract, "起诉2.5万人、不起诉6100人,同比分别下降1.2%、上升7.9%;不起诉率为19.6%,比上年增加2.1个百分点。")
    assert stats[25000].year_on_year == Decimal("-1.2") and stats[6100].year_on_year == Decimal("7.9")
    assert stats[Decimal("19.6")].point_change == Decimal("2.1") and stats[Decimal("19.6")].year_on_year is None
    stats = zh(extract, "起诉网络赌博犯罪3300人,同比增长一倍;全市起诉1.4万人,比前五年上升9.5%。")
    assert stats[3300].year_on_year == 100
    assert stats[14000].previous_period_change == Decimal("9.5") and stats[14000].year_on_year is None


def test_comparisons_with_a_named_year_or_in_a_count_are_no_figures(extract):
    stats = zh(extract, "不起诉率为18.2%,比2019年提高5.5个百分点;受理案件9300件,比上年增加800余件。"
                        "赔付比例同比提高3.3个百分点。")
    assert set(stats) == {Decimal("18.2"), 9300}
    assert stats[Decimal("18.2")].point_change is None


def test_the_charge_nearest_the_figure_is_its_subject(extract):
    stats = zh(extract, "起诉利用网络赌博、诈骗等电信网络诈骗犯罪7800人。起诉非法狩猎罪210人。")
    assert stats[7800].crime_type == "telecom-network-fraud"
    assert stats[210].named_subject.label == "非法狩猎罪"


def test_an_inline_list_header_gives_its_items_their_measure(extract):
    stats = zh(extract, "批准逮捕人数较多的罪名依次为:1.网络赌博犯罪5100人;2.非法狩猎罪930人。")
    assert stats[5100].measure == stats[930].measure == "arrests-approved"


def test_a_measure_the_lexicon_lacks_is_named_by_its_verb_and_object(extract):
    stats = zh(extract, "各地检察机关共走访涉案企业1800余家、个体工商户900余户。其中累计建立联络点460个。")
    assert stats[1800].named_measure.label == "走访涉案企业"
    assert stats[900].measure == stats[1800].measure                 # joined by 、: the same measure
    assert stats[460].named_measure.label == "建立联络点"
    stats = zh(extract, "起诉非法狩猎犯罪300余人,其中组织、策划非法狩猎犯罪120人。")
    assert stats[120].measure == "people-prosecuted" and stats[120].named_measure is None   # a charge, no measure


def test_a_share_of_a_total_the_text_only_names(extract):
    stats = zh(extract, "农村留守老人占被害人总数的12.4%。")
    assert stats[Decimal("12.4")].measure == "share-of-total" and stats[Decimal("12.4")].share_of is None


def test_a_charge_named_before_the_verb_that_counts_it(extract):
    stats = zh(extract, "对非法采伐林木犯罪依法不起诉430人。")
    assert stats[430].measure == "decisions-not-to-prosecute"
    assert stats[430].named_subject.label == "非法采伐林木犯罪"
    stats = zh(extract, "起诉网络赌博等犯罪900人。")
    assert stats[900].crime_type == "online-gambling"


def test_a_news_headline_naming_one_crime_gives_the_story_its_subject(extract):
    text = ("检察机关前三季度起诉网络赌博犯罪5200人\n\n本报讯 检察机关前三季度起诉5200人,同比下降3.3%。"
            "追缴赌资2.1亿元。全市各类犯罪起诉总数为4.5万人。")
    stats = zh(extract, text, date="2023-10-20")
    assert stats[210000000].crime_type == "online-gambling"
    assert stats[45000].crime_type is None                          # a figure of all crimes
    stats = zh(extract, text, date="2023-10-20", document_type="work-report")
    assert stats[210000000].crime_type is None                      # only a news story is about its headline


def test_numerals_of_slogans_are_no_figures(extract):
    stats = zh(extract, "坚定“四个自信”、做到“两个维护”,全年起诉1200人。")
    assert set(stats) == {1200}


def test_a_run_of_changes_against_a_named_year_is_recorded_on_no_figure(extract):
    stats = zh(extract, "2021年受理审查逮捕5.1万人、受理审查起诉8.3万人,比2019年分别下降12.1%、上升3.4%。")
    assert set(stats) == {51000, 83000}
    assert stats[51000].year_on_year is None and stats[83000].previous_period_change is None


def test_a_text_in_a_chinese_encoding_is_read_when_its_sidecar_declares_it(tmp_path):
    from graph_builder.corpus import read_corpus

    text = "某县检察机关今年起诉盗窃犯罪嫌疑人1200人。\n"
    (tmp_path / "gbk-doc.txt").write_bytes(text.encode("gbk"))
    (tmp_path / "gbk-doc.meta.yaml").write_text('title: "t"\npublisher: "p"\ndate: "2024"\nlanguage: zh\n'
                                                "document_type: other\nencoding: GBK\n", encoding="utf-8")
    [document] = read_corpus(tmp_path)
    assert document.text == text and document.meta.encoding == "gbk"


def test_a_chinese_figure_takes_the_field_named_before_it_and_a_field_is_no_measure(extract):
    stats = zh(extract, "全省共立案办理公益诉讼案件2.4万件,其中食品药品安全领域3100件。")
    assert stats[24000].field == "public-interest-litigation"
    assert stats[3100].field == "food-and-drug-safety"
    assert stats[3100].measure == "public-interest-litigation-cases" and stats[3100].named_measure is None


def test_a_chinese_figures_own_verb_and_object_outweigh_a_measure_named_further_back(extract):
    stats = zh(extract, "对不起诉、不批捕的未成年人开展跟踪帮教2600余次。")
    assert stats[2600].named_measure.label == "开展跟踪帮教"
    stats = zh(extract, "围绕起诉工作中发现的问题召开联席会议320次。")
    assert stats[320].named_measure.label == "召开联席会议"
    stats = zh(extract, "督促追缴各类欠款3.4亿元。")         # the lexicon's word inside its own phrase keeps the lexicon's
    assert stats[340000000].measure == "money-recovered"


def test_a_percentage_takes_no_count_measure_from_its_paragraph(extract):
    stats = zh(extract, "全年起诉4.1万人。群众满意度连续五年保持在95%以上。")
    assert stats[Decimal("95")].measure != "people-prosecuted"
    stats = zh(extract, "共批准逮捕2.3万人。治安满意率达到97.5%。")
    assert stats[Decimal("97.5")].measure != "arrests-approved"


def test_figures_after_fenbie_take_the_measures_named_before_it_in_order(extract):
    stats = zh(extract, "全市检察机关不捕率、不诉率分别为28.6%和12.9%。")
    assert stats[Decimal("28.6")].measure == "non-arrest-rate" and stats[Decimal("12.9")].measure == "non-prosecution-rate"
    stats = zh(extract, "当年批准逮捕和提起公诉分别为2.1万人、4.6万人。")
    assert stats[21000].measure == "arrests-approved" and stats[46000].measure == "people-prosecuted"


def test_a_ranked_list_of_charges_keeps_the_measure_of_its_head(extract):
    stats = zh(extract, "受理审查起诉人数居前三位的罪名分别是盗窃5200人、诈骗3100人、抢劫900人。")
    assert {stats[v].measure for v in (5200, 3100, 900)} == {"prosecution-review-cases"}
    assert stats[5200].named_measure is None


@pytest.mark.parametrize("text, periods", [
    ("从近年受理情况看,2020年突破2万件,2021年为2.6万余件,2023年1至6月为1.9万件。",
     ["2020", "2021", "2023-01/2023-06"]),
    ("2019年7月至2024年6月,起诉率从2020年的62.4%上升到2023年的70.2%,是2019年的1.2倍。",
     ["2020", "2023", "2019-07/2024-06"]),
])
def test_a_phrase_led_by_its_own_year_gives_its_figure_that_year(extract, text, periods):
    statistics = news_zh(extract, text, "2024-08-20")
    assert [s.period for s in statistics] == periods

def test_a_year_and_the_verb_after_it_name_no_measure(extract):
    statistics = extract("从近年受理情况看,2020年突破2万件,2021年达到2.6万余件。", language="zh",
                         date="2024-08-20", reference_period=None, document_type="news-article")
    assert [s.measure for s in statistics] == ["reported-quantity", "reported-quantity"]


def test_a_figure_in_tonnes_kilograms_or_mu_counts_no_people_or_cases(extract):
    statistics = extract("督促回收、清理各类生活垃圾和建筑垃圾约2610万吨,督促查处、收回假劣农药约37万千克;"
                         "督促恢复被非法占用的耕地约94万亩。", language="zh", date="2024-08-20",
                         reference_period=None, document_type="news-article")
    assert [(s.value, s.unit) for s in statistics] == [(26100000, "tonnes"), (370000, "kilograms"), (940000, "mu")]
    assert all(s.measure not in ("people-investigated", "cases-handled") for s in statistics)
    assert [s.measure for s in statistics][::2] == ["waste-cleared", "land-restored"]
    assert statistics[1].named_measure.label == "查处、收回假劣农药"        # no measure of the lexicon: its own words


@pytest.mark.parametrize("text", [
    "督促查处、收回走私冻品约3万千克;督促收回国有财产价值约12.5亿元,追缴土地出让金约8.1亿元。",
    "督促销毁走私香烟约1.2万箱;督促修复受损林地约4600亩。",
])
def test_goods_a_clause_is_about_give_no_crime_type_to_the_clauses_after_its_semicolon(extract, text):
    first, *rest = news_zh(extract, text, "2024-08-20")
    assert first.crime_type == "smuggling" and rest and all(s.crime_type is None for s in rest)


def test_people_counted_for_a_crime_still_give_it_to_the_clause_after_their_semicolon(extract):
    *_, last = extract("起诉涉毒犯罪3.1万人,其中走私毒品犯罪2100余人;起诉为其提供资金的人员340人。", language="zh",
                       date="2024-08-20", reference_period=None, document_type="news-article")
    assert last.value == 340 and last.crime_type is not None


@pytest.mark.parametrize("text, changes", [
    ("第三季度,全国检察机关批准逮捕1.3万人,环比下降12.4%。", [-12.4]),
    ("2031年第二季度,起诉走私犯罪2300人,环比上升6.5%;不起诉410人,环比下降3.2%。", [6.5, -3.2]),
])
def test_huanbi_is_a_change_against_the_period_before_not_a_year_on_year_change_or_a_figure(extract, text, changes):
    statistics = extract(text, language="zh", date="2031-08-20", reference_period=None, document_type="data-release")
    assert [float(s.previous_period_change) for s in statistics] == changes
    assert all(s.year_on_year is None and s.unit == "people" for s in statistics)


@pytest.mark.parametrize("text", ["针对违法取证行为,提出纠正3100余件次,已纠正2600余件次。",
                                  "对审判活动中的违法情形提出书面纠正870件次,同比上升8.4%,已纠正700件次。"])
def test_corrections_proposed_are_not_corrections_made(extract, text):
    proposed, corrected = extract(text, language="zh", date="2031-08-20", reference_period=None, document_type="data-release")
    assert (proposed.measure, corrected.measure) == ("corrective-opinions", "cases-corrected")


@pytest.mark.parametrize("text, measures", [
    ("其中民事公益诉讼类立案6100余件,行政公益诉讼类立案4.2万件。",
     ["civil-public-interest-litigation-cases", "administrative-public-interest-litigation-cases"]),
    ("共办理公益诉讼案件8.8万件,其中民事公益诉讼1.1万件。", ["public-interest-litigation-cases", "civil-public-interest-litigation-cases"]),
])
def test_civil_public_interest_cases_are_a_measure_of_their_own(extract, text, measures):
    statistics = extract(text, language="zh", date="2031-08-20", reference_period=None, document_type="data-release")
    assert [s.measure for s in statistics] == measures


@pytest.mark.parametrize("text", [
    "2019年7月至2024年6月,共立案公益诉讼案件52万余件,其中,民事公益诉讼4.1万件,行政公益诉讼47.9万件。"
    "从历年立案数量看,2020年突破8万件,2021年为9万余件。",
    "检察机关共办理公益诉讼案件3.1万件,其中行政公益诉讼2.8万件。按领域看,生态环境领域1.4万件,食品药品领域6000件。",
])
def test_a_paragraph_goes_on_with_the_measure_of_its_figures_not_of_a_part_of_them(extract, text):
    statistics = news_zh(extract, text, "2024-08-20")
    assert [s.measure for s in statistics[-2:]] == [statistics[0].measure] * 2


@pytest.mark.parametrize("text", [
    "2031年,受理审查起诉未成年犯罪嫌疑人数量居前三位的罪名、人数分别是盗窃8113人、抢劫5845人、聚众斗殴3120人。",
    "对未成年被告人提起公诉的罪名中,盗窃2100人,寻衅滋事1600人,强奸900人。",
])
def test_the_field_of_a_runs_head_holds_for_every_crime_of_the_run(extract, text):
    statistics = news_zh(extract, text, "2032-03-20")
    assert len(statistics) == 3 and all(s.crime_type and s.field == "minors" for s in statistics)


@pytest.mark.parametrize("text", [
    "2031年1至9月,全国检察机关主要办案数据公布。批准逮捕54.4万人,同比下降23.4%,降幅较上半年缩小8.8个百分点。",
    "2031年1至9月,全国检察机关主要办案数据公布。起诉12.9万人,同比上升5%,增幅比一季度扩大1.4个百分点。",
])
def test_a_part_of_the_year_compared_with_is_no_period_and_how_a_change_changed_is_no_figure(extract, text):
    (statistic,) = extract(text, language="zh", date="2031-10-20", reference_period=None, document_type="data-release")
    assert statistic.period == "2031-01/2031-09" and statistic.year_on_year is not None


@pytest.mark.parametrize("text, unit", [("对公安机关不服不批捕决定提请复议复核的1200人,经审查维持原决定1100人。", "people"),
                                        ("公安机关对不起诉决定要求复议的案件340件。", "cases")])
def test_a_request_to_reconsider_a_decision_is_not_the_decision(extract, text, unit):
    first, *_ = extract(text, language="zh", date="2031-03-03", reference_period=None, document_type="data-release")
    assert (first.measure, first.unit) == ("reconsideration-requests", unit)


@pytest.mark.parametrize("text, points", [("起诉未成年人2.1万人,占起诉总人数的3.2%,同比减少0.4个百分点。", -0.4),
                                          ("全年起诉犯罪嫌疑人4.6万人,占受理审查起诉人数的81.5%,同比提高1.2个百分点。", 1.2)])
def test_a_point_change_after_a_share_of_people_is_the_shares(extract, text, points):
    count, share = extract(text, language="zh", date="2031-03-03", reference_period=None, document_type="data-release")
    assert share.unit == "percent" and float(share.point_change) == points and count.point_change is None


def test_sentencing_recommendations_made_are_counted_apart_from_their_adoption_rate(extract):
    made, fixed, rate = extract("全年共提出量刑建议120万人,其中确定刑量刑建议100万人,量刑建议采纳率为95.1%。", language="zh",
                                date="2032-03-03", reference_period=None, document_type="news-article")
    assert (made.measure, fixed.measure, rate.measure) == ("sentencing-recommendations", "sentencing-recommendations",
                                                           "adoption-rate")


@pytest.mark.parametrize("text, period, change", [
    ("起诉洗钱犯罪3200人,同比上升超8倍。", "2031", 800),
    ("2018年6月至今年5月,共起诉走私犯罪1.1万人。", "2018-06/2031-05", None),
    ("全年办理民事检察案件9.6万件,为近五年最高。", "2031", None),
])
def test_more_than_n_times_a_span_to_a_month_of_this_year_and_a_record_in_years(extract, text, period, change):
    (statistic,) = news_zh(extract, text, "2031-07-03")
    assert statistic.period == period
    assert (statistic.year_on_year is None) if change is None else float(statistic.year_on_year) == change


@pytest.mark.parametrize("text", ["2030年,检察机关起诉涉毒犯罪4.2万人,同比2029年上升6.1%。",
                                  "检察机关起诉涉毒犯罪4.2万人,同比2029年上升6.1%。"])
def test_a_year_on_year_change_naming_the_year_before_gives_the_figure_the_year_after(extract, text):
    (statistic,) = news_zh(extract, text, "2031-03-03")
    assert statistic.period == "2030" and float(statistic.year_on_year) == 6.1


@pytest.mark.parametrize("text", ["一审有罪改判无罪33人,无罪改判有罪21人。", "受理审查起诉16周岁至18周岁的未成年犯罪嫌疑人5200人。"])
def test_a_changed_verdict_or_an_age_is_no_charge(extract, text):
    statistics = news_zh(extract, text, "2031-03-03")
    assert statistics and all(s.crime_type is None for s in statistics)


@pytest.mark.parametrize("text, measures", [
    ("立案办理民事公益诉讼2.1万件,提起民事公益诉讼1.05万件。", ["civil-public-interest-litigation-cases", "public-interest-lawsuits-filed"]),
    ("受理各级监委移送职务犯罪3.1万人,已起诉2.8万人。", ["prosecution-review-cases", "people-prosecuted"]),
])
def test_each_stage_of_a_case_keeps_its_own_measure(extract, text, measures):
    statistics = news_zh(extract, text, "2031-03-03")
    assert [s.measure for s in statistics] == measures


@pytest.mark.parametrize("text, field", [
    ("检察机关强化民事生效裁判监督,2031年1至6月,依法提出抗诉4200件,再审检察建议3100件。", "civil-procuratorial-supervision"),
    ("加强行政诉讼监督,提出抗诉120件,再审检察建议96件。", "administrative-procuratorial-supervision"),
])
def test_the_line_of_supervision_a_leading_clause_names_is_the_field_of_the_figures_after_it(extract, text, field):
    statistics = news_zh(extract, text, "2031-08-03")
    assert len(statistics) == 2 and all(s.field == field for s in statistics)


def test_compensation_claimed_is_not_money_recovered(extract):
    claimed, sought, recovered = extract("追偿生态环境损害赔偿金10.3亿元,督促索赔4.2亿元,追缴违法所得12.4亿元。", language="zh",
                                         date="2031-03-03", reference_period=None, document_type="news-article")
    assert (claimed.measure, sought.measure, recovered.measure) == ("damages-claimed", "damages-claimed", "money-recovered")


@pytest.mark.parametrize("text, period, previous", [
    ("5年来,各级检察机关共追诉漏犯2.4万人。", "2026/2030", None),
    ("近8年来,全市受理审查起诉案件4.1万件。", "2023/2030", None),
    ("全省起诉环境犯罪6100人,比前3年上升7.2%。", "2031", 7.2),
])
def test_years_counted_in_digits_before_the_document(extract, text, period, previous):
    statistic = news_zh(extract, text, "2031-04-03")[0]
    assert statistic.period == period
    assert (statistic.previous_period_change is None) if previous is None else \
        float(statistic.previous_period_change) == previous


@pytest.mark.parametrize("text, field", [
    ("针对侦查活动中的违法行为,共提出纠正意见3300件,已纠正2900件。", "investigation-supervision"),
    ("对刑事审判活动中违法情形提出纠正620件次,法院已纠正540件。", "criminal-trial-supervision"),
    ("对刑事执行活动违法问题提出纠正1.2万件,纠正率为91%。", "criminal-enforcement-supervision"),
])
def test_the_activity_whose_violations_are_corrected_is_the_field_of_every_figure_after_it(extract, text, field):
    statistics = news_zh(extract, text, "2031-04-03")
    assert len(statistics) == 2 and {s.field for s in statistics} == {field}


@pytest.mark.parametrize("text, label", [
    ("持续打击涉虚拟货币犯罪,起诉870人,同比上升21%。", "涉虚拟货币犯罪"),
    ("各地检察机关依法惩治涉预付卡犯罪,批准逮捕310人、起诉660人。", "涉预付卡犯罪"),
])
def test_a_charge_a_leading_clause_fights_is_the_subject_of_the_figures_after_it(extract, text, label):
    statistics = news_zh(extract, text, "2031-03-03")
    assert statistics and {s.named_subject.label for s in statistics} == {label}


@pytest.mark.parametrize("text", ["2030年,起诉县处级以上干部1200人,其中厅局级干部140人、省部级以上9人。",
                                  "2030年,立案侦查处级以上官员860人,其中局级75人。"])
def test_a_rank_counted_after_qizhong_is_no_measure(extract, text):
    statistics = news_zh(extract, text, "2031-03-03")
    assert len(statistics) >= 2 and len({s.measure for s in statistics}) == 1
    assert statistics[0].measure in ("people-prosecuted", "investigations-opened")


@pytest.mark.parametrize("text", ["起诉严重暴力犯罪3.9万人,同比下降8.3%,持续维持近10年的较低水平。",
                                  "不起诉率为9.2%,保持在近五年的高位区间。"])
def test_a_level_kept_over_years_is_no_period(extract, text):
    statistics = news_zh(extract, text, "2031-02-05")
    assert statistics and all(s.period == "2031" for s in statistics)


@pytest.mark.parametrize("text, period", [
    ("2026年至2028年3月,全省检察机关共监督民事虚假诉讼案件840件。", "2026-01/2028-03"),
    ("从2027年到2029年6月,累计起诉非法集资犯罪2.2万人。", "2027-01/2029-06"),
    ("自2028年10月《关于办理网络诽谤案件的意见》施行至2029年3月,共起诉诽谤犯罪310人。", "2028-10/2029-03"),
    ("自今年3月部署专项行动以来,截至7月底,共批准逮捕养老诈骗犯罪嫌疑人2100人。", "2029-03/2029-07"),
    ("新规自今年2月1日施行以来,共起诉非法采矿犯罪320人。", "2029-02/2029-09"),
    ("2028年4月起,开展为期一年的专项监督,共纠正违法减刑案件610件。", "2028-04/2029-03"),
    ("今年3月开始,检察机关开展为期半年的专项活动,共起诉非法集资犯罪1500人。", "2029-03/2029-08"),
])
def test_spans_to_a_month_across_a_title_or_a_campaign(extract, text, period):
    (statistic,) = news_zh(extract, text, "2029-09-20")
    assert statistic.period == period


@pytest.mark.parametrize("text", ["全省共救助3100人,其中残疾人420人。", "起诉拒不支付劳动报酬犯罪960人,其中农民工380人。"])
def test_a_group_of_the_people_counted_after_qizhong_is_no_measure(extract, text):
    whole, part = extract(text, language="zh")
    assert part.measure == whole.measure and part.named_measure is None


@pytest.mark.parametrize("text", ["全国有412个检察院建立了司法救助制度。", "已有36个基层院设立了未成年人检察工作室。"])
def test_a_count_of_procuratorates_is_no_count_of_people(extract, text):
    (statistic,) = extract(text, language="zh")
    assert statistic.unit == "items" and statistic.measure not in ("people-given-judicial-relief", "people-prosecuted")


@pytest.mark.parametrize("text, periods", [
    ("3年间,共提出抗诉860件,2030年民事抗诉改变率和再审检察建议采纳率分别为81.5%和70.2%。",
     ["2028/2030", "2030", "2030"]),
    ("不起诉人数2029年为1.2万人、2030年为1.5万人。", ["2029", "2030"]),
])
def test_a_year_right_before_the_verb_of_its_figures_is_their_period(extract, text, periods):
    statistics = news_zh(extract, text, "2031-02-23")
    assert [s.period for s in statistics] == periods


@pytest.mark.parametrize("text", ["依法纠正判处监禁刑罚罪犯未交付执行8300人。", "监督纠正已判处刑罚但未送监执行的罪犯1200人。"])
def test_correcting_sentenced_offenders_left_unexecuted_is_no_count_of_people_sentenced(extract, text):
    (statistic,) = extract(text, language="zh")
    assert statistic.measure != "people-sentenced"
