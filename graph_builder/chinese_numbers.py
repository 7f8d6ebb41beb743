"""Find numbers in Chinese text (simplified or traditional), normalise their values and tell quantities from
years, dates, ordinals, list markers, ages, time limits and ids: the Chinese counterpart of ``numbers.py``."""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

from .numbers import QUANTITY, NumberMention

_DIGIT_VALUES = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                 "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10 ** 4, "萬": 10 ** 4, "亿": 10 ** 8, "億": 10 ** 8}
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_CN = "〇零一二两兩三四五六七八九十百千万萬亿億"
_MORE = "余餘多"

NUMBER_PATTERN = re.compile(
    r"(?P<percent_of>百分之)?"
    r"(?P<core>(?<![0-9０-９.．])(?P<digits>[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?)"
    rf"|(?:[〇零一二两兩三四五六七八九十]|[百千](?=[{_MORE}人件名])|[万萬](?=[{_MORE}]))[{_CN}]{{0,30}}"
    # "逾万人" (more than ten thousand), "百分之百" (a hundred percent)
    r"|(?<=[逾超近约])[万萬](?=[人件名元])|(?<=百分之)百)"
    rf"(?P<more>[{_MORE}])?"
    r"(?P<scale>万亿|萬億|千万|千萬|百万|百萬|亿|億|万|萬|千(?![克米瓦])|百(?!分))?"
    rf"(?P<more2>[{_MORE}])?"
    r"(?P<unit>%|％|个百分点|個百分點|百分点|百分點|倍|成|美元|元)?")
_UNITS = {"%": "percent", "％": "percent", "个百分点": "percentage-points", "個百分點": "percentage-points",
          "百分点": "percentage-points", "百分點": "percentage-points", "倍": "times", "成": "percent",
          "元": "yuan", "美元": "us-dollars"}
# measure words: what was counted; they stay after ``end``
_COUNTER = re.compile(
    r"人次|件次|场次|場次|户次|戶次|批次|公斤|千克|平方米|公里|公顷|公頃|人|名|件|个|個|起|次|家|项|項|份|条|條|张|張|场|場|户|戶|"
    r"所|台|辆|輛|吨|噸|亩|畝|米|处|處|篇|部|本|位|种|種|类|類|宗|笔|筆|套|只|隻|头|頭|株|棵|艘|架|枚|期|门|門|支|间|間|座|"
    r"栋|棟|块|塊|片|册|冊|卷|盒|袋|瓶|箱|批|轮|輪")
_QUALIFIER_BEFORE = re.compile(
    r"(?:(?P<about>大约|大約|约为|約為|约合|約合|(?<![签簽合制节節契预預条條公违違履相])[约約])"
    r"|(?P<nearly>将近|將近|接近|(?<![最附亲親邻鄰就靠])近)|(?P<more>超过|超過|超出|逾|(?<![赶趕高])超)"
    r"|(?P<less>不到|不足)|(?P<least>至少))$")
_QUALIFIER_AFTER = re.compile(r"(?:" + _COUNTER.pattern + r")?(?:(?P<more>以上)|(?P<about>左右))")
_QUALIFIER_NAMES = {"about": "about", "nearly": "nearly", "more": "more than", "less": "less than",
                    "least": "at least"}
