"""Numbers in Chinese text: values, scales, units, qualifiers, offsets and telling statistics from other numbers."""

import time
from decimal import Decimal

import pytest

from graph_builder.chinese_numbers import find_numbers_zh, parse_chinese_number
from graph_builder.numbers import QUANTITY


def number_at(text, piece, occurrence=0):
    """The mention that starts where ``piece`` (the expected span) starts, checked to cover exactly ``piece``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    found = [m for m in find_numbers_zh(text) if m.start == start]
    assert len(found) == 1, (piece, find_numbers_zh(text))
    mention = found[0]
    assert text[mention.start:mention.end] == mention.text == piece, (piece, mention)
    return mention


def kind_of(text, piece):
    """The kind of the number written as ``piece`` (the number alone, before any measure word)."""
    start = text.index(piece)
    found = [m for m in find_numbers_zh(text) if m.start == start]
    assert len(found) == 1, (piece, find_numbers_zh(text))
    return found[0].kind


@pytest.mark.parametrize("text, value", [
    ("十四", 14), ("二十一", 21), ("三十六万", 360000), ("一千一百", 1100), ("两千", 2000), ("兩萬", 20000),
    ("一千零五", 1005), ("十万", 100000), ("一亿三千万", 130000000), ("十四万五千", 145000), ("三万亿", 3 * 10 ** 12),
    ("二〇二三", 2023), ("零", 0), ("72.6万", 726000), ("1.8亿", 180000000), ("4300余亿", 430000000000),
    ("3100余万", 31000000), ("１２．５万", 125000), ("1,234", 1234), ("1.5万亿", 1500000000000), ("三十六万余", 360000),
    ("百分之三十", 30), ("0.75", Decimal("0.75")),
])
def test_parse_chinese_number(text, value):
    assert parse_chinese_number(text) == Decimal(value)


def test_parse_chinese_number_rejects_words():
    with pytest.raises(ValueError):
        parse_chinese_number("检察机关")


def test_digits_with_scales_and_the_measure_word_left_after_the_end():
    text = "全省检察机关共起诉各类犯罪嫌疑人3.4万人，同比下降2.1%；全年办理审查起诉案件25.8万件。"
    people = number_at(text, "3.4万")
    assert people.value == Decimal(34000) and people.kind == QUANTITY and people.unit_suffix is None
    assert text[people.end] == "人"
    cases = number_at(text, "25.8万")
    assert cases.value == Decimal(258000) and text[cases.end] == "件"
    assert number_at(text, "2.1%").value == Decimal("2.1")


@pytest.mark.parametrize("text, piece, value", [
    ("本市检察机关批准逮捕1.26万人，其中未成年人847人", "1.26万", 12600),
    ("起訴5.2萬人，不起訴0.9萬人", "5.2萬", 52000),
    ("共审查各类案件1.2亿件次", "1.2亿", 120000000),
    ("涉案资金规模高达2.4万亿", "2.4万亿", 2400000000000),
    ("辖区内共有律师3千人", "3千", 3000),
    ("共收到群众来信12,486封", "12,486", 12486),
    ("共办理１２３４件，同比上升明显", "１２３４", 1234),
    ("办理审查逮捕案件6200余万", "6200余万", 62000000),
])
def test_arabic_numbers_with_scales(text, piece, value):
    mention = number_at(text, piece)
    assert mention.value == Decimal(value) and mention.kind == QUANTITY


def test_commas_that_are_not_thousands_separators():
    text = "两地分别起诉12，345人；另有3,21人待审,其余86人已结案"
    values = [m.value for m in find_numbers_zh(text) if m.kind == QUANTITY]
    assert values == [Decimal(12), Decimal(345), Decimal(3), Decimal(21), Decimal(86)]


@pytest.mark.parametrize("text, piece, value", [
    ("全年共有二十三名检察人员受到党纪处分", "二十三", 23),
    ("移送起诉犯罪嫌疑人十七人", "十七", 17),
    ("该团伙另有两人在逃", "两", 2),
    ("办结涉农案件一千一百件", "一千一百", 1100),
    ("依法追诉漏犯四百零六人", "四百零六", 406),
    ("受理申请十六万余件", "十六万余", 160000),
    ("本院審結案件三百二十件", "三百二十", 320),
])
def test_chinese_numerals_counting_something(text, piece, value):
    mention = number_at(text, piece)
    assert mention.value == Decimal(value) and mention.kind == QUANTITY


@pytest.mark.parametrize("text, piece, value, qualifier", [
    ("监督撤案2600余件", "2600余", 2600, "more than"),
    ("追回赃款3100余万元", "3100余万元", 31000000, "more than"),
    ("挽回损失4300余亿元", "4300余亿元", 430000000000, "more than"),
    ("开展巡回检察30多次", "30多", 30, "more than"),
    ("涉案金额10多万元", "10多万元", 100000, "more than"),
    ("不起訴1100餘人", "1100餘", 1100, "more than"),
    ("惠及群众三十六万余人", "三十六万余", 360000, "more than"),
    ("受理控告申诉3万件以上", "3万", 30000, "more than"),
    ("占起诉总数的四成以上", "四成", 40, "more than"),
    ("覆盖近5000所学校", "5000", 5000, "nearly"),
    ("接近1.5万人参与", "1.5万", 15000, "nearly"),
    ("涉及群众约2.3万人", "2.3万", 23000, "about"),
    ("参与群众大约1,200人", "1,200", 1200, "about"),
    ("案件办结率约为96.4%", "96.4%", Decimal("96.4"), "about"),
    ("培训人员3万人左右", "3万", 30000, "about"),
    ("累计超过1.2万件", "1.2万", 12000, "more than"),
    ("惠及逾80万名农民工", "80万", 800000, "more than"),
    ("参训人员不到500人", "500", 500, "less than"),
    ("結案率不足六成", "六成", 60, "less than"),
    ("至少12名嫌疑人", "12", 12, "at least"),
    ("帮助追回欠薪逾万元", "万元", 10000, "more than"),
    ("全年受理咨询近万件", "万", 10000, "nearly"),
])
def test_qualifiers(text, piece, value, qualifier):
    mention = number_at(text, piece)
    assert mention.value == Decimal(value) and mention.qualifier == qualifier and mention.kind == QUANTITY


def test_no_qualifier_from_words_that_only_look_like_one():
    assert number_at("最近3000人报名", "3000").qualifier is None
    assert number_at("签约120家企业", "120").qualifier is None


@pytest.mark.parametrize("text, piece, value, unit", [
    ("同比下降2.1%", "2.1%", Decimal("2.1"), "percent"),
    ("采纳率为９７．３％", "９７．３％", Decimal("97.3"), "percent"),
    ("占全部案件的百分之三十", "百分之三十", 30, "percent"),
    ("同比增加2.6个百分点", "2.6个百分点", Decimal("2.6"), "percentage-points"),
    ("比上年提高0.8百分点", "0.8百分点", Decimal("0.8"), "percentage-points"),
    ("同比上升1.3個百分點", "1.3個百分點", Decimal("1.3"), "percentage-points"),
    ("是五年前的2.8倍", "2.8倍", Decimal("2.8"), "times"),
    ("起訴人數同比上升1.7倍", "1.7倍", Decimal("1.7"), "times"),
    ("受理数量增长一倍", "一倍", 1, "times"),
    ("挽回损失860元", "860元", 860, "yuan"),
    ("涉案金额12.6亿元", "12.6亿元", 1260000000, "yuan"),
    ("追缴违法所得5400万元", "5400万元", 54000000, "yuan"),
    ("返還被害人3.2億元", "3.2億元", 320000000, "yuan"),
    ("重复信访下降四成", "四成", 40, "percent"),
    ("涉案未成年人中约7成为留守儿童", "7成", 70, "percent"),
])
def test_units_written_after_the_number(text, piece, value, unit):
    mention = number_at(text, piece)
    assert mention.value == Decimal(value) and mention.unit_suffix == unit and mention.kind == QUANTITY


def test_tenths_with_qualifiers():
    nearly = number_at("涉网犯罪占近三成", "三成")
    assert (nearly.value, nearly.unit_suffix, nearly.qualifier) == (Decimal(30), "percent", "nearly")
    about = number_at("年均增长约两成，", "两成")
    assert (about.value, about.unit_suffix, about.qualifier) == (Decimal(20), "percent", "about")


def test_cheng_that_is_a_word_and_not_tenths():
    assert number_at("3名成员已到案", "3").unit_suffix is None
    assert number_at("由12成员单位组成", "12").unit_suffix is None
    tenths = number_at("积案中5成为民事案件", "5成")
    assert (tenths.value, tenths.unit_suffix) == (Decimal(50), "percent")


def test_offsets_in_a_longer_passage():
    text = "一、办案情况\n今年以来，全区检察机关受理审查起诉4,560人，同比上升12.5%，起诉率为83.1%，比上年同期增加2.2个百分点。"
    for piece, value in (("4,560", 4560), ("12.5%", Decimal("12.5")), ("83.1%", Decimal("83.1")),
                         ("2.2个百分点", Decimal("2.2"))):
        mention = number_at(text, piece)
        assert mention.value == Decimal(value) and mention.kind == QUANTITY
    assert number_at(text, "一").kind == "list marker"


@pytest.mark.parametrize("text, piece, kind", [
    ("发布指导性案例6批28件。", "6", "small count"),
    ("全年发布典型案例12批110件。", "12", "small count"),
    ("报告分为4个部分,9处数据有所下降。", "4", "small count"),
    ("报告分为4个部分,9处数据有所下降。", "9", "small count"),
    ("涉及其中7个罪名的1200人。", "7", "small count"),
    ("2023年，全市检察机关依法履职", "2023", "year"),
    ("2020年至2022年，累计受理线索8千条", "2020", "year"),
    ("2020年至2022年，累计受理线索8千条", "2022", "year"),
    ("2018-2022年期间", "2018", "year"),
    ("二〇二四年工作安排", "二〇二四", "year"),
    ("高检发〔2024〕12号文件", "2024", "year"),
    ("5月20日，检察长出席会议", "5", "date"),
    ("5月20日，检察长出席会议", "20", "date"),
    ("截至9月30日", "30", "date"),
    ("1至10月，全市共批捕", "1", "date"),
    ("1至10月，全市共批捕", "10", "date"),
    ("今年1、2月份案件数量下降", "1", "date"),
    ("前三季度全市起诉", "三", "date"),
    ("第二季度數據顯示", "二", "date"),
    ("当日9时许，被告人", "9", "time of day"),
    ("依照刑法第一百三十三条之一", "一百三十三", "section number"),
    ("依照刑法第一百三十三条之一", "一", "section number"),
    ("根据第十二条规定", "十二", "section number"),
    ("在第十三届全国人民代表大会第五次会议上", "十三", "ordinal"),
    ("在第十三届全国人民代表大会第五次会议上", "五", "ordinal"),
    ("十三届全国人大五次会议审议通过", "十三", "section number"),
    ("十三届全国人大五次会议审议通过", "五", "section number"),
    ("发布第38号指导性案例", "38", "ordinal"),
    ("第七检察厅负责办理", "七", "ordinal"),
    ("连续第三年下降", "三", "ordinal"),
    ("案件数量居前三位的地区", "三", "ordinal"),
    ("起诉人数排名前十名的罪名", "十", "ordinal"),
    ("《中华人民共和国刑法修正案（十二）》施行", "十二", "section number"),
    ("学习《2024年检察工作要点》", "2024", "section number"),
])
def test_dates_years_ordinals_and_section_numbers(text, piece, kind):
    assert kind_of(text, piece) == kind


@pytest.mark.parametrize("text, piece", [
    ("一、主要办案数据", "一"),
    ("  三、存在的问题", "三"),
    ("（一）刑事检察", "一"),
    ("(二)民事检察", "二"),
    ("（3）公益诉讼", "3"),
    ("罪名依次为：1.盗窃罪3.1万人；2.诈骗罪2.2万人", "1"),
    ("罪名依次为：1.盗窃罪3.1万人；2.诈骗罪2.2万人", "2"),
    ("主要做法：一是强化监督，二是健全机制", "一"),
    ("主要做法：一是强化监督，二是健全机制", "二"),
    ("措施如下：\n1、加强办案指导", "1"),
])
def test_list_markers(text, piece):
    assert kind_of(text, piece) == "list marker"


def test_list_marker_does_not_hide_the_count_after_it():
    text = "罪名依次为：1.盗窃罪3.1万人；2.诈骗罪2.2万人"
    assert number_at(text, "3.1万").value == Decimal(31000) and number_at(text, "3.1万").kind == QUANTITY
    assert number_at(text, "2.2万").value == Decimal(22000)


@pytest.mark.parametrize("text, piece, kind", [
    ("被告人犯罪时已满13周岁、未满15周岁", "13", "age"),
    ("被告人犯罪时已满13周岁、未满15周岁", "15", "age"),
    ("未满十八周岁的被告人", "十八", "age"),
    ("年满七十五周岁的老人", "七十五", "age"),
    ("12至14岁的儿童", "12", "age"),
    ("年滿16週歲", "16", "age"),
    ("欢迎拨打12309进行举报", "12309", "identifier"),
    ("通过12345政务服务热线转办", "12345", "identifier"),
    ("通过12309网上平台提交申请", "12309", "identifier"),
    ("举报电话：96110", "96110", "identifier"),
    ("联系电话010-65209999", "010", "identifier"),
    ("推动5G网络建设", "5", "identifier"),
    ("受COVID-19疫情影响", "19", "identifier"),
    ("7日内作出程序性回复", "7", "duration"),
    ("3个月内审结完毕", "3", "duration"),
    ("15个工作日内办结", "15", "duration"),
    ("30天内审查完毕", "30", "duration"),
    ("羁押超过十年以上的案件", "十", "duration"),
    ("较前三年均值有所回落", "三", "duration"),
    ("三至五年有期徒刑", "三", "duration"),
    ("先后发布两批典型案例", "两", "small count"),
    ("分三批开展督导", "三", "small count"),
    ("第一批5件案例聚焦食品安全", "5", "small count"),
    ("聚焦3类重点人群", "3", "small count"),
    ("围绕四个方面展开", "四", "small count"),
    ("力争全年办案数量突破5万件", "5万", "target"),
    ("目标是追赃挽损20亿元", "20亿元", "target"),
])
def test_numbers_that_are_not_statistics(text, piece, kind):
    assert kind_of(text, piece) == kind


def test_batch_count_in_digits_is_still_a_quantity():
    assert kind_of("先后发布12批指导性案例", "12") == QUANTITY


def test_numerals_inside_words_are_not_numbers():
    for text in ("统一法律适用标准", "十分重要", "“两高”联合发布", "一老一小", "千方百计", "万人空巷", "一个个问题"):
        assert all(m.kind != QUANTITY for m in find_numbers_zh(text)), text


def test_one_as_an_article_is_not_a_quantity():
    text = "一起案件牵出一个犯罪团伙十一人"
    assert [(m.text, m.value) for m in find_numbers_zh(text) if m.kind == QUANTITY] == [("十一", Decimal(11))]


def test_english_text_does_not_crash():
    text = "In 2024, prosecutors charged 1,234 people, up 5.6% (COVID-19 cases excluded). Call 12309."
    mentions = find_numbers_zh(text)
    assert all(text[m.start:m.end] == m.text for m in mentions)
    assert find_numbers_zh("") == []


def test_runs_in_linear_time():
    passage = "一、概况\n2023年1至11月，全省检察机关起诉各类犯罪嫌疑人3.4万人，同比下降2.1%，涉案金额12.6亿元，近三成为网络犯罪。\n"
    big = passage * (1_000_000 // len(passage))
    started = time.perf_counter()
    assert len(find_numbers_zh(big)) > 10_000
    for hostile in ("1" * 200_000, "一万" * 100_000, "《" * 100_000, "百分之" * 100_000, "1," * 100_000):
        find_numbers_zh(hostile)
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize("text, number", [
    ("其中涉案金额超过5000万元的案件18件", "5000万元"),
    ("对判处三年以上的罪犯开展回访", "三"),
    ("标的额在100万元以上的民事案件", "100万元"),
    ("查办受贿50万元以上案件320件", "50万元"),
    ("起诉走私20万元、逃税300万元以上大案41件", "20万元"),
    ("起诉走私20万元、逃税300万元以上大案41件", "300万元"),
    ("不起诉率保持在5%以下的较低水平", "5%"),
])
def test_a_bound_describing_what_is_counted_is_no_count(text, number):
    kinds = {m.text: m.kind for m in find_numbers_zh(text)}
    assert kinds[number] != "quantity", kinds


@pytest.mark.parametrize("text, piece", [
    ("四类案件占比为70:12:10:8。", "12"),
    ("男女比例约为3:1。", "3"),
])
def test_numbers_of_a_ratio_are_no_quantities(text, piece):
    assert kind_of(text, piece) == "ratio"


@pytest.mark.parametrize("text, piece", [
    ("会议今天上午9点在北京开幕。", "9"),
    ("发布会于下午3点举行。", "3"),
])
def test_an_hour_of_the_day_is_no_quantity(text, piece):
    assert kind_of(text, piece) == "time of day"


@pytest.mark.parametrize("text", ["最高检出台“12条措施”,严惩走私。", "省院制定「8项举措」推进办案。"])
def test_a_number_in_a_short_quoted_title_of_measures_is_no_quantity(text):
    (number,) = find_numbers_zh(text)
    assert number.kind != QUANTITY


def test_a_quoted_count_is_still_a_quantity():
    (number,) = find_numbers_zh("“9000件”背后是检察官的坚守。")
    assert number.kind == QUANTITY and number.value == 9000


@pytest.mark.parametrize("text", ["两份通知均要求从严惩治走私犯罪。", "三部文件同时印发实施。"])
def test_the_documents_a_sentence_speaks_of_are_no_count(text):
    assert all(number.kind != QUANTITY for number in find_numbers_zh(text))


def test_documents_issued_are_still_counted():
    (number,) = find_numbers_zh("今年共制定三个规范性文件。")
    assert number.kind == QUANTITY and number.value == 3


@pytest.mark.parametrize("text", ["依法办理“6·18”特大走私系列案,起诉被告人47人。", "侦破「9.21」专案后,起诉12人。"])
def test_digits_alone_in_quotes_before_a_case_name_are_its_code(text):
    kinds = [n.kind for n in find_numbers_zh(text)]
    assert kinds.count("part of a name") == len(kinds) - 1 and kinds[-1] == "quantity"


@pytest.mark.parametrize("text", ["宁波检察机关起诉“9.12”系列电信诈骗案的被告人。", "办理‘4·28’跨境走私专案。"])
def test_digits_in_quotes_before_a_case_name_are_its_code(text):
    assert all(m.kind != "quantity" for m in find_numbers_zh(text))


@pytest.mark.parametrize("text", ["出庭率达到百分之百。", "实现了百分之百回访。"])
def test_a_hundred_percent_in_words(text):
    (mention,) = find_numbers_zh(text)
    assert mention.value == 100 and mention.unit_suffix == "percent"