_BREAK = ":：;；,，。！？!?\n"
_TITLE = re.compile(r"《[^《》\n]*》")
_SECTION_AFTER = re.compile(r"条|條|款|项|項|章|节|節|编|編|目")
_AGE_AFTER = re.compile(r"周岁|週歲|岁|歲")
_YEAR_AFTER = re.compile(r"年(?!级|級)")
_ORDINAL_AFTER = re.compile(r"年级|年級|周年|週年")
_MONTH_AFTER = re.compile(r"月")
_DAY_AFTER = re.compile(r"[日号號](?P<within>内|內|以内|以內|之内|之內)?")
_DURATION_AFTER = re.compile(r"个多?月|個多?月|天|个?工作日|個?工作日|个?小时|個?小時|小时|小時|个?星期|個?星期|周(?![岁年])|週(?![歲年])|个季度|個季度")
_QUARTER_AFTER = re.compile(r"季度")
_TIME_AFTER = re.compile(r"[时時点點](?:许|許|半|[0-9０-９一二三四五六七八九十]{1,3}分)")
_TIME_BEFORE = re.compile(r"(?:上午|下午|晚上|早上|凌晨|中午|傍晚|当晚|当日|今天|昨天)$")
_SESSION_AFTER = re.compile(r"届|屆|次(?:全体|全體)?(?:会议|會議)|次全会|次全會|中全会|中全會")
_RANK_BEFORE = re.compile(r"(?<![目当當此之以提空眼面跟])前$")
_RANK_AFTER = re.compile(r"位|名|强|強")
_GROUPS_AFTER = re.compile(r"个?方面|個?方面|类|類")
_BATCH_BEFORE = re.compile(rf"第[0-9{_CN}]+批$")
_BATCHES_OF = re.compile(rf"批(?:次)?[0-9０-９{_CN}]")
_PARTS_OF_A_TEXT_AFTER = re.compile(r"个?(?:部分|罪名|字|关键词|章节?)|[处處](?:数据|提到|写到)")
_SERVICE_BEFORE = re.compile(r"(?:热线|熱線|电话|電話|拨打|撥打|致电|致電|号码|號碼|专线|專線)[:：]?$")
_SERVICE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:热线|熱線|中心|网|網|平台|专线|專線)")
_TARGET_WORDS = re.compile(r"力争|力爭|争取|爭取|目标|目標")
_LATIN_BEFORE = re.compile(r"[A-Za-z][-_]?$")
_PHONE_BEFORE = re.compile(r"[0-9]-$")
_RANGE_END = re.compile(r"[年月日号號岁歲周週]")
_PHONE_AFTER = re.compile(r"-[0-9]+(?![0-9年月日号號岁歲周週])")   # not 2018-2022年, 14-16周岁: ranges
_MARKER_AFTER = re.compile(r"[、.．]")
_MARKER_AFTER_DIGITS = re.compile(r"[、.．](?![0-9])")
_NOT_TENTHS = re.compile(r"[功立本员員果绩績效熟长長交都就才形年]")   # 成立, 成员: no tenths; 7成为 is 70% are
_CLAUSE_BREAK = re.compile(f"[{_BREAK}]")
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|.")
_NO_MORE = str.maketrans("", "", _MORE)
_SMALL_WORD = "small number in words"
# "两份报告均提及…", "三部文件同时印发": the documents a sentence speaks of, not a count it reports
_DOCUMENTS_MENTIONED = re.compile(r"[份篇部个個](?:工作)?(?:报告|報告|文件|通知|决定|決定|讲话|講話)(?:均|都|同时|同時|分别|分別|中|也)")
_OPENING_QUOTES = ("“", "「", "『", "‘", '"', "'")
# “3·15”特大走私案, "8.05"专案, “11·26”行动: digits alone in quotes name a case or an operation
_CASE_CODE_BEFORE = re.compile(r"[“「『‘\"'][0-9·•.．\-]*$")
_CASE_CODE_AFTER = re.compile(r"[0-9·•.．\-]*[”」』’\"'](?:[\u4e00-\u9fff]{0,8}?)(?:案|专案|行动|事件|系列案)")
# “12条措施”, 「8项举措」: a short quoted title whose noun names rules or measures, not a count
_CLOSING_QUOTE_SOON = re.compile(r"[条项个大点]?(?:措施|举措|意见|规定|要求|机制|清单|制度|禁令|准则|原则|指引|工作法|做法)"
                                 r"[^\s,;:.。、\d“”\"'‘’「」『』]{0,4}[”」』’\"']")


def _normal(value: Decimal) -> Decimal:
    """726000.0 -> 726000, 1.50 -> 1.5 (a run of thousands of digits, an id, is left as it is)."""
    if value.adjusted() > 30:
        return value
    if value == value.to_integral_value():
        return Decimal(int(value))
    return Decimal(format(value.normalize(), "f"))


def parse_chinese_number(text: str) -> Decimal:
    """Normalise a Chinese or mixed numeral: '三十六万余' -> 360000, '1.8亿' -> 180000000, '二〇二四' -> 2024,
    '４３００余亿' -> 430000000000, '百分之三十' -> 30. Raises ValueError for anything else."""
    cleaned = text.strip().translate(_FULL_WIDTH).replace(",", "")
    cleaned = cleaned.removeprefix("百分之").translate(_NO_MORE)
    if not cleaned:
        raise ValueError(f"not a number: {text!r}")
    if _PLAIN.fullmatch(cleaned):
        return _normal(Decimal(cleaned))
    if all(ch in _DIGIT_VALUES for ch in cleaned):        # 二〇二四, 五: digit by digit
        return Decimal("".join(str(_DIGIT_VALUES[ch]) for ch in cleaned))
    total = section = Decimal(0)
    number: Decimal | None = None
    for token in _TOKEN.findall(cleaned):
        if token[0] in "0123456789":
            number = Decimal(token)
        elif token in _DIGIT_VALUES:
            number = Decimal(_DIGIT_VALUES[token])
        elif token in _SMALL_UNITS:                        # 十四: a unit with no digit before counts one
            section += (Decimal(1) if number is None else number) * _SMALL_UNITS[token]
            number = None
        elif token in _BIG_UNITS:                          # 万余: a scale with nothing before counts one
            section += number if number is not None else (Decimal(0) if section else Decimal(1))
            if _BIG_UNITS[token] == 10 ** 8:               # 一亿三千万: 亿 closes everything before it
                total, section = (total + section) * _BIG_UNITS[token], Decimal(0)
            else:
                section *= _BIG_UNITS[token]
            number = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return _normal(total + section + (number or 0))


def _at_break(before: str, window_start: int) -> bool:
    """Whether the number opens a line or follows a colon, semicolon, comma or full stop."""
    stripped = before.rstrip(" \t\u3000")
    return stripped[-1] in _BREAK if stripped else window_start == 0


# a bound that describes what is counted, not a count: "超过1亿元的案件", "五年以上的", "不满18周岁的"
_THRESHOLD_AFTER = re.compile(r"^[元人件个吨]?(?:以上|以下|以内)(?:的|案件|大案|要案|[^,;。]{0,4}?水平)"
                              # "贪污受贿100万元、挪用公款1000万元以上案件": each bound of a list of them
                              r"|^元?、[^,;。]{0,12}?[0-9０-９.．]+[万亿]?元(?:以上|以下)(?:的|案件|大案|要案)")
_THRESHOLD_BEFORE = re.compile(r"(?:超过|高于|低于|不满|不足|满)$")
_OF_AFTER = re.compile(r"^[元人件个吨]?的")


def _by_context(text: str, match: re.Match[str], end: int, value: Decimal, unit: str | None) -> str | None:
    """The kind a number has from the words around it, or None when they say nothing."""
    start, core = match.start(), match.group("core")
    before, after = text[max(0, start - 20):start], text[end:end + 20]
    window_start = max(0, start - 20)
    integral = "." not in core and "．" not in core and not match.group("scale")
    if _QUARTER_AFTER.match(after):
        return "date"                                     # 前三季度, 第四季度, 一季度
    if _THRESHOLD_AFTER.match(after) or (_THRESHOLD_BEFORE.search(before) and _OF_AFTER.match(after)):
        return "threshold"                                # 涉案金额超过1亿元的案件, 判处五年以上的
    if _TIME_AFTER.match(after) or (before.endswith(("时", "時", "点", "點")) and after.startswith("分")) \
            or (_TIME_BEFORE.search(before) and after[:1] in ("时", "時", "点", "點")):       # 上午9点
        return "time of day"                              # 10时30分, 9时许
    if before.endswith("第"):
        return "section number" if _SECTION_AFTER.match(after) else "ordinal"
    if before.endswith(("条之", "條之", "款之")):
        return "section number"                           # 第二百八十七条之二
    if _BATCH_BEFORE.search(before):
        return "small count"                              # 第一批6件: the size of one batch
    if (_LATIN_BEFORE.search(before) and match.group("digits")) or (after[:1].isascii() and after[:1].isalpha()):
        return "identifier"                               # 5G, COVID-19
    if match.group("digits") and (_PHONE_BEFORE.search(before) and not _RANGE_END.match(after)
                                  or _PHONE_AFTER.match(after)):
        return "identifier"                               # 010-12345678
    if unit is None and integral and match.group("digits") and not _COUNTER.match(after):
        plain = core.replace(",", "")
        if len(plain) >= 7 or _SERVICE_BEFORE.search(before) or _SERVICE_AFTER.match(after) \
                or (len(plain) == 5 and plain.startswith("123")):
            return "identifier"                           # 12309检察服务热线, 拨打12345
    if unit is None and integral and len(core) <= 2 and _at_break(before, window_start) \
            and (_MARKER_AFTER_DIGITS if match.group("digits") else _MARKER_AFTER).match(after):
        return "list marker"                              # 一、  1.危险驾驶罪
    if unit is None and integral and len(core) <= 2 and before.endswith(("(", "（")) and after.startswith((")", "）")):
        return "list marker"                              # (一)  （2）
    if not match.group("digits") and unit is None and after.startswith("是") and _at_break(before, window_start):
        return "list marker"                              # 一是……二是……
    if unit is not None:
        return None
    if _AGE_AFTER.match(after):
        return "age"
    if _ORDINAL_AFTER.match(after):
        return "ordinal"
    if _YEAR_AFTER.match(after):
        plain = core.translate(_FULL_WIDTH)
        return "year" if integral and (plain.isdigit() or all(c in _DIGIT_VALUES for c in plain)) \
            and 1900 <= value <= 2100 else "duration"     # 2024年 / 十年以上, 前五年
    if _DURATION_AFTER.match(after):
        return "duration"                                 # 3个月内, 15个工作日
    if _MONTH_AFTER.match(after) and integral and value <= 12:
        return "date"
    day = _DAY_AFTER.match(after)
    if day and integral:
        if day.group("within") or value > 31:
            return "duration"                             # 7日内
        return "identifier" if before.endswith(("〕", "]", "）")) and not after.startswith("日") else "date"
    if _SESSION_AFTER.match(after):
        return "section number"                           # 十四届, 二次会议
    if _RANK_BEFORE.search(before) and _RANK_AFTER.match(after):
        return "ordinal"                                  # 居前五位
    if value <= 10 and (_GROUPS_AFTER.match(after) or (not match.group("digits") and after.startswith("批"))):
        return "small count"                              # 两批, 3类重点人群
    if _BATCHES_OF.match(after):
        return "small count"                              # 8批37件: the batches, the count is after them
    if value <= 20 and _PARTS_OF_A_TEXT_AFTER.match(after):
        return "small count"                              # 3个部分, 11处数据, 10个罪名: parts of a text or a law
    return None


def _is_target(text: str, start: int) -> bool:
    """Whether the clause before the number pledges a target (力争, 争取, 目标) rather than reports a result."""
    clause = _CLAUSE_BREAK.split(text[max(0, start - 40):start])[-1]
    return bool(_TARGET_WORDS.search(clause))


def _classify(text: str, match: re.Match[str], end: int, value: Decimal, unit: str | None) -> str:
    """QUANTITY, or the reason the number is not one (year, date, ordinal, list marker, age, identifier, ...)."""
    kind = _by_context(text, match, end, value, unit)
    if kind is not None:
        return kind
    core = match.group("core")
    if unit is None and (re.match(r"[:：]\d", text[end:end + 2]) or re.search(r"\d[:：]$", text[max(0, match.start() - 2):match.start()])):
        return "ratio"                                    # 占比为84:7:5:4
    if _CASE_CODE_BEFORE.search(text, max(0, match.start() - 8), match.start()) and _CASE_CODE_AFTER.match(text, end):
        return "part of a name"                           # “3·15”特大走私案, "8.05"专案: a case's code name
    if text[max(0, match.start() - 1):match.start()] in _OPENING_QUOTES and (
            not match.group("digits") or _CLOSING_QUOTE_SOON.match(text, end)):
        return "slogan"                                   # “四个意识”, “两个维护”, 「三个规定」, “12条措施”
    if unit is None and match.group("digits") and not match.group("scale") and len(core) == 4 and core.isdigit() \
            and 1900 <= value <= 2100 and not _COUNTER.match(text, end):
        return "year"                                     # 〔2024〕, 2023—2024
    if not match.group("digits") and unit is None and (core == "一" or not _COUNTER.match(text, end)):
        return _SMALL_WORD                                # 一个, 两高, 十分
    if not match.group("digits") and value <= 10 and _DOCUMENTS_MENTIONED.match(text, end):
        return "documents mentioned"                      # 两份报告均提及…, 三部文件: the texts at hand, no count
    if _is_target(text, match.start()):
        return "target"
    return QUANTITY


def _qualifier(text: str, match: re.Match[str], end: int) -> str | None:
    """The qualifier written before (约, 近, 超过, 不足) or after (余, 多, 以上, 左右) the number."""
    before = _QUALIFIER_BEFORE.search(text, max(0, match.start() - 3), match.start())
    if before:
        return _QUALIFIER_NAMES[before.lastgroup]
    if match.group("more") or match.group("more2"):
        return "more than"
    after = _QUALIFIER_AFTER.match(text, end)
    return _QUALIFIER_NAMES[after.lastgroup] if after else None


def _mention(text: str, match: re.Match[str], titles: list[tuple[int, int]]) -> NumberMention:
    """The number a match stands for, with its value, unit, kind and qualifier."""
    core = match.group("core")
    value = parse_chinese_number(core + (match.group("scale") or ""))
    end = match.end()
    unit = _UNITS.get(match.group("unit") or "")
    if match.group("unit") == "成":
        if value > 10 or match.group("scale") or _NOT_TENTHS.match(text, end):
            unit, end = None, match.start("unit")
        else:
            value = _normal(value * 10)                   # 四成 = 40 percent
    if match.group("percent_of"):
        unit = "percent"
    index = bisect_right(titles, (match.start(), len(text))) - 1
    if index >= 0 and titles[index][0] < match.start() < titles[index][1]:
        kind = "section number"                           # 《刑法修正案（十一）》
    else:
        kind = _classify(text, match, end, value, unit)
    return NumberMention(start=match.start(), end=end, text=text[match.start():end], value=value, kind=kind,
                         unit_suffix=unit, qualifier=_qualifier(text, match, end))


_RANGE_KINDS = ("year", "date", "duration", "age")


def find_numbers_zh(text: str) -> list[NumberMention]:
    """Every number of a Chinese ``text`` (Arabic, full-width or Chinese numerals, with 万/亿 scales), classified.

    ``end`` covers the scale, 余/多 and a unit written right after (%, 个百分点, 倍, 成, 元) but not the measure
    word (人, 件); a range such as 1至11月 or 14至16周岁 gives its first number the kind of its second.
    A lone numeral inside a word (统一, 一个, 十分) is left out."""
    titles = [(m.start(), m.end()) for m in _TITLE.finditer(text)]
    mentions = [_mention(text, match, titles) for match in NUMBER_PATTERN.finditer(text)]
    for index in range(len(mentions) - 2, -1, -1):
        first, second = mentions[index], mentions[index + 1]
        if first.kind in (QUANTITY, _SMALL_WORD) and first.unit_suffix is None and second.kind in _RANGE_KINDS \
                and second.start == first.end + 1 and text[first.end] in "至到—–-~～、":
            mentions[index] = NumberMention(first.start, first.end, first.text, first.value, second.kind,
                                            None, first.qualifier)
    # a lone numeral that counts nothing is part of a word (统一, 一般, 十分, 两高), not a number
    return [m for m in mentions if not (m.kind == _SMALL_WORD and len(m.text) == 1)]
